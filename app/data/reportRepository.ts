// The aggregates the reports are built from. A reversed entry and its reversal are both left out of every total.
import type { Knex } from 'knex'
import type { LedgerTotals } from '../domain/reconciliation.ts'
import type { ResponseAmounts, RoundInput } from '../domain/reports.ts'
import type { Dimension } from '../domain/types.ts'

type Db = Knex | Knex.Transaction

/** Ledger entries in effect: neither a reversal nor reversed by one. */
const EFFECTIVE_ENTRIES = `
  SELECT e.* FROM ledger_entries e
  WHERE e.reverses_entry_id IS NULL
    AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses_entry_id = e.id)`

const TOTALS = `
  coalesce(sum(amount_ore) FILTER (WHERE type = 'allocation'), 0)::bigint AS allocated_ore,
  bool_or(type = 'allocation') AS has_allocation,
  coalesce(sum(amount_ore) FILTER (WHERE type = 'requisition'), 0)::bigint AS requisitioned_ore,
  coalesce(sum(amount_ore) FILTER (WHERE type = 'payout'), 0)::bigint AS paid_ore,
  coalesce(sum(amount_ore) FILTER (WHERE type = 'direct_grant'), 0)::bigint AS direct_grant_ore,
  coalesce(sum(amount_ore) FILTER (WHERE type = 'repayment'), 0)::bigint AS repaid_ore`

const toTotals = (row: Record<string, unknown>): LedgerTotals => ({
  allocatedOre: Number(row.allocated_ore ?? 0),
  hasAllocation: row.has_allocation === true,
  requisitionedOre: Number(row.requisitioned_ore),
  paidOre: Number(row.paid_ore ?? 0),
  directGrantOre: Number(row.direct_grant_ore ?? 0),
  repaidOre: Number(row.repaid_ore ?? 0),
})

export async function ledgerTotalsByMunicipality(
  db: Db,
  programmeId: number,
  programmeYear: number,
): Promise<(LedgerTotals & { municipalityCode: string })[]> {
  const { rows } = await db.raw(
    `SELECT municipality_code, ${TOTALS} FROM (${EFFECTIVE_ENTRIES}) e
     WHERE programme_id = ? AND programme_year = ?
     GROUP BY municipality_code ORDER BY municipality_code`,
    [programmeId, programmeYear],
  )
  return rows.map((row: Record<string, unknown>) => ({ municipalityCode: row.municipality_code as string, ...toTotals(row) }))
}

export async function currentResponseAmounts(
  db: Db,
  programmeId: number,
  programmeYear: number,
): Promise<ResponseAmounts[]> {
  const { rows } = await db.raw(
    `SELECT c.municipality_code, c.requisitioned_ore, c.spent_ore, c.remaining_ore,
            coalesce(array_agg(ch.option_code ORDER BY ch.option_code) FILTER (WHERE ch.option_code IS NOT NULL), '{}')
              AS unspent_reasons
     FROM current_survey_responses c
     LEFT JOIN survey_response_choices ch ON ch.response_id = c.id AND ch.dimension = 'unspent_reasons'
     WHERE c.programme_id = ? AND c.programme_year = ?
     GROUP BY c.municipality_code, c.requisitioned_ore, c.spent_ore, c.remaining_ore
     ORDER BY c.municipality_code`,
    [programmeId, programmeYear],
  )
  return rows.map((row: Record<string, unknown>) => ({
    municipalityCode: row.municipality_code as string,
    requisitionedOre: row.requisitioned_ore === null ? null : Number(row.requisitioned_ore),
    spentOre: row.spent_ore === null ? null : Number(row.spent_ore),
    remainingOre: row.remaining_ore === null ? null : Number(row.remaining_ore),
    unspentReasons: row.unspent_reasons as string[],
  }))
}

/**
 * For each survey round with responses: how many used funds (spent > 0), how many spent part
 * (0 < spent < requisitioned), and how many of those the dimension counts chose each option.
 * Unspent reasons are counted among the partially spent, every other dimension among those who used funds.
 */
