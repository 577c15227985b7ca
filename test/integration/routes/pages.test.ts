// The four pages on the real test database: the figures in the HTML, 404 for unknown programmes, years and
// dimensions, 400 for a bad tolerance or status, and the filters of the reconciliation.
import { expect } from 'chai'
import type { Express } from 'express'
import type { Knex } from 'knex'
import type request from 'supertest'
import { appWithAllRoutes } from '../../helpers/appWithAllRoutes.ts'
import { createTestUser, signIn } from '../../helpers/session.ts'
import { resetData, testKnex } from '../../helpers/testDatabase.ts'
import { loadRouteFixtures, PROGRAMME } from './fixtures.ts'

/** '1 234 kr' as the pages write it: no-break spaces between the groups and before the unit. */
const kr = (text: string) => text.replace(/ /g, '\u00a0').replace(/-/g, '\u2212')

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#x27': "'",
  '#x3D': '=',
  '#x60': '`',
}

/** The page as a browser reads it: Handlebars writes "=" in text and attributes as &#x3D;. */
const decode = (html: string) => html.replace(/&(amp|lt|gt|quot|#x27|#x3D|#x60);/g, (_, name: string) => ENTITIES[name])

let agent: ReturnType<typeof request.agent>

async function page(_app: Express, url: string, status = 200): Promise<string> {
  const res = await agent.get(url).expect(status).expect('Content-Type', /html/)
  return decode(res.text)
}

/** The text of the table row whose header cell (th scope=row) is label. */
function rowOf(html: string, label: string): string {
  const match = new RegExp(
    `<tr[^>]*>\\s*(?:<td[^>]*>[^<]*</td>\\s*)?<th scope="row"[^>]*>(?:<a [^>]*>)?${label}(?:</a>)?</th>([\\s\\S]*?)</tr>`,
  ).exec(html)
  if (!match) throw new Error(`no row "${label}"`)
  // collapse the template's white space, but not the no-break spaces inside amounts
  return match[1]
    .replace(/<[^>]+>/g, ' ')
    .replace(/[ \t\r\n]+/g, ' ')
    .trim()
}

describe('web pages', () => {
  let knex: Knex
  let app: Express

  before(async () => {
    knex = await testKnex()
    await resetData(knex)
    await loadRouteFixtures(knex)
    app = appWithAllRoutes(knex)
    agent = (await signIn(app, await createTestUser(knex, { role: 'admin' }))).agent
  })
  after(async () => resetData(knex))

  describe('/ (programme overview)', () => {
    it('shows each programme with its years, budget lines, ledger and survey figures, and links', async () => {
      const res = await page(app, '/')
      expect(res).to.contain('<html lang="sv">')
      expect(res).to.contain('Överenskommelse om äldreomsorg')
      expect(res).to.contain('Statsbidrag för investeringar i välfärdsteknik 2018')
      expect(res).to.contain('Programår 2022')
      expect(res).to.contain('Enkätomgång 2023')
      // programme years 2020, 2021, 2022 as columns
      expect(rowOf(res, 'Budget totalt')).to.contain(kr('200 000 000 kr'))
      expect(rowOf(res, 'Rekvirerbart från Kammarkollegiet')).to.contain(kr('167 100 000 kr'))
      expect(rowOf(res, 'Direkt till modellkommuner')).to.contain(kr('15 000 000 kr'))
      expect(rowOf(res, 'Utbetalt')).to.equal(`${kr('300 000 kr')} ${kr('0 kr')} ${kr('1 600 000 kr')}`)
      expect(rowOf(res, 'Fördelat')).to.equal(`${kr('0 kr')} ${kr('0 kr')} ${kr('1 500 000 kr')}`)
      expect(rowOf(res, 'Återbetalt')).to.contain(kr('20 000,50 kr'))
      expect(rowOf(res, 'Rapporterat rekvirerat')).to.contain(kr('1 450 100 kr'))
      expect(rowOf(res, 'Rapporterat förbrukat')).to.contain(kr('1 350 000 kr'))
      expect(rowOf(res, 'Svarande kommuner')).to.equal('1 0 3')
      expect(res).to.contain(`href="/programmes/${PROGRAMME}/years/2022/summary"`)
      expect(res).to.contain(`href="/programmes/${PROGRAMME}/years/2022/reconciliation"`)
      expect(res).to.contain(`href="/programmes/${PROGRAMME}/distributions/purposes"`)
    })

    it('is accessible in its structure: skip link, landmarks, captions, scoped headers', async () => {
      const res = await page(app, '/')
      expect(res).to.match(/<a class="skip-link" href="#main">Gå direkt till innehållet<\/a>/)
      expect(res).to.contain('<header class="site-header">')
      expect(res).to.match(/<nav class="site-nav" aria-label="Huvudmeny">/)
      expect(res).to.contain('<main id="main"')
      expect(res).to.contain('<caption')
      expect(res).to.contain('<th scope="col"')
      expect(res).to.contain('<th scope="row"')
      expect(res).to.contain('aria-current="page"')
      expect(res).to.contain('>Stimulans</a>')
      expect(res).not.to.contain('<script')
    })
  })

  describe('summary', () => {
    it('shows table 34 from the answers beside the ledger, headed by programme year and survey round', async () => {
      const res = await page(app, `/programmes/${PROGRAMME}/years/2022/summary`)
      expect(res).to.contain('Programår 2022 · enkätomgång 2023')
      expect(rowOf(res, 'Svarande kommuner')).to.equal('3')
      expect(rowOf(res, 'Kommuner som rekvirerat medel')).to.equal('3')
      expect(rowOf(res, 'Kommuner som använt medlen')).to.equal('3')
      expect(rowOf(res, 'Rekvirerade medel')).to.equal(kr('1 450 100 kr'))
      expect(rowOf(res, 'Förbrukade medel')).to.equal(kr('1 350 000 kr'))
      expect(rowOf(res, 'Kvarstående medel')).to.equal(kr('100 100 kr'))
      expect(rowOf(res, 'Kommuner som förbrukat en del men inte allt')).to.equal('1')
      expect(rowOf(res, 'Tidsbrist')).to.equal('1')
      expect(rowOf(res, 'Personalbrist')).to.equal('0')
      expect(rowOf(res, 'Fördelat')).to.equal(kr('1 500 000 kr'))
      expect(rowOf(res, 'Rekvirerat')).to.equal(kr('1 400 000 kr'))
      expect(rowOf(res, 'Utbetalt')).to.equal(kr('1 600 000 kr'))
      expect(rowOf(res, 'Återbetalt')).to.equal(kr('20 000,50 kr'))
      expect(rowOf(res, 'Kommuner som fått utbetalning')).to.equal('3')
      expect(rowOf(res, 'Skillnad \\(svar − liggare\\)')).to.equal(kr('-149 900 kr'))
    })

    it('answers 404 for an unknown programme or programme year', async () => {
      const unknown = await page(app, '/programmes/nope/years/2022/summary', 404)
      expect(unknown).to.contain('Sidan finns inte')
      expect(unknown).to.contain('Programmet ”nope” finns inte.')
      const year = await page(app, `/programmes/${PROGRAMME}/years/2019/summary`, 404)
      expect(year).to.contain('har inget programår 2019')
      await agent.get(`/programmes/${PROGRAMME}/years/22/summary`).expect(404)
      await agent.get(`/programmes/${PROGRAMME}/years/abcd/summary`).expect(404)
    })
  })

  describe('distributions', () => {
    it('shows one row per option and one column group per survey round, with n and shares', async () => {
      const res = await page(app, `/programmes/${PROGRAMME}/distributions/purposes`)
      expect(res).to.contain('2021 (n=1)')
      expect(res).to.contain('2023 (n=3)')
      expect(res).to.contain('programår 2022')
      const quality = rowOf(res, 'Kvalitetshöjning i verksamheter')
      expect(quality).to.equal(`100\u00a0% 1 av 1 67\u00a0% 2 av 3`)
      expect(rowOf(res, 'Förbättrad arbetsmiljö för personal inom äldreomsorgen')).to.equal(
        `0\u00a0% 0 av 1 33\u00a0% 1 av 3`,
      )
    })

    it('shows an option not offered in a round as "–" with the footnote', async () => {
      const res = await page(app, `/programmes/${PROGRAMME}/distributions/purposes`)
      expect(rowOf(res, 'Ökad aktivitet för individen')).to.equal('– * 33\u00a0% 1 av 3')
      expect(res).to.contain('<p id="not-offered" class="footnote">* Alternativet fanns inte med det året</p>')
    })

    it('has a nav between the five dimensions, the current one marked', async () => {
      const res = await page(app, `/programmes/${PROGRAMME}/distributions/goal_fulfilment`)
      for (const dimension of ['purposes', 'areas', 'usage_areas', 'unspent_reasons', 'goal_fulfilment']) {
        expect(res).to.contain(`href="/programmes/${PROGRAMME}/distributions/${dimension}"`)
      }
      expect(res).to.match(/href="\/programmes\/[^"]+\/distributions\/goal_fulfilment" aria-current="page"/)
      expect(res).not.to.contain('id="not-offered"')
      const reasons = await page(app, `/programmes/${PROGRAMME}/distributions/unspent_reasons`)
      // the reasons are counted over the municipalities that did not spend everything
      expect(rowOf(reasons, 'Tidsbrist')).to.equal(`\u2013 0 av 0 100\u00a0% 1 av 1`)
    })

    it('answers 404 for an unknown dimension or programme', async () => {
      const res = await page(app, `/programmes/${PROGRAMME}/distributions/colours`, 404)
      expect(res).to.contain('Frågan ”colours” finns inte.')
      await agent.get('/programmes/nope/distributions/purposes').expect(404)
    })
  })

  describe('reconciliation', () => {
    const url = `/programmes/${PROGRAMME}/years/2022/reconciliation`

    it('shows one row per municipality with amounts, status and issues, and the counts by status', async () => {
      const res = await page(app, url)
      expect(res).to.contain('Programår 2022 · enkätomgång 2023')
      expect(rowOf(res, 'Upplands Väsby')).to.match(/Stämmer Inga$/)
      expect(rowOf(res, 'Vallentuna')).to.equal(
        [
          // county and size group (the page fixtures have no population)
          'Stockholms län',
          'Okänd (ingen folkmängd för året)',
          kr('500 000 kr'),
          kr('400 000 kr'),
          kr('400 000 kr'),
          kr('0 kr'),
          kr('20 000,50 kr'),
          kr('400 100 kr'),
          kr('300 000 kr'),
          kr('100 100 kr'),
          kr('100 kr'),
          kr('80 099,50 kr'),
          'Beloppen skiljer sig',
          'Beloppen skiljer sig',
        ].join(' '),
      )
      // no response: the reported amounts and the difference are "–"
      expect(rowOf(res, 'Österåker')).to.equal(
        [
          // county and size group (the page fixtures have no population)
          'Stockholms län',
          'Okänd (ingen folkmängd för året)',
          kr('0 kr'),
          kr('0 kr'),
          kr('200 000 kr'),
          kr('0 kr'),
          kr('0 kr'),
          '–',
          '–',
          '–',
          '–',
          kr('200 000 kr'),
          'Svar saknas',
          'Svar saknas Utbetalt ≠ rekvirerat',
        ].join(' '),
      )
      expect(rowOf(res, 'Värmdö')).to.match(/Svar utan utbetalning Svar utan utbetalning Beloppen skiljer sig$/)
      expect(res).to.contain('Visar 4 av 4 kommuner.')
      expect(res).to.match(/Alla\s*<span class="status-link__count">4<\/span>/)
      expect(res).to.match(/Svar saknas\s*<span class="status-link__count">1<\/span>/)
      expect(res).to.match(/Stämmer\s*<span class="status-link__count">1<\/span>/)
      expect(res).to.contain(`href="${url}?status=missing_response"`)
    })

    it('has a labelled GET form for the tolerance, and the tolerance changes the outcome', async () => {
      const plain = await page(app, url)
      expect(plain).to.match(/<form class="tolerance-form" method="get" action="[^"]+\/reconciliation">/)
      expect(plain).to.contain('<label for="tolerance">Tolerans i hela kronor</label>')
      expect(plain).to.contain('id="tolerance" name="tolerance"')
      const tolerant = await page(app, `${url}?tolerance=100`)
      expect(rowOf(tolerant, 'Vallentuna')).to.match(/Stämmer Inga$/)
      expect(tolerant).to.contain(`tolerans ${kr('100 kr')}`)
      expect(tolerant).to.contain('value="100"')
      expect(tolerant).to.contain(`href="${url}?tolerance=100&status=ok"`)
      const grouped = await page(app, `${url}?tolerance=${encodeURIComponent('1 000')}`)
      expect(grouped).to.contain('value="1000"')
    })

    it('filters by status and keeps the totals of the rows shown', async () => {
      const res = await page(app, `${url}?status=missing_response`)
      expect(res).to.contain('Österåker')
      expect(res).not.to.contain('Vallentuna')
      expect(res).to.contain('Visar 1 av 4 kommuner.')
      expect(res).to.match(/status=missing_response" class="status-link status--missing_response" aria-current="page"/)
      expect(rowOf(res, 'Summa, visade rader')).to.contain(kr('200 000 kr'))
      const none = await page(app, `${url}?status=overspent`)
      expect(none).to.contain('Inga kommuner har den statusen.')
    })

    it('answers 400 with a message for a bad tolerance or status', async () => {
      for (const tolerance of ['-5', 'abc', '1.5', '12,50', '1e3']) {
        const res = await page(app, `${url}?tolerance=${encodeURIComponent(tolerance)}`, 400)
        expect(res, tolerance).to.contain('Toleransen måste vara ett helt antal kronor')
        expect(res).to.contain('Felaktig uppgift')
        expect(res).to.contain(`href="${url}"`)
      }
      await agent.get(`${url}?tolerance=1&tolerance=2`).expect(400)
      const status = await page(app, `${url}?status=bogus`, 400)
      expect(status).to.contain('Okänd status i filtret: ”bogus”.')
    })

    it('escapes what the address carries into the page', async () => {
      const res = await agent.get(`${url}?tolerance=${encodeURIComponent('<b>x</b>')}`).expect(400)
      expect(res.text).to.contain('&lt;b&gt;x&lt;/b&gt;')
      expect(res.text).not.to.contain('<b>x</b>')
    })

    it('answers 404 for an unknown programme or year', async () => {
      await agent.get(`/programmes/${PROGRAMME}/years/2030/reconciliation`).expect(404)
      await agent.get('/programmes/nope/years/2022/reconciliation?tolerance=-1').expect(404)
    })
  })

  it('answers 404 with the error page for an address that does not exist', async () => {
    const res = await page(app, '/nowhere', 404)
    expect(res).to.contain('<h1 class="page-title">')
    expect(res).to.contain('Sidan finns inte')
    expect(res).to.contain('Kontrollera adressen')
  })
})
