// A programme (an agreement or grant) has programme years, each with its budget lines.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('programmes', table => {
    table.increments('id')
    table.text('code').notNullable().unique()
    table.text('name_sv').notNullable()
    table.text('name_en').notNullable()
    table.specificType('currency', 'char(3)').notNullable().defaultTo('SEK')
    table.text('source').notNullable().defaultTo('')
  })
  await knex.raw(`ALTER TABLE programmes ADD CONSTRAINT programmes_code_form CHECK (code ~ '^[a-z0-9][a-z0-9-]*$')`)

  await knex.schema.createTable('programme_years', table => {
    table.increments('id')
    table.integer('programme_id').notNullable().references('id').inTable('programmes')
    table.integer('programme_year').notNullable()
    table.bigInteger('budget_ore').notNullable()
    table.date('requisition_deadline')
    table.date('report_deadline')
    table.unique(['programme_id', 'programme_year'])
  })
  await knex.raw(
    `ALTER TABLE programme_years ADD CONSTRAINT programme_years_sane CHECK (programme_year BETWEEN 2000 AND 2100 AND budget_ore >= 0)`,
  )

  await knex.schema.createTable('budget_lines', table => {
    table.increments('id')
    table.integer('programme_year_id').notNullable().references('id').inTable('programme_years')
    // requisitionable: the pool municipalities may requisition; direct_grants: paid without requisition
    // (model municipalities); other_bodies: money to others than municipalities (SKR's support).
    table.text('kind').notNullable()
    table.text('label_sv').notNullable()
    table.text('label_en').notNullable()
    table.bigInteger('amount_ore').notNullable()
    table.unique(['programme_year_id', 'kind'])
  })
  await knex.raw(
    `ALTER TABLE budget_lines ADD CONSTRAINT budget_lines_kind CHECK (kind IN ('requisitionable', 'direct_grants', 'other_bodies')),
     ADD CONSTRAINT budget_lines_amount CHECK (amount_ore >= 0)`,
  )
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('budget_lines')
  await knex.schema.dropTable('programme_years')
  await knex.schema.dropTable('programmes')
}
