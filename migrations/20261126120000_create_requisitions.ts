// Requisitions (rekvisitioner) a municipality sends in the browser: submitted, then approved (which writes a
// requisition entry in the ledger) or returned with a reason. At most one open (submitted) requisition per
// municipality and programme year.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('requisitions', table => {
    table.bigIncrements('id')
    table.integer('programme_id').notNullable().references('id').inTable('programmes')
    table.integer('programme_year').notNullable()
    table.specificType('municipality_code', 'char(4)').notNullable().references('code').inTable('municipalities')
    table.bigInteger('amount_ore').notNullable()
    table.text('contact_name').notNullable()
    table.text('contact_email').notNullable()
    table.text('contact_phone').notNullable().defaultTo('')
    // digits only; shown as 123-4567 or 1234-5678
    table.text('bankgiro').notNullable()
    table.text('status').notNullable().defaultTo('submitted')
    table.text('submitted_by').notNullable()
    table.timestamp('submitted_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    table.text('decided_by')
    table.timestamp('decided_at', { useTz: true })
    table.text('decision_reason')
    // set when approved: the requisition entry the approval wrote
    table.bigInteger('ledger_entry_id').references('id').inTable('ledger_entries').unique()
    table
      .foreign(['programme_id', 'programme_year'])
      .references(['programme_id', 'programme_year'])
      .inTable('programme_years')
    table.index(['programme_id', 'programme_year', 'municipality_code'])
  })
  await knex.raw(
    `ALTER TABLE requisitions
       ADD CONSTRAINT requisitions_amount CHECK (amount_ore > 0),
       ADD CONSTRAINT requisitions_status CHECK (status IN ('submitted', 'approved', 'returned')),
       ADD CONSTRAINT requisitions_bankgiro CHECK (bankgiro ~ '^[0-9]{7,8}$'),
       ADD CONSTRAINT requisitions_contact CHECK (
         length(trim(contact_name)) BETWEEN 1 AND 200 AND contact_email ~ '^[^@\\s]+@[^@\\s]+$'
         AND length(contact_phone) <= 50),
       ADD CONSTRAINT requisitions_decision CHECK (
         (status = 'submitted') = (decided_at IS NULL)
         AND (status = 'submitted') = (decided_by IS NULL)
         AND (status <> 'returned' OR length(trim(coalesce(decision_reason, ''))) > 0)
         AND (status = 'approved') = (ledger_entry_id IS NOT NULL))`,
  )
  await knex.raw(
    `CREATE UNIQUE INDEX requisitions_one_open ON requisitions (programme_id, programme_year, municipality_code)
       WHERE status = 'submitted'`,
  )
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('requisitions')
}
