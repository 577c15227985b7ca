// An uploaded workbook becomes the contract's CSV: the first sheet, header on line 1, one record per spreadsheet
// row (so the import's line numbers are Excel's row numbers), cells as Excel shows them.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect } from 'chai'
import ExcelJS from 'exceljs'
import { readCsv } from '../../../app/imports/csvReader.ts'
import { cellText, xlsxToCsv } from '../../../app/imports/xlsxToCsv.ts'

const HEADER = ['programme_code', 'programme_year', 'municipality_code', 'type', 'amount_sek', 'date', 'reference']

async function workbook(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  build(book)
  return Buffer.from(await book.xlsx.writeBuffer())
}

async function convert(bytes: Buffer): Promise<string> {
  const result = await xlsxToCsv(bytes)
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  return result.csv.toString('utf8')
}

describe('xlsxToCsv', () => {
  it('writes the first sheet as CSV, one line per row, cells as Excel shows them', async () => {
    const bytes = await workbook(book => {
      const sheet = book.addWorksheet('Liggare')
      sheet.addRow(HEADER)
      sheet.addRow(['aldreomsorg-2020-2022', 2022, '0114', 'payout', 1000000, new Date(Date.UTC(2022, 2, 20)), 'P-1'])
      sheet.addRow(['aldreomsorg-2020-2022', 2022, 114, 'repayment', 20000.5, '2023-05-02', 'B-1'])
      book.addWorksheet('Anteckningar').addRow(['not', 'read'])
    })
    expect(await convert(bytes)).to.equal(
      [
        HEADER.join(','),
        'aldreomsorg-2020-2022,2022,0114,payout,1000000,2022-03-20,P-1',
        'aldreomsorg-2020-2022,2022,114,repayment,20000.5,2023-05-02,B-1',
        '',
      ].join('\r\n'),
    )
  })

  it('keeps empty rows, so that line numbers are the row numbers of the sheet', async () => {
    const bytes = await workbook(book => {
      const sheet = book.addWorksheet('Blad1')
      sheet.getRow(1).values = HEADER
      sheet.getRow(2).values = ['p', 2022, '0114', 'payout', 1, '2022-01-01', 'A']
      // rows 3 and 4 empty
      sheet.getRow(5).values = ['p', 2022, '0115', 'payout', 2, '2022-01-01', 'B']
    })
    const csv = await convert(bytes)
    expect(csv.split('\r\n')).to.have.length(6) // five rows and the final line end
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stimulans-xlsx-'))
    try {
      const file = path.join(dir, 'converted.csv')
      fs.writeFileSync(file, csv)
      const lines: number[] = []
      for await (const row of readCsv(file, { columns: HEADER })) {
        expect(row.problems).to.equal(undefined)
        lines.push(row.line)
      }
      expect(lines).to.deep.equal([2, 5])
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('quotes cells with separators, quotes and line breaks; formulas give their result; rich text its text', async () => {
    const bytes = await workbook(book => {
      const sheet = book.addWorksheet('Blad1')
      sheet.addRow(['a', 'b', 'c', 'd', 'e'])
      sheet.addRow([
        'Kalmar, län',
        'säger "hej"',
        'två\nrader',
        { formula: '1+1', result: 2 },
        { richText: [{ text: 'fet' }, { text: ' och vanlig' }] },
      ])
      sheet.addRow(['x;y', true, { formula: 'A1', result: { error: '#REF!' } }, null, ' kvar '])
    })
    expect(await convert(bytes)).to.equal(
      'a,b,c,d,e\r\n"Kalmar, län","säger ""hej""","två\nrader",2,fet och vanlig\r\n"x;y",TRUE,#REF!,, kvar \r\n',
    )
  })

  it('widens every row to the widest row and drops trailing empty cells and rows', async () => {
    const bytes = await workbook(book => {
      const sheet = book.addWorksheet('Blad1')
      sheet.addRow(['a', 'b', 'c'])
      sheet.addRow(['1'])
      sheet.addRow(['1', '2', '3', '4'])
      sheet.addRow(['', '', ''])
    })
    expect(await convert(bytes)).to.equal('a,b,c,\r\n1,,,\r\n1,2,3,4\r\n')
  })

  it('writes a date with a time of day with its time, so that validation can name it', () => {
    expect(cellText(new Date(Date.UTC(2022, 2, 20)))).to.equal('2022-03-20')
    expect(cellText(new Date(Date.UTC(2022, 2, 20, 13, 5, 0)))).to.equal('2022-03-20 13:05:00')
    expect(cellText(null)).to.equal('')
    expect(cellText(0)).to.equal('0')
    expect(cellText({ text: 'länk', hyperlink: 'https://example.org' })).to.equal('länk')
  })

  it('names the problem of a file that is not a workbook, cannot be read, or has an empty first sheet', async () => {
    const notZip = await xlsxToCsv(Buffer.from('programme_code,programme_year\n'))
    expect(notZip).to.deep.equal({
      ok: false,
      problems: [
        {
          line: 1,
          column: '(file)',
          message: 'not an Excel workbook (.xlsx); save the file as "Excel Workbook (.xlsx)" or as CSV',
        },
      ],
    })
    const broken = await xlsxToCsv(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]))
    expect(broken.ok).to.equal(false)
    if (!broken.ok) expect(broken.problems[0].message).to.contain('could not be read')
    const empty = await xlsxToCsv(await workbook(book => book.addWorksheet('Tomt')))
    expect(empty).to.deep.equal({
      ok: false,
      problems: [{ line: 1, column: '(file)', message: 'the first sheet ("Tomt") is empty: no header row' }],
    })
  })
})
