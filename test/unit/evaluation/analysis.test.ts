// Shares from individual answers, the size-group and county breakdowns, the change between rounds and the bounds.
import { expect } from 'chai'
import {
  buildDistributionBreakdown,
  buildSummaryBreakdown,
  countyGrouping,
  formatChange,
  parseBounds,
  roundInputsFromAnswers,
  shareChanges,
  sizeGrouping,
  UNKNOWN_GROUP,
  type Answer,
  type MunicipalityRef,
} from '../../../app/domain/analysis.ts'
import { buildDistribution, type OptionInfo } from '../../../app/domain/reports.ts'
import { sizeGroupsFromBounds } from '../../../app/domain/sizeGroups.ts'
import { groupLabel } from '../../../app/reports/publishedTables.ts'

const answer = (code: string, surveyRound: number, overrides: Partial<Answer> = {}): Answer => ({
  municipalityCode: code,
  surveyRound,
  programmeYear: surveyRound - 1,
  requisitionedOre: 100_00,
  spentOre: 100_00,
  remainingOre: 0,
  choices: { purposes: [], areas: [], usage_areas: [], unspent_reasons: [] },
  goalFulfilment: null,
  ...overrides,
})
const purposes = (list: string[]) => ({ purposes: list, areas: [], usage_areas: [], unspent_reasons: [] })
const option = (code: string, surveyRounds: number[] | null): OptionInfo => ({
  code,
  labelSv: code,
  labelEn: code,
  surveyRounds,
})
const municipalities: MunicipalityRef[] = [
  { code: '0114', name: 'Upplands Väsby', countyCode: '01', county: 'Stockholms län' },
  { code: '0115', name: 'Vallentuna', countyCode: '01', county: 'Stockholms län' },
  { code: '2584', name: 'Kiruna', countyCode: '25', county: 'Norrbottens län' },
  { code: '0360', name: 'Tierp', countyCode: '03', county: 'Uppsala län' },
]
const ROUNDS = [
  { surveyRound: 2022, programmeYear: 2021 },
  { surveyRound: 2023, programmeYear: 2022 },
]

describe('roundInputsFromAnswers', () => {
  it('counts n (spent > 0), the partially spent, and each option among those asked, per round', () => {
    const answers = [
      answer('0114', 2023, { choices: purposes(['kvalitet', 'annat']) }),
      answer('0115', 2023, {
        spentOre: 50_00,
        remainingOre: 50_00,
        choices: { ...purposes(['kvalitet']), unspent_reasons: ['tidsbrist'] },
      }),
      // spent nothing: not asked, its choices are not counted
      answer('2584', 2023, { spentOre: 0, choices: purposes(['kvalitet']) }),
      answer('0114', 2022, { goalFulfilment: 'hog', choices: purposes(['annat']) }),
    ]
    const [r2022, r2023] = roundInputsFromAnswers(answers, 'purposes', ROUNDS)
    expect(r2023).to.deep.include({ surveyRound: 2023, programmeYear: 2022, usedFunds: 2, partiallySpent: 1 })
    expect([...r2023.counts]).to.deep.equal([
      ['kvalitet', 2],
      ['annat', 1],
    ])
    expect(r2022.usedFunds).to.equal(1)
    expect([...roundInputsFromAnswers(answers, 'unspent_reasons', ROUNDS)[1].counts]).to.deep.equal([['tidsbrist', 1]])
    expect([...roundInputsFromAnswers(answers, 'goal_fulfilment', ROUNDS)[0].counts]).to.deep.equal([['hog', 1]])
  })

  it('lists a round without answers with zero counts', () => {
    const [empty] = roundInputsFromAnswers([], 'areas', ROUNDS)
    expect(empty).to.deep.include({ usedFunds: 0, partiallySpent: 0 })
    expect(empty.counts.size).to.equal(0)
  })
})

