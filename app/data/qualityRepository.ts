// The quality_flags table: recorded data-quality flags of two consecutive survey rounds and their follow-up.
import type { Knex } from 'knex'
import type { FollowUpOutcome, QualityFlag, QualityRule, StoredFlag } from '../domain/dataQuality.ts'

type Db = Knex | Knex.Transaction

export interface RecordedFlag extends StoredFlag {
  programmeId: number
  fromRound: number
  toRound: number
  outcome: FollowUpOutcome
  outcomeNote: string
  outcomeBy: string | null
  outcomeAt: Date | null
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

const toFlag = (row: Record<string, unknown>): RecordedFlag => ({
  id: Number(row.id),
  programmeId: row.programme_id as number,
  fromRound: row.from_round as number,
  toRound: row.to_round as number,
  municipalityCode: row.municipality_code as string,
  rule: row.rule as QualityRule,
  key: row.flag_key as string,
  detail: row.detail,
  stillFlagged: row.still_flagged as boolean,
  outcome: row.outcome as FollowUpOutcome,
  outcomeNote: row.outcome_note as string,
  outcomeBy: row.outcome_by as string | null,
  outcomeAt: row.outcome_at as Date | null,
  createdBy: row.created_by as string,
  createdAt: row.created_at as Date,
  updatedAt: row.updated_at as Date,
})

export async function listFlags(db: Db, programmeId: number, fromRound: number, toRound: number): Promise<RecordedFlag[]> {
  const rows = await db('quality_flags')
    .where({ programme_id: programmeId, from_round: fromRound, to_round: toRound })
    .orderBy(['municipality_code', 'rule', 'flag_key'])
  return rows.map(toFlag)
}

/** One flag, locked for an update in the transaction. */
export async function findFlagForUpdate(trx: Knex.Transaction, id: number): Promise<RecordedFlag | undefined> {
  const row = await trx('quality_flags').where({ id }).forUpdate().first()
  return row ? toFlag(row) : undefined
}

/** Serialises recording the flags of one programme and pair of rounds. */
export async function lockFlags(trx: Knex.Transaction, programmeId: number, fromRound: number): Promise<void> {
  await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`stimulans.quality.${programmeId}.${fromRound}`])
}

export async function insertFlags(
  trx: Knex.Transaction,
  target: { programmeId: number; fromRound: number; toRound: number },
  flags: readonly QualityFlag[],
  actor: string,
): Promise<number> {
  if (flags.length === 0) return 0
  const inserted = await trx('quality_flags')
    .insert(
      flags.map(flag => ({
        programme_id: target.programmeId,
        from_round: target.fromRound,
        to_round: target.toRound,
        municipality_code: flag.municipalityCode,
        rule: flag.rule,
        flag_key: flag.key,
        detail: JSON.stringify(flag.detail),
        created_by: actor,
      })),
    )
    .returning('id')
  return inserted.length
}

export async function refreshFlag(trx: Knex.Transaction, id: number, flag: QualityFlag): Promise<void> {
  await trx('quality_flags')
    .where({ id })
    .update({ detail: JSON.stringify(flag.detail), still_flagged: true, updated_at: trx.fn.now() })
}

export async function retireFlags(trx: Knex.Transaction, ids: readonly number[]): Promise<number> {
  if (ids.length === 0) return 0
  return trx('quality_flags')
    .whereIn('id', [...ids])
    .update({ still_flagged: false, updated_at: trx.fn.now() })
}

export async function setOutcome(
  trx: Knex.Transaction,
  id: number,
  outcome: { outcome: FollowUpOutcome; note: string; actor: string },
): Promise<RecordedFlag> {
  const [row] = await trx('quality_flags')
    .where({ id })
    .update({
      outcome: outcome.outcome,
      outcome_note: outcome.note,
      outcome_by: outcome.actor,
      outcome_at: trx.fn.now(),
      updated_at: trx.fn.now(),
    })
    .returning('*')
  return toFlag(row)
}
