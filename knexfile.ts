// Where the migrations and seeds live; app/db/database.ts adds the connection (embedded or DATABASE_URL).
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Knex } from 'knex'

const root = path.dirname(fileURLToPath(import.meta.url))

export const migrationConfig: Knex.MigratorConfig = {
  directory: path.join(root, 'migrations'),
  loadExtensions: ['.ts'],
  tableName: 'knex_migrations',
}

export default { client: 'pg', migrations: migrationConfig }
