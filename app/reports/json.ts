// The reports as the contract's JSON: snake_case keys, money in kronor (integers, or two decimals where
// there are öre), rendered by a small serializer so that 1234.50 keeps its two decimals.
import type { DistributionReport, ReconciliationReport, SummaryReport } from '../domain/reportTypes.ts'

/** A money value in öre, written as kronor. */
export class Kronor {
  readonly ore: number
  constructor(ore: number) {
    this.ore = ore
  }
  toString(): string {
    const sign = this.ore < 0 ? '-' : ''
    const abs = Math.abs(this.ore)
    const kronor = Math.trunc(abs / 100)
    const ore = abs % 100
    return ore === 0 ? `${sign}${kronor}` : `${sign}${kronor}.${String(ore).padStart(2, '0')}`
  }
}

const kr = (ore: number | null) => (ore === null ? null : new Kronor(ore))

export type JsonValue = string | number | boolean | null | Kronor | JsonValue[] | { [key: string]: JsonValue }

export function stringify(value: JsonValue, indent = 2, depth = 0): string {
  if (value instanceof Kronor) return value.toString()
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  const pad = ' '.repeat(indent * (depth + 1))
  const close = ' '.repeat(indent * depth)
  const newline = indent > 0 ? '\n' : ''
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    return `[${newline}${value.map(item => pad + stringify(item, indent, depth + 1)).join(`,${newline}`)}${newline}${close}]`
  }
  const entries = Object.entries(value)
  if (entries.length === 0) return '{}'
  const separator = indent > 0 ? ': ' : ':'
  return `{${newline}${entries
    .map(([key, item]) => `${pad}${JSON.stringify(key)}${separator}${stringify(item, indent, depth + 1)}`)
    .join(`,${newline}`)}${newline}${close}}`
}

export function summaryJson(report: SummaryReport): JsonValue {
  const { survey, ledger } = report
  return {
    programme: report.programme,
    programme_year: report.programmeYear,
    survey_round: report.surveyRound,
    survey: {
      respondents: survey.respondents,
      municipalities_requisitioned: survey.municipalitiesRequisitioned,
      municipalities_used_funds: survey.municipalitiesUsedFunds,
      requisitioned_sek: kr(survey.requisitionedOre),
      spent_sek: kr(survey.spentOre),
      remaining_sek: kr(survey.remainingOre),
      partially_spent_municipalities: survey.partiallySpentMunicipalities,
      partially_spent_reason_counts: { ...survey.partiallySpentReasonCounts },
    },
    ledger: {
      allocated_sek: kr(ledger.allocatedOre),
      requisitioned_sek: kr(ledger.requisitionedOre),
      paid_sek: kr(ledger.paidOre),
      direct_grant_sek: kr(ledger.directGrantOre),
      repaid_sek: kr(ledger.repaidOre),
      municipalities_paid: ledger.municipalitiesPaid,
    },
  }
}

export function distributionJson(report: DistributionReport): JsonValue {
  return {
    programme: report.programme,
    dimension: report.dimension,
    rounds: report.rounds.map(round => ({
      survey_round: round.surveyRound,
      programme_year: round.programmeYear,
      n: round.n,
      options: round.options.map(option => ({
        code: option.code,
        count: option.count,
        offered_to: option.offeredTo,
        pct: option.pct,
      })),
    })),
  }
}

export function reconciliationJson(report: ReconciliationReport): JsonValue {
  return {
    programme: report.programme,
    programme_year: report.programmeYear,
    tolerance_sek: kr(report.toleranceOre),
    rows: report.rows.map(row => ({
      municipality_code: row.municipalityCode,
      municipality: row.municipality,
      allocated_sek: kr(row.allocatedOre),
      requisitioned_sek: kr(row.requisitionedOre),
      paid_sek: kr(row.paidOre),
      direct_grant_sek: kr(row.directGrantOre),
      repaid_sek: kr(row.repaidOre),
      reported_requisitioned_sek: kr(row.reportedRequisitionedOre),
      reported_spent_sek: kr(row.reportedSpentOre),
      reported_remaining_sek: kr(row.reportedRemainingOre),
      difference_sek: kr(row.differenceOre),
      to_reclaim_sek: kr(row.toReclaimOre),
      status: row.status,
      issues: [...row.issues],
    })),
    counts_by_status: { ...report.countsByStatus } as Record<string, number>,
  }
}
