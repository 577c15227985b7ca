// Entry point of `npm run cli -- …`: opens the database the configuration names and runs one command.
import { loadConfig } from '../config.ts'
import { openDatabase, type Database } from '../db/database.ts'
import { services, type Services } from '../services/index.ts'
import { runCli } from './commands.ts'

let db: Database | undefined

async function open(): Promise<Services> {
  db = await openDatabase(loadConfig())
  return services(db.knex)
}

/** Standard input when it is piped (`echo "$PASSWORD" | npm run cli -- user add …`); never waits on a terminal. */
async function readPipedStdin(): Promise<string | undefined> {
  if (process.stdin.isTTY) return undefined
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8').split('\n')[0]
}

async function main(): Promise<number> {
  try {
    return await runCli(
      process.argv.slice(2),
      {
        stdout: text => process.stdout.write(`${text}\n`),
        stderr: text => process.stderr.write(text.startsWith('\r') ? text : `${text}\n`),
        interactive: process.stderr.isTTY === true,
        readStdin: readPipedStdin,
      },
      open,
    )
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).stack ?? error}\n`)
    return 1
  } finally {
    await db?.close()
  }
}

process.exitCode = await main()