describe('size groups and counties', () => {
  const population = new Map([
    [
      2021,
      new Map([
        ['0114', 9_999],
        ['0115', 10_000],
        ['2584', 22_000],
      ]),
    ],
    [
      2022,
      new Map([
        ['0114', 10_500],
        ['0115', 10_000],
        ['2584', 22_000],
      ]),
    ],
  ])

  it('sorts each municipality by its population of the programme year; no figure: unknown, listed last', () => {
    const grouping = sizeGrouping([10_000, 20_000], population, municipalities)
    expect(grouping.groups.map(g => g.code)).to.deep.equal(['0-9999', '10000-19999', '20000-', UNKNOWN_GROUP])
    expect(grouping.groupOf('0114', 2021)).to.equal('0-9999')
    // the same municipality moves up a group when it grows
    expect(grouping.groupOf('0114', 2022)).to.equal('10000-19999')
    expect(grouping.groupOf('0115', 2022)).to.equal('10000-19999')
    expect(grouping.groupOf('2584', 2022)).to.equal('20000-')
    expect(grouping.groupOf('0360', 2022)).to.equal(UNKNOWN_GROUP)
  })

  it('has no unknown group when every municipality has a figure', () => {
    const all = new Map([[2022, new Map(municipalities.map(m => [m.code, 5_000]))]])
    expect(sizeGrouping([10_000], all, municipalities).groups.map(g => g.code)).to.deep.equal(['0-9999', '10000-'])
  })

  it('counties in code order, with their names', () => {
    const grouping = countyGrouping(municipalities)
    expect(grouping.groups).to.deep.equal([
      { code: '01', name: 'Stockholms län', minPopulation: null, maxPopulation: null },
      { code: '03', name: 'Uppsala län', minPopulation: null, maxPopulation: null },
      { code: '25', name: 'Norrbottens län', minPopulation: null, maxPopulation: null },
    ])
    expect(grouping.groupOf('2584', 2022)).to.equal('25')
  })

  it('labels the groups as the report words them', () => {
    const [under, middle, over] = sizeGroupsFromBounds([10_000, 20_000])
    const info = (g: { min: number; max: number | null }) => ({
      code: '',
      name: null,
      minPopulation: g.min,
      maxPopulation: g.max,
    })
    expect(groupLabel(info(under), 'sv')).to.equal('Under 10\u00a0000')
    expect(groupLabel(info(middle), 'sv')).to.equal('10\u00a0000–19\u00a0999')
    expect(groupLabel(info(over), 'sv')).to.equal('20\u00a0000 och fler')
    expect(groupLabel(info(over), 'en')).to.equal('20\u00a0000 or more')
    expect(groupLabel({ code: UNKNOWN_GROUP, name: null, minPopulation: null, maxPopulation: null }, 'sv')).to.equal(
      'Folkmängd saknas',
    )
  })
})

