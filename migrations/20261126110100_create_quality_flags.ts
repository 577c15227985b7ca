// Data-quality flags of two consecutive survey rounds (answers that flip, amounts that rise or fall sharply) and
// the evaluator's follow-up of each: pending, confirmed (the answer was right) or corrected (it was wrong).
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('quality_flags', table => {
    table.bigIncrements('id')
    table.integer('programme_id').notNullable().references('id').inTable('programmes')
    table.integer('from_round').notNullable()
    table.integer('to_round').notNullable()
    table.specificType('municipality_code', 'char(4)').notNullable().references('code').inTable('municipalities')
    table.text('rule').notNullable()
    // what is flagged within the rule: "purposes:kvalitet" for a flip, "spent" for an amount change
    table.text('flag_key').notNullable()
    table.jsonb('detail').notNullable()
    // false: not found when the flags were last recorded (the answer changed, or another threshold); kept for its
    // follow-up
    table.boolean('still_flagged').notNullable().defaultTo(true)
    table.text('outcome').notNullable().defaultTo('pending')
    table.text('outcome_note').notNullable().defaultTo('')
    table.text('outcome_by')
    table.timestamp('outcome_at', { useTz: true })
    table.text('created_by').notNullable()
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now())
    table.unique(['programme_id', 'from_round', 'to_round', 'municipality_code', 'rule', 'flag_key'])
    table.index(['programme_id', 'from_round', 'to_round'])
  })
  await knex.raw(
    `ALTER TABLE quality_flags
       ADD CONSTRAINT quality_flags_consecutive CHECK (to_round = from_round + 1),
       ADD CONSTRAINT quality_flags_rule CHECK (rule IN ('flip', 'amount_change')),
       ADD CONSTRAINT quality_flags_outcome CHECK (outcome IN ('pending', 'confirmed', 'corrected')),
       ADD CONSTRAINT quality_flags_outcome_who CHECK (
         outcome = 'pending' OR (outcome_by IS NOT NULL AND outcome_at IS NOT NULL)),
       ADD CONSTRAINT quality_flags_note_length CHECK (char_length(outcome_note) <= 2000)`,
  )
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('quality_flags')
}
