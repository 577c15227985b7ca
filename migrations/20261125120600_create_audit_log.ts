// Every write leaves a row here, in the same transaction as the write.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_log', table => {
    table.bigIncrements('id')
    table.timestamp('occurred_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    table.text('actor').notNullable()
    table.text('action').notNullable()
    table.text('entity').notNullable()
    table.text('entity_id')
    table.jsonb('before')
    table.jsonb('after')
    table.index(['occurred_at'])
    table.index(['entity', 'entity_id'])
  })
  await knex.raw(`
    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only';
    END $$;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_log')
  await knex.raw('DROP FUNCTION audit_log_append_only()')
}
