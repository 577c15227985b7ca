import { expect } from 'chai'
import { ledgerConflictMessage, validateLedgerRecord } from '../../../app/domain/ledgerRow.ts'
import type { LedgerRow, Problem } from '../../../app/domain/types.ts'
import { importContext } from '../../helpers/importContext.ts'

const context = importContext()
const good = {
  programme_code: 'aldreomsorg-2020-2022',
  programme_year: '2022',
  municipality_code: '0114',
  type: 'payout',
  amount_sek: '1 000 000,50',
  date: '2022-03-20',
  reference: 'P-0114',
}

const valid = (changes: Partial<typeof good> = {}): { row: LedgerRow; warnings: Problem[] } => {
  const result = validateLedgerRecord(7, { ...good, ...changes }, context)
  if (!result.ok) throw new Error(`expected a valid row, got ${JSON.stringify(result.problems)}`)
  return result
}
const problems = (changes: Partial<Record<keyof typeof good, string>>): Problem[] => {
  const result = validateLedgerRecord(7, { ...good, ...changes }, context)
  if (result.ok) throw new Error('expected problems')
  return result.problems
}

describe('validateLedgerRecord', () => {
  it('reads a good row into a LedgerRow with the amount in öre', () => {
    expect(validateLedgerRecord(7, good, context)).to.deep.equal({
      ok: true,
      row: {
        programmeCode: 'aldreomsorg-2020-2022',
        programmeYear: 2022,
        municipalityCode: '0114',
        type: 'payout',
        amountOre: 100_000_050,
        date: '2022-03-20',
        reference: 'P-0114',
      },
      warnings: [],
    })
  })

  it('trims spaces around cells', () => {
    expect(valid({ municipality_code: ' 0114 ', type: ' payout', reference: ' P-0114 ' }).row).to.include({
      municipalityCode: '0114',
      type: 'payout',
      reference: 'P-0114',
    })
  })

  it('pads a 3-digit municipality code with a warning', () => {
    const { row, warnings } = valid({ municipality_code: '114' })
    expect(row.municipalityCode).to.equal('0114')
    expect(warnings).to.deep.equal([{ line: 7, column: 'municipality_code', message: '114 read as 0114' }])
  })

  it('rejects unknown and malformed municipality codes, naming the value', () => {
    expect(problems({ municipality_code: '9999' })).to.deep.equal([
      { line: 7, column: 'municipality_code', message: 'unknown municipality code "9999"' },
    ])
    expect(problems({ municipality_code: '999' })[0].message).to.equal('unknown municipality code "999"')
    expect(problems({ municipality_code: '14' })[0].message).to.equal('"14" is not a 4-digit municipality code')
    expect(problems({ municipality_code: 'Upplands Väsby' })[0].message).to.contain('"Upplands Väsby"')
  })

  it('rejects an unknown programme and a year outside the programme', () => {
    expect(problems({ programme_code: 'nope' })).to.deep.equal([
      { line: 7, column: 'programme_code', message: 'unknown programme "nope"' },
    ])
    expect(problems({ programme_year: '2019' })).to.deep.equal([
      { line: 7, column: 'programme_year', message: '2019 is not a year of aldreomsorg-2020-2022 (2020, 2021, 2022)' },
    ])
    expect(problems({ programme_year: '22' })[0].message).to.equal('"22" is not a year (YYYY)')
    expect(problems({ programme_code: 'valfardsteknik-2018', programme_year: '2022' })[0].column).to.equal(
      'programme_year',
    )
  })

  it('accepts every ledger type and rejects any other', () => {
    for (const type of ['allocation', 'requisition', 'payout', 'direct_grant', 'repayment']) {
      expect(valid({ type }).row.type).to.equal(type)
    }
    expect(problems({ type: 'gift' })).to.deep.equal([
      {
        line: 7,
        column: 'type',
        message: 'unknown type "gift" (expected allocation, requisition, payout, direct_grant, repayment)',
      },
    ])
    expect(problems({ type: 'Payout' })[0].column).to.equal('type')
  })

  it('requires an amount of at least 0 with at most 2 decimals', () => {
    expect(valid({ amount_sek: '0' }).row.amountOre).to.equal(0)
    expect(problems({ amount_sek: '' })).to.deep.equal([{ line: 7, column: 'amount_sek', message: 'missing value' }])
    expect(problems({ amount_sek: '-5' })[0]).to.deep.equal({
      line: 7,
      column: 'amount_sek',
      message: 'negative amount "-5"',
    })
    expect(problems({ amount_sek: '12.345' })[0].message).to.equal('"12.345" has more than 2 decimals')
  })

  it('requires a real calendar date in the form YYYY-MM-DD', () => {
    expect(valid({ date: '2024-02-29' }).row.date).to.equal('2024-02-29')
    expect(problems({ date: '2022-02-29' })[0]).to.deep.equal({
      line: 7,
      column: 'date',
      message: '"2022-02-29" is not a calendar date',
    })
    expect(problems({ date: '2022-02-30' })[0].message).to.equal('"2022-02-30" is not a calendar date')
    expect(problems({ date: '2022-13-01' })[0].message).to.contain('not a calendar date')
    expect(problems({ date: '1900-02-29' })[0].message).to.contain('not a calendar date')
    expect(problems({ date: '15/01/2022' })[0].message).to.equal('"15/01/2022" is not a date in the form YYYY-MM-DD')
    expect(problems({ date: '2022-1-5' })[0].message).to.contain('YYYY-MM-DD')
    expect(problems({ date: '' })[0].message).to.equal('missing value')
  })

  it('requires a reference of at most 200 characters', () => {
    expect(problems({ reference: '' })).to.deep.equal([{ line: 7, column: 'reference', message: 'missing value' }])
    expect(valid({ reference: 'x'.repeat(200) }).row.reference).to.have.length(200)
    expect(problems({ reference: 'x'.repeat(201) })[0].message).to.equal('longer than 200 characters (201)')
  })

  it('reports every problem of the row, in column order', () => {
    expect(
      problems({ municipality_code: '9999', type: 'gift', amount_sek: '12.345', date: '2022-02-30' }).map(
        p => p.column,
      ),
    ).to.deep.equal(['municipality_code', 'type', 'amount_sek', 'date'])
  })
})

describe('ledgerConflictMessage', () => {
  const content = {
    programmeYear: 2022,
    municipalityCode: '0114',
    type: 'payout' as const,
    amountOre: 100_000,
    date: '2022-03-20',
  }

  it('names the ledger or the earlier line, and each column that differs', () => {
    expect(ledgerConflictMessage('P-1', null, content, { ...content, amountOre: 200_050 })).to.equal(
      '"P-1" is already in the ledger with other content: amount_sek 1000 there, 2000.50 here',
    )
    expect(ledgerConflictMessage('P-1', 5, content, { ...content, type: 'requisition', date: '2022-03-21' })).to.equal(
      '"P-1" is already on line 5 with other content: type payout there, requisition here; date 2022-03-20 there, 2022-03-21 here',
    )
  })
})
