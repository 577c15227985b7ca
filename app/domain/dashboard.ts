// The programme-year dashboard's figures: the budget and its lines, the ledger, the municipalities' own answers and
// what may be claimed back, in the order the money flows, and the differences between the pairs that should agree.
import type { SummaryReport } from './reportTypes.ts'
import type { Ore } from './types.ts'

/** One line of a programme year's budget (requisitionable pool, direct grants, other bodies). */
export interface BudgetLine {
  kind: string
  labelSv: string
  labelEn: string
  amountOre: Ore
}

export type FigureSource = 'budget' | 'ledger' | 'survey' | 'reconciliation'

export type FigureKey =
  | 'budget'
  | `budgetLine.${string}`
  | 'allocated'
  | 'requisitioned'
  | 'paid'
  | 'directGrants'
  | 'reportedRequisitioned'
  | 'reportedSpent'
  | 'reportedRemaining'
  | 'repaid'
  | 'toReclaim'

export interface Figure {
  key: FigureKey
  source: FigureSource
  amountOre: Ore
  /** a budget line: part of the budget total above it */
  budgetLine?: BudgetLine
}

export interface FigureDifference {
  /** names the pair, e.g. 'allocatedRequisitioned' */
  key: string
  minuend: FigureKey
  subtrahend: FigureKey
  /** minuend − subtrahend */
  differenceOre: Ore
}

export interface DashboardInput {
  budgetOre: Ore
  budgetLines: readonly BudgetLine[]
  summary: Pick<SummaryReport, 'ledger' | 'survey'>
  /** the sum of to_reclaim over the reconciliation's rows */
  toReclaimOre: Ore
}

export interface DashboardFigures {
  figures: Figure[]
  differences: FigureDifference[]
}

const REQUISITIONABLE = 'requisitionable'
const DIRECT_GRANTS = 'direct_grants'

export function dashboardFigures(input: DashboardInput): DashboardFigures {
  const { ledger, survey } = input.summary
  const figures: Figure[] = [
    { key: 'budget', source: 'budget', amountOre: input.budgetOre },
    ...input.budgetLines.map(line => ({
      key: `budgetLine.${line.kind}` as const,
      source: 'budget' as const,
      amountOre: line.amountOre,
      budgetLine: line,
    })),
    { key: 'allocated', source: 'ledger', amountOre: ledger.allocatedOre },
    { key: 'requisitioned', source: 'ledger', amountOre: ledger.requisitionedOre },
    { key: 'paid', source: 'ledger', amountOre: ledger.paidOre },
    { key: 'directGrants', source: 'ledger', amountOre: ledger.directGrantOre },
    { key: 'reportedRequisitioned', source: 'survey', amountOre: survey.requisitionedOre },
    { key: 'reportedSpent', source: 'survey', amountOre: survey.spentOre },
    { key: 'reportedRemaining', source: 'survey', amountOre: survey.remainingOre },
    { key: 'repaid', source: 'ledger', amountOre: ledger.repaidOre },
    { key: 'toReclaim', source: 'reconciliation', amountOre: input.toReclaimOre },
  ]
  const amount = (key: FigureKey) => figures.find(figure => figure.key === key)!.amountOre
  const has = (key: FigureKey) => figures.some(figure => figure.key === key)
  const pair = (key: string, minuend: FigureKey, subtrahend: FigureKey): FigureDifference => ({
    key,
    minuend,
    subtrahend,
    differenceOre: amount(minuend) - amount(subtrahend),
  })
  // the pool municipalities may requisition from is a budget line when the year has one, else the whole budget
  const pool: FigureKey = has(`budgetLine.${REQUISITIONABLE}`) ? `budgetLine.${REQUISITIONABLE}` : 'budget'
  return {
    figures,
    differences: [
      pair('budgetAllocated', pool, 'allocated'),
      ...(has(`budgetLine.${DIRECT_GRANTS}`)
        ? [pair('budgetDirectGrants', `budgetLine.${DIRECT_GRANTS}`, 'directGrants')]
        : []),
      pair('allocatedRequisitioned', 'allocated', 'requisitioned'),
      pair('requisitionedPaid', 'requisitioned', 'paid'),
      // the reconciliation's difference, summed: what the municipalities say they requisitioned, less what was paid
      pair('reportedRequisitionedPaid', 'reportedRequisitioned', 'paid'),
      pair('reportedRequisitionedSpent', 'reportedRequisitioned', 'reportedSpent'),
      pair('reportedRemainingRepaid', 'reportedRemaining', 'repaid'),
    ],
  }
}
