// The data-quality rules on hand-built answers: flips each way, amounts over and under the threshold, and the
// seeded sample.
import { expect } from 'chai'
import type { Answer } from '../../../app/domain/analysis.ts'
import {
  changeOverThreshold,
  changePct,
  findAmountChanges,
  findFlips,
  mulberry32,
  parseWholeNumber,
  planFlagSync,
  seededSample,
  type QualityFlag,
} from '../../../app/domain/dataQuality.ts'
import type { Dimension } from '../../../app/domain/types.ts'

const answer = (code: string, surveyRound: number, overrides: Partial<Answer> = {}): Answer => ({
  municipalityCode: code,
  surveyRound,
  programmeYear: surveyRound - 1,
  requisitionedOre: 100_000_00,
  spentOre: 100_000_00,
  remainingOre: 0,
  choices: { purposes: [], areas: [], usage_areas: [], unspent_reasons: [] },
  goalFulfilment: null,
  ...overrides,
})

const choices = (purposes: string[], usage: string[] = []) => ({
  purposes,
  areas: [],
  usage_areas: usage,
  unspent_reasons: [],
})

const OPTIONS = new Map<Dimension, string[]>([
  ['purposes', ['kvalitet', 'aktivitet', 'annat']],
  ['areas', ['hsl']],
  ['usage_areas', ['medicinskap', 'inkontinenssensorer', 'appar']],
  ['unspent_reasons', ['tidsbrist', 'personalbrist']],
  ['goal_fulfilment', ['hog', 'viss', 'inte']],
])
// medicinskap is new in 2023, inkontinenssensorer was dropped in 2023, aktivitet new in 2022
const ROUNDS: Record<string, number[]> = {
  medicinskap: [2023],
  inkontinenssensorer: [2021, 2022],
  aktivitet: [2022, 2023],
}
const offeredIn = (_dimension: Dimension, option: string, round: number) => ROUNDS[option]?.includes(round) ?? true

describe('findFlips', () => {
  it('flags an option chosen one round and not the next (dropped), and the reverse (added)', () => {
    const flags = findFlips(
      [answer('0114', 2022, { choices: choices(['kvalitet']) })],
      [answer('0114', 2023, { choices: choices(['aktivitet']) })],
      offeredIn,
      OPTIONS,
    )
    expect(flags).to.deep.equal([
      {
        municipalityCode: '0114',
        rule: 'flip',
        key: 'purposes:kvalitet',
        detail: { dimension: 'purposes', option: 'kvalitet', direction: 'dropped' },
      },
      {
        municipalityCode: '0114',
        rule: 'flip',
        key: 'purposes:aktivitet',
        detail: { dimension: 'purposes', option: 'aktivitet', direction: 'added' },
      },
    ])
  })

  it('does not flag an unchanged answer', () => {
    const same = choices(['kvalitet', 'annat'], ['appar'])
    expect(
      findFlips(
        [answer('0114', 2022, { choices: same })],
        [answer('0114', 2023, { choices: same })],
        offeredIn,
        OPTIONS,
      ),
    ).to.deep.equal([])
  })

  it('never flags an option that was not offered in both rounds (new in the later one, or dropped from it)', () => {
    const flags = findFlips(
      [answer('0114', 2022, { choices: choices([], ['inkontinenssensorer']) })],
      [answer('0114', 2023, { choices: choices([], ['medicinskap']) })],
      offeredIn,
      OPTIONS,
    )
    expect(flags).to.deep.equal([])
    // aktivitet was new in 2022: between 2021 and 2022 it cannot flip
    expect(
      findFlips(
        [answer('0114', 2021, { choices: choices([]) })],
        [answer('0114', 2022, { choices: choices(['aktivitet']) })],
        offeredIn,
        OPTIONS,
      ),
    ).to.deep.equal([])
  })

  it('compares only municipalities that answered both rounds and were asked both times', () => {
    const flags = findFlips(
      [
        answer('0114', 2022, { choices: choices(['kvalitet']) }),
        answer('0115', 2022, { choices: choices(['kvalitet']) }),
      ],
      // 0115 spent nothing in 2023: it was not asked about purposes; 0117 did not answer in 2022
      [
        answer('0115', 2023, { spentOre: 0, choices: choices([]) }),
        answer('0117', 2023, { choices: choices(['kvalitet']) }),
      ],
      offeredIn,
      OPTIONS,
    )
    expect(flags).to.deep.equal([])
  })

  it('flags a changed goal fulfilment once, from the earlier answer to the later', () => {
    const flags = findFlips(
      [answer('0114', 2022, { goalFulfilment: 'hog' })],
      [answer('0114', 2023, { goalFulfilment: 'inte' })],
      offeredIn,
      OPTIONS,
    )
    expect(flags).to.deep.equal([
      {
        municipalityCode: '0114',
        rule: 'flip',
        key: 'goal_fulfilment:inte',
        detail: { dimension: 'goal_fulfilment', option: 'inte', direction: 'changed', fromOption: 'hog' },
      },
    ])
  })

  it('compares unspent reasons only between rounds in which the municipality spent part of the money', () => {
    const partial = { requisitionedOre: 100_00, spentOre: 50_00, remainingOre: 50_00 }
    const flags = findFlips(
      [answer('0114', 2022, { ...partial, choices: { ...choices([]), unspent_reasons: ['tidsbrist'] } })],
      [answer('0114', 2023, { ...partial, choices: { ...choices([]), unspent_reasons: ['personalbrist'] } })],
      offeredIn,
      OPTIONS,
    )
    expect(flags.map(f => f.key)).to.deep.equal(['unspent_reasons:tidsbrist', 'unspent_reasons:personalbrist'])
    const spentAll = findFlips(
      [answer('0114', 2022, { ...partial, choices: { ...choices([]), unspent_reasons: ['tidsbrist'] } })],
      [answer('0114', 2023, { choices: choices([]) })],
      offeredIn,
      OPTIONS,
    )
    expect(spentAll).to.deep.equal([])
  })
})

