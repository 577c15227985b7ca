import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect } from 'chai'
import iconv from 'iconv-lite'
import type { Knex } from 'knex'
import { listResponseVersions } from '../../../app/data/responseRepository.ts'
import { importService, MAX_PROBLEMS, type ImportService } from '../../../app/services/importService.ts'
import { readMunicipalities } from '../../../seeds/reference/index.ts'
import { resetData, testKnex } from '../../helpers/testDatabase.ts'

const PROGRAMME = 'aldreomsorg-2020-2022'
const LEDGER_HEADER = 'programme_code,programme_year,municipality_code,type,amount_sek,date,reference'
const RESPONSE_HEADER =
  'programme_code,programme_year,municipality_code,submitted_on,requisitioned_sek,spent_sek,remaining_sek,' +
  'unspent_reasons,purposes,areas,usage_areas,goal_fulfilment,other_reason,other_purpose,other_area,other_usage,comment'
const codes = readMunicipalities().map(m => m.code)

/** Line i of a valid ledger file (i from 0): a distinct reference, spread over the municipalities and years. */
const ledgerLine = (i: number) =>
  `${PROGRAMME},${2020 + (i % 3)},${codes[i % codes.length]},payout,${1000 + i},2022-03-${String(1 + (i % 28)).padStart(2, '0')},P-${i}`

