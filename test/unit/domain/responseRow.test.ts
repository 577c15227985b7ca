import { expect } from 'chai'
import { responseContentHash, validateResponseRecord } from '../../../app/domain/responseRow.ts'
import type { Problem, ResponseRow } from '../../../app/domain/types.ts'
import { importContext } from '../../helpers/importContext.ts'

const context = importContext()
const good = {
  programme_code: 'aldreomsorg-2020-2022',
  programme_year: '2022',
  municipality_code: '0115',
  submitted_on: '2023-02-02',
  requisitioned_sek: '400 100',
  spent_sek: '300000,50',
  remaining_sek: '100099.50',
  unspent_reasons: 'tidsbrist|annat',
  purposes: 'kvalitet|arbetsmiljo',
  areas: 'hsl',
  usage_areas: 'medicinskap|appar',
  goal_fulfilment: 'viss',
  other_reason: 'Upphandlingen drog ut på tiden',
  other_purpose: '',
  other_area: '',
  other_usage: '',
  comment: ' Två rader,\r\nmed "citat" ',
}
type Changes = Partial<Record<keyof typeof good, string>>

const valid = (changes: Changes = {}): { row: ResponseRow; warnings: Problem[] } => {
  const result = validateResponseRecord(4, { ...good, ...changes }, context)
  if (!result.ok) throw new Error(`expected a valid row, got ${JSON.stringify(result.problems)}`)
  return result
}
const problems = (changes: Changes): Problem[] => {
  const result = validateResponseRecord(4, { ...good, ...changes }, context)
  if (result.ok) throw new Error('expected problems')
  return result.problems
}

