// Shapes shared by the domain, the services and both doors (CLI, web). Money is integer öre.

export type Ore = number

export const LEDGER_TYPES = ['allocation', 'requisition', 'payout', 'direct_grant', 'repayment'] as const
export type LedgerType = (typeof LEDGER_TYPES)[number]

export const DIMENSIONS = ['purposes', 'areas', 'usage_areas', 'unspent_reasons', 'goal_fulfilment'] as const
export type Dimension = (typeof DIMENSIONS)[number]
/** The multi-select dimensions: stored as choices, one row per chosen option. */
export type MultiDimension = Exclude<Dimension, 'goal_fulfilment'>
export const MULTI_DIMENSIONS: readonly MultiDimension[] = ['purposes', 'areas', 'usage_areas', 'unspent_reasons']

/** One validated ledger transaction, as read from a CSV row or entered by hand. */
export interface LedgerRow {
  programmeCode: string
  programmeYear: number
  municipalityCode: string
  type: LedgerType
  amountOre: Ore
  date: string // YYYY-MM-DD
  reference: string
}

/** One validated survey response (one municipality, one programme year). */
export interface ResponseRow {
  programmeCode: string
  programmeYear: number
  municipalityCode: string
  submittedOn: string | null
  requisitionedOre: Ore | null
  spentOre: Ore | null
  remainingOre: Ore | null
  unspentReasons: string[]
  purposes: string[]
  areas: string[]
  usageAreas: string[]
  goalFulfilment: string | null
  otherReason: string
  otherPurpose: string
  otherArea: string
  otherUsage: string
  comment: string
}

/** A problem with one cell of an input file: `line N: column: message`. */
export interface Problem {
  line: number
  column: string
  message: string
}

export const surveyRoundOf = (programmeYear: number): number => programmeYear + 1
export const programmeYearOf = (surveyRound: number): number => surveyRound - 1
