// Who may open the administrator's pages and files: admin, evaluator and auditor everything; a municipality user
// 403 on the dashboard and the reconciliation, its own municipality's page, and 404 for any other municipality.
import { expect } from 'chai'
import type { Express } from 'express'
import type { Knex } from 'knex'
import request from 'supertest'
import { READ_ALL } from '../../../app/auth/roles.ts'
import { appWithAllRoutes } from '../../helpers/appWithAllRoutes.ts'
import { csrfTokenOf } from '../../helpers/session.ts'
import { resetData, testKnex } from '../../helpers/testDatabase.ts'
import { loadAdminFixtures, PROGRAMME, signInEveryRole, type Agents } from './helpers.ts'

const year = `/programmes/${PROGRAMME}/years/2022`
const READ_ALL_ONLY = [
  year,
  `${year}/dashboard/figures.csv`,
  `${year}/dashboard/differences.csv`,
  `${year}/dashboard/statuses.csv`,
  `${year}/dashboard.xlsx`,
  `${year}/reconciliation`,
  `${year}/reconciliation?county=01&sort=paid&dir=desc`,
  `${year}/reconciliation.csv`,
  `${year}/reconciliation.xlsx?status=ok`,
]
const municipalityPages = (code: string) => [
  `${year}/municipalities/${code}`,
  `${year}/municipalities/${code}/ledger.csv`,
  `${year}/municipalities/${code}/versions.csv`,
  `${year}/municipalities/${code}/changes.csv`,
  `${year}/municipalities/${code}.xlsx`,
]

describe('administrator pages: access by role', () => {
  let knex: Knex
  let app: Express
  let agents: Agents

  before(async () => {
    knex = await testKnex()
    await resetData(knex)
    await loadAdminFixtures(knex)
    app = appWithAllRoutes(knex)
    agents = await signInEveryRole(app, knex)
  })
  after(async () => resetData(knex))

  it('lets admin, evaluator and auditor open the dashboard, the reconciliation and their files', async () => {
    for (const role of READ_ALL) {
      for (const url of READ_ALL_ONLY) await agents[role].get(url).expect(200)
    }
  })

  it('answers 403 to a municipality user on the dashboard, the reconciliation and their files', async () => {
    for (const url of READ_ALL_ONLY) {
      const res = await agents.municipality.get(url)
      expect(res.status, url).to.equal(403)
      expect(res.headers['content-disposition'], url).to.equal(undefined)
    }
  })

  it('lets every role open a municipality page and its files, the municipality user only its own', async () => {
    for (const role of [...READ_ALL, 'municipality'] as const) {
      for (const url of municipalityPages('0114')) await agents[role].get(url).expect(200)
    }
    for (const role of READ_ALL) {
      for (const url of municipalityPages('0115')) await agents[role].get(url).expect(200)
    }
  })

  it('answers 404 to a municipality user for any other municipality, existing or not, exactly as for none', async () => {
    for (const url of [...municipalityPages('0115'), ...municipalityPages('2584'), ...municipalityPages('9999')]) {
      const res = await agents.municipality.get(url)
      expect(res.status, url).to.equal(404)
      expect(res.headers['content-disposition'], url).to.equal(undefined)
      expect(res.text, url).not.to.contain('Vallentuna')
      expect(res.text, url).not.to.contain('Kiruna')
    }
    const other = await agents.municipality.get(`${year}/municipalities/0115`)
    const none = await agents.municipality.get(`${year}/municipalities/9999`)
    expect(other.text.replace(/0115/g, 'XXXX')).to.equal(none.text.replace(/9999/g, 'XXXX'))
  })

  it('sends a visitor who is not signed in to the sign-in page', async () => {
    for (const url of [year, `${year}/reconciliation.csv`, `${year}/municipalities/0114`]) {
      const res = await request(app).get(url).expect(303)
      expect(res.headers.location).to.match(/^\/login\?next=/)
    }
  })

  it('changes nothing: the pages are GET only', async () => {
    const before = await knex('audit_log').count({ n: '*' }).first()
    for (const url of [...READ_ALL_ONLY, ...municipalityPages('2584')]) await agents.admin.get(url).expect(200)
    const after = await knex('audit_log').count({ n: '*' }).first()
    expect(after).to.deep.equal(before)
    // with a valid token a POST reaches the routes, and none of them takes one
    const _csrf = csrfTokenOf((await agents.admin.get(year).expect(200)).text)
    await agents.admin.post(year).type('form').send({ _csrf }).expect(404)
    await agents.admin.post(`${year}/reconciliation`).type('form').send({ _csrf }).expect(404)
  })
})
