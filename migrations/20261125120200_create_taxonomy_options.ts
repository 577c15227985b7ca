// The survey's answer options (purposes, areas, usage areas, unspent reasons, goal fulfilment)
// and the survey rounds in which each was offered.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('taxonomy_options', table => {
    table.text('dimension').notNullable()
    table.text('code').notNullable()
    table.text('label_sv').notNullable()
    table.text('label_en').notNullable()
    table.boolean('free_text').notNullable().defaultTo(false)
    table.integer('sort_order').notNullable()
    // true: asked in every survey round (no list of rounds in the source)
    table.boolean('every_round').notNullable().defaultTo(false)
    table.primary(['dimension', 'code'])
  })
  await knex.raw(
    `ALTER TABLE taxonomy_options ADD CONSTRAINT taxonomy_options_dimension
       CHECK (dimension IN ('purposes', 'areas', 'usage_areas', 'unspent_reasons', 'goal_fulfilment'))`,
  )
  await knex.schema.createTable('taxonomy_option_rounds', table => {
    table.text('dimension').notNullable()
    table.text('code').notNullable()
    table.integer('survey_round').notNullable()
    table.primary(['dimension', 'code', 'survey_round'])
    table.foreign(['dimension', 'code']).references(['dimension', 'code']).inTable('taxonomy_options')
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('taxonomy_option_rounds')
  await knex.schema.dropTable('taxonomy_options')
}
