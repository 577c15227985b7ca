// The evaluator's outputs on the demo data against the figures Socialstyrelsen published in 2023
// (seeds/reference/published-2023.json): every share of tables 35–37 in the HTML table, the XLSX, the CSV, the
// JSON API and the PDF's text; n per round 266, 285, 285; options not offered shown as not offered, never 0 %.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { expect } from 'chai'
import type { Express } from 'express'
import type { Knex } from 'knex'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { services } from '../../../app/services/index.ts'
import { readPublishedFigures } from '../../../seeds/reference/index.ts'
import { appWithAllRoutes } from '../../helpers/appWithAllRoutes.ts'
import { cli } from '../../helpers/cli.ts'
import { createTestUser, signIn, type SignedIn } from '../../helpers/session.ts'
import { resetData, testKnex } from '../../helpers/testDatabase.ts'
import { binary, decodeHtml, parseCsv, pdfTextItems, tableRowCells } from './helpers.ts'

const published = readPublishedFigures()
const PROGRAMME = 'aldreomsorg-2020-2022'
const NOT_OFFERED = '\u2013'

const TABLES = [
  ['purposes', 35, published.table35_purposes_pct],
  ['areas', 36, published.table36_areas_pct],
  ['usage_areas', 37, published.table37_usage_areas_pct],
] as const

/** Published shares as text cells: "79" or "–" for an option that was not offered. */
const asText = (values: readonly (number | null)[]) => values.map(v => (v === null ? NOT_OFFERED : String(v)))

