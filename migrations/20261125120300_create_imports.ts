// One row per file that changed something: what it was, its hash and what it wrote.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('imports', table => {
    table.bigIncrements('id')
    table.text('kind').notNullable()
    table.text('file_name').notNullable()
    table.specificType('file_sha256', 'char(64)').notNullable()
    table.integer('row_count').notNullable()
    table.integer('written_count').notNullable()
    table.integer('unchanged_count').notNullable()
    table.text('imported_by').notNullable()
    table.timestamp('imported_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
  })
  await knex.raw(
    `ALTER TABLE imports ADD CONSTRAINT imports_kind CHECK (kind IN ('ledger', 'responses', 'population')),
     ADD CONSTRAINT imports_counts CHECK (row_count >= 0 AND written_count >= 0 AND unchanged_count >= 0)`,
  )
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('imports')
}
