import { expect } from 'chai'
import { buildDistribution, buildReconciliation, buildSummary, type OptionInfo } from '../../../app/domain/reports.ts'
import { NO_LEDGER } from '../../../app/domain/reconciliation.ts'

const option = (code: string, surveyRounds: number[] | null): OptionInfo => ({
  code,
  labelSv: code,
  labelEn: code,
  surveyRounds,
})

describe('buildDistribution', () => {
  const options = [option('a', null), option('new', [2023]), option('dropped', [2021, 2022])]
  const rounds = [
    {
      surveyRound: 2022,
      programmeYear: 2021,
      usedFunds: 8,
      partiallySpent: 2,
      counts: new Map([
        ['a', 1],
        ['dropped', 3],
      ]),
    },
    { surveyRound: 2023, programmeYear: 2022, usedFunds: 200, partiallySpent: 4, counts: new Map([['new', 1]]) },
  ]

  it('lists every option in every round, null where it was not offered', () => {
    const report = buildDistribution({ programme: 'p', dimension: 'usage_areas', options, rounds })
    expect(report.rounds.map(r => r.options.map(o => [o.code, o.count, o.offeredTo, o.pct]))).to.deep.equal([
      [
        ['a', 1, 8, 13],
        ['new', null, null, null],
        ['dropped', 3, 8, 38],
      ],
      [
        ['a', 0, 200, 0],
        ['new', 1, 200, 1],
        ['dropped', null, null, null],
      ],
    ])
    expect(report.rounds.map(r => [r.surveyRound, r.programmeYear, r.n])).to.deep.equal([
      [2022, 2021, 8],
      [2023, 2022, 200],
    ])
  })

  it('takes the unspent reasons over those who did not spend everything', () => {
    const report = buildDistribution({
      programme: 'p',
      dimension: 'unspent_reasons',
      options: [option('tidsbrist', null)],
      rounds: [
        {
          surveyRound: 2023,
          programmeYear: 2022,
          usedFunds: 285,
          partiallySpent: 38,
          counts: new Map([['tidsbrist', 17]]),
        },
      ],
    })
    expect(report.rounds[0].options[0]).to.include({ count: 17, offeredTo: 38, pct: 45 })
    expect(report.rounds[0].n).to.equal(285)
  })
})

describe('buildSummary', () => {
  it('counts requisitioned, used and partially spent municipalities and the reasons of the partial ones', () => {
    const report = buildSummary({
      programme: 'p',
      programmeYear: 2022,
      unspentReasons: [option('tidsbrist', null), option('annat', null)],
      responses: [
        {
          municipalityCode: '0114',
          requisitionedOre: 1000,
          spentOre: 1000,
          remainingOre: 0,
          unspentReasons: ['annat'],
        },
        {
          municipalityCode: '0115',
          requisitionedOre: 1000,
          spentOre: 400,
          remainingOre: 600,
          unspentReasons: ['tidsbrist'],
        },
        {
          municipalityCode: '0117',
          requisitionedOre: 1000,
          spentOre: 0,
          remainingOre: 1000,
          unspentReasons: ['tidsbrist'],
        },
        { municipalityCode: '0120', requisitionedOre: null, spentOre: null, remainingOre: null, unspentReasons: [] },
      ],
      ledger: [
        { ...NO_LEDGER, paidOre: 1000, requisitionedOre: 1000 },
        { ...NO_LEDGER, directGrantOre: 500 },
      ],
    })
    expect(report.surveyRound).to.equal(2023)
    expect(report.survey).to.deep.equal({
      respondents: 4,
      municipalitiesRequisitioned: 3,
      municipalitiesUsedFunds: 2,
      requisitionedOre: 3000,
      spentOre: 1400,
      remainingOre: 1600,
      partiallySpentMunicipalities: 1,
      partiallySpentReasonCounts: { tidsbrist: 1, annat: 0 },
    })
    expect(report.ledger).to.include({ paidOre: 1000, directGrantOre: 500, municipalitiesPaid: 1 })
  })
})

describe('buildReconciliation', () => {
  it('has one row per municipality with a ledger entry or a response, in code order, and counts statuses', () => {
    const report = buildReconciliation({
      programme: 'p',
      programmeYear: 2022,
      toleranceOre: 0,
      municipalities: [
        { code: '0114', name: 'Upplands Väsby', countyCode: '01' },
        { code: '0115', name: 'Vallentuna', countyCode: '01' },
        { code: '0117', name: 'Österåker', countyCode: '01' },
      ],
      ledger: [{ ...NO_LEDGER, municipalityCode: '0117', requisitionedOre: 100, paidOre: 100 }],
      responses: [
        { municipalityCode: '0114', requisitionedOre: null, spentOre: null, remainingOre: null, unspentReasons: [] },
      ],
    })
    expect(report.rows.map(r => [r.municipalityCode, r.status, r.reportedRequisitionedOre])).to.deep.equal([
      ['0114', 'ok', 0],
      ['0117', 'missing_response', null],
    ])
    expect(report.countsByStatus).to.deep.equal({ ok: 1, missing_response: 1 })
  })
})
