// The dashboard and the reconciliation over the demo data: the survey side of programme year 2022 is table 34 of
// Socialstyrelsen's 2023 follow-up, and the ledger side the 167.1 MSEK requisitionable and 15 MSEK direct grants.
import { expect } from 'chai'
import type { Express } from 'express'
import type { Knex } from 'knex'
import { parseAmountOre } from '../../../app/domain/amount.ts'
import { readPublishedFigures } from '../../../seeds/reference/index.ts'
import { appWithAllRoutes } from '../../helpers/appWithAllRoutes.ts'
import { cli } from '../../helpers/cli.ts'
import { resetData, testKnex } from '../../helpers/testDatabase.ts'
import { csvRows, decode, PROGRAMME, readXlsx, binaryParser, rowOf, signInEveryRole, type Agents } from './helpers.ts'

const published = readPublishedFigures()
const url = `/programmes/${PROGRAMME}/years/2022`
/** Whole kronor as the pages write them: '169 201 599 kr' with no-break spaces. */
const sek = (kronor: number) => `${String(kronor).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')}\u00a0kr`

describe('dashboard over the demo data against the published figures', function () {
  this.timeout(180_000)
  let knex: Knex
  let app: Express
  let agents: Agents

  before(async () => {
    knex = await testKnex()
    await resetData(knex)
    const seeded = await cli(knex, 'db', 'seed-demo')
    expect(seeded.code, seeded.stderr).to.equal(0)
    app = appWithAllRoutes(knex)
    agents = await signInEveryRole(app, knex)
  })
  after(async () => resetData(knex))

  it('shows table 34 (survey round 2023) and the ledger of programme year 2022', async () => {
    const table34 = published.table34_survey_2023
    const html = decode((await agents.admin.get(url).expect(200)).text)
    const figures = html.slice(html.indexOf('dashboard-figures'), html.indexOf('<figure'))
    expect(rowOf(figures, 'Rapporterat rekvirerat')).to.deep.equal([sek(table34.requisitioned_sek)])
    expect(rowOf(figures, 'Rapporterat förbrukat')).to.deep.equal([sek(table34.spent_sek)])
    expect(rowOf(figures, 'Rapporterat kvarstående')).to.deep.equal([sek(table34.remaining_sek)])
    expect(rowOf(figures, 'Fördelat')).to.deep.equal([
      sek(published.programme.year_2022.requisitionable_from_kammarkollegiet_sek),
    ])
    expect(rowOf(figures, 'Direktbidrag')).to.deep.equal([sek(15_000_000)])
    expect(html).to.match(
      new RegExp(
        `<span class="key-figures__value">${table34.municipalities_surveyed_total}</span> kommuner som svarat`,
      ),
    )
    // the published requisitioned sum exceeds the requisitionable pool: the difference the reconciliation is for
    expect(rowOf(html, 'Rapporterat rekvirerat − Rapporterat förbrukat')[2]).to.equal(sek(table34.remaining_sek))
  })

  it('has every municipality in the reconciliation, the status counts adding up, and the planted issues found', async () => {
    const xlsx = await agents.admin.get(`${url}/dashboard.xlsx`).buffer(true).parse(binaryParser).expect(200)
    const [figures, , statuses] = await readXlsx(xlsx.body as Buffer)
    expect(figures.rows).to.deep.include([
      'Kommunernas svar',
      'Rapporterat rekvirerat',
      published.table34_survey_2023.requisitioned_sek,
    ])
    const counts = statuses.rows.slice(1).map(row => row[2] as number)
    expect(counts.reduce((a, b) => a + b, 0)).to.equal(290)
    const issues = statuses.rows.slice(1).filter(row => row[1] !== 'ok' && (row[2] as number) > 0)
    expect(issues.length).to.be.greaterThan(3)

    const csv = csvRows((await agents.admin.get(`${url}/reconciliation.csv`).expect(200)).text)
    expect(csv).to.have.length(291)
    // summed in öre, as the amounts are kept
    const oreOf = (text: string) => {
      const parsed = parseAmountOre(text)
      if (!parsed.ok) throw new Error(parsed.message)
      return parsed.ore
    }
    const reportedOre = csv.slice(1).reduce((sum, row) => sum + (row[11] === '' ? 0 : oreOf(row[11])), 0)
    expect(reportedOre).to.equal(published.table34_survey_2023.requisitioned_sek * 100)
  })
})
