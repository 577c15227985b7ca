// The programme-year dashboard: budget lines against the ledger and the answers, the differences between the
// pairs, the municipalities by status (linking to the filtered table), the bar chart, and the tables as files.
import { expect } from 'chai'
import type { Express } from 'express'
import type { Knex } from 'knex'
import { appWithAllRoutes } from '../../helpers/appWithAllRoutes.ts'
import { resetData, testKnex } from '../../helpers/testDatabase.ts'
import {
  binaryParser,
  csvRows,
  decode,
  kr,
  loadAdminFixtures,
  PROGRAMME,
  readXlsx,
  rowOf,
  signInEveryRole,
  type Agents,
} from './helpers.ts'

const url = `/programmes/${PROGRAMME}/years/2022`

describe('programme-year dashboard', () => {
  let knex: Knex
  let app: Express
  let agents: Agents
  const page = async (address: string, status = 200) => {
    const res = await agents.evaluator.get(address).expect(status).expect('Content-Type', /html/)
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

  it('shows the budget and its lines beside the ledger, the answers and what may be reclaimed', async () => {
    const html = await page(url)
    expect(html).to.contain('Programårets översikt')
    expect(html).to.contain('Programår 2022 · enkätomgång 2023')
    const figures = html.slice(html.indexOf('dashboard-figures'), html.indexOf('<figure'))
    const amount = (label: string) => rowOf(figures, label)
    expect(amount('Budget totalt')).to.deep.equal([kr('200 000 000 kr')])
    expect(amount('Rekvirerbart från Kammarkollegiet')).to.deep.equal([kr('167 100 000 kr')])
    expect(amount('Direkt till modellkommuner')).to.deep.equal([kr('15 000 000 kr')])
    expect(amount('Fördelat')).to.deep.equal([kr('1 800 000 kr')])
    expect(amount('Rekvirerat')).to.deep.equal([kr('1 700 000 kr')])
    // the reversed payout of 30 000 kr to Kiruna is not counted
    expect(amount('Utbetalt')).to.deep.equal([kr('1 900 000 kr')])
    expect(amount('Återbetalt')).to.deep.equal([kr('20 000,50 kr')])
    expect(amount('Rapporterat rekvirerat')).to.deep.equal([kr('1 750 100 kr')])
    expect(amount('Rapporterat förbrukat')).to.deep.equal([kr('1 630 000 kr')])
    expect(amount('Rapporterat kvarstående')).to.deep.equal([kr('120 100 kr')])
    expect(amount('Att återkräva')).to.deep.equal([kr('300 099,50 kr')])
    expect(html).to.match(/<span class="key-figures__value">5<\/span> kommuner med transaktioner eller svar/)
  })

  it('shows the difference between each pair, with a real minus sign', async () => {
    const html = await page(url)
    expect(rowOf(html, 'Rekvirerbart från Kammarkollegiet − Fördelat').slice(0, 3)).to.deep.equal([
      kr('167 100 000 kr'),
      kr('1 800 000 kr'),
      kr('165 300 000 kr'),
    ])
    expect(rowOf(html, 'Fördelat − Rekvirerat')[2]).to.equal(kr('100 000 kr'))
    expect(rowOf(html, 'Rekvirerat − Utbetalt')[2]).to.equal(kr('-200 000 kr'))
    expect(rowOf(html, 'Rapporterat rekvirerat − Utbetalt')[2]).to.equal(kr('-149 900 kr'))
    expect(rowOf(html, 'Rapporterat rekvirerat − Rapporterat förbrukat')[2]).to.equal(kr('120 100 kr'))
    expect(rowOf(html, 'Rapporterat kvarstående − Återbetalt')[2]).to.equal(kr('100 099,50 kr'))
  })

  it('counts the municipalities by status, each count linking to the filtered reconciliation', async () => {
    const html = await page(url)
    const statuses = html.slice(html.indexOf('class="data figures statuses"'))
    expect(rowOf(statuses, 'Stämmer')).to.deep.equal(['2'])
    expect(rowOf(statuses, 'Svar saknas')).to.deep.equal(['1'])
    expect(rowOf(statuses, 'Beloppen skiljer sig')).to.deep.equal(['1'])
    expect(rowOf(statuses, 'Svar utan utbetalning')).to.deep.equal(['1'])
    expect(rowOf(statuses, 'Mer förbrukat än rekvirerat')).to.deep.equal(['0'])
    expect(rowOf(statuses, 'Summa kommuner')).to.deep.equal(['5'])
    expect(html).to.contain(`href="${url}/reconciliation?status=missing_response"`)
    // with a tolerance of 100 kr Vallentuna's difference of 100 kr counts as equal
    const tolerant = await page(`${url}?tolerance=100`)
    const counts = tolerant.slice(tolerant.indexOf('class="data figures statuses"'))
    expect(rowOf(counts, 'Stämmer')).to.deep.equal(['3'])
    expect(rowOf(counts, 'Beloppen skiljer sig')).to.deep.equal(['0'])
    expect(tolerant).to.contain(`href="${url}/reconciliation?tolerance=100&status=ok"`)
    expect(tolerant).to.contain('value="100"')
  })

  it('draws the figures as an accessible bar chart with the same numbers in a table', async () => {
    const html = await page(url)
    const svg = /<svg[\s\S]*?<\/svg>/.exec(html)![0]
    expect(svg).to.contain('role="img"')
    expect(svg).to.contain('aria-labelledby="dashboard-chart-title dashboard-chart-desc"')
    expect(svg).to.contain('<title id="dashboard-chart-title">Budget och utfall, programår 2022, i kronor</title>')
    expect(svg).to.match(/<desc id="dashboard-chart-desc">[^<]*enkätomgång 2023 om programår 2022/)
    // the budget lines stand for the total: 3 lines and 9 figures
    expect(svg.match(/<rect /g)).to.have.length(12)
    expect(svg).to.contain(`<title>Utbetalt: ${kr('1 900 000 kr')}</title>`)
    const table = html.slice(html.indexOf('<figure'), html.indexOf('</figure>'))
    expect(table).to.contain('<table class="data visually-hidden">')
    expect(rowOf(table, 'Utbetalt')).to.deep.equal([kr('1 900 000 kr')])
    expect(rowOf(table, 'Att återkräva')).to.deep.equal([kr('300 099,50 kr')])
  })

  it('answers 404 for an unknown programme or year, 400 for a bad tolerance', async () => {
    await agents.admin.get(`/programmes/${PROGRAMME}/years/2030`).expect(404)
    await agents.admin.get('/programmes/nope/years/2022').expect(404)
    const bad = await page(`${url}?tolerance=abc`, 400)
    expect(bad).to.contain('Toleransen måste vara ett helt antal kronor')
    await agents.admin.get(`${url}/dashboard/nonsense.csv`).expect(404)
  })

  it('links to itself from the programme navigation', async () => {
    const html = await page(`${url}/reconciliation`)
    expect(html).to.contain(`<a href="${url}">Översikt</a>`)
    expect(await page(url)).to.contain(`<a href="${url}" aria-current="page">Översikt</a>`)
  })

  it('exports each table as CSV with Swedish headers and amounts in kronor', async () => {
    const figures = await agents.auditor
      .get(`${url}/dashboard/figures.csv`)
      .expect(200)
      .expect('Content-Type', /text\/csv/)
    expect(figures.headers['content-disposition']).to.equal(
      `attachment; filename=budget-och-utfall-${PROGRAMME}-2022.csv`,
    )
    const rows = csvRows(figures.text)
    expect(rows[0]).to.deep.equal(['Källa', 'Uppgift', 'Belopp (kr)'])
    expect(rows).to.deep.include(['Budget', 'Budget totalt', '200000000'])
    expect(rows).to.deep.include(['Utbetalningsliggaren', 'Återbetalt', '20000,50'])
    expect(rows).to.deep.include(['Avstämning', 'Att återkräva', '300099,50'])

    const differences = csvRows((await agents.auditor.get(`${url}/dashboard/differences.csv`).expect(200)).text)
    expect(differences[0]).to.deep.equal(['Jämförelse', 'Första ledet (kr)', 'Andra ledet (kr)', 'Skillnad (kr)'])
    // a negative amount is data: not prefixed like a formula
    expect(differences).to.deep.include(['Rekvirerat − Utbetalt', '1700000', '1900000', '-200000'])

    const statuses = csvRows((await agents.auditor.get(`${url}/dashboard/statuses.csv?tolerance=100`).expect(200)).text)
    expect(statuses[0]).to.deep.equal(['Status', 'Statuskod', 'Antal kommuner'])
    expect(statuses).to.deep.include(['Stämmer', 'ok', '3'])
    expect(statuses).to.have.length(9)
  })

  it('exports all three tables as one XLSX workbook, numbers as numbers', async () => {
    const res = await agents.admin
      .get(`${url}/dashboard.xlsx`)
      .buffer(true)
      .parse(binaryParser)
      .expect(200)
      .expect('Content-Type', /spreadsheetml/)
    expect(res.headers['content-disposition']).to.equal(`attachment; filename=oversikt-${PROGRAMME}-2022.xlsx`)
    const sheets = await readXlsx(res.body as Buffer)
    expect(sheets.map(s => s.name)).to.deep.equal(['Budget och utfall', 'Skillnader', 'Kommuner per status'])
    const [figures, differences, statuses] = sheets
    expect(figures.rows[0]).to.deep.equal(['Källa', 'Uppgift', 'Belopp (kr)'])
    expect(figures.rows).to.deep.include(['Budget', 'Budget totalt', 200_000_000])
    expect(figures.rows).to.deep.include(['Utbetalningsliggaren', 'Återbetalt', 20_000.5])
    expect(differences.rows).to.deep.include(['Rekvirerat − Utbetalt', 1_700_000, 1_900_000, -200_000])
    expect(statuses.rows).to.deep.include(['Svar saknas', 'missing_response', 1])
  })
})