describe('amount changes', () => {
  it('changeOverThreshold: strictly more than the threshold, rise and fall alike', () => {
    expect(changeOverThreshold(100_00, 150_00, 50)).to.equal(false) // exactly +50 %
    expect(changeOverThreshold(100_00, 150_01, 50)).to.equal(true) // just over
    expect(changeOverThreshold(100_00, 50_00, 50)).to.equal(false) // exactly −50 %
    expect(changeOverThreshold(100_00, 49_99, 50)).to.equal(true) // just under half
    expect(changeOverThreshold(100_00, 100_00, 0)).to.equal(false)
    expect(changeOverThreshold(0, 1, 50)).to.equal(true) // from nothing
    expect(changeOverThreshold(0, 0, 50)).to.equal(false)
  })

  it('changePct: signed whole percent, rounded half up; null from 0', () => {
    expect(changePct(200_00, 500_00)).to.equal(150)
    expect(changePct(300_00, 100_00)).to.equal(-67)
    expect(changePct(0, 100)).to.equal(null)
  })

  const amounts = (code: string, round: number, requisitioned: number | null, spent: number | null) =>
    answer(code, round, { requisitionedOre: requisitioned, spentOre: spent, remainingOre: null })

  it('flags a rise and a fall over the threshold, not one under it, per measure', () => {
    const flags = findAmountChanges(
      [
        amounts('0114', 2022, 100_000_00, 100_000_00), // spent rises 60 %: flagged; requisitioned +60 %: flagged
        amounts('0115', 2022, 100_000_00, 80_000_00), // requisitioned −40 %: not; spent −70 %: flagged
        amounts('0117', 2022, 100_000_00, 100_000_00), // +10 %: not
      ],
      [
        amounts('0114', 2023, 160_000_00, 160_000_00),
        amounts('0115', 2023, 60_000_00, 24_000_00),
        amounts('0117', 2023, 110_000_00, 110_000_00),
      ],
      50,
    )
    expect(
      flags.map(
        f =>
          `${f.municipalityCode}/${f.key}/${(f as Extract<QualityFlag, { rule: 'amount_change' }>).detail.direction}`,
      ),
    ).to.deep.equal(['0114/requisitioned/rise', '0114/spent/rise', '0115/spent/fall'])
    const fall = flags[2] as Extract<QualityFlag, { rule: 'amount_change' }>
    expect(fall.detail).to.deep.equal({
      measure: 'spent',
      fromOre: 80_000_00,
      toOre: 24_000_00,
      changePct: -70,
      direction: 'fall',
      thresholdPct: 50,
    })
  })

  it('the threshold decides: the same change is flagged at 30 % and not at 70 %', () => {
    const from = [amounts('0114', 2022, 100_000_00, 100_000_00)]
    const to = [amounts('0114', 2023, 100_000_00, 150_000_00)]
    expect(findAmountChanges(from, to, 30).map(f => f.key)).to.deep.equal(['spent'])
    expect(findAmountChanges(from, to, 70)).to.deep.equal([])
  })

  it('an empty amount counts as 0: money requisitioned one year and not the next is a fall', () => {
    const flags = findAmountChanges(
      [amounts('0114', 2022, 100_000_00, 100_000_00)],
      [amounts('0114', 2023, null, null)],
      50,
    )
    expect(flags.map(f => f.key)).to.deep.equal(['requisitioned', 'spent'])
  })
})

