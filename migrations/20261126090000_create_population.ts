// Population per municipality and year (from SCB), imported by `import population FILE`: the size groups of the
// report are computed from it.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('population', table => {
    table.specificType('municipality_code', 'char(4)').notNullable().references('code').inTable('municipalities')
    table.integer('year').notNullable()
    table.integer('population').notNullable()
    table.bigInteger('import_id').references('id').inTable('imports')
    table.primary(['municipality_code', 'year'])
  })
  await knex.raw(
    `ALTER TABLE population ADD CONSTRAINT population_sane CHECK (year BETWEEN 1900 AND 2100 AND population >= 0)`,
  )
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('population')
}
