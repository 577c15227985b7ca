// One municipality's programme year: every ledger entry (reversed ones and where each came from), every response
// version with what changed, the issues found and what may be claimed back; the tables as CSV and XLSX.
import { expect } from 'chai'
import type { Express } from 'express'
import type { Knex } from 'knex'
import { appWithAllRoutes } from '../../helpers/appWithAllRoutes.ts'
import { resetData, testKnex } from '../../helpers/testDatabase.ts'
import {
  binaryParser,
  csvRows,
  decode,
  HYPERLINK,
  kr,
  loadAdminFixtures,
  PROGRAMME,
  readXlsx,
  rowOf,
  signInEveryRole,
  type Agents,
} from './helpers.ts'

const year = `/programmes/${PROGRAMME}/years/2022`
const kiruna = `${year}/municipalities/2584`

/** The part of the page from one heading's id to the next section. */
const section = (html: string, id: string) => {
  const start = html.indexOf(`id="${id}"`)
  return html.slice(start, html.indexOf('</section>', start))
}

describe('municipality page', () => {
  let knex: Knex
  let app: Express
  let agents: Agents
  const page = async (address: string, status = 200, role: keyof Agents = 'admin') => {
    const res = await agents[role].get(address).expect(status).expect('Content-Type', /html/)
    return decode(res.text)
  }

  before(async () => {
    knex = await testKnex()
    await resetData(knex)
    await loadAdminFixtures(knex)
    app = appWithAllRoutes(knex)
    agents = await signInEveryRole(app, knex)
  })
  after(async () => resetData(knex))

  it('names the municipality, its county, population and size group, under programme year and survey round', async () => {
    const html = await page(kiruna)
    expect(html).to.match(/<h1 class="page-title">\s*Kiruna \(2584\)/)
    expect(html).to.contain('Programår 2022 · enkätomgång 2023')
    expect(html).to.contain('<dt>Län</dt><dd>Norrbottens län</dd>')
    expect(html).to.contain(`<dt>Folkmängd</dt><dd>22\u00a0000</dd>`)
    expect(html).to.contain('<dd>De medelstora kommunerna (20 000–50 000)</dd>')
    expect(html).to.contain(`href="${year}/reconciliation">Tillbaka till avstämningen</a>`)
  })

  it('lists every ledger entry: reversed and reversing ones marked, and whether an import or a person made it', async () => {
    const ledger = section(await page(kiruna), 'ledger-heading')
    expect(ledger.match(/<tr/g)).to.have.length(6) // header + 5 entries
    expect(rowOf(ledger, '@P-2584').slice(0, 6)).to.deep.equal([
      '2022-03-20',
      'Utbetalning',
      kr('300 000 kr'),
      'Gäller',
      'Import av kiruna-ledger.csv',
      'import@test',
    ])
    const wrong = rowOf(ledger, 'P-2584-FEL')
    expect(wrong.slice(0, 4)).to.deep.equal([
      '2022-03-21',
      'Utbetalning',
      kr('30 000 kr'),
      'Makulerad av REV-P-2584-FEL',
    ])
    const reversal = rowOf(ledger, 'REV-P-2584-FEL')
    expect(reversal[0]).to.equal('2022-04-01')
    expect(reversal[3]).to.match(/^Makulerar P-2584-FEL/)
    expect(reversal.slice(4, 6)).to.deep.equal(['Registrerad för hand', 'admin@test'])
    expect(reversal[6]).to.match(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
    expect(ledger).to.match(/<tr class="not-in-effect">\s*<td class="date">2022-03-21<\/td>/)
  })

  it('shows the current answer and every version, newest first, with what changed from the one before', async () => {
    const html = await page(kiruna)
    const responses = section(html, 'responses-heading')
    expect(responses).to.contain('Svaret i enkätomgång 2023')
    expect(rowOf(responses, 'Förbrukat')[0]).to.equal(kr('280 000 kr'))
    expect(rowOf(responses, 'Måluppfyllelse')[0]).to.equal('I hög utsträckning')
    const versions = responses.slice(responses.indexOf('<ol class="versions"'))
    expect(versions.indexOf('Version 2')).to.be.lessThan(versions.indexOf('Version 1'))
    expect(versions).to.match(/Version 2\s*<span class="tag">gäller<\/span>/)
    expect(versions).to.contain('Inskickad 2023-02-10. Registrerad ')
    expect(versions).to.contain('av kiruna@test (Import av kiruna-v2.csv).')
    expect(versions).to.contain('Första versionen.')
    const changes = versions.slice(versions.indexOf('Ändrat i version 2'), versions.indexOf('</table>'))
    expect(rowOf(changes, 'Inskickad')).to.deep.equal(['2023-02-01', '2023-02-10'])
    expect(rowOf(changes, 'Förbrukat')).to.deep.equal([kr('250 000 kr'), kr('280 000 kr')])
    expect(rowOf(changes, 'Kvarstående')).to.deep.equal([kr('50 000 kr'), kr('20 000 kr')])
    expect(rowOf(changes, 'Syften')).to.deep.equal([
      'Kvalitetshöjning i verksamheter',
      'Förbättrad arbetsmiljö för personal inom äldreomsorgen Kvalitetshöjning i verksamheter',
    ])
    expect(rowOf(changes, 'Måluppfyllelse')).to.deep.equal(['I viss utsträckning', 'I hög utsträckning'])
    expect(rowOf(changes, 'Kommentar')).to.deep.equal([HYPERLINK, '+rättat: mer förbrukat'])
    expect(changes).not.to.contain('Rekvirerat</th>')
  })

  it('shows the issues, most severe first with what they mean, and what may be claimed back', async () => {
    const html = await page(`${year}/municipalities/0117`)
    const result = section(html, 'reconciliation-heading')
    expect(result).to.contain('<span class="status status--missing_response">Svar saknas</span>')
    expect(result).to.match(
      /<li><strong>Svar saknas<\/strong>: utbetalt men inget svar[^<]*<\/li>\s*<li><strong>Utbetalt ≠ rekvirerat<\/strong>/,
    )
    expect(rowOf(result, 'Att återkräva')).to.deep.equal([kr('200 000 kr')])
    expect(rowOf(result, 'Rapporterat rekvirerat')).to.deep.equal(['–'])
    expect(html).to.contain('Kommunen har inte svarat för programåret.')

    const vallentuna = section(await page(`${year}/municipalities/0115`), 'reconciliation-heading')
    expect(vallentuna).to.contain('Beloppen skiljer sig')
    expect(rowOf(vallentuna, 'Att återkräva')).to.deep.equal([kr('80 099,50 kr')])
    const tolerant = section(await page(`${year}/municipalities/0115?tolerance=100`), 'reconciliation-heading')
    expect(tolerant).to.contain('<span class="status status--ok">Stämmer</span>')
    expect(tolerant).to.contain(`(tolerans ${kr('100 kr')})`)
  })

  it('shows a municipality with nothing for the year, and answers 404 for one that does not exist', async () => {
    const html = await page(`${year}/municipalities/0180`)
    expect(html).to.contain('Stockholm (0180)')
    expect(html).to.contain('Kommunen har varken transaktioner eller svar för programåret.')
    expect(html).to.contain('Inga poster i liggaren för programåret.')
    expect(html).to.contain('<dd>Okänd (ingen folkmängd för året)</dd>')
    expect(await page(`${year}/municipalities/9999`, 404)).to.contain('Kommunen ”9999” finns inte.')
    await agents.admin.get(`${year}/municipalities/abcd`).expect(404)
    await agents.admin.get(`/programmes/${PROGRAMME}/years/2030/municipalities/0114`).expect(404)
    await agents.admin.get(`${kiruna}/nonsense.csv`).expect(404)
    await agents.admin.get(`${kiruna}?tolerance=-1`).expect(400)
  })

  it('shows a municipality user its own page without links to the pages it may not open', async () => {
    const html = await page(`${year}/municipalities/0114`, 200, 'municipality')
    expect(html).to.contain('Upplands Väsby (0114)')
    expect(html).not.to.contain(`href="${year}/reconciliation`)
    expect(html).not.to.contain(`href="${year}"`)
    expect(html).to.contain(`href="${year}/municipalities/0114/ledger.csv"`)
  })

  it('exports the ledger entries as CSV, neutralising references a spreadsheet would run', async () => {
    const res = await agents.auditor
      .get(`${kiruna}/ledger.csv`)
      .expect(200)
      .expect('Content-Type', /text\/csv/)
    expect(res.headers['content-disposition']).to.equal(`attachment; filename=liggare-${PROGRAMME}-2022-2584.csv`)
    const rows = csvRows(res.text)
    expect(rows[0]).to.deep.equal([
      'Post-id',
      'Datum',
      'Typ',
      'Typkod',
      'Belopp (kr)',
      'Referens',
      'Gäller',
      'Makulerar',
      'Makulerad av',
      'Skäl till makulering',
      'Källa',
      'Registrerad av',
      'Registrerad',
    ])
    expect(rows.slice(1).map(row => row[5])).to.deep.equal([
      'A-2584',
      "'-R-2584",
      "'@P-2584",
      'P-2584-FEL',
      'REV-P-2584-FEL',
    ])
    expect(rows[4].slice(1, 10)).to.deep.equal([
      '2022-03-21',
      'Utbetalning',
      'payout',
      '30000',
      'P-2584-FEL',
      'nej',
      '',
      'REV-P-2584-FEL',
      '',
    ])
    expect(rows[5].slice(6, 8)).to.deep.equal(['nej', 'P-2584-FEL'])
  })

  it('exports the versions and the changes as CSV, neutralising comments that begin like formulas', async () => {
    const versions = await agents.evaluator.get(`${kiruna}/versions.csv`).expect(200)
    expect(versions.text).to.contain(`"'=HYPERLINK(""http://evil.example"",""klicka"")"`)
    expect(versions.text).not.to.match(/(^|;|\r\n)"?=HYPERLINK/)
    const rows = csvRows(versions.text)
    expect(rows[0].slice(0, 8)).to.deep.equal([
      'Version',
      'Enkätomgång',
      'Källa',
      'Registrerad av',
      'Registrerad',
      'Ändrade uppgifter',
      'submitted_on',
      'requisitioned_sek',
    ])
    expect(rows[0].at(-1)).to.equal('comment')
    expect(rows.slice(1).map(row => [row[0], row[1], row[5], row[6], row[8], row.at(-1)])).to.deep.equal([
      ['1', '2023', '', '2023-02-01', '250000', `'${HYPERLINK}`],
      ['2', '2023', '6', '2023-02-10', '280000', "'+rättat: mer förbrukat"],
    ])
    expect(rows[2][11]).to.equal('arbetsmiljo|kvalitet')

    const changes = csvRows((await agents.evaluator.get(`${kiruna}/changes.csv`).expect(200)).text)
    expect(changes[0]).to.deep.equal(['Version', 'Uppgift', 'Kolumn i svarsfilen', 'Före', 'Efter'])
    expect(changes.slice(1)).to.deep.include(['2', 'Förbrukat', 'spent_sek', '250000', '280000'])
    expect(changes.slice(1)).to.deep.include(['2', 'Kommentar', 'comment', `'${HYPERLINK}`, "'+rättat: mer förbrukat"])
    expect(changes.slice(1)).to.deep.include([
      '2',
      'Syften',
      'purposes',
      'Kvalitetshöjning i verksamheter',
      'Förbättrad arbetsmiljö för personal inom äldreomsorgen; Kvalitetshöjning i verksamheter',
    ])
  })

  it('exports all three tables as XLSX: amounts as numbers, texts as text (never formulas)', async () => {
    const res = await agents.admin
      .get(`${kiruna}.xlsx`)
      .buffer(true)
      .parse(binaryParser)
      .expect(200)
      .expect('Content-Type', /spreadsheetml/)
    expect(res.headers['content-disposition']).to.equal(`attachment; filename=kommun-${PROGRAMME}-2022-2584.xlsx`)
    const [ledger, versions, changes] = await readXlsx(res.body as Buffer)
    expect([ledger.name, versions.name, changes.name]).to.deep.equal(['Liggaren', 'Versioner', 'Ändringar'])
    expect(ledger.rows.slice(1).map(row => row[4])).to.deep.equal([300_000, 300_000, 300_000, 30_000, 30_000])
    expect(ledger.rows[3][5]).to.equal('@P-2584')
    const comment = versions.rows[1].at(-1)
    expect(comment).to.equal(HYPERLINK)
    expect(versions.rows[2].slice(6, 10)).to.deep.equal(['2023-02-10', 300_000, 280_000, 20_000])
    expect(changes.rows.length).to.equal(7)
  })

  it('renders in English when the user switches language', async () => {
    const _csrf = (/<meta name="csrf-token" content="([^"]+)">/.exec((await agents.evaluator.get(kiruna)).text) ??
      [])[1]
    await agents.evaluator.post('/locale').type('form').send({ locale: 'en', returnTo: kiruna, _csrf }).expect(303)
    try {
      const html = decode((await agents.evaluator.get(kiruna).expect(200)).text)
      expect(html).to.contain('<html lang="en">')
      expect(html).to.contain('Every version, latest first')
      expect(html).to.contain('Reversed by REV-P-2584-FEL')
      const dashboard = decode((await agents.evaluator.get(year).expect(200)).text)
      expect(dashboard).to.contain('Programme year dashboard')
      const table = decode((await agents.evaluator.get(`${year}/reconciliation?size=okand`).expect(200)).text)
      expect(table).to.contain('Unknown (no population for the year)')
      const csv = csvRows((await agents.evaluator.get(`${year}/reconciliation.csv`).expect(200)).text)
      expect(csv[0][0]).to.equal('Municipality code')
    } finally {
      await agents.evaluator.post('/locale').type('form').send({ locale: 'sv', returnTo: kiruna, _csrf })
    }
  })
})
