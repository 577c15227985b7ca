// diffResponseVersions: what changed between two versions of a response, field by field, in column order.
import { expect } from 'chai'
import { diffResponseVersions, responseHistory, type ResponseContent } from '../../../app/domain/responseDiff.ts'

const base: ResponseContent = {
  submittedOn: '2023-02-01',
  requisitionedOre: 400_100_00,
  spentOre: 300_000_00,
  remainingOre: 100_100_00,
  unspentReasons: ['tidsbrist'],
  purposes: ['kvalitet', 'aktivitet'],
  areas: ['hsl'],
  usageAreas: ['appar'],
  goalFulfilment: 'viss',
  otherReason: '',
  otherPurpose: '',
  otherArea: '',
  otherUsage: '',
  comment: 'Första svaret',
}

describe('diffResponseVersions', () => {
  it('finds nothing between equal versions, whatever the order of the choices', () => {
    expect(diffResponseVersions(base, { ...base })).to.deep.equal([])
    expect(diffResponseVersions(base, { ...base, purposes: ['aktivitet', 'kvalitet'] })).to.deep.equal([])
  })

  it('reports a changed amount with both values in öre, and a cleared amount as null', () => {
    const changes = diffResponseVersions(base, { ...base, requisitionedOre: 400_000_00, remainingOre: null })
    expect(changes).to.deep.equal([
      {
        field: 'requisitionedOre',
        column: 'requisitioned_sek',
        kind: 'amount',
        before: 400_100_00,
        after: 400_000_00,
      },
      { field: 'remainingOre', column: 'remaining_sek', kind: 'amount', before: 100_100_00, after: null },
    ])
  })

  it('reports choices as sorted sets with what was added and removed', () => {
    const [change] = diffResponseVersions(base, { ...base, purposes: ['trygghet_individ', 'kvalitet'] })
    expect(change).to.deep.equal({
      field: 'purposes',
      column: 'purposes',
      kind: 'choices',
      before: ['aktivitet', 'kvalitet'],
      after: ['kvalitet', 'trygghet_individ'],
      added: ['trygghet_individ'],
      removed: ['aktivitet'],
    })
  })

  it('reports the goal, the free texts and the submission date', () => {
    const changes = diffResponseVersions(base, {
      ...base,
      submittedOn: '2023-02-10',
      goalFulfilment: null,
      otherUsage: 'Digitala lås',
      comment: 'Rättat belopp',
    })
    expect(changes.map(c => [c.field, c.before, c.after])).to.deep.equal([
      ['submittedOn', '2023-02-01', '2023-02-10'],
      ['goalFulfilment', 'viss', null],
      ['otherUsage', '', 'Digitala lås'],
      ['comment', 'Första svaret', 'Rättat belopp'],
    ])
  })

  it('lists the changes in the order of the response file columns', () => {
    const changes = diffResponseVersions(base, {
      ...base,
      comment: 'x',
      spentOre: 1,
      areas: [],
      submittedOn: '2023-03-01',
    })
    expect(changes.map(c => c.column)).to.deep.equal(['submitted_on', 'spent_sek', 'areas', 'comment'])
  })

  it('treats a missing text and an empty one as equal, and a Date like its day', () => {
    const older = { ...base, comment: undefined as unknown as string, submittedOn: new Date('2023-02-01T00:00:00Z') }
    expect(diffResponseVersions(older as unknown as ResponseContent, { ...base, comment: '' })).to.deep.equal([])
  })
})

describe('responseHistory', () => {
  it('pairs every version after the first with what changed since the one before', () => {
    const v2 = { ...base, spentOre: 350_000_00, remainingOre: 50_100_00 }
    const v3 = { ...v2, comment: 'Tredje' }
    const history = responseHistory([base, v2, v3])
    expect(history[0].changes).to.equal(null)
    expect(history[1].changes!.map(c => c.field)).to.deep.equal(['spentOre', 'remainingOre'])
    expect(history[2].changes!.map(c => c.field)).to.deep.equal(['comment'])
    expect(history[2].version).to.equal(v3)
  })
})
