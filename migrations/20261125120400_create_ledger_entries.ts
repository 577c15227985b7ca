// The payout ledger: append-only. A wrong entry is reversed by a new entry that names it.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('ledger_entries', table => {
    table.bigIncrements('id')
    table.integer('programme_id').notNullable().references('id').inTable('programmes')
    table.integer('programme_year').notNullable()
    table.specificType('municipality_code', 'char(4)').notNullable().references('code').inTable('municipalities')
    table.text('type').notNullable()
    table.bigInteger('amount_ore').notNullable()
    table.date('entry_date').notNullable()
    table.text('reference').notNullable()
    // set on a reversing entry: it cancels the named entry (same type, same amount)
    table.bigInteger('reverses_entry_id').references('id').inTable('ledger_entries').unique()
    table.bigInteger('import_id').references('id').inTable('imports')
    table.text('created_by').notNullable()
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    table.unique(['programme_id', 'reference'])
    table
      .foreign(['programme_id', 'programme_year'])
      .references(['programme_id', 'programme_year'])
      .inTable('programme_years')
    table.index(['programme_id', 'programme_year', 'municipality_code'])
  })
  await knex.raw(
    `ALTER TABLE ledger_entries
       ADD CONSTRAINT ledger_entries_type CHECK (type IN ('allocation', 'requisition', 'payout', 'direct_grant', 'repayment')),
       ADD CONSTRAINT ledger_entries_amount CHECK (amount_ore >= 0),
       ADD CONSTRAINT ledger_entries_reference CHECK (length(reference) BETWEEN 1 AND 200)`,
  )
  await knex.raw(`
    CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'ledger_entries is append-only: reverse an entry instead of changing it';
    END $$;
    CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE OR DELETE ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('ledger_entries')
  await knex.raw('DROP FUNCTION ledger_entries_append_only()')
}