describe('validateResponseRecord', () => {
  it('reads a good row: amounts in öre, choices split on |, free text exactly as written', () => {
    expect(validateResponseRecord(4, good, context)).to.deep.equal({
      ok: true,
      row: {
        programmeCode: 'aldreomsorg-2020-2022',
        programmeYear: 2022,
        municipalityCode: '0115',
        submittedOn: '2023-02-02',
        requisitionedOre: 40_010_000,
        spentOre: 30_000_050,
        remainingOre: 10_009_950,
        unspentReasons: ['tidsbrist', 'annat'],
        purposes: ['kvalitet', 'arbetsmiljo'],
        areas: ['hsl'],
        usageAreas: ['medicinskap', 'appar'],
        goalFulfilment: 'viss',
        otherReason: 'Upphandlingen drog ut på tiden',
        otherPurpose: '',
        otherArea: '',
        otherUsage: '',
        comment: ' Två rader,\r\nmed "citat" ',
      },
      warnings: [],
    })
  })

  it('stores empty amounts, dates, choices and goal fulfilment as null or none', () => {
    const { row } = valid({
      submitted_on: '',
      requisitioned_sek: '',
      spent_sek: ' ',
      remaining_sek: '',
      unspent_reasons: '',
      purposes: '',
      areas: '',
      usage_areas: '',
      goal_fulfilment: '',
    })
    expect(row).to.include({ submittedOn: null, requisitionedOre: null, spentOre: null, remainingOre: null })
    expect(row).to.include({ goalFulfilment: null })
    expect([row.unspentReasons, row.purposes, row.areas, row.usageAreas]).to.deep.equal([[], [], [], []])
  })

  it('ignores empty pieces and spaces in a multi-select cell, and a code given twice counts once', () => {
    expect(valid({ purposes: ' kvalitet | | arbetsmiljo|kvalitet|' }).row.purposes).to.deep.equal([
      'kvalitet',
      'arbetsmiljo',
    ])
  })

  it('the survey round is programme year + 1: an option offered only in round 2023 needs programme year 2022', () => {
    // medicinskap was offered only in survey round 2023 (programme year 2022)
    expect(valid({ programme_year: '2022', usage_areas: 'medicinskap' }).row.usageAreas).to.deep.equal(['medicinskap'])
    expect(problems({ programme_year: '2021', usage_areas: 'appar|medicinskap' })).to.deep.equal([
      { line: 4, column: 'usage_areas', message: '"medicinskap" not offered in survey round 2022 (offered in 2023)' },
    ])
    expect(problems({ programme_year: '2020', usage_areas: 'medicinskap' })[0].message).to.contain(
      'not offered in survey round 2021',
    )
  })

  it('rejects an option dropped in a later round: inkontinenssensorer was offered in rounds 2021–2022 only', () => {
    expect(valid({ programme_year: '2020', usage_areas: 'inkontinenssensorer' }).row.usageAreas).to.deep.equal([
      'inkontinenssensorer',
    ])
    expect(valid({ programme_year: '2021', usage_areas: 'inkontinenssensorer' }).row.usageAreas).to.have.length(1)
    expect(problems({ programme_year: '2022', usage_areas: 'inkontinenssensorer' })).to.deep.equal([
      {
        line: 4,
        column: 'usage_areas',
        message: '"inkontinenssensorer" not offered in survey round 2023 (offered in 2021, 2022)',
      },
    ])
  })

  it('checks the purposes too: aktivitet was new in survey round 2022', () => {
    expect(valid({ programme_year: '2021', purposes: 'aktivitet', usage_areas: 'appar' }).row.purposes).to.deep.equal([
      'aktivitet',
    ])
    expect(problems({ programme_year: '2020', purposes: 'kvalitet|aktivitet', usage_areas: 'appar' })[0]).to.deep.equal(
      {
        line: 4,
        column: 'purposes',
        message: '"aktivitet" not offered in survey round 2021 (offered in 2022, 2023)',
      },
    )
  })

  it('accepts options offered in every round (unspent reasons, goal fulfilment) in any year', () => {
    expect(
      valid({ programme_year: '2020', usage_areas: '', unspent_reasons: 'personalbrist', goal_fulfilment: 'hog' }).row,
    ).to.include({
      goalFulfilment: 'hog',
    })
  })

  it('rejects an unknown option in its own column, with a hint when another separator was used', () => {
    expect(problems({ areas: 'hsl|skola' })).to.deep.equal([
      { line: 4, column: 'areas', message: 'unknown option "skola"' },
    ])
    expect(problems({ purposes: 'kvalitet,arbetsmiljo' })[0].message).to.equal(
      'unknown option "kvalitet,arbetsmiljo" (separate options with |)',
    )
    // a code of another dimension is not an option here
    expect(problems({ areas: 'tidsbrist' })[0]).to.include({ column: 'areas' })
  })

  it('goal fulfilment holds one known code or nothing', () => {
    expect(problems({ goal_fulfilment: 'hog|viss' })).to.deep.equal([
      { line: 4, column: 'goal_fulfilment', message: 'one code only, got "hog|viss"' },
    ])
    expect(problems({ goal_fulfilment: 'ja' })[0].message).to.equal('unknown option "ja"')
  })

  it('checks dates and amounts as the ledger does', () => {
    expect(problems({ submitted_on: '2023-02-30' })[0]).to.deep.equal({
      line: 4,
      column: 'submitted_on',
      message: '"2023-02-30" is not a calendar date',
    })
    // 1,234 is a decimal comma with three decimals, not an English thousands separator
    expect(problems({ requisitioned_sek: '-1', spent_sek: '1,234', remaining_sek: '5 00' })).to.deep.equal([
      { line: 4, column: 'requisitioned_sek', message: 'negative amount "-1"' },
      { line: 4, column: 'spent_sek', message: '"1,234" has more than 2 decimals' },
      { line: 4, column: 'remaining_sek', message: '"5 00" is not grouped in thousands (write 1 234 567)' },
    ])
    expect(problems({ spent_sek: '1.005' })[0].message).to.equal('"1.005" has more than 2 decimals')
  })

  it('pads a 3-digit municipality code with a warning', () => {
    const { row, warnings } = valid({ municipality_code: '115' })
    expect(row.municipalityCode).to.equal('0115')
    expect(warnings).to.deep.equal([{ line: 4, column: 'municipality_code', message: '115 read as 0115' }])
  })

  it('checks options for existence even when the year is wrong, and reports every problem at once', () => {
    expect(problems({ programme_year: '1999', municipality_code: '0000', purposes: 'nope' })).to.deep.equal([
      { line: 4, column: 'programme_year', message: '1999 is not a year of aldreomsorg-2020-2022 (2020, 2021, 2022)' },
      { line: 4, column: 'municipality_code', message: 'unknown municipality code "0000"' },
      { line: 4, column: 'purposes', message: 'unknown option "nope"' },
    ])
  })
})

describe('responseContentHash', () => {
  const row = valid().row

  it('is the same for the same answer, whatever the order of the choices or the line endings', () => {
    const same = { ...row, purposes: [...row.purposes].reverse(), comment: row.comment.replace('\r\n', '\n') }
    expect(responseContentHash(same)).to.equal(responseContentHash(row))
    expect(responseContentHash(row)).to.match(/^[0-9a-f]{64}$/)
  })

  it('differs when any part of the answer differs, and tells empty from 0', () => {
    const hash = responseContentHash(row)
    const changed: Partial<ResponseRow>[] = [
      { spentOre: row.spentOre! + 1 },
      { remainingOre: null },
      { submittedOn: null },
      { areas: [] },
      { usageAreas: ['appar'] },
      { goalFulfilment: 'hog' },
      { otherReason: '' },
      { comment: 'Annat' },
    ]
    for (const change of changed)
      expect(responseContentHash({ ...row, ...change }), JSON.stringify(change)).to.not.equal(hash)
    const empty = { ...row, requisitionedOre: null }
    expect(responseContentHash(empty)).to.not.equal(responseContentHash({ ...row, requisitionedOre: 0 }))
  })

  it('depends on the content only, not on the key (programme, year, municipality)', () => {
    expect(responseContentHash({ ...row, municipalityCode: '0114', programmeYear: 2021 })).to.equal(
      responseContentHash(row),
    )
  })
})
