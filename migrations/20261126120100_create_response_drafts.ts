// A municipality's unfinished spending report (återrapportering): one draft per municipality and programme year,
// the form's fields as typed. A draft is not a response: it is changed in place and removed on submitting.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('response_drafts', table => {
    table.bigIncrements('id')
    table.integer('programme_id').notNullable().references('id').inTable('programmes')
    table.integer('programme_year').notNullable()
    table.specificType('municipality_code', 'char(4)').notNullable().references('code').inTable('municipalities')
    table.jsonb('answers').notNullable()
    table.text('updated_by').notNullable()
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    table.unique(['programme_id', 'programme_year', 'municipality_code'])
    table
      .foreign(['programme_id', 'programme_year'])
      .references(['programme_id', 'programme_year'])
      .inTable('programme_years')
  })
  await knex.raw(
    `ALTER TABLE response_drafts ADD CONSTRAINT response_drafts_answers CHECK (jsonb_typeof(answers) = 'object')`,
  )
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('response_drafts')
}
