// The integration tests' database: TEST_DATABASE_URL if set, otherwise an embedded PostgreSQL in a
// temporary directory. Migrated and loaded with reference data once; data tables emptied between tests.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Knex } from 'knex'
import { openDatabase, type Database } from '../../app/db/database.ts'
import { referenceService } from '../../app/services/referenceService.ts'

let opened: Promise<Database> | undefined
let tempDir: string | undefined

export async function testKnex(): Promise<Knex> {
  if (!opened) {
    opened = (async () => {
      const url = process.env.TEST_DATABASE_URL
      if (!url) tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stimulans-test-'))
      fs.chmodSync(tempDir ?? os.tmpdir(), 0o755)
      const db = await openDatabase(
        { databaseUrl: url || undefined, dataDir: tempDir ?? '' },
        { database: 'stimulans_test' },
      )
      try {
        await referenceService(db.knex).setup('test')
      } catch (error) {
        await db.close()
        throw error
      }
      return db
    })()
  }
  return (await opened).knex
}

/** Empties every table that tests write, keeping the reference data. */
export async function resetData(knex: Knex): Promise<void> {
  const tables = await knex('information_schema.tables')
    .where({ table_schema: 'public', table_type: 'BASE TABLE' })
    .whereNotIn('table_name', [
      'counties',
      'municipalities',
      'programmes',
      'programme_years',
      'budget_lines',
      'taxonomy_options',
      'taxonomy_option_rounds',
      'knex_migrations',
      'knex_migrations_lock',
      // users outlive a reset: tests sign them in once, in before()
      'users',
      'user_sessions',
    ])
    .pluck('table_name')
  if (tables.length > 0) await knex.raw(`TRUNCATE ${tables.map(t => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`)
}

export async function closeTestDatabase(): Promise<void> {
  if (!opened) return
  const db = await opened
  opened = undefined
  await db.close()
  if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true })
}
