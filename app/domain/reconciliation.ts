// The reconciliation rules of the contract: where the payout ledger and a municipality's own answer part.
import type { IssueCode, ReconciliationStatus } from './reportTypes.ts'
import type { Ore } from './types.ts'

export interface LedgerTotals {
  allocatedOre: Ore
  /** true when the municipality has any allocation entry for the year (the over-allocation rule needs one) */
  hasAllocation: boolean
  requisitionedOre: Ore
  paidOre: Ore
  directGrantOre: Ore
  repaidOre: Ore
}

export interface ReportedAmounts {
  requisitionedOre: Ore | null
  spentOre: Ore | null
  remainingOre: Ore | null
}

export interface ReconciliationOutcome {
  differenceOre: Ore | null
  toReclaimOre: Ore
  issues: IssueCode[]
  status: ReconciliationStatus
}

export const NO_LEDGER: LedgerTotals = {
  allocatedOre: 0,
  hasAllocation: false,
  requisitionedOre: 0,
  paidOre: 0,
  directGrantOre: 0,
  repaidOre: 0,
}

/**
 * Applies the seven rules in order of severity; `status` is the most severe issue, or ok.
 * An empty reported amount counts as 0, as in the reports.
 */
export function reconcile(
  ledger: LedgerTotals,
  response: ReportedAmounts | null,
  toleranceOre: Ore,
): ReconciliationOutcome {
  const issues: IssueCode[] = []
  const reportedRequisitioned = response?.requisitionedOre ?? 0
  const reportedSpent = response?.spentOre ?? 0
  const reportedRemaining = response?.remainingOre ?? 0
  const differenceOre = response ? reportedRequisitioned - ledger.paidOre : null

  if (!response && ledger.paidOre > 0) issues.push('missing_response')
  if (response && reportedRequisitioned > 0 && ledger.paidOre === 0) issues.push('response_without_payout')
  if (differenceOre !== null && Math.abs(differenceOre) > toleranceOre) issues.push('amount_mismatch')
  if (response && reportedSpent > reportedRequisitioned) issues.push('overspent')
  if (response && reportedRemaining !== reportedRequisitioned - reportedSpent) issues.push('inconsistent_remaining')
  if (ledger.hasAllocation && ledger.requisitionedOre > ledger.allocatedOre) issues.push('over_allocation')
  if (ledger.paidOre !== ledger.requisitionedOre) issues.push('payout_mismatch')

  const reclaimable = response ? reportedRemaining : ledger.paidOre
  return {
    differenceOre,
    toReclaimOre: Math.max(0, reclaimable - ledger.repaidOre),
    issues,
    status: issues[0] ?? 'ok',
  }
}
