// The evaluator's pages and API on hand-built answers: the change between rounds, the "other" free texts, the
// breakdown switch and its survey rounds, the summary by county, the report downloads; who may read what; bad
// query values (400), unknown programmes, years and dimensions (404), in HTML for pages and JSON for the API.
import { expect } from 'chai'
import type { Express } from 'express'
import type { Knex } from 'knex'
import request from 'supertest'
import { appWithAllRoutes } from '../../helpers/appWithAllRoutes.ts'
import { createTestUser, signIn, type SignedIn } from '../../helpers/session.ts'
import { resetData, testKnex } from '../../helpers/testDatabase.ts'
import { loadQualityFixtures, PROGRAMME } from './fixtures.ts'
import { binary, decodeHtml, tableRowCells } from './helpers.ts'

const DISTRIBUTION = `/programmes/${PROGRAMME}/distributions/purposes`
const SUMMARY = `/programmes/${PROGRAMME}/years/2022/summary`
const API = `/api/v1/programmes/${PROGRAMME}`

describe('the evaluator’s pages and API', function () {
  this.timeout(60_000)
  let knex: Knex
  let app: Express
  let evaluator: SignedIn

  before(async () => {
    knex = await testKnex()
    await resetData(knex)
    await loadQualityFixtures(knex)
    app = appWithAllRoutes(knex)
    evaluator = await signIn(app, await createTestUser(knex, { role: 'evaluator' }))
  })
  after(async () => resetData(knex))

  const page = async (url: string) => decodeHtml((await evaluator.agent.get(url).expect(200)).text)

  describe('distribution page', () => {
    it('shows the change between rounds in percentage points, "–" where an option was not offered', async () => {
      const html = await page(DISTRIBUTION)
      // 2022: 4 used the money, kvalitet 3 of 4 (75 %); 2023: 5, kvalitet 5 of 5 (100 %)
      expect(tableRowCells(html, 'distribution', 'Kvalitetshöjning i verksamheter')).to.deep.equal([
        '75\u00a0%',
        '3 av 4',
        '100\u00a0%',
        '5 av 5',
      ])
      expect(tableRowCells(html, 'share-changes', 'Kvalitetshöjning i verksamheter')).to.deep.equal(['+25'])
      expect(tableRowCells(html, 'share-changes', 'Annat')).to.deep.equal(['\u221225'])
      expect(html).to.contain('<th scope="col" class="num">2022–2023</th>')
      const usage = await page(`/programmes/${PROGRAMME}/distributions/usage_areas`)
      expect(tableRowCells(usage, 'share-changes', 'Digitala medicinskåp')).to.deep.equal(['\u2013'])
      expect(tableRowCells(usage, 'distribution', 'Digitala medicinskåp')[0]).to.equal('–*')
    })

    it('lists the "other" free texts under the "other" row, with the municipality', async () => {
      const html = await page(DISTRIBUTION)
      expect(html).to.contain('Fritextsvar till ”Annat” (1)')
      expect(html).to.match(
        /Enkätomgång 2022<\/p>\s*<ul class="other-texts__list">\s*<li><span class="other-texts__text">Mer jämlik tillgång<\/span> <span class="other-texts__who">\(Upplands Väsby\)<\/span>/,
      )
    })

    it('draws the shares as an SVG chart with a title, a description and the table as its text alternative', async () => {
      const html = await page(DISTRIBUTION)
      expect(html).to.match(/<figure class="grouped-chart" aria-labelledby="distribution-chart-caption">/)
      expect(html).to.match(
        /<svg [^>]*role="img"[^>]*aria-labelledby="distribution-chart-title distribution-chart-desc"/,
      )
      expect(html).to.contain('<title>Kvalitetshöjning i verksamheter, 2023: 100\u00a0%</title>')
    })

    it('switches to a breakdown by size group or county, with the survey rounds to choose from', async () => {
      const html = await page(`${DISTRIBUTION}?by=county`)
      expect(html).to.match(/<a href="[^"]*by=county"[^>]*aria-current="page">Per län<\/a>/)
      expect(html).to.contain('Syften per län, enkätomgång 2023: andel i procent')
      // Stockholms län has every respondent; the other 20 counties none: no share, not 0 %
      const cells = tableRowCells(html, 'breakdown', 'Kvalitetshöjning i verksamheter')
      expect(cells).to.have.length(21)
      expect(cells[0]).to.equal('100\u00a0% 5 av 5')
      expect(new Set(cells.slice(1))).to.deep.equal(new Set(['..†']))
      expect(tableRowCells(html, 'group-sizes', 'Stockholms län')).to.deep.equal(['26', '5'])
      const earlier = await page(`/programmes/${PROGRAMME}/distributions/usage_areas?by=county&round=2022`)
      expect(earlier).to.contain('Användningsområden per län, enkätomgång 2022')
      // new in 2023: not offered in 2022 in any county
      expect(new Set(tableRowCells(earlier, 'breakdown', 'Digitala medicinskåp'))).to.deep.equal(new Set(['\u2013*']))
      const sizes = await page(`${DISTRIBUTION}?by=size_group`)
      expect(sizes).to.contain('<figure class="grouped-chart" aria-labelledby="breakdown-chart-caption">')
      expect(tableRowCells(sizes, 'group-sizes', 'Folkmängd saknas')).to.deep.equal(['286', '1'])
      // a group without respondents has no share: "..", not 0 %
      expect(tableRowCells(sizes, 'breakdown', 'Kvalitetshöjning i verksamheter')[3]).to.equal('..†')
    })

    it('links to the published report of every programme year', async () => {
      const html = await page(DISTRIBUTION)
      for (const year of [2020, 2021, 2022]) {
        for (const format of ['pdf', 'xlsx', 'csv']) {
          expect(html).to.contain(`href="/programmes/${PROGRAMME}/years/${year}/report.${format}" download`)
        }
      }
    })
  })

  describe('summary page', () => {
    it('breaks table 34 down by county, with a total row and a bar chart of what was spent', async () => {
      const html = await page(`${SUMMARY}?by=county`)
      expect(html).to.contain('Redovisning av stimulansmedel 2022 per län')
      expect(tableRowCells(html, 'summary-breakdown', 'Stockholms län')).to.deep.equal([
        '26',
        '5',
        '5',
        '550\u00a0000\u00a0kr',
        '510\u00a0000\u00a0kr',
        '60\u00a0000\u00a0kr',
        '1',
      ])
      expect(html).to.contain('<figure class="bar-chart" aria-labelledby="summary-breakdown-chart-caption">')
      // the summary of the whole stays as it was
      expect(html).to.contain('Enligt kommunernas svar')
    })
  })

  describe('report downloads', () => {
    it('PDF, XLSX and CSV as attachments, for every reader role', async () => {
      for (const role of ['evaluator', 'admin', 'auditor'] as const) {
        const user = role === 'evaluator' ? evaluator : await signIn(app, await createTestUser(knex, { role }))
        const pdf = await user.agent
          .get(`/programmes/${PROGRAMME}/years/2022/report.pdf`)
          .buffer(true)
          .parse(binary)
          .expect(200)
        expect(pdf.headers['content-type']).to.equal('application/pdf')
        expect((pdf.body as Buffer).subarray(0, 5).toString()).to.equal('%PDF-')
        expect(pdf.headers['content-disposition']).to.equal(
          `attachment; filename="stimulansmedel-${PROGRAMME}-2022.pdf"`,
        )
        expect(pdf.headers['cache-control']).to.equal('no-store')
        await user.agent.get(`/programmes/${PROGRAMME}/years/2022/report.xlsx`).expect(200)
        await user.agent.get(`/programmes/${PROGRAMME}/years/2022/report.csv`).expect(200)
      }
      // a programme year without answers still makes a report, of empty tables
      for (const format of ['pdf', 'xlsx', 'csv']) {
        await evaluator.agent.get(`/programmes/${PROGRAMME}/years/2020/report.${format}`).expect(200)
      }
      await evaluator.agent.get(`/programmes/${PROGRAMME}/years/2019/report.pdf`).expect(404)
      await evaluator.agent.get(`/programmes/nope/years/2022/report.xlsx`).expect(404)
    })
  })

  describe('who may read', () => {
    const PAGES = [
      DISTRIBUTION,
      `${DISTRIBUTION}?by=size_group`,
      SUMMARY,
      `${SUMMARY}?by=county`,
      `/programmes/${PROGRAMME}/years/2022/report.csv`,
      '/analysis/size-groups',
    ]

    it('a municipality user gets 403 on every page and API address; a signed-out visitor is sent to sign in', async () => {
      const municipality = await signIn(
        app,
        await createTestUser(knex, { role: 'municipality', municipalityCode: '0114' }),
      )
      for (const url of PAGES) await municipality.agent.get(url).expect(403)
      for (const url of [
        `${API}/years/2022/summary`,
        `${API}/distributions/purposes`,
        `${API}/years/2022/reconciliation`,
      ]) {
        const res = await municipality.agent
          .get(url)
          .expect(403)
          .expect('Content-Type', /application\/json/)
        expect(JSON.parse(res.text)).to.have.property('error')
      }
      for (const url of PAGES) {
        const res = await request(app).get(url).expect(303)
        expect(res.headers.location).to.match(/^\/login\?next=/)
      }
      const anonymous = await request(app).get(`${API}/distributions/purposes`).expect(401)
      expect(anonymous.headers['content-type']).to.match(/application\/json/)
    })

    it('the administrator and the auditor read every page', async () => {
      for (const role of ['admin', 'auditor'] as const) {
        const reader = await signIn(app, await createTestUser(knex, { role }))
        for (const url of PAGES) await reader.agent.get(url).expect(200)
        await reader.agent.get(`${API}/distributions/areas?by=county`).expect(200)
      }
    })
  })

  describe('bad addresses', () => {
    it('pages: 400 for a bad breakdown, survey round or bounds; 404 for an unknown programme or dimension', async () => {
      const bad = async (url: string, text: string) => {
        const res = await evaluator.agent.get(url).expect(400)
        expect(decodeHtml(res.text)).to.contain(text)
      }
      await bad(`${DISTRIBUTION}?by=colour`, 'Indelningen ”colour” finns inte.')
      await bad(`${DISTRIBUTION}?by=county&round=1999`, 'Enkätomgången ”1999” finns inte')
      await bad(`${DISTRIBUTION}?bounds=10000`, 'Gränser (bounds) hör bara till indelningen per storleksgrupp.')
      await bad(`${DISTRIBUTION}?by=size_group&bounds=5,1`, 'Gränserna ”5,1” kan inte tolkas.')
      await bad(`${SUMMARY}?by=x`, 'Indelningen ”x” finns inte.')
      await evaluator.agent.get(`/programmes/${PROGRAMME}/distributions/colours?by=county`).expect(404)
      await evaluator.agent.get('/programmes/nope/distributions/purposes?by=county').expect(404)
    })

    it('API: JSON 404 for unknown programme, year, dimension or address; JSON 400 for a bad tolerance or breakdown', async () => {
      const json = async (url: string, status: number) => {
        const res = await evaluator.agent
          .get(url)
          .expect(status)
          .expect('Content-Type', /application\/json/)
        return JSON.parse(res.text) as { error: string }
      }
      expect(await json('/api/v1/programmes/nope/distributions/purposes', 404)).to.deep.equal({
        error: 'unknown programme: nope',
      })
      expect((await json(`${API}/years/2019/summary`, 404)).error).to.contain('2019')
      expect((await json(`${API}/years/22/reconciliation`, 404)).error).to.contain('22')
      expect(await json(`${API}/distributions/colours`, 404)).to.deep.equal({ error: 'unknown dimension: colours' })
      expect((await json('/api/v1/nothing-here', 404)).error).to.contain('no such address')
      expect((await json(`${API}/years/2022/reconciliation?tolerance=-5`, 400)).error).to.match(/^tolerance: /)
      expect((await json(`${API}/years/2022/reconciliation?tolerance=abc`, 400)).error).to.match(/^tolerance: /)
      expect((await json(`${API}/years/2022/reconciliation?by=county`, 400)).error).to.contain('no breakdown')
      expect((await json(`${API}/distributions/purposes?by=colour`, 400)).error).to.contain('size_group or county')
      expect((await json(`${API}/distributions/purposes?by=county&bounds=10000`, 400)).error).to.contain(
        'by=size_group only',
      )
      expect((await json(`${API}/years/2022/summary?by=size_group&bounds=x`, 400)).error).to.match(/^bounds: /)
    })
  })
})