describe('importService', function () {
  this.timeout(60_000)
  let knex: Knex
  let service: ImportService
  let dir: string
  let counter = 0
  const write = (content: string | Buffer) => {
    const file = path.join(dir, `file-${++counter}.csv`)
    fs.writeFileSync(file, content)
    return file
  }
  const csv = (lines: string[]) => lines.join('\n') + '\n'
  const count = async (table: string) => Number((await knex(table).count<{ count: string }[]>('* as count'))[0].count)
  const counts = async () => ({
    ledger: await count('ledger_entries'),
    responses: await count('survey_responses'),
    choices: await count('survey_response_choices'),
    imports: await count('imports'),
    audit: await count('audit_log'),
  })
  const options = { actor: 'tester' }

  before(async () => {
    knex = await testKnex()
    service = importService(knex)
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stimulans-import-'))
  })
  after(() => fs.rmSync(dir, { recursive: true, force: true }))
  beforeEach(async () => resetData(knex))

  describe('ledger', () => {
    it('imports a good file: every row, one imports row and one audit row, in file order', async () => {
      const lines = Array.from({ length: 3000 }, (_, i) => ledgerLine(i))
      const file = write(csv([LEDGER_HEADER, ...lines]))
      const progress: number[] = []
      const result = await service.importLedger(file, { ...options, onProgress: rows => progress.push(rows) })
      expect(result).to.deep.include({ ok: true, problems: [], warnings: [], rowCount: 3000, writtenCount: 3000 })
      expect(result.unchangedCount).to.equal(0)
      expect(result.importId).to.be.a('number')
      expect(progress.at(-1)).to.equal(3000)
      expect(await counts()).to.deep.include({ ledger: 3000, imports: 1, audit: 1 })

      const first = await knex('ledger_entries').orderBy('id').first()
      expect(first).to.include({
        programme_year: 2020,
        municipality_code: codes[0],
        type: 'payout',
        amount_ore: 100_000,
        entry_date: '2022-03-01',
        reference: 'P-0',
        import_id: result.importId,
        created_by: 'tester',
      })
      expect(await knex('ledger_entries').orderBy('id').pluck('reference')).to.deep.equal(lines.map((_, i) => `P-${i}`))
      const imported = await knex('imports').first()
      expect(imported).to.include({
        kind: 'ledger',
        file_name: path.basename(file),
        row_count: 3000,
        written_count: 3000,
        unchanged_count: 0,
        imported_by: 'tester',
      })
      expect(imported.file_sha256).to.match(/^[0-9a-f]{64}$/)
      const audit = await knex('audit_log').first()
      expect(audit).to.include({ actor: 'tester', action: 'import.ledger', entity: 'imports' })
      expect(audit.entity_id).to.equal(String(result.importId))
      expect(audit.after).to.deep.include({ rowCount: 3000, writtenCount: 3000, unchangedCount: 0 })
      expect(audit.after.fileSha256).to.equal(imported.file_sha256)
    })

    it('a file of ~3000 rows with three bad rows reports exactly those three and writes nothing', async () => {
      const lines = Array.from({ length: 3000 }, (_, i) => ledgerLine(i))
      // lines[i] is spreadsheet line i + 2
      lines[500] = `${PROGRAMME},2022,9999,payout,1000,2022-03-01,BAD-1`
      lines[1501] = `${PROGRAMME},2022,0114,payout,"12,345",2022-03-01,BAD-2`
      lines[2799] = `${PROGRAMME},2022,0114,payout,1000,2022-02-30,BAD-3`
      const result = await service.importLedger(write(csv([LEDGER_HEADER, ...lines])), options)
      expect(result.ok).to.equal(false)
      expect(result.problems).to.deep.equal([
        { line: 502, column: 'municipality_code', message: 'unknown municipality code "9999"' },
        { line: 1503, column: 'amount_sek', message: '"12,345" has more than 2 decimals' },
        { line: 2801, column: 'date', message: '"2022-02-30" is not a calendar date' },
      ])
      expect(result).to.include({ rowCount: 3000, writtenCount: 0, importId: null })
      expect(await counts()).to.deep.include({ ledger: 0, imports: 0, audit: 0 })
    })

    it('importing the same file twice changes nothing the second time', async () => {
      const file = write(csv([LEDGER_HEADER, ...Array.from({ length: 3000 }, (_, i) => ledgerLine(i))]))
      const first = await service.importLedger(file, options)
      expect(first.writtenCount).to.equal(3000)
      const before = await counts()
      const second = await service.importLedger(file, options)
      expect(second).to.deep.equal({
        ok: true,
        problems: [],
        warnings: [],
        rowCount: 3000,
        writtenCount: 0,
        unchangedCount: 3000,
        importId: null,
      })
      expect(await counts()).to.deep.equal(before)
    })

    it('a file that adds to what is there writes only the new rows', async () => {
      await service.importLedger(write(csv([LEDGER_HEADER, ledgerLine(0), ledgerLine(1)])), options)
      const result = await service.importLedger(
        write(csv([LEDGER_HEADER, ledgerLine(0), ledgerLine(1), ledgerLine(2)])),
        options,
      )
      expect(result).to.include({ ok: true, rowCount: 3, writtenCount: 1, unchangedCount: 2 })
      expect(await counts()).to.deep.include({ ledger: 3, imports: 2, audit: 2 })
      expect(await knex('imports').orderBy('id').pluck('written_count')).to.deep.equal([2, 1])
    })

    it('the same reference with other content than in the ledger is an error naming the line', async () => {
      await service.importLedger(write(csv([LEDGER_HEADER, ledgerLine(0), ledgerLine(1)])), options)
      const before = await counts()
      const changed = ledgerLine(1).replace(',1001,', ',1002,')
      const result = await service.importLedger(
        write(csv([LEDGER_HEADER, ledgerLine(2), ledgerLine(0), changed])),
        options,
      )
      expect(result.ok).to.equal(false)
      expect(result.problems).to.deep.equal([
        {
          line: 4,
          column: 'reference',
          message: '"P-1" is already in the ledger with other content: amount_sek 1001 there, 1002 here',
        },
      ])
      expect(await counts()).to.deep.equal(before)
    })

    it('the same reference twice in one file: a no-op with the same content, an error naming both lines with other', async () => {
      const same = await service.importLedger(
        write(csv([LEDGER_HEADER, ledgerLine(0), ledgerLine(1), ledgerLine(0)])),
        options,
      )
      expect(same).to.include({ ok: true, rowCount: 3, writtenCount: 2, unchangedCount: 1 })

      await resetData(knex)
      const other = `${PROGRAMME},2020,${codes[0]},requisition,1000,2022-03-01,P-0`
      const result = await service.importLedger(
        write(csv([LEDGER_HEADER, ledgerLine(0), ledgerLine(1), other])),
        options,
      )
      expect(result.problems).to.deep.equal([
        {
          line: 4,
          column: 'reference',
          message: '"P-0" is already on line 2 with other content: type payout there, requisition here',
        },
      ])
      expect(await counts()).to.deep.include({ ledger: 0, imports: 0, audit: 0 })
    })

    it('the same reference may be used by another programme', async () => {
      const result = await service.importLedger(
        write(
          csv([
            LEDGER_HEADER,
            `${PROGRAMME},2022,0114,payout,1000,2022-03-01,X-1`,
            'valfardsteknik-2018,2018,0114,payout,2000,2018-06-01,X-1',
          ]),
        ),
        options,
      )
      expect(result).to.include({ ok: true, writtenCount: 2 })
    })

    it('reads Swedish amounts: spaces and no-break spaces between thousands, decimal comma or period', async () => {
      const file = write(
        csv([
          LEDGER_HEADER,
          `${PROGRAMME},2022,0114,allocation,169 201 599,2022-01-15,A-1`,
          `${PROGRAMME},2022,0115,allocation,"169\u00A0201\u00A0599,00",2022-01-15,A-2`,
          `${PROGRAMME},2022,0117,allocation,169201599.50,2022-01-15,A-3`,
          `${PROGRAMME},2022,0120,repayment,"1234567,5",2022-01-15,A-4`,
        ]),
      )
      const result = await service.importLedger(file, options)
      expect(result.ok, JSON.stringify(result.problems)).to.equal(true)
      expect(await knex('ledger_entries').orderBy('id').pluck('amount_ore')).to.deep.equal([
        16_920_159_900, 16_920_159_900, 16_920_159_950, 123_456_750,
      ])
    })

    it('pads a 3-digit municipality code with a warning and still imports', async () => {
      const file = write(csv([LEDGER_HEADER, `${PROGRAMME},2022,114,allocation,1000,2022-01-15,A-1`]))
      const result = await service.importLedger(file, options)
      expect(result).to.include({ ok: true, writtenCount: 1 })
      expect(result.warnings).to.deep.equal([{ line: 2, column: 'municipality_code', message: '114 read as 0114' }])
      expect(await knex('ledger_entries').pluck('municipality_code')).to.deep.equal(['0114'])
    })

    it('a missing column is a problem on line 1 and nothing is written', async () => {
      const file = write(
        csv([
          'programme_code,programme_year,municipality_code,type,amount_sek,date',
          `${PROGRAMME},2022,0114,payout,1,2022-01-01`,
        ]),
      )
      const result = await service.importLedger(file, options)
      expect(result.problems).to.deep.equal([{ line: 1, column: 'reference', message: 'missing column' }])
      expect(await counts()).to.deep.include({ ledger: 0, imports: 0 })
    })

    it(`keeps the first ${MAX_PROBLEMS} problems and says how many more there are`, async () => {
      const bad = Array.from({ length: MAX_PROBLEMS + 50 }, (_, i) => `${PROGRAMME},2022,0114,gift,1,2022-01-01,G-${i}`)
      const result = await service.importLedger(write(csv([LEDGER_HEADER, ...bad])), options)
      expect(result.ok).to.equal(false)
      expect(result.problems).to.have.length(MAX_PROBLEMS + 1)
      expect(result.problems[0]).to.deep.include({ line: 2, column: 'type' })
      expect(result.problems.at(-1)).to.deep.equal({
        line: MAX_PROBLEMS + 1,
        column: '(file)',
        message: 'and 50 more problems not listed',
      })
    })
  })

  describe('survey responses', () => {
    const response = (fields: Partial<Record<string, string>> = {}) => {
      const values: Record<string, string> = {
        programme_code: PROGRAMME,
        programme_year: '2022',
        municipality_code: '0114',
        submitted_on: '2023-02-01',
        requisitioned_sek: '1000000',
        spent_sek: '900000',
        remaining_sek: '100000',
        unspent_reasons: 'tidsbrist',
        purposes: 'kvalitet|arbetsmiljo',
        areas: 'hsl',
        usage_areas: 'appar|medicinskap',
        goal_fulfilment: 'viss',
        other_reason: '',
        other_purpose: '',
        other_area: '',
        other_usage: '',
        comment: '',
        ...fields,
      }
      return RESPONSE_HEADER.split(',')
        .map(column => {
          const value = values[column] ?? ''
          return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
        })
        .join(',')
    }
    const programmeId = async () => (await knex('programmes').where({ code: PROGRAMME }).first('id')).id as number
    const versions = async (municipalityCode = '0114', programmeYear = 2022) =>
      listResponseVersions(knex, { programmeId: await programmeId(), programmeYear, municipalityCode })

    it('imports responses with their choices; empty amounts are stored as NULL', async () => {
      const file = write(
        csv([
          RESPONSE_HEADER,
          response(),
          response({
            municipality_code: '0115',
            requisitioned_sek: '',
            spent_sek: '',
            remaining_sek: '',
            usage_areas: '',
          }),
        ]),
      )
      const result = await service.importResponses(file, options)
      expect(result).to.deep.include({ ok: true, rowCount: 2, writtenCount: 2, unchangedCount: 0 })
      const [answer] = await versions()
      expect(answer).to.deep.include({
        version: 1,
        surveyRound: 2023,
        requisitionedOre: 100_000_000,
        spentOre: 90_000_000,
        remainingOre: 10_000_000,
        unspentReasons: ['tidsbrist'],
        purposes: ['arbetsmiljo', 'kvalitet'],
        areas: ['hsl'],
        usageAreas: ['appar', 'medicinskap'],
        goalFulfilment: 'viss',
        submittedOn: '2023-02-01',
        importId: result.importId,
      })
      const [empty] = await versions('0115')
      expect(empty).to.deep.include({ requisitionedOre: null, spentOre: null, remainingOre: null, usageAreas: [] })
      expect(await counts()).to.deep.include({ responses: 2, choices: 10, imports: 1, audit: 1 })
      expect(await knex('audit_log').first()).to.include({ action: 'import.responses', actor: 'tester' })
    })

    it('reads a Windows-1252 file: å, ä, ö in the free-text fields come back exactly from the database', async () => {
      const texts = {
        other_reason: 'Brist på tid för upphandling',
        other_purpose: 'Ökad trygghet för närstående – även nattetid',
        other_area: 'Särskilt boende, Åre',
        other_usage: 'Läkemedelsrobotar “Evondos”',
        comment: 'Vi hann inte använda allt; återstår 100 000 kr. ÅÄÖ åäö é €',
      }
      const file = write(iconv.encode(csv([RESPONSE_HEADER, response(texts)]), 'win1252'))
      const result = await service.importResponses(file, options)
      expect(result.ok, JSON.stringify(result.problems)).to.equal(true)
      const [answer] = await versions()
      expect({
        other_reason: answer.otherReason,
        other_purpose: answer.otherPurpose,
        other_area: answer.otherArea,
        other_usage: answer.otherUsage,
        comment: answer.comment,
      }).to.deep.equal(texts)
    })

    it('reads a semicolon file with a quoted comment over several lines, and numbers the lines after it right', async () => {
      const header = RESPONSE_HEADER.replaceAll(',', ';')
      const row = (code: string, comment: string, purposes = 'kvalitet') =>
        `${PROGRAMME};2022;${code};2023-02-01;1 000 000,00;900 000,50;99 999,50;tidsbrist;${purposes};hsl;appar;hog;;;;;${comment}`
      const file = write(
        [
          header,
          row('0114', '"Första raden;\r\nandra raden med ""citat""\r\ntredje"'),
          row('0115', 'kort'),
          row('0117', '', 'kvalitet|nope'),
        ].join('\r\n') + '\r\n',
      )
      const result = await service.importResponses(file, options)
      expect(result.problems).to.deep.equal([{ line: 4, column: 'purposes', message: 'unknown option "nope"' }])
      expect(await counts()).to.deep.include({ responses: 0, imports: 0, audit: 0 })

      const fixed = write(fs.readFileSync(file, 'utf8').replace('kvalitet|nope', 'kvalitet'))
      expect((await service.importResponses(fixed, options)).writtenCount).to.equal(3)
      const [answer] = await versions()
      expect(answer.comment).to.equal('Första raden;\r\nandra raden med "citat"\r\ntredje')
      expect(answer).to.include({ requisitionedOre: 100_000_000, spentOre: 90_000_050, remainingOre: 9_999_950 })
    })

    it('a changed response becomes version 2 and version 1 is kept', async () => {
      await service.importResponses(
        write(csv([RESPONSE_HEADER, response(), response({ municipality_code: '0115' })])),
        options,
      )
      const result = await service.importResponses(
        write(
          csv([
            RESPONSE_HEADER,
            response({ spent_sek: '950000', remaining_sek: '50000', purposes: 'kvalitet' }),
            response({ municipality_code: '0115' }),
          ]),
        ),
        options,
      )
      expect(result).to.include({ ok: true, rowCount: 2, writtenCount: 1, unchangedCount: 1 })
      const history = await versions()
      expect(history.map(v => [v.version, v.spentOre, v.purposes])).to.deep.equal([
        [1, 90_000_000, ['arbetsmiljo', 'kvalitet']],
        [2, 95_000_000, ['kvalitet']],
      ])
      expect(history[1].importId).to.equal(result.importId)
      expect((await versions('0115')).map(v => v.version)).to.deep.equal([1])
      const current = await knex('current_survey_responses').where({ municipality_code: '0114' }).first()
      expect(current.version).to.equal(2)
    })

    it('the same response again is a no-op, also with its choices in another order', async () => {
      await service.importResponses(write(csv([RESPONSE_HEADER, response()])), options)
      const before = await counts()
      const result = await service.importResponses(
        write(csv([RESPONSE_HEADER, response({ purposes: 'arbetsmiljo|kvalitet', usage_areas: 'medicinskap|appar' })])),
        options,
      )
      expect(result).to.deep.equal({
        ok: true,
        problems: [],
        warnings: [],
        rowCount: 1,
        writtenCount: 0,
        unchangedCount: 1,
        importId: null,
      })
      expect(await counts()).to.deep.equal(before)
    })

    it('going back to an earlier answer is a new version, not a no-op', async () => {
      const first = write(csv([RESPONSE_HEADER, response()]))
      await service.importResponses(first, options)
      await service.importResponses(write(csv([RESPONSE_HEADER, response({ goal_fulfilment: 'hog' })])), options)
      await service.importResponses(first, options)
      expect((await versions()).map(v => [v.version, v.goalFulfilment])).to.deep.equal([
        [1, 'viss'],
        [2, 'hog'],
        [3, 'viss'],
      ])
    })

    it('an option from another survey round is an error', async () => {
      // medicinskap was offered only in survey round 2023 (programme year 2022)
      const file = write(csv([RESPONSE_HEADER, response(), response({ programme_year: '2021' })]))
      const result = await service.importResponses(file, options)
      expect(result.problems).to.deep.equal([
        { line: 3, column: 'usage_areas', message: '"medicinskap" not offered in survey round 2022 (offered in 2023)' },
      ])
      expect(await counts()).to.deep.include({ responses: 0, imports: 0, audit: 0 })
    })

    it('two rows for the same municipality and programme year in one file are an error', async () => {
      const file = write(
        csv([
          RESPONSE_HEADER,
          response(),
          response({ municipality_code: '0115' }),
          response({ municipality_code: '114', spent_sek: '1' }),
        ]),
      )
      const result = await service.importResponses(file, options)
      expect(result.ok).to.equal(false)
      expect(result.problems).to.deep.equal([
        {
          line: 4,
          column: 'municipality_code',
          message: '0114 already has a response for programme year 2022 on line 2',
        },
      ])
      expect(result.warnings).to.deep.equal([{ line: 4, column: 'municipality_code', message: '114 read as 0114' }])
      expect(await counts()).to.deep.include({ responses: 0, imports: 0 })
    })

    it('reports every problem of the file at once, those of the rows and those of the whole file', async () => {
      const file = write(
        csv([
          RESPONSE_HEADER,
          response({ goal_fulfilment: 'hog|viss' }),
          response({ municipality_code: '0115' }),
          'too,few,fields',
          response({ municipality_code: '0115', submitted_on: '2023-02-30' }),
          response({ municipality_code: '0115', requisitioned_sek: '-1' }),
        ]),
      )
      const result = await service.importResponses(file, options)
      expect(result.problems.map(p => `${p.line}:${p.column}`)).to.deep.equal([
        '2:goal_fulfilment',
        '4:(row)',
        '5:submitted_on',
        '6:requisitioned_sek',
      ])
      const duplicate = write(
        csv([
          RESPONSE_HEADER,
          response({ goal_fulfilment: 'x' }),
          response({ municipality_code: '0115' }),
          response({ municipality_code: '0115' }),
        ]),
      )
      expect(
        (await service.importResponses(duplicate, options)).problems.map(p => `${p.line}:${p.column}`),
      ).to.deep.equal(['2:goal_fulfilment', '4:municipality_code'])
    })
  })
})
