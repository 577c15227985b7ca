// The three reports of the interchange contract, in öre. The JSON renderer turns öre into kronor.
import type { Dimension, Ore } from './types.ts'

export interface SummaryReport {
  programme: string
  programmeYear: number
  surveyRound: number
  survey: {
    respondents: number
    municipalitiesRequisitioned: number
    municipalitiesUsedFunds: number
    requisitionedOre: Ore
    spentOre: Ore
    remainingOre: Ore
    partiallySpentMunicipalities: number
    partiallySpentReasonCounts: Record<string, number>
  }
  ledger: {
    allocatedOre: Ore
    requisitionedOre: Ore
    paidOre: Ore
    directGrantOre: Ore
    repaidOre: Ore
    municipalitiesPaid: number
  }
}

export interface DistributionOption {
  code: string
  labelSv: string
  labelEn: string
  /** null when the option was not offered in the round */
  count: number | null
  offeredTo: number | null
  pct: number | null
}

export interface DistributionRound {
  surveyRound: number
  programmeYear: number
  n: number
  options: DistributionOption[]
}

export interface DistributionReport {
  programme: string
  dimension: Dimension
  rounds: DistributionRound[]
}

export const ISSUE_CODES = [
  'missing_response',
  'response_without_payout',
  'amount_mismatch',
  'overspent',
  'inconsistent_remaining',
  'over_allocation',
  'payout_mismatch',
] as const
export type IssueCode = (typeof ISSUE_CODES)[number]
export type ReconciliationStatus = IssueCode | 'ok'

export interface ReconciliationRow {
  municipalityCode: string
  municipality: string
  countyCode: string
  allocatedOre: Ore
  requisitionedOre: Ore
  paidOre: Ore
  directGrantOre: Ore
  repaidOre: Ore
  /** null when the municipality has no response for the year */
  reportedRequisitionedOre: Ore | null
  reportedSpentOre: Ore | null
  reportedRemainingOre: Ore | null
  differenceOre: Ore | null
  toReclaimOre: Ore
  status: ReconciliationStatus
  issues: IssueCode[]
}

export interface ReconciliationReport {
  programme: string
  programmeYear: number
  toleranceOre: Ore
  rows: ReconciliationRow[]
  countsByStatus: Partial<Record<ReconciliationStatus, number>>
}

export interface ProgrammeYearOverview {
  programmeYear: number
  surveyRound: number
  budgetOre: Ore
  budgetLines: { kind: string; labelSv: string; labelEn: string; amountOre: Ore }[]
  allocatedOre: Ore
  requisitionedOre: Ore
  paidOre: Ore
  directGrantOre: Ore
  repaidOre: Ore
  reportedRequisitionedOre: Ore
  reportedSpentOre: Ore
  respondents: number
}

export interface ProgrammeOverview {
  code: string
  nameSv: string
  nameEn: string
  currency: string
  years: ProgrammeYearOverview[]
}
