// A reversing entry must cancel its entry exactly: same programme, programme year, municipality, type and amount,
// and a reversal is never reversed itself. (That an entry is reversed at most once is the unique constraint on
// reverses_entry_id.)
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION ledger_entries_reversal_matches() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      original ledger_entries%ROWTYPE;
    BEGIN
      SELECT * INTO original FROM ledger_entries WHERE id = NEW.reverses_entry_id;
      IF NOT FOUND THEN
        RETURN NEW; -- the foreign key reports it
      END IF;
      IF original.reverses_entry_id IS NOT NULL THEN
        RAISE EXCEPTION 'ledger entry % is itself a reversal and cannot be reversed', original.id
          USING ERRCODE = 'check_violation';
      END IF;
      IF (original.programme_id, original.programme_year, original.municipality_code, original.type, original.amount_ore)
         IS DISTINCT FROM (NEW.programme_id, NEW.programme_year, NEW.municipality_code, NEW.type, NEW.amount_ore) THEN
        RAISE EXCEPTION 'a reversal of ledger entry % must have its programme, year, municipality, type and amount',
          original.id USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER ledger_entries_reversal_check BEFORE INSERT ON ledger_entries
      FOR EACH ROW WHEN (NEW.reverses_entry_id IS NOT NULL) EXECUTE FUNCTION ledger_entries_reversal_matches();
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TRIGGER ledger_entries_reversal_check ON ledger_entries;
    DROP FUNCTION ledger_entries_reversal_matches();
  `)
}
