// Files uploaded in the browser and previewed, kept until the administrator confirms (or a day has passed):
// the confirm imports exactly these bytes, whose hash the database checks.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('pending_uploads', table => {
    table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'))
    table.text('kind').notNullable()
    table.text('file_name').notNullable()
    // what was uploaded; an XLSX file is kept as the CSV it was converted to
    table.text('source_format').notNullable()
    table.binary('content').notNullable()
    table.specificType('content_sha256', 'char(64)').notNullable()
    // what the preview showed
    table.integer('row_count').notNullable()
    table.integer('new_count').notNullable()
    table.integer('unchanged_count').notNullable()
    table.text('uploaded_by').notNullable()
    table.timestamp('uploaded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    table.index(['uploaded_at'])
  })
  await knex.raw(
    `ALTER TABLE pending_uploads
       ADD CONSTRAINT pending_uploads_kind CHECK (kind IN ('ledger', 'responses')),
       ADD CONSTRAINT pending_uploads_source_format CHECK (source_format IN ('csv', 'xlsx')),
       ADD CONSTRAINT pending_uploads_file_name CHECK (length(file_name) BETWEEN 1 AND 255),
       ADD CONSTRAINT pending_uploads_sha256 CHECK (content_sha256 = encode(sha256(content), 'hex')),
       ADD CONSTRAINT pending_uploads_counts CHECK (row_count >= 0 AND new_count >= 0 AND unchanged_count >= 0)`,
  )
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('pending_uploads')
}
