// The error handler: a failing route shows no stack or SQL, in production or not (they go to the log); a 404
// still says what was not found.
import { expect } from 'chai'
import type { Knex } from 'knex'
import { appWithAllRoutes } from '../../helpers/appWithAllRoutes.ts'
import { createTestUser, signIn, type TestUser } from '../../helpers/session.ts'
import type { Services } from '../../../app/services/index.ts'
import { testKnex } from '../../helpers/testDatabase.ts'

const SQL_ERROR = 'select "secret_column" from "ledger_entries" - relation does not exist'

/** The real services, except that the overview fails as a broken query would. */
const failingOverview: Partial<Services> = {
  reports: {
    summary: async () => undefined,
    distribution: async () => undefined,
    reconciliation: async () => undefined,
    overview: async () => {
      throw new Error(SQL_ERROR)
    },
  },
}

describe('errorHandler', () => {
  let knex: Knex
  let admin: TestUser
  before(async () => {
    knex = await testKnex()
    admin = await createTestUser(knex, { role: 'admin' })
  })
  const agentFor = async (app: Parameters<typeof signIn>[0]) => (await signIn(app, admin)).agent

  it('in production: a 500 page with no message, stack or SQL', async () => {
    const app = appWithAllRoutes(knex, { production: true, services: failingOverview })
    const res = await (await agentFor(app)).get('/').expect(500).expect('Content-Type', /html/)
    expect(res.text).to.contain('Något gick fel')
    expect(res.text).to.contain('Ett oväntat fel inträffade')
    expect(res.text).not.to.contain('secret_column')
    expect(res.text).not.to.contain('ledger_entries')
    expect(res.text).not.to.match(/\.ts:\d+/)
    expect(res.text).not.to.contain('<pre>')
    expect(res.headers['cache-control']).to.equal('no-store')
  })

  it('in development too: no stack or SQL on the page', async () => {
    const app = appWithAllRoutes(knex, { production: false, services: failingOverview })
    const res = await (await agentFor(app)).get('/').expect(500)
    expect(res.text).not.to.contain('secret_column')
    expect(res.text).not.to.contain('<pre>')
    expect(res.text).not.to.match(/errorHandler\.test\.ts:\d+/)
  })

  it('in production: a 404 still says what was not found', async () => {
    const app = appWithAllRoutes(knex, { production: true })
    const res = await (await agentFor(app)).get('/programmes/nope/years/2022/summary').expect(404)
    expect(res.text).to.contain('Programmet ”nope” finns inte.')
    expect(res.text).not.to.contain('<pre>')
  })
})
