// Tables as files: formulas neutralised in CSV (OWASP CSV injection), amounts as kronor, safe file names.
import { expect } from 'chai'
import { neutraliseCell, toCsv } from '../../../app/exports/csv.ts'
import { csvOf, exportFileName, type ExportTable } from '../../../app/routes/admin/export.ts'

describe('CSV neutralisation', () => {
  it('prefixes a cell that a spreadsheet would read as a formula', () => {
    for (const text of [
      '=HYPERLINK("http://evil.example","klicka")',
      '+46701234567',
      '-2+3',
      '@SUM(A1)',
      '\tx',
      '\rx',
    ]) {
      expect(neutraliseCell(text), JSON.stringify(text)).to.equal(`'${text}`)
    }
  })

  it('leaves plain text, numbers and negative amounts as they are', () => {
    expect(neutraliseCell('Kiruna')).to.equal('Kiruna')
    expect(neutraliseCell(-1234)).to.equal('-1234')
    expect(neutraliseCell('-1234')).to.equal('-1234')
    expect(neutraliseCell('-1234,50')).to.equal('-1234,50')
    expect(neutraliseCell('-1234,50+1')).to.equal("'-1234,50+1")
    expect(neutraliseCell(null)).to.equal('')
  })

  it('quotes what needs quoting and starts with a BOM', () => {
    const csv = toCsv(['a', 'b'], [['x;y', 'say "hi"\nbye']])
    expect(csv).to.equal('\uFEFFa;b\r\n"x;y";"say ""hi""\nbye"\r\n')
  })
})

describe('csvOf', () => {
  const table: ExportTable = {
    name: 'T',
    columns: [
      { header: 'Kommun', kind: 'text' },
      { header: 'Belopp (kr)', kind: 'sek' },
      { header: 'Antal', kind: 'int' },
    ],
    rows: [
      ['=cmd|calc', 1_234_550, 3],
      ['Åre', -100_00, null],
      ['Tom', null, 0],
    ],
  }

  it('writes öre as kronor with a decimal comma, and neutralises text', () => {
    expect(csvOf(table).split('\r\n')).to.deep.equal([
      '\uFEFFKommun;Belopp (kr);Antal',
      "'=cmd|calc;12345,50;3",
      'Åre;-100;',
      'Tom;;0',
      '',
    ])
  })
})

describe('exportFileName', () => {
  it('keeps ASCII letters, digits, dots and hyphens', () => {
    expect(exportFileName(['avstämning', 'aldreomsorg-2020-2022', 2022], 'csv')).to.equal(
      'avstamning-aldreomsorg-2020-2022-2022.csv',
    )
    expect(exportFileName(['Svar "ändrade"/\\'], 'xlsx')).to.equal('svar-andrade.xlsx')
    expect(exportFileName([''], 'csv')).to.equal('export.csv')
  })
})
