// The 21 counties (län) and 290 municipalities (kommuner), keyed by SCB's codes.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('counties', table => {
    table.specificType('code', 'char(2)').primary()
    table.specificType('name', 'text COLLATE "sv-SE-x-icu"').notNullable().unique()
  })
  await knex.raw(`ALTER TABLE counties ADD CONSTRAINT counties_code_digits CHECK (code ~ '^[0-9]{2}$')`)
  await knex.schema.createTable('municipalities', table => {
    table.specificType('code', 'char(4)').primary()
    table.specificType('name', 'text COLLATE "sv-SE-x-icu"').notNullable()
    table.specificType('county_code', 'char(2)').notNullable().references('code').inTable('counties')
  })
  await knex.raw(
    `ALTER TABLE municipalities ADD CONSTRAINT municipalities_code_digits CHECK (code ~ '^[0-9]{4}$' AND left(code, 2) = county_code)`,
  )
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('municipalities')
  await knex.schema.dropTable('counties')
}
