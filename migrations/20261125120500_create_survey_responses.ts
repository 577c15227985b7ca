// Survey responses (återrapportering): every version is kept; the current one is the highest version.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('survey_responses', table => {
    table.bigIncrements('id')
    table.integer('programme_id').notNullable().references('id').inTable('programmes')
    table.integer('programme_year').notNullable()
    table.specificType('survey_round', 'integer GENERATED ALWAYS AS (programme_year + 1) STORED')
    table.specificType('municipality_code', 'char(4)').notNullable().references('code').inTable('municipalities')
    table.integer('version').notNullable()
    table.date('submitted_on')
    // null: left empty (the municipality did not requisition); reports count it as 0
    table.bigInteger('requisitioned_ore')
    table.bigInteger('spent_ore')
    table.bigInteger('remaining_ore')
    table.text('goal_fulfilment')
    table.text('other_reason').notNullable().defaultTo('')
    table.text('other_purpose').notNullable().defaultTo('')
    table.text('other_area').notNullable().defaultTo('')
    table.text('other_usage').notNullable().defaultTo('')
    table.text('comment').notNullable().defaultTo('')
    // sha-256 of the normalised content: the same answer again is recognised and not stored twice
    table.specificType('content_hash', 'char(64)').notNullable()
    table.bigInteger('import_id').references('id').inTable('imports')
    table.text('created_by').notNullable()
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    table.unique(['programme_id', 'programme_year', 'municipality_code', 'version'])
    table
      .foreign(['programme_id', 'programme_year'])
      .references(['programme_id', 'programme_year'])
      .inTable('programme_years')
  })
  await knex.raw(
    `ALTER TABLE survey_responses
       ADD CONSTRAINT survey_responses_amounts CHECK (
         coalesce(requisitioned_ore, 0) >= 0 AND coalesce(spent_ore, 0) >= 0 AND coalesce(remaining_ore, 0) >= 0),
       ADD CONSTRAINT survey_responses_version CHECK (version >= 1),
       ADD CONSTRAINT survey_responses_goal CHECK (goal_fulfilment IN ('hog', 'viss', 'inte'))`,
  )
  await knex.raw(`
    CREATE FUNCTION survey_responses_versioned() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'survey_responses are versioned: add a new version instead of changing one';
    END $$;
    CREATE TRIGGER survey_responses_no_update BEFORE UPDATE OR DELETE ON survey_responses
      FOR EACH ROW EXECUTE FUNCTION survey_responses_versioned();
  `)

  await knex.schema.createTable('survey_response_choices', table => {
    table.bigInteger('response_id').notNullable().references('id').inTable('survey_responses')
    table.text('dimension').notNullable()
    table.text('option_code').notNullable()
    table.primary(['response_id', 'dimension', 'option_code'])
    table.foreign(['dimension', 'option_code']).references(['dimension', 'code']).inTable('taxonomy_options')
  })
  await knex.raw(
    `ALTER TABLE survey_response_choices ADD CONSTRAINT survey_response_choices_multi
       CHECK (dimension IN ('purposes', 'areas', 'usage_areas', 'unspent_reasons'))`,
  )

  await knex.raw(`
    CREATE VIEW current_survey_responses AS
      SELECT DISTINCT ON (programme_id, programme_year, municipality_code) *
      FROM survey_responses
      ORDER BY programme_id, programme_year, municipality_code, version DESC
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP VIEW current_survey_responses')
  await knex.schema.dropTable('survey_response_choices')
  await knex.schema.dropTable('survey_responses')
  await knex.raw('DROP FUNCTION survey_responses_versioned()')
}