describe('breakdowns', () => {
  const options = [option('kvalitet', null), option('aktivitet', [2023])]
  const answers = [
    answer('0114', 2022, { choices: purposes(['kvalitet']) }),
    answer('0115', 2022, { choices: purposes([]) }),
    answer('0114', 2023, { choices: purposes(['kvalitet', 'aktivitet']) }),
    answer('2584', 2023, { choices: purposes(['kvalitet']) }),
    answer('0360', 2023, { choices: purposes([]) }),
  ]

  it('one distribution per county; the groups add up to the whole', () => {
    const breakdown = buildDistributionBreakdown({
      programme: 'p',
      dimension: 'purposes',
      options,
      rounds: ROUNDS,
      answers,
      municipalities,
      grouping: countyGrouping(municipalities),
    })
    const whole = buildDistribution({
      programme: 'p',
      dimension: 'purposes',
      options,
      rounds: roundInputsFromAnswers(answers, 'purposes', ROUNDS),
    })
    expect(breakdown.groups.map(g => g.group.code)).to.deep.equal(['01', '03', '25'])
    const stockholm = breakdown.groups[0]
    expect(stockholm.municipalitiesByRound).to.deep.equal({ 2022: 2, 2023: 2 })
    expect(stockholm.report.rounds.map(r => r.n)).to.deep.equal([2, 1])
    expect(stockholm.report.rounds[0].options[0]).to.include({ count: 1, offeredTo: 2, pct: 50 })
    // not offered in 2022 in every group, as in the whole
    expect(stockholm.report.rounds[0].options[1]).to.include({ count: null, pct: null })
    for (const r of [0, 1]) {
      const n = breakdown.groups.reduce((sum, g) => sum + g.report.rounds[r].n, 0)
      expect(n).to.equal(whole.rounds[r].n)
    }
    // a group without respondents in a round: n = 0 and no share, but the option is offered
    expect(breakdown.groups[1].report.rounds[0]).to.deep.include({ n: 0 })
    expect(breakdown.groups[1].report.rounds[0].options[0]).to.include({ count: 0, offeredTo: 0, pct: null })
  })

  it('table 34 per size group sums to the whole', () => {
    const responses = [
      {
        municipalityCode: '0114',
        requisitionedOre: 300_00,
        spentOre: 200_00,
        remainingOre: 100_00,
        unspentReasons: ['tidsbrist'],
      },
      { municipalityCode: '2584', requisitionedOre: 500_00, spentOre: 500_00, remainingOre: 0, unspentReasons: [] },
    ]
    const population = new Map([
      [
        2022,
        new Map([
          ['0114', 5_000],
          ['0115', 5_000],
          ['2584', 25_000],
          ['0360', 20_000],
        ]),
      ],
    ])
    const breakdown = buildSummaryBreakdown({
      programme: 'p',
      programmeYear: 2022,
      responses,
      ledger: [],
      unspentReasons: [option('tidsbrist', null)],
      municipalities,
      grouping: sizeGrouping([10_000], population, municipalities),
    })
    expect(breakdown.surveyRound).to.equal(2023)
    expect(breakdown.groups.map(g => [g.group.code, g.municipalities, g.report.survey.requisitionedOre])).to.deep.equal(
      [
        ['0-9999', 2, 300_00],
        ['10000-', 2, 500_00],
      ],
    )
    expect(breakdown.groups[0].report.survey.partiallySpentReasonCounts).to.deep.equal({ tidsbrist: 1 })
  })
})

describe('shareChanges and formatChange', () => {
  it('the change in percentage points from round to round; none where a round has no share', () => {
    const report = buildDistribution({
      programme: 'p',
      dimension: 'purposes',
      options: [option('a', null), option('new', [2023])],
      rounds: [
        { surveyRound: 2022, programmeYear: 2021, usedFunds: 4, partiallySpent: 0, counts: new Map([['a', 3]]) },
        {
          surveyRound: 2023,
          programmeYear: 2022,
          usedFunds: 4,
          partiallySpent: 0,
          counts: new Map([
            ['a', 1],
            ['new', 2],
          ]),
        },
      ],
    })
    expect(shareChanges(report)).to.deep.equal([
      { code: 'a', changes: [-50] },
      { code: 'new', changes: [null] },
    ])
    expect([5, -3, 0, null].map(formatChange)).to.deep.equal(['+5', '\u22123', '0', '\u2013'])
  })
})

describe('parseBounds', () => {
  it('reads ascending whole bounds, with spaces inside numbers', () => {
    expect(parseBounds('10000,20000,50000,100000')).to.deep.equal({ ok: true, bounds: [10000, 20000, 50000, 100000] })
    expect(parseBounds('10 000; 20\u00a0000')).to.deep.equal({ ok: true, bounds: [10000, 20000] })
  })

  it('says what is wrong', () => {
    expect(parseBounds('')).to.deep.equal({ ok: false, message: 'no bounds given' })
    expect(parseBounds('20000,10000')).to.include({ ok: false })
    expect(parseBounds('10000,10000')).to.include({ ok: false })
    expect(parseBounds('0,100')).to.deep.equal({ ok: false, message: 'a bound must be more than 0' })
    expect(parseBounds('10k')).to.deep.equal({ ok: false, message: '"10k" is not a whole number of inhabitants' })
    expect(parseBounds('1,2,3,4,5,6,7,8,9,10')).to.include({ ok: false })
  })
})
