// The dashboard's figures and the differences between the pairs that should agree.
import { expect } from 'chai'
import { dashboardFigures } from '../../../app/domain/dashboard.ts'

const summary = {
  ledger: {
    allocatedOre: 1_500_000_00,
    requisitionedOre: 1_400_000_00,
    paidOre: 1_600_000_00,
    directGrantOre: 50_000_00,
    repaidOre: 20_000_50,
    municipalitiesPaid: 3,
  },
  survey: {
    respondents: 3,
    municipalitiesRequisitioned: 3,
    municipalitiesUsedFunds: 3,
    requisitionedOre: 1_450_100_00,
    spentOre: 1_350_000_00,
    remainingOre: 100_100_00,
    partiallySpentMunicipalities: 1,
    partiallySpentReasonCounts: {},
  },
}
const lines = [
  { kind: 'requisitionable', labelSv: 'Rekvirerbart', labelEn: 'Requisitionable', amountOre: 167_100_000_00 },
  { kind: 'direct_grants', labelSv: 'Direkt', labelEn: 'Direct', amountOre: 15_000_000_00 },
  { kind: 'other_bodies', labelSv: 'SKR', labelEn: 'SKR', amountOre: 17_900_000_00 },
]

describe('dashboardFigures', () => {
  const { figures, differences } = dashboardFigures({
    budgetOre: 200_000_000_00,
    budgetLines: lines,
    summary,
    toReclaimOre: 280_099_50,
  })

  it('lists the budget, its lines, the ledger, the answers and what may be reclaimed, in the flow of the money', () => {
    expect(figures.map(f => [f.key, f.source, f.amountOre])).to.deep.equal([
      ['budget', 'budget', 200_000_000_00],
      ['budgetLine.requisitionable', 'budget', 167_100_000_00],
      ['budgetLine.direct_grants', 'budget', 15_000_000_00],
      ['budgetLine.other_bodies', 'budget', 17_900_000_00],
      ['allocated', 'ledger', 1_500_000_00],
      ['requisitioned', 'ledger', 1_400_000_00],
      ['paid', 'ledger', 1_600_000_00],
      ['directGrants', 'ledger', 50_000_00],
      ['reportedRequisitioned', 'survey', 1_450_100_00],
      ['reportedSpent', 'survey', 1_350_000_00],
      ['reportedRemaining', 'survey', 100_100_00],
      ['repaid', 'ledger', 20_000_50],
      ['toReclaim', 'reconciliation', 280_099_50],
    ])
    expect(figures[1].budgetLine).to.equal(lines[0])
  })

  it('gives the difference of each pair in öre, exactly', () => {
    expect(differences.map(d => [d.key, d.minuend, d.subtrahend, d.differenceOre])).to.deep.equal([
      ['budgetAllocated', 'budgetLine.requisitionable', 'allocated', 165_600_000_00],
      ['budgetDirectGrants', 'budgetLine.direct_grants', 'directGrants', 14_950_000_00],
      ['allocatedRequisitioned', 'allocated', 'requisitioned', 100_000_00],
      ['requisitionedPaid', 'requisitioned', 'paid', -200_000_00],
      ['reportedRequisitionedPaid', 'reportedRequisitioned', 'paid', -149_900_00],
      ['reportedRequisitionedSpent', 'reportedRequisitioned', 'reportedSpent', 100_100_00],
      ['reportedRemainingRepaid', 'reportedRemaining', 'repaid', 80_099_50],
    ])
  })

  it('compares with the whole budget when the year has no requisitionable line, and skips absent lines', () => {
    const plain = dashboardFigures({ budgetOre: 350_000_000_00, budgetLines: [], summary, toReclaimOre: 0 })
    expect(plain.differences[0]).to.include({ minuend: 'budget', differenceOre: 348_500_000_00 })
    expect(plain.differences.map(d => d.key)).not.to.include('budgetDirectGrants')
  })
})