describe('seededSample', () => {
  const codes = Array.from({ length: 40 }, (_, i) => String(1000 + i))

  it('mulberry32 is the published generator (seed 1 starts 0.6270739405881613)', () => {
    const random = mulberry32(1)
    expect(random()).to.equal(0.6270739405881613)
    expect(random()).to.equal(0.002735721180215478)
  })

  it('mulberry32 gives the same numbers for the same seed, others for another', () => {
    const a = mulberry32(42)
    const b = mulberry32(42)
    const c = mulberry32(43)
    const first = [a(), a(), a()]
    expect([b(), b(), b()]).to.deep.equal(first)
    expect([c(), c(), c()]).to.not.deep.equal(first)
    expect(first.every(x => x >= 0 && x < 1)).to.equal(true)
  })

  it('the same seed gives the same sample, whatever order the items come in', () => {
    const sample = seededSample(codes, 10, 2023)
    expect(sample).to.have.length(10)
    expect(seededSample([...codes].reverse(), 10, 2023)).to.deep.equal(sample)
    expect(sample).to.deep.equal([...sample].sort())
    expect(new Set(sample).size).to.equal(10)
    expect(sample.every(code => codes.includes(code))).to.equal(true)
  })

  it('another seed gives another sample; a larger size includes everyone', () => {
    expect(seededSample(codes, 10, 1)).to.not.deep.equal(seededSample(codes, 10, 2))
    expect(seededSample(codes, 100, 1)).to.deep.equal([...codes].sort())
    expect(seededSample([], 5, 1)).to.deep.equal([])
  })

  it('is stable across releases: seed 1, 5 of 40', () => {
    expect(seededSample(codes, 5, 1)).to.deep.equal(FIXED_SAMPLE)
  })
})

// mulberry32 + Fisher–Yates as implemented: a change of either changes every sample drawn with a noted seed
const FIXED_SAMPLE = ['1012', '1015', '1017', '1021', '1026']

describe('planFlagSync', () => {
  const flip = (code: string, key: string): QualityFlag => ({
    municipalityCode: code,
    rule: 'flip',
    key,
    detail: { dimension: 'purposes', option: key.split(':')[1], direction: 'dropped' },
  })

  it('inserts new flags, leaves unchanged ones, retires those no longer found, reactivates returning ones', () => {
    const a = flip('0114', 'purposes:kvalitet')
    const b = flip('0115', 'purposes:annat')
    const c = flip('0117', 'purposes:kvalitet')
    const stored = [
      {
        id: 1,
        municipalityCode: '0114',
        rule: 'flip' as const,
        key: 'purposes:kvalitet',
        detail: a.detail,
        stillFlagged: true,
      },
      { id: 2, municipalityCode: '0120', rule: 'flip' as const, key: 'purposes:annat', detail: {}, stillFlagged: true },
      {
        id: 3,
        municipalityCode: '0117',
        rule: 'flip' as const,
        key: 'purposes:kvalitet',
        detail: c.detail,
        stillFlagged: false,
      },
    ]
    const plan = planFlagSync([a, b, c], stored)
    expect(plan.insert).to.deep.equal([b])
    expect(plan.update).to.deep.equal([{ id: 3, flag: c }])
    expect(plan.retire).to.deep.equal([2])
  })

  it('changes nothing the second time', () => {
    const a = flip('0114', 'purposes:kvalitet')
    const stored = [
      {
        id: 1,
        municipalityCode: '0114',
        rule: 'flip' as const,
        key: a.key,
        detail: { ...a.detail },
        stillFlagged: true,
      },
    ]
    expect(planFlagSync([a], stored)).to.deep.equal({ insert: [], update: [], retire: [] })
  })
})

describe('parseWholeNumber', () => {
  it('reads whole numbers within the range; absent is undefined; anything else null', () => {
    expect(parseWholeNumber(undefined, 1, 10)).to.equal(undefined)
    expect(parseWholeNumber(' ', 1, 10)).to.equal(undefined)
    expect(parseWholeNumber('7', 1, 10)).to.equal(7)
    expect(parseWholeNumber('0', 1, 10)).to.equal(null)
    expect(parseWholeNumber('11', 1, 10)).to.equal(null)
    expect(parseWholeNumber('5.5', 1, 10)).to.equal(null)
    expect(parseWholeNumber('-3', 1, 10)).to.equal(null)
  })
})
