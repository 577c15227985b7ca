// Security and caching headers: a strict content security policy, no sniffing, no caching of data pages.
import { expect } from 'chai'
import type { Express } from 'express'
import type request from 'supertest'
import type { Knex } from 'knex'
import { services } from '../../../app/services/index.ts'
import { appWithAllRoutes } from '../../helpers/appWithAllRoutes.ts'
import { createTestUser, signIn } from '../../helpers/session.ts'
import { resetData, testKnex } from '../../helpers/testDatabase.ts'

describe('response headers', () => {
  let app: Express
  let knex: Knex
  let agent: ReturnType<typeof request.agent>

  before(async () => {
    knex = await testKnex()
    await resetData(knex)
    app = appWithAllRoutes(knex)
    agent = (await signIn(app, await createTestUser(knex, { role: 'admin' }))).agent
  })

  it('sends a content security policy with default-src self, base-uri none and frame-ancestors none', async () => {
    const res = await agent.get('/').expect(200)
    const csp = String(res.headers['content-security-policy'])
    expect(csp).to.contain("default-src 'self'")
    expect(csp).to.contain("base-uri 'none'")
    expect(csp).to.contain("frame-ancestors 'none'")
    // scripts only with this response's nonce, a new one each time
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=]{24})'/.exec(csp)?.[1]
    expect(nonce).to.be.a('string')
    const again = String((await agent.get('/').expect(200)).headers['content-security-policy'])
    expect(again).not.to.contain(nonce!)
    expect(csp).not.to.contain('unsafe-inline')
    expect(res.headers['x-content-type-options']).to.equal('nosniff')
    expect(res.headers['x-frame-options']).to.equal('DENY')
    expect(res.headers['x-powered-by']).to.equal(undefined)
  })

  it('marks every data page no-store', async () => {
    for (const url of [
      '/',
      '/programmes/aldreomsorg-2020-2022/years/2022/summary',
      '/programmes/aldreomsorg-2020-2022/distributions/purposes',
      '/programmes/aldreomsorg-2020-2022/years/2022/reconciliation',
    ]) {
      const res = await agent.get(url).expect(200)
      expect(res.headers['cache-control'], url).to.equal('no-store')
    }
  })

  it('sends the same security headers and no-store on a 404 and a 500, with no stack on either page', async () => {
    const failing = appWithAllRoutes(knex, {
      services: {
        reports: {
          ...services(knex).reports,
          overview: async () => {
            throw new Error('select "secret" from "ledger_entries"')
          },
        },
      },
    })
    const user = await createTestUser(knex, { role: 'admin' })
    const notFound = await agent.get('/no-such-page').expect(404)
    const serverError = await (await signIn(failing, user)).agent.get('/').expect(500)
    for (const res of [notFound, serverError]) {
      expect(String(res.headers['content-security-policy'])).to.contain("frame-ancestors 'none'")
      expect(res.headers['x-content-type-options']).to.equal('nosniff')
      expect(res.headers['x-frame-options']).to.equal('DENY')
      expect(res.headers['cache-control']).to.equal('no-store')
      expect(res.text).not.to.contain('secret')
      expect(res.text).not.to.match(/\.ts:\d+/)
    }
  })

  it('serves the stylesheet, which may be cached', async () => {
    const res = await agent
      .get('/assets/css/app.css')
      .expect(200)
      .expect('Content-Type', /text\/css/)
    expect(res.headers['cache-control']).not.to.contain('no-store')
    expect(res.text).to.contain('tabular-nums')
    expect(res.headers['content-security-policy']).to.contain("base-uri 'none'")
  })
})
