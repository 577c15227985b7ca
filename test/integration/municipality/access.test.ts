// Who may open and change what in the municipality area: a municipality user reads and writes only its own
// municipality (another one's answers 404, by any address), form fields never choose the municipality, the other
// roles read every municipality's pages but change nothing there, and only the administrator decides.
import { expect } from 'chai'
import type { Express } from 'express'
import type { Knex } from 'knex'
import request from 'supertest'
import { appWithAllRoutes } from '../../helpers/appWithAllRoutes.ts'
import type { SignedIn } from '../../helpers/session.ts'
import { resetData, testKnex } from '../../helpers/testDatabase.ts'
import { area, createUsers, loadLedger, PROGRAMME, signInAll, type Users } from './fixtures.ts'

const REPORT = {
  requisitioned_sek: '400 000',
  spent_sek: '400 000',
  remaining_sek: '0',
  purposes: 'kvalitet',
  areas: 'hsl',
  usage_areas: 'appar',
  goal_fulfilment: 'hog',
}
const REQUISITION = {
  amount_sek: '50 000',
  contact_name: 'Anna Andersson',
  contact_email: 'anna@vallentuna.example',
  bankgiro: '5050-1055',
}

describe('municipality area: access', () => {
  let knex: Knex
  let app: Express
  let users: Users
  let as: Record<keyof Users, SignedIn>

  const count = async (table: string) => Number((await knex(table).count<{ count: string }[]>('* as count'))[0].count)

  before(async () => {
    knex = await testKnex()
    await resetData(knex)
    await loadLedger(knex)
    app = appWithAllRoutes(knex)
    users = await createUsers(knex)
    as = await signInAll(app, users)
    // the other municipality (0115) has a requisition, a submitted report and a draft
    const csrf = await as.other.csrf()
    await as.other.agent
      .post(`${area('0115')}/requisitions`)
      .type('form')
      .send({ ...REQUISITION, _csrf: csrf })
      .expect(303)
    await as.other.agent
      .post(`${area('0115')}/report`)
      .type('form')
      .send({ ...REPORT, action: 'submit', _csrf: csrf })
      .expect(303)
    await as.other.agent
      .post(`${area('0115')}/report`)
      .type('form')
      .send({ ...REPORT, comment: 'utkast', action: 'save', _csrf: csrf })
      .expect(303)
  })
  after(async () => resetData(knex))

  it('sends whoever is not signed in to the sign-in page', async () => {
    const res = await request(app).get('/municipalities/0114').expect(303)
    expect(res.headers.location).to.match(/^\/login\?next=/)
  })

  describe('a municipality user and another municipality', () => {
    const otherPages = [
      '/municipalities/0115',
      `${area('0115')}/requisitions`,
      `${area('0115')}/requisitions/new`,
      `${area('0115')}/report`,
      `${area('0115')}/report/edit`,
      `${area('0115')}/report/versions/1`,
      `${area('0115')}/report/versions/1/receipt.pdf`,
    ]
    for (const url of otherPages) {
      it(`GET ${url} is 404`, async () => {
        await as.own.agent.get(url).expect(404)
      })
    }

    it('opens its own pages', async () => {
      for (const url of ['/municipalities/0114', `${area('0114')}/requisitions`, `${area('0114')}/report`]) {
        await as.own.agent.get(url).expect(200)
      }
      await as.own.agent.get(`${area('0114')}/requisitions/new`).expect(200)
      await as.own.agent.get(`${area('0114')}/report/edit`).expect(200)
    })

    it('cannot write another municipality’s requisition, report or draft: 404 and nothing written', async () => {
      const before = await Promise.all(['requisitions', 'survey_responses', 'response_drafts', 'audit_log'].map(count))
      const csrf = await as.own.csrf()
      const posts: [string, Record<string, string>][] = [
        [`${area('0115')}/requisitions`, REQUISITION],
        [`${area('0115')}/report`, { ...REPORT, action: 'submit' }],
        [`${area('0115')}/report`, { ...REPORT, action: 'save' }],
        [`${area('0115')}/report/draft/delete`, {}],
        [`${area('0115')}/requisitions/1/approve`, {}],
        [`${area('0115')}/requisitions/1/return`, { reason: 'x' }],
      ]
      for (const [url, body] of posts) {
        await as.own.agent
          .post(url)
          .type('form')
          .send({ ...body, _csrf: csrf })
          .expect(404)
      }
      const after = await Promise.all(['requisitions', 'survey_responses', 'response_drafts', 'audit_log'].map(count))
      expect(after).to.deep.equal(before)
    })

    it('ignores form fields that name another municipality or a status', async () => {
      const csrf = await as.own.csrf()
      await as.own.agent
        .post(`${area('0114')}/requisitions`)
        .type('form')
        .send({ ...REQUISITION, municipality_code: '0115', status: 'approved', programme_year: '2020', _csrf: csrf })
        .expect(303)
      await as.own.agent
        .post(`${area('0114')}/report`)
        .type('form')
        .send({
          ...REPORT,
          requisitioned_sek: '1',
          spent_sek: '1',
          municipality_code: '0115',
          action: 'save',
          _csrf: csrf,
        })
        .expect(303)
      const requisitions = await knex('requisitions')
        .orderBy('id')
        .select('municipality_code', 'status', 'programme_year')
      expect(requisitions).to.deep.equal([
        { municipality_code: '0115', status: 'submitted', programme_year: 2022 },
        { municipality_code: '0114', status: 'submitted', programme_year: 2022 },
      ])
      const drafts = await knex('response_drafts').orderBy('id').select('municipality_code')
      expect(drafts.map(d => d.municipality_code)).to.deep.equal(['0115', '0114'])
      const draft = await knex('response_drafts').where({ municipality_code: '0114' }).first('answers')
      expect(draft.answers).not.to.have.property('municipality_code')
    })

    it('has no overviews of all municipalities and cannot decide requisitions (403)', async () => {
      await as.own.agent.get(`/programmes/${PROGRAMME}/years/2022/submissions`).expect(403)
      await as.own.agent.get('/requisitions').expect(403)
      const csrf = await as.own.csrf()
      const own = await knex('requisitions').where({ municipality_code: '0114' }).first('id')
      await as.own.agent
        .post(`${area('0114')}/requisitions/${own.id}/approve`)
        .type('form')
        .send({ _csrf: csrf })
        .expect(403)
      expect((await knex('requisitions').where({ id: own.id }).first('status')).status).to.equal('submitted')
    })
  })

  describe('the administrator, the evaluator and the auditor', () => {
    for (const role of ['admin', 'evaluator', 'auditor'] as const) {
      it(`${role}: reads every municipality's pages, and cannot requisition or report (403)`, async () => {
        for (const url of [
          '/municipalities/0115',
          `${area('0115')}/requisitions`,
          `${area('0115')}/report`,
          `${area('0115')}/report/versions/1`,
          `${area('0115')}/report/versions/1/receipt.pdf`,
          `/programmes/${PROGRAMME}/years/2022/submissions`,
          '/requisitions',
        ]) {
          await as[role].agent.get(url).expect(200)
        }
        await as[role].agent.get(`${area('0115')}/requisitions/new`).expect(403)
        await as[role].agent.get(`${area('0115')}/report/edit`).expect(403)
        const csrf = await as[role].csrf()
        await as[role].agent
          .post(`${area('0115')}/requisitions`)
          .type('form')
          .send({ ...REQUISITION, _csrf: csrf })
          .expect(403)
        await as[role].agent
          .post(`${area('0115')}/report`)
          .type('form')
          .send({ ...REPORT, action: 'submit', _csrf: csrf })
          .expect(403)
      })
    }

    it('only the administrator decides on requisitions', async () => {
      const open = await knex('requisitions').where({ municipality_code: '0115' }).first('id')
      for (const role of ['evaluator', 'auditor'] as const) {
        const csrf = await as[role].csrf()
        await as[role].agent
          .post(`${area('0115')}/requisitions/${open.id}/approve`)
          .type('form')
          .send({ _csrf: csrf })
          .expect(403)
      }
      const page = await as.admin.agent.get(`${area('0115')}/requisitions`).expect(200)
      expect(page.text).to.contain(`/requisitions/${open.id}/approve`)
      const readOnly = await as.evaluator.agent.get(`${area('0115')}/requisitions`).expect(200)
      expect(readOnly.text).not.to.contain(`/requisitions/${open.id}/approve`)
    })

    it('answers 404 for a municipality, programme, year, version or requisition that does not exist', async () => {
      for (const url of [
        '/municipalities/9999',
        '/municipalities/abcd',
        `${area('9999')}/report`,
        `/municipalities/0114/programmes/nope/years/2022/report`,
        `${area('0114', PROGRAMME, 2019)}/report`,
        `${area('0114', PROGRAMME, 2019)}/requisitions`,
        `${area('0115')}/report/versions/7`,
        `${area('0115')}/report/versions/0`,
        `${area('0115')}/report/versions/7/receipt.pdf`,
      ]) {
        await as.admin.agent.get(url).expect(404)
      }
      const csrf = await as.admin.csrf()
      await as.admin.agent
        .post(`${area('0114')}/requisitions/999/approve`)
        .type('form')
        .send({ _csrf: csrf })
        .expect(404)
      // a requisition of 0115 through 0114's address
      const open = await knex('requisitions').where({ municipality_code: '0115' }).first('id')
      await as.admin.agent
        .post(`${area('0114')}/requisitions/${open.id}/approve`)
        .type('form')
        .send({ _csrf: csrf })
        .expect(404)
    })
  })

  it('renders every page in English too', async () => {
    const english = async (who: SignedIn, urls: string[]) => {
      await who.agent
        .post('/locale')
        .type('form')
        .send({ locale: 'en', returnTo: '/', _csrf: await who.csrf() })
        .expect(303)
      try {
        for (const url of urls) {
          const res = await who.agent.get(url).expect(200)
          expect(res.text, url).to.contain('<html lang="en">')
        }
      } finally {
        await who.agent
          .post('/locale')
          .type('form')
          .send({ locale: 'sv', returnTo: '/', _csrf: await who.csrf() })
          .expect(303)
      }
    }
    await english(as.other, [
      '/municipalities/0115',
      `${area('0115')}/requisitions`,
      `${area('0115')}/report`,
      `${area('0115')}/report/edit`,
      `${area('0115')}/report/versions/1`,
    ])
    await english(as.admin, [`/programmes/${PROGRAMME}/years/2022/submissions`, '/requisitions?show=all'])
  })

  it('refuses a POST without a valid CSRF token (403), writing nothing', async () => {
    const before = await count('requisitions')
    await as.own.agent
      .post(`${area('0114')}/requisitions`)
      .type('form')
      .send(REQUISITION)
      .expect(403)
    expect(await count('requisitions')).to.equal(before)
  })
})
