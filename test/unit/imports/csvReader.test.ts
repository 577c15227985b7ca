import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect } from 'chai'
import iconv from 'iconv-lite'
import { detectSeparator, inspectCsvFile, readCsv, type CsvRow } from '../../../app/imports/csvReader.ts'

const COLUMNS = ['code', 'name', 'note'] as const

describe('csvReader', () => {
  let dir: string
  let counter = 0
  const write = (content: string | Buffer) => {
    const file = path.join(dir, `file-${++counter}.csv`)
    fs.writeFileSync(file, content)
    return file
  }
  const read = async (file: string, options: { highWaterMark?: number; columns?: readonly string[] } = {}) => {
    const rows: CsvRow[] = []
    for await (const row of readCsv(file, {
      columns: options.columns ?? COLUMNS,
      highWaterMark: options.highWaterMark,
    })) {
      rows.push(row)
    }
    return rows
  }

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stimulans-csv-'))
  })
  after(() => fs.rmSync(dir, { recursive: true, force: true }))

  const swedish = 'code,name,note\n0180,Stockholm,Ärende åäö ÅÄÖ é\n2584,Kiruna,Övrigt – “citat” 5 €\n'
  const expected = [
    { line: 2, record: { code: '0180', name: 'Stockholm', note: 'Ärende åäö ÅÄÖ é' } },
    { line: 3, record: { code: '2584', name: 'Kiruna', note: 'Övrigt – “citat” 5 €' } },
  ]

  it('reads UTF-8 without a BOM', async () => {
    const file = write(swedish)
    expect(await read(file)).to.deep.equal(expected)
    expect((await inspectCsvFile(file)).encoding).to.equal('utf-8')
  })

  it('reads UTF-8 with a BOM (the header keeps no trace of it)', async () => {
    const file = write('\uFEFF' + swedish)
    expect(await read(file)).to.deep.equal(expected)
  })

  it('reads Windows-1252, as Excel saves "CSV" on a Swedish Windows, including € – and curly quotes', async () => {
    const file = write(iconv.encode(swedish, 'win1252'))
    expect((await inspectCsvFile(file)).encoding).to.equal('windows-1252')
    expect(await read(file)).to.deep.equal(expected)
  })

  it('decides the encoding over the whole file: one Windows-1252 byte far into the file is enough', async () => {
    const ascii = Array.from({ length: 5000 }, (_, i) => `${1000 + i},Name ${i},plain`).join('\n')
    const file = write(
      Buffer.concat([Buffer.from(`code,name,note\n${ascii}\n`), iconv.encode('9999,Mölndal,ö\n', 'win1252')]),
    )
    expect((await inspectCsvFile(file)).encoding).to.equal('windows-1252')
    const rows = await read(file, { highWaterMark: 4096 })
    expect(rows.at(-1)).to.deep.equal({ line: 5002, record: { code: '9999', name: 'Mölndal', note: 'ö' } })
  })

  it('keeps UTF-8 characters whole when a chunk boundary cuts through them', async () => {
    const file = write('code,name,note\n' + '0001,Åre,ÅÄÖåäö€“”\n'.repeat(50))
    const rows = await read(file, { highWaterMark: 7 })
    expect(rows).to.have.length(50)
    expect(rows.every(row => row.record?.note === 'ÅÄÖåäö€“”' && row.record.name === 'Åre')).to.equal(true)
    expect((await inspectCsvFile(file, 7)).encoding).to.equal('utf-8')
  })

  it('reads semicolon-separated files, as Swedish Excel writes them, with decimal commas intact', async () => {
    const file = write('code;name;note\n0114;Upplands Väsby;1 000,50\n')
    expect(await read(file)).to.deep.equal([
      { line: 2, record: { code: '0114', name: 'Upplands Väsby', note: '1 000,50' } },
    ])
  })

  it('detects the separator from the header line, ignoring separators inside quotes', () => {
    expect(detectSeparator('a,b,c')).to.equal(',')
    expect(detectSeparator('a;b;c')).to.equal(';')
    expect(detectSeparator('"a,b";c;d')).to.equal(';')
    expect(detectSeparator('single')).to.equal(',')
  })

  it('reads quoted fields holding the separator and doubled quotes', async () => {
    const file = write('code,name,note\n0114,"Väsby, Upplands","Sa ""hej"" och gick"\n')
    expect(await read(file)).to.deep.equal([
      { line: 2, record: { code: '0114', name: 'Väsby, Upplands', note: 'Sa "hej" och gick' } },
    ])
    const semicolons = write('code;name;note\n0114;"a;b";"x ""y"""\n')
    expect((await read(semicolons))[0].record).to.deep.equal({ code: '0114', name: 'a;b', note: 'x "y"' })
  })

  it('counts a quoted field with line breaks as one row: the line numbers after it are the spreadsheet rows', async () => {
    const file = write('code,name,note\n0114,A,"first\nsecond\nthird"\n0115,B,x\n0117,C,"one\r\ntwo"\n0120,D,y\n')
    const rows = await read(file)
    expect(rows.map(row => row.line)).to.deep.equal([2, 3, 4, 5])
    expect(rows[0].record?.note).to.equal('first\nsecond\nthird')
    expect(rows[1].record?.code).to.equal('0115')
    expect(rows[2].record?.note).to.equal('one\r\ntwo')
    expect(rows[3].record?.code).to.equal('0120')
  })

  it('reads CRLF line endings, with or without a final line break', async () => {
    const file = write('code,name,note\r\n0114,A,x\r\n0115,B,y\r\n')
    expect(await read(file)).to.deep.equal([
      { line: 2, record: { code: '0114', name: 'A', note: 'x' } },
      { line: 3, record: { code: '0115', name: 'B', note: 'y' } },
    ])
    expect(await read(write('code,name,note\r\n0114,A,x'))).to.deep.equal([
      { line: 2, record: { code: '0114', name: 'A', note: 'x' } },
    ])
  })

  it('trims and lower-cases header names, and keeps the cells as written', async () => {
    const file = write(' Code ;NAME; note\n 0114 ; A ;  x \n')
    expect(await read(file)).to.deep.equal([{ line: 2, record: { code: ' 0114 ', name: ' A ', note: '  x ' } }])
  })

  it('skips empty rows (also ;; rows) but counts them in the line numbers', async () => {
    const file = write('code;name;note\n\n0114;A;x\n;;\n0115;B;y\n')
    expect((await read(file)).map(row => [row.line, row.record?.code])).to.deep.equal([
      [3, '0114'],
      [5, '0115'],
    ])
  })

  it('reports a missing column on line 1 and reads no rows', async () => {
    const file = write('code,name\n0114,A\n')
    expect(await read(file)).to.deep.equal([
      { line: 1, problems: [{ line: 1, column: 'note', message: 'missing column' }] },
    ])
  })

  it('reports an unknown or repeated column on line 1 and still reads the rows', async () => {
    const file = write('code,name,note,colour,code\n0114,A,x,red,0114\n')
    expect(await read(file)).to.deep.equal([
      {
        line: 1,
        problems: [
          { line: 1, column: 'colour', message: 'unknown column' },
          { line: 1, column: 'code', message: 'column given twice' },
        ],
      },
      { line: 2, record: { code: '0114', name: 'A', note: 'x', colour: 'red' } },
    ])
  })

  it('reports a row with the wrong number of fields as a problem of that line, and goes on', async () => {
    const file = write('code,name,note\n0114,A\n0115,B,y\n0117,C,z,extra\n0120,D,w\n')
    expect(await read(file)).to.deep.equal([
      { line: 2, problems: [{ line: 2, column: '(row)', message: '2 fields where the header has 3' }] },
      { line: 3, record: { code: '0115', name: 'B', note: 'y' } },
      { line: 4, problems: [{ line: 4, column: '(row)', message: '4 fields where the header has 3' }] },
      { line: 5, record: { code: '0120', name: 'D', note: 'w' } },
    ])
  })

  it('reports a quote that is never closed on the line where it starts', async () => {
    const file = write('code,name,note\n0114,A,x\n0115,"B,y\n0117,C,z\n')
    const rows = await read(file)
    expect(rows.at(-1)?.line).to.equal(3)
    expect(rows.at(-1)?.problems?.[0].message).to.contain('not closed')
  })

  it('reads a lone quote inside an unquoted field as text', async () => {
    const file = write('code,name,note\n0114,A,12" skärm\n')
    expect((await read(file))[0].record?.note).to.equal('12" skärm')
  })

  it('reports an empty file, and a UTF-16 file it cannot read, on line 1', async () => {
    expect((await read(write('')))[0].problems?.[0]).to.include({ line: 1, column: '(file)' })
    const utf16 = write(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('code,name,note\n', 'utf16le')]))
    expect((await read(utf16))[0].problems?.[0].message).to.contain('UTF-16')
  })

  it('hashes the bytes of the file (sha-256)', async () => {
    const info = await inspectCsvFile(write('abc'))
    expect(info.sha256).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(info.bytes).to.equal(3)
  })
})