describe('the published report on the demo data', function () {
  this.timeout(300_000)
  let knex: Knex
  let app: Express
  let evaluator: SignedIn
  /** option labels in Swedish, by dimension and code */
  let labels: Map<string, string>

  before(async () => {
    knex = await testKnex()
    await resetData(knex)
    await services(knex).demo.seedDemo('test')
    app = appWithAllRoutes(knex)
    evaluator = await signIn(app, await createTestUser(knex, { role: 'evaluator' }))
    labels = new Map(
      (await services(knex).reference.listTaxonomy()).map(option => [
        `${option.dimension}/${option.code}`,
        option.labelSv,
      ]),
    )
  })
  after(async () => resetData(knex))

  describe('HTML distribution tables', () => {
    for (const [dimension, number, table] of TABLES) {
      it(`table ${number} (${dimension}): every share and n per round`, async () => {
        const res = await evaluator.agent.get(`/programmes/${PROGRAMME}/distributions/${dimension}`).expect(200)
        const html = decodeHtml(res.text)
        expect(html).to.contain(`(tabell ${number})`)
        for (const round of published.columns) {
          expect(html).to.contain(`${round} (n=${published.n[String(round)]})`)
        }
        for (const [code, values] of Object.entries(table)) {
          const cells = tableRowCells(html, 'distribution', labels.get(`${dimension}/${code}`)!)
          // an offered option has a share cell and a count cell; a not-offered one a single "–*" cell
          const shares = cells
            .filter(cell => /%$/.test(cell) || cell.startsWith(NOT_OFFERED))
            .map(cell => (cell.startsWith(NOT_OFFERED) ? NOT_OFFERED : cell.replace(/\u00a0%$/, '')))
          expect(shares, `${dimension}/${code}`).to.deep.equal(asText(values))
        }
        if (Object.values(table).some(values => values.includes(null))) {
          expect(html).to.contain('<p id="not-offered" class="footnote">* Alternativet fanns inte med det året</p>')
        }
      })
    }

    it('goal fulfilment in survey round 2023 is 66 / 34 / 0 %', async () => {
      const html = decodeHtml(
        (await evaluator.agent.get(`/programmes/${PROGRAMME}/distributions/goal_fulfilment`).expect(200)).text,
      )
      for (const [code, pct] of Object.entries(published.goal_fulfilment_pct_survey_2023)) {
        const cells = tableRowCells(html, 'distribution', labels.get(`goal_fulfilment/${code}`)!)
        expect(cells.at(-2)).to.equal(`${pct}\u00a0%`)
      }
    })
  })

  describe('JSON API', () => {
    for (const [dimension, , table] of TABLES) {
      it(`distributions/${dimension}: byte for byte the CLI's --json, and the published shares`, async () => {
        const res = await evaluator.agent
          .get(`/api/v1/programmes/${PROGRAMME}/distributions/${dimension}`)
          .expect(200)
          .expect('Content-Type', /application\/json/)
        const run = await cli(
          knex,
          'report',
          'distribution',
          '--programme',
          PROGRAMME,
          '--dimension',
          dimension,
          '--json',
        )
        expect(res.text).to.equal(`${run.stdout}\n`)
        const report = JSON.parse(res.text) as {
          rounds: {
            survey_round: number
            n: number
            options: { code: string; pct: number | null; count: number | null }[]
          }[]
        }
        expect(report.rounds.map(r => r.n)).to.deep.equal([266, 285, 285])
        for (const [code, values] of Object.entries(table)) {
          expect(
            report.rounds.map(r => r.options.find(o => o.code === code)!.pct),
            code,
          ).to.deep.equal(values)
        }
        // not offered is null (not 0) in count, offered_to and pct alike
        for (const round of report.rounds) {
          for (const option of round.options.filter(o => o.pct === null)) {
            expect(option).to.deep.equal({ code: option.code, count: null, offered_to: null, pct: null })
          }
        }
      })
    }

    it('summary and reconciliation: byte for byte the CLI', async () => {
      const summary = await evaluator.agent.get(`/api/v1/programmes/${PROGRAMME}/years/2022/summary`).expect(200)
      const cliSummary = await cli(knex, 'report', 'summary', '--programme', PROGRAMME, '--year', '2022', '--json')
      expect(summary.text).to.equal(`${cliSummary.stdout}\n`)
      expect(JSON.parse(summary.text).survey.requisitioned_sek).to.equal(
        published.table34_survey_2023.requisitioned_sek,
      )
      const reconciliation = await evaluator.agent
        .get(`/api/v1/programmes/${PROGRAMME}/years/2022/reconciliation?tolerance=100`)
        .expect(200)
      const cliReconciliation = await cli(
        knex,
        'report',
        'reconciliation',
        '--programme',
        PROGRAMME,
        '--year',
        '2022',
        '--tolerance',
        '100',
        '--json',
      )
      expect(reconciliation.text).to.equal(`${cliReconciliation.stdout}\n`)
      expect(JSON.parse(reconciliation.text).tolerance_sek).to.equal(100)
    })

    it('the breakdowns: byte for byte the CLI, and the groups add up to the whole', async () => {
      const res = await evaluator.agent
        .get(`/api/v1/programmes/${PROGRAMME}/distributions/purposes?by=size_group`)
        .expect(200)
      const run = await cli(
        knex,
        'report',
        'distribution',
        '--programme',
        PROGRAMME,
        '--dimension',
        'purposes',
        '--by',
        'size_group',
        '--json',
      )
      expect(res.text).to.equal(`${run.stdout}\n`)
      const breakdown = JSON.parse(res.text) as {
        size_group_bounds: number[]
        groups: {
          code: string
          rounds: { n: number; municipalities: number; options: { code: string; count: number | null }[] }[]
        }[]
      }
      expect(breakdown.size_group_bounds).to.deep.equal([10000, 20000, 50000, 100000])
      expect(breakdown.groups.map(g => g.code)).to.deep.equal([
        '0-9999',
        '10000-19999',
        '20000-49999',
        '50000-99999',
        '100000-',
      ])
      const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)
      expect([0, 1, 2].map(r => sum(breakdown.groups.map(g => g.rounds[r].n)))).to.deep.equal([266, 285, 285])
      expect(sum(breakdown.groups.map(g => g.rounds[2].municipalities))).to.equal(290)
      // the demo population is approximate (about 2024): close to, not equal to, the report's 72/94/75/30/19
      expect(breakdown.groups.map(g => g.rounds[2].municipalities)).to.deep.equal([76, 91, 72, 31, 20])
      const kvalitet = (g: (typeof breakdown.groups)[number]) =>
        g.rounds[2].options.find(o => o.code === 'kvalitet')!.count!
      const all = JSON.parse(
        (await evaluator.agent.get(`/api/v1/programmes/${PROGRAMME}/distributions/purposes`).expect(200)).text,
      )
      expect(sum(breakdown.groups.map(kvalitet))).to.equal(
        all.rounds[2].options.find((o: { code: string }) => o.code === 'kvalitet').count,
      )

      const summary = JSON.parse(
        (await evaluator.agent.get(`/api/v1/programmes/${PROGRAMME}/years/2022/summary?by=county`).expect(200)).text,
      ) as { groups: { code: string; name: string; survey: { requisitioned_sek: number; respondents: number } }[] }
      expect(summary.groups).to.have.length(21)
      expect(summary.groups[0]).to.include({ code: '01', name: 'Stockholms län' })
      expect(sum(summary.groups.map(g => g.survey.requisitioned_sek))).to.equal(
        published.table34_survey_2023.requisitioned_sek,
      )
      expect(sum(summary.groups.map(g => g.survey.respondents))).to.equal(290)
    })
  })

  describe('XLSX', () => {
    it('one sheet per table; every share of tables 35–37 as a number, "–" where not offered', async () => {
      const res = await evaluator.agent
        .get(`/programmes/${PROGRAMME}/years/2022/report.xlsx`)
        .buffer(true)
        .parse(binary)
        .expect(200)
        .expect('Content-Type', /spreadsheetml/)
      expect(res.headers['content-disposition']).to.match(/attachment; filename=".+\.xlsx"/)
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load(res.body as unknown as ExcelJS.Buffer)
      const names = workbook.worksheets.map(sheet => sheet.name)
      expect(names.slice(0, 4)).to.deep.equal(['Tabell 34', 'Tabell 35', 'Tabell 36', 'Tabell 37'])
      expect(names).to.include.members(['Bilaga 1 Tabell 35', 'Bilaga 2 Tabell 37'])

      const table34 = workbook.getWorksheet('Tabell 34')!
      const valueOf = (label: string) => {
        let found: ExcelJS.CellValue | undefined
        table34.eachRow(row => {
          if (row.getCell(1).value === label) found = row.getCell(2).value ?? row.getCell(3).value
        })
        return found
      }
      expect(valueOf('Antal kommuner som rekvirerat stimulansmedel')).to.equal(287)
      expect(valueOf('Antal kommuner som använt medlen')).to.equal(285)

      for (const [dimension, number, table] of TABLES) {
        const sheet = workbook.getWorksheet(`Tabell ${number}`)!
        const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1)
        const shareColumns = published.columns.map(
          round => header.findIndex(h => String(h).startsWith(`${round} (n=${published.n[String(round)]})`)) + 1,
        )
        expect(
          shareColumns.every(c => c > 0),
          String(header),
        ).to.equal(true)
        for (const [code, values] of Object.entries(table)) {
          let row: ExcelJS.Row | undefined
          sheet.eachRow(r => {
            if (String(r.getCell(1).value).replace(/\*+$/, '') === labels.get(`${dimension}/${code}`)) row = r
          })
          expect(row, `${dimension}/${code}`).to.not.equal(undefined)
          expect(shareColumns.map(c => row!.getCell(c).value)).to.deep.equal(
            values.map(v => (v === null ? NOT_OFFERED : v)),
          )
        }
      }
    })
  })

  describe('CSV', () => {
    it('one line per figure: every share of tables 35–37, "–" where not offered, n per round', async () => {
      const res = await evaluator.agent
        .get(`/programmes/${PROGRAMME}/years/2022/report.csv`)
        .expect(200)
        .expect('Content-Type', /text\/csv/)
      const rows = parseCsv(res.text)
      const header = rows[0]
      const col = (name: string) => header.indexOf(name)
      const all = rows.slice(1).filter(row => row[col('breakdown')] === 'all')
      for (const [dimension, number, table] of TABLES) {
        for (const [code, values] of Object.entries(table)) {
          const lines = all.filter(row => row[col('dimension')] === dimension && row[col('code')] === code)
          expect(lines.map(row => row[col('table')])).to.deep.equal([String(number), String(number), String(number)])
          expect(lines.map(row => row[col('survey_round')])).to.deep.equal(published.columns.map(String))
          expect(
            lines.map(row => row[col('pct')]),
            `${dimension}/${code}`,
          ).to.deep.equal(asText(values))
          expect(lines.map(row => row[col('n')])).to.deep.equal(['266', '285', '285'])
        }
      }
      const requisitioned = all.find(row => row[col('code')] === 'requisitioned_sek')!
      expect(requisitioned[col('amount_sek')]).to.equal(String(published.table34_survey_2023.requisitioned_sek))
    })
  })

  describe('PDF', () => {
    let items: string[]
    let pdf: Buffer

    before(async () => {
      const res = await evaluator.agent
        .get(`/programmes/${PROGRAMME}/years/2022/report.pdf`)
        .buffer(true)
        .parse(binary)
        .expect(200)
        .expect('Content-Type', 'application/pdf')
      pdf = res.body as Buffer
      items = await pdfTextItems(pdf, getDocument)
    })

    it('renders: pdftoppm turns its first page into a PNG (poppler-utils; skipped without it)', function () {
      if (spawnSync('pdftoppm', ['-v']).error) this.skip()
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stimulans-pdf-'))
      try {
        fs.writeFileSync(path.join(dir, 'report.pdf'), pdf)
        const run = spawnSync(
          'pdftoppm',
          ['-png', '-r', '50', '-f', '1', '-l', '1', '-singlefile', 'report.pdf', 'page1'],
          {
            cwd: dir,
          },
        )
        expect(run.status, String(run.stderr)).to.equal(0)
        const png = fs.readFileSync(path.join(dir, 'page1.png'))
        expect(png.subarray(1, 4).toString()).to.equal('PNG')
        // an A4 page at 50 dpi: 414 × 585 pixels (IHDR width and height)
        expect([png.readUInt32BE(16), png.readUInt32BE(20)]).to.deep.equal([414, 585])
      } finally {
        fs.rmSync(dir, { recursive: true, force: true })
      }
    })

    /** The share cells of a table: whole numbers and "–" between its caption and its source line. */
    function sharesOf(caption: string): string[] {
      const start = items.findIndex(item => item.startsWith(caption))
      expect(start, caption).to.be.greaterThan(-1)
      const end = items.findIndex((item, index) => index > start && item.startsWith('Källa:'))
      return items.slice(start + 1, end).filter(item => /^(\d{1,3}|\u2013)$/.test(item))
    }

    it('has the title, table 34 with Swedish number formatting, and its source and n', () => {
      expect(items[0]).to.equal('Statliga stimulansmedel för 2022')
      const start = items.findIndex(item => item.startsWith('Tabell 34. Redovisning av stimulansmedel 2022'))
      expect(start).to.be.greaterThan(-1)
      const table = items.slice(start, start + 40)
      expect(table).to.include('169 201 599')
      expect(table).to.include('160 947 675')
      expect(table).to.include('8 253 924')
      expect(table).to.include('287')
      expect(items).to.include('n = 290 svarande kommuner.')
    })

    for (const [dimension, number, table] of TABLES) {
      it(`table ${number} (${dimension}): every share in the text, "–" where not offered, source and n`, () => {
        const shares = sharesOf(`Tabell ${number}. `)
        const expected = Object.values(table).flatMap(values => asText(values))
        expect(shares).to.deep.equal(expected)
        const start = items.findIndex(item => item.startsWith(`Tabell ${number}. `))
        const after = items.slice(start, start + 400)
        for (const round of published.columns) expect(after).to.include(`${round} (n=${published.n[String(round)]})`)
        expect(
          after.some(item => item.startsWith('n = antal kommuner som använt medlen: 2021: 266, 2022: 285, 2023: 285')),
        ).to.equal(true)
      })
    }

    it('has the appendices by size group and by county', () => {
      expect(items).to.include('Bilaga 1. Per storleksgrupp')
      expect(items).to.include('Bilaga 2. Per län')
      expect(items.some(item => item.startsWith('Stockholms län'))).to.equal(true)
    })
  })
})
