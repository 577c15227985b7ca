// Opens the database the configuration names: DATABASE_URL, or an embedded PostgreSQL under DATA_DIR.
import knexFactory, { type Knex } from 'knex'
import pg from 'pg'
import { migrationConfig } from '../../knexfile.ts'
import type { Config } from '../config.ts'
import { startEmbeddedPostgres } from './embeddedPostgres.ts'

// bigint (int8) and numeric come back from pg as strings; money is integer öre, well inside 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, value => {
  const n = Number(value)
  if (!Number.isSafeInteger(n)) throw new Error(`integer out of range: ${value}`)
  return n
})
// Dates stay 'YYYY-MM-DD' strings: no time zone can shift them.
pg.types.setTypeParser(pg.types.builtins.DATE, value => value)

export interface Database {
  knex: Knex
  close: () => Promise<void>
}

export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  options: { database?: string; pool?: { min: number; max: number } } = {},
): Promise<Database> {
  let connectionString = config.databaseUrl
  let stopServer = async () => {}
  if (!connectionString) {
    const server = await startEmbeddedPostgres(config.dataDir, options.database ?? 'stimulans')
    connectionString = server.connectionString
    stopServer = server.stop
  }
  const knex = knexFactory({
    client: 'pg',
    connection: connectionString,
    pool: options.pool ?? { min: 0, max: 10 },
    migrations: migrationConfig,
  })
  return {
    knex,
    close: async () => {
      await knex.destroy()
      await stopServer()
    },
  }
}

export async function migrateLatest(knex: Knex): Promise<void> {
  await knex.migrate.latest(migrationConfig)
}
