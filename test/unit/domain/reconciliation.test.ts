import { expect } from 'chai'
import { NO_LEDGER, reconcile, type LedgerTotals, type ReportedAmounts } from '../../../app/domain/reconciliation.ts'

const kr = (kronor: number) => kronor * 100

/** A municipality where everything agrees: allocated 1000, requisitioned and paid 800, reported 800/600/200. */
const ledger = (changes: Partial<LedgerTotals> = {}): LedgerTotals => ({
  allocatedOre: kr(1000),
  hasAllocation: true,
  requisitionedOre: kr(800),
  paidOre: kr(800),
  directGrantOre: 0,
  repaidOre: 0,
  ...changes,
})
const response = (changes: Partial<ReportedAmounts> = {}): ReportedAmounts => ({
  requisitionedOre: kr(800),
  spentOre: kr(600),
  remainingOre: kr(200),
  ...changes,
})

describe('reconcile', () => {
  it('is ok when ledger and response agree', () => {
    const outcome = reconcile(ledger(), response(), 0)
    expect(outcome).to.deep.equal({ differenceOre: 0, toReclaimOre: kr(200), issues: [], status: 'ok' })
  })

  it('missing_response: paid and no response; the whole payout may be reclaimed', () => {
    const outcome = reconcile(ledger(), null, 0)
    expect(outcome.issues).to.deep.equal(['missing_response'])
    expect(outcome.differenceOre).to.equal(null)
    expect(outcome.toReclaimOre).to.equal(kr(800))
  })

  it('no issue and nothing to reclaim when nothing was paid and nobody answered', () => {
    const outcome = reconcile(ledger({ requisitionedOre: 0, paidOre: 0 }), null, 0)
    expect(outcome.status).to.equal('ok')
    expect(outcome.toReclaimOre).to.equal(0)
  })

  it('response_without_payout: reported requisitioned and nothing paid', () => {
    const outcome = reconcile(ledger({ requisitionedOre: 0, paidOre: 0 }), response(), 0)
    expect(outcome.issues).to.deep.equal(['response_without_payout', 'amount_mismatch'])
    expect(outcome.status).to.equal('response_without_payout')
  })

  it('amount_mismatch: |reported requisitioned - paid| above the tolerance', () => {
    const outcome = reconcile(ledger(), response({ requisitionedOre: kr(850), remainingOre: kr(250) }), 0)
    expect(outcome.issues).to.deep.equal(['amount_mismatch'])
    expect(outcome.differenceOre).to.equal(kr(50))
  })

  it('amount_mismatch respects the tolerance on both sides, at the boundary', () => {
    const over = response({ requisitionedOre: kr(850), remainingOre: kr(250) })
    const under = response({ requisitionedOre: kr(750), remainingOre: kr(150) })
    expect(reconcile(ledger(), over, kr(50)).issues).to.deep.equal([])
    expect(reconcile(ledger(), under, kr(50)).issues).to.deep.equal([])
    expect(reconcile(ledger(), under, kr(50) - 1).issues).to.deep.equal(['amount_mismatch'])
    expect(reconcile(ledger(), under, kr(49)).differenceOre).to.equal(-kr(50))
  })

  it('overspent: reported spent above reported requisitioned', () => {
    const outcome = reconcile(ledger(), response({ spentOre: kr(900), remainingOre: 0 }), 0)
    expect(outcome.issues).to.include('overspent')
    expect(outcome.status).to.equal('overspent')
  })

  it('inconsistent_remaining: remaining is not requisitioned minus spent', () => {
    const outcome = reconcile(ledger(), response({ remainingOre: kr(100) }), 0)
    expect(outcome.issues).to.deep.equal(['inconsistent_remaining'])
  })

  it('over_allocation: requisitioned above the allocation, only when there is an allocation', () => {
    const over = ledger({ allocatedOre: kr(700) })
    expect(reconcile(over, response(), 0).issues).to.deep.equal(['over_allocation'])
    const none = ledger({ allocatedOre: 0, hasAllocation: false })
    expect(reconcile(none, response(), 0).issues).to.deep.equal([])
  })

  it('payout_mismatch: paid differs from requisitioned in the ledger', () => {
    const outcome = reconcile(
      ledger({ paidOre: kr(700) }),
      response({ requisitionedOre: kr(700), remainingOre: kr(100) }),
      0,
    )
    expect(outcome.issues).to.deep.equal(['payout_mismatch'])
  })

  it('lists every issue in order of severity; status is the first', () => {
    const outcome = reconcile(
      ledger({ allocatedOre: kr(100), paidOre: kr(500) }),
      response({ requisitionedOre: kr(600), spentOre: kr(700), remainingOre: kr(5) }),
      0,
    )
    expect(outcome.issues).to.deep.equal([
      'amount_mismatch',
      'overspent',
      'inconsistent_remaining',
      'over_allocation',
      'payout_mismatch',
    ])
    expect(outcome.status).to.equal('amount_mismatch')
  })

  it('counts empty reported amounts as 0', () => {
    const outcome = reconcile(NO_LEDGER, { requisitionedOre: null, spentOre: null, remainingOre: null }, 0)
    expect(outcome).to.deep.equal({ differenceOre: 0, toReclaimOre: 0, issues: [], status: 'ok' })
  })

  it('to_reclaim: reported remaining less what was repaid, never below 0', () => {
    expect(reconcile(ledger({ repaidOre: kr(150) }), response(), 0).toReclaimOre).to.equal(kr(50))
    expect(reconcile(ledger({ repaidOre: kr(300) }), response(), 0).toReclaimOre).to.equal(0)
    expect(reconcile(ledger({ repaidOre: kr(300) }), null, 0).toReclaimOre).to.equal(kr(500))
  })
})
