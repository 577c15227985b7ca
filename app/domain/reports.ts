// Builds the three reports from plain aggregates: no I/O, so each rule is tested on its own.
import { percentHalfUp } from './percent.ts'
import { NO_LEDGER, reconcile, type LedgerTotals } from './reconciliation.ts'
import type {
  DistributionReport,
  DistributionRound,
  ReconciliationReport,
  ReconciliationRow,
  ReconciliationStatus,
  SummaryReport,
} from './reportTypes.ts'
import { surveyRoundOf, type Dimension } from './types.ts'

export interface OptionInfo {
  code: string
  labelSv: string
  labelEn: string
  /** null: offered in every round */
  surveyRounds: number[] | null
}

export interface ResponseAmounts {
  municipalityCode: string
  requisitionedOre: number | null
  spentOre: number | null
  remainingOre: number | null
  unspentReasons: string[]
}

const isOffered = (option: OptionInfo, surveyRound: number) =>
  option.surveyRounds === null || option.surveyRounds.includes(surveyRound)

export function buildSummary(input: {
  programme: string
  programmeYear: number
  responses: ResponseAmounts[]
  ledger: LedgerTotals[]
  unspentReasons: OptionInfo[]
}): SummaryReport {
  const { responses, ledger } = input
  const surveyRound = surveyRoundOf(input.programmeYear)
  const amount = (value: number | null) => value ?? 0
  const partiallySpent = responses.filter(
    r => amount(r.spentOre) > 0 && amount(r.spentOre) < amount(r.requisitionedOre),
  )
  const reasonCounts: Record<string, number> = {}
  for (const option of input.unspentReasons.filter(o => isOffered(o, surveyRound))) {
    reasonCounts[option.code] = partiallySpent.filter(r => r.unspentReasons.includes(option.code)).length
  }
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)
  return {
    programme: input.programme,
    programmeYear: input.programmeYear,
    surveyRound,
    survey: {
      respondents: responses.length,
      municipalitiesRequisitioned: responses.filter(r => amount(r.requisitionedOre) > 0).length,
      municipalitiesUsedFunds: responses.filter(r => amount(r.spentOre) > 0).length,
      requisitionedOre: sum(responses.map(r => amount(r.requisitionedOre))),
      spentOre: sum(responses.map(r => amount(r.spentOre))),
      remainingOre: sum(responses.map(r => amount(r.remainingOre))),
      partiallySpentMunicipalities: partiallySpent.length,
      partiallySpentReasonCounts: reasonCounts,
    },
    ledger: {
      allocatedOre: sum(ledger.map(l => l.allocatedOre)),
      requisitionedOre: sum(ledger.map(l => l.requisitionedOre)),
      paidOre: sum(ledger.map(l => l.paidOre)),
      directGrantOre: sum(ledger.map(l => l.directGrantOre)),
      repaidOre: sum(ledger.map(l => l.repaidOre)),
      municipalitiesPaid: ledger.filter(l => l.paidOre > 0).length,
    },
  }
}

export interface RoundInput {
  surveyRound: number
  programmeYear: number
  usedFunds: number
  partiallySpent: number
  counts: Map<string, number>
}

/**
 * Every option in every round; a share is taken over those offered the option: the respondents who used the
 * money, or for the unspent reasons those of them who did not spend all of it (the only ones asked why).
 */
export function buildDistribution(input: {
  programme: string
  dimension: Dimension
  options: OptionInfo[]
  rounds: RoundInput[]
}): DistributionReport {
  const rounds: DistributionRound[] = input.rounds.map(round => ({
    surveyRound: round.surveyRound,
    programmeYear: round.programmeYear,
    n: round.usedFunds,
    options: input.options.map(option => {
      if (!isOffered(option, round.surveyRound)) {
        return {
          code: option.code,
          labelSv: option.labelSv,
          labelEn: option.labelEn,
          count: null,
          offeredTo: null,
          pct: null,
        }
      }
      const offeredTo = input.dimension === 'unspent_reasons' ? round.partiallySpent : round.usedFunds
      const count = round.counts.get(option.code) ?? 0
      return {
        code: option.code,
        labelSv: option.labelSv,
        labelEn: option.labelEn,
        count,
        offeredTo,
        pct: percentHalfUp(count, offeredTo),
      }
    }),
  }))
  return { programme: input.programme, dimension: input.dimension, rounds }
}

export interface MunicipalityInfo {
  code: string
  name: string
  countyCode: string
}

export function buildReconciliation(input: {
  programme: string
  programmeYear: number
  toleranceOre: number
  municipalities: MunicipalityInfo[]
  ledger: (LedgerTotals & { municipalityCode: string })[]
  responses: ResponseAmounts[]
}): ReconciliationReport {
  const ledgerByCode = new Map(input.ledger.map(l => [l.municipalityCode, l]))
  const responseByCode = new Map(input.responses.map(r => [r.municipalityCode, r]))
  const rows: ReconciliationRow[] = []
  const countsByStatus: Partial<Record<ReconciliationStatus, number>> = {}
  for (const municipality of input.municipalities) {
    const ledger = ledgerByCode.get(municipality.code)
    const response = responseByCode.get(municipality.code) ?? null
    if (!ledger && !response) continue
    const totals = ledger ?? NO_LEDGER
    const outcome = reconcile(totals, response, input.toleranceOre)
    rows.push({
      municipalityCode: municipality.code,
      municipality: municipality.name,
      countyCode: municipality.countyCode,
      allocatedOre: totals.allocatedOre,
      requisitionedOre: totals.requisitionedOre,
      paidOre: totals.paidOre,
      directGrantOre: totals.directGrantOre,
      repaidOre: totals.repaidOre,
      reportedRequisitionedOre: response ? (response.requisitionedOre ?? 0) : null,
      reportedSpentOre: response ? (response.spentOre ?? 0) : null,
      reportedRemainingOre: response ? (response.remainingOre ?? 0) : null,
      ...outcome,
    })
    countsByStatus[outcome.status] = (countsByStatus[outcome.status] ?? 0) + 1
  }
  return {
    programme: input.programme,
    programmeYear: input.programmeYear,
    toleranceOre: input.toleranceOre,
    rows,
    countsByStatus,
  }
}
