// Runs the command line in-process against the test database and captures what it prints.
import type { Knex } from 'knex'
import { runCli } from '../../app/cli/commands.ts'
import { services } from '../../app/services/index.ts'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

export async function cli(knex: Knex, ...argv: string[]): Promise<CliRun> {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(
    argv,
    { stdout: text => out.push(text), stderr: text => err.push(text), interactive: false },
    async () => services(knex),
  )
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}
