// Why an entry was reversed, kept with the reversing entry itself: a reversal always has a reason, and only a
// reversal has one.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE ledger_entries
      ADD COLUMN reason text,
      ADD CONSTRAINT ledger_entries_reason CHECK (
        (reverses_entry_id IS NULL AND reason IS NULL)
        OR (reverses_entry_id IS NOT NULL AND reason IS NOT NULL AND length(btrim(reason)) BETWEEN 1 AND 1000)
      )`)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_reason, DROP COLUMN reason')
}