export async function choiceCountsByRound(db: Db, programmeId: number, dimension: Dimension): Promise<RoundInput[]> {
  const base = `
    SELECT c.*,
           coalesce(c.spent_ore, 0) > 0 AS used_funds,
           coalesce(c.spent_ore, 0) > 0 AND coalesce(c.spent_ore, 0) < coalesce(c.requisitioned_ore, 0) AS partially_spent
    FROM current_survey_responses c WHERE c.programme_id = ?`
  const { rows: rounds } = await db.raw(
    `SELECT survey_round, programme_year,
            count(*) FILTER (WHERE used_funds)::int AS used_funds,
            count(*) FILTER (WHERE partially_spent)::int AS partially_spent
     FROM (${base}) b GROUP BY survey_round, programme_year ORDER BY survey_round`,
    [programmeId],
  )
  const counted = dimension === 'unspent_reasons' ? 'partially_spent' : 'used_funds'
  const { rows: counts } =
    dimension === 'goal_fulfilment'
      ? await db.raw(
          `SELECT survey_round, goal_fulfilment AS code, count(*)::int AS count
           FROM (${base}) b WHERE ${counted} AND goal_fulfilment IS NOT NULL
           GROUP BY survey_round, goal_fulfilment`,
          [programmeId],
        )
      : await db.raw(
          `SELECT b.survey_round, ch.option_code AS code, count(*)::int AS count
           FROM (${base}) b JOIN survey_response_choices ch ON ch.response_id = b.id AND ch.dimension = ?
           WHERE ${counted}
           GROUP BY b.survey_round, ch.option_code`,
          [programmeId, dimension],
        )
  return rounds.map((round: Record<string, number>) => ({
    surveyRound: round.survey_round,
    programmeYear: round.programme_year,
    usedFunds: round.used_funds,
    partiallySpent: round.partially_spent,
    counts: new Map(
      (counts as Record<string, unknown>[])
        .filter(row => row.survey_round === round.survey_round)
        .map(row => [row.code as string, row.count as number]),
    ),
  }))
}

export interface YearTotals extends Omit<LedgerTotals, 'hasAllocation'> {
  programmeYear: number
  reportedRequisitionedOre: number
  reportedSpentOre: number
  respondents: number
}

/** Ledger and reported totals for each programme year of a programme (the overview page). */
export async function totalsByYear(db: Db, programmeId: number): Promise<YearTotals[]> {
  const { rows: ledger } = await db.raw(
    `SELECT programme_year, ${TOTALS} FROM (${EFFECTIVE_ENTRIES}) e WHERE programme_id = ? GROUP BY programme_year`,
    [programmeId],
  )
  const { rows: reported } = await db.raw(
    `SELECT programme_year, count(*)::int AS respondents,
            coalesce(sum(requisitioned_ore), 0)::bigint AS requisitioned_ore,
            coalesce(sum(spent_ore), 0)::bigint AS spent_ore
     FROM current_survey_responses WHERE programme_id = ? GROUP BY programme_year`,
    [programmeId],
  )
  const years = new Set<number>([
    ...ledger.map((row: { programme_year: number }) => row.programme_year),
    ...reported.map((row: { programme_year: number }) => row.programme_year),
  ])
  return [...years]
    .sort((a, b) => a - b)
    .map(programmeYear => {
      const l = ledger.find((row: { programme_year: number }) => row.programme_year === programmeYear)
      const r = reported.find((row: { programme_year: number }) => row.programme_year === programmeYear)
      const { hasAllocation: _, ...totals } = l ? toTotals(l) : toTotals({})
      return {
        programmeYear,
        ...totals,
        reportedRequisitionedOre: r ? Number(r.requisitioned_ore) : 0,
        reportedSpentOre: r ? Number(r.spent_ore) : 0,
        respondents: r ? (r.respondents as number) : 0,
      }
    })
}
