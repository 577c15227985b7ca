// The evaluator's size-group bounds (lower bounds of the groups by population), one row; without it the bounds of
// the published report apply (under 10 000, 10–20 000, 20–50 000, 50–100 000, over 100 000).
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION size_group_bounds_valid(bounds integer[]) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
      SELECT cardinality(bounds) BETWEEN 1 AND 9
        AND array_position(bounds, NULL) IS NULL
        AND bounds[1] > 0
        AND NOT EXISTS (SELECT 1 FROM generate_subscripts(bounds, 1) AS i WHERE i > 1 AND bounds[i] <= bounds[i - 1])
    $$`)
  await knex.schema.createTable('size_group_settings', table => {
    // a single row: the id is always 1
    table.smallint('id').primary().defaultTo(1)
    table.specificType('bounds', 'integer[]').notNullable()
    table.text('updated_by').notNullable()
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
  })
  await knex.raw(
    `ALTER TABLE size_group_settings
       ADD CONSTRAINT size_group_settings_single_row CHECK (id = 1),
       ADD CONSTRAINT size_group_settings_bounds CHECK (size_group_bounds_valid(bounds))`,
  )
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('size_group_settings')
  await knex.raw('DROP FUNCTION size_group_bounds_valid(integer[])')
}
