// My municipality (the money per programme year, what was reported, what may be claimed back, the deadlines with
// what is due next on top) and the administrator's and evaluator's overview of who has submitted.
import { expect } from 'chai'
import type { Express } from 'express'
import type { Knex } from 'knex'
import { appWithAllRoutes } from '../../helpers/appWithAllRoutes.ts'
import type { SignedIn } from '../../helpers/session.ts'
import { resetData, testKnex } from '../../helpers/testDatabase.ts'
import {
  area,
  createDeadlineProgramme,
  createUsers,
  decode,
  DEADLINE_PROGRAMME,
  dropDeadlineProgramme,
  kr,
  loadLedger,
  PROGRAMME,
  signInAll,
  type Users,
} from './fixtures.ts'

const REPORT = {
  requisitioned_sek: '400 000',
  spent_sek: '300 000',
  remaining_sek: '100 000',
  unspent_reasons: 'personalbrist',
  purposes: 'kvalitet',
  areas: 'hsl',
  usage_areas: 'appar',
  goal_fulfilment: 'hog',
}

/** The cells of the table row whose header cell starts with label, as text. */
function cells(html: string, label: string): string[] {
  const row = new RegExp(`<tr[^>]*>\\s*(?:<td[^>]*>[^<]*</td>\\s*)?<th scope="row">${label}[\\s\\S]*?</tr>`).exec(
    html,
  )?.[0]
  if (!row) throw new Error(`no row "${label}"`)
  return [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(m =>
    m[1]
      .replace(/<[^>]+>/g, ' ')
      .replace(/[ \t\r\n]+/g, ' ')
      .trim(),
  )
}

describe('municipality area: overviews', () => {
  let knex: Knex
  let app: Express
  let as: Record<keyof Users, SignedIn>

  before(async () => {
    knex = await testKnex()
    await resetData(knex)
    await createDeadlineProgramme(knex)
    await loadLedger(knex)
    await loadLedger(knex, [
      'programme_code,programme_year,municipality_code,type,amount_sek,date,reference',
      `${PROGRAMME},2022,0115,repayment,"20000,50",2023-05-02,B-0115`,
      `${DEADLINE_PROGRAMME},2024,0115,allocation,200000,2024-01-15,A-DL-0115`,
    ])
    app = appWithAllRoutes(knex)
    as = await signInAll(app, await createUsers(knex))
    await as.other.agent
      .post(`${area('0115')}/report`)
      .type('form')
      .send({ ...REPORT, action: 'submit', _csrf: await as.other.csrf() })
      .expect(303)
    await as.own.agent
      .post(`${area('0114')}/report`)
      .type('form')
      .send({ requisitioned_sek: '5', action: 'save', _csrf: await as.own.csrf() })
      .expect(303)
  })
  after(async () => {
    await resetData(knex)
    await dropDeadlineProgramme(knex)
  })

  describe('my municipality', () => {
    it('shows each programme year: allocated, requisitioned, paid, direct grants, repaid, to reclaim, reported', async () => {
      const html = decode((await as.other.agent.get('/municipalities/0115').expect(200)).text)
      expect(html).to.contain('<h1 class="page-title">\n  Vallentuna')
      const row2022 = cells(html, '2022')
      // allocated, requisitioned, paid, direct grants, repaid, to reclaim (remaining 100 000 less 20 000,50 repaid)
      expect(row2022.slice(0, 6)).to.deep.equal(
        ['500 000 kr', '400 000 kr', '400 000 kr', '0 kr', '20 000,50 kr', '79 999,50 kr'].map(kr),
      )
      expect(row2022[6]).to.contain('Inlämnad, version 1')
      expect(row2022[6]).to.contain(`förbrukat ${kr('300 000 kr')}`)
      expect(row2022[8]).to.equal('2023-02-06')
      expect(html).to.contain(`href="${area('0115')}/report"`)
    })

    it('puts what is due next on top of the deadline calendar, across programmes', async () => {
      const html = decode((await as.other.agent.get('/municipalities/0115').expect(200)).text)
      const calendar = /<table class="data calendar">[\s\S]*?<\/table>/.exec(html)?.[0] ?? ''
      const rows = [...calendar.matchAll(/<tr class="calendar__row([^"]*)">([\s\S]*?)<\/tr>/g)].map(m => ({
        classes: m[1],
        text: m[2]
          .replace(/<[^>]+>/g, ' ')
          .replace(/[ \t\r\n]+/g, ' ')
          .trim(),
      }))
      // the test programme's report deadline 2025-02-06 has passed too (voluntary: no requisition); the 2022
      // report is done; the test programme's requisition deadline passed without a requisition
      expect(rows.map(r => r.text.slice(0, 10))).to.have.members(['2023-02-06', '2024-09-30', '2025-02-06'])
      const done = rows.find(r => r.text.startsWith('2023-02-06'))!
      expect(done.classes).to.contain('calendar__row--done')
      expect(done.text).to.contain('Klar')
    })

    it('shows the calendar entry still due as next, with the days left', async () => {
      // a deadline far ahead: due, and so on top
      await knex('programme_years')
        .whereIn('programme_id', knex('programmes').where({ code: DEADLINE_PROGRAMME }).select('id'))
        .update({ report_deadline: '2099-12-31' })
      try {
        const html = decode((await as.other.agent.get('/municipalities/0115').expect(200)).text)
        const first = /<tr class="calendar__row([^"]*)">([\s\S]*?)<\/tr>/.exec(html)!
        expect(first[1]).to.contain('calendar__row--next')
        expect(first[2]).to.contain('2099-12-31')
        expect(first[2]).to.contain('Nästa')
        expect(first[2]).to.match(/Om \d+ dagar/)
      } finally {
        await knex('programme_years')
          .whereIn('programme_id', knex('programmes').where({ code: DEADLINE_PROGRAMME }).select('id'))
          .update({ report_deadline: '2025-02-06' })
      }
    })

    it('tells a municipality that requisitioned and has not reported that it must', async () => {
      const html = decode((await as.own.agent.get('/municipalities/0114').expect(200)).text)
      expect(cells(html, '2022')[6]).to.contain('Utkast sparat, inte inlämnat')
      await loadLedger(knex, [
        'programme_code,programme_year,municipality_code,type,amount_sek,date,reference',
        `${PROGRAMME},2020,0114,requisition,300000,2020-03-01,R-0114-2020`,
      ])
      const after = decode((await as.own.agent.get('/municipalities/0114').expect(200)).text)
      expect(cells(after, '2020')[6]).to.contain('Inte inlämnad: kommunen har rekvirerat och måste rapportera')
    })
  })

  describe('who has submitted', () => {
    const url = `/programmes/${PROGRAMME}/years/2022/submissions`

    it('lists all 290 municipalities, submitted or not, with the time of each version', async () => {
      const html = decode((await as.evaluator.agent.get(url).expect(200)).text)
      expect(html.match(/<td class="code">\d{4}<\/td>/g)).to.have.length(290)
      expect(html).to.contain(
        '1 av 290 kommuner har lämnat in. 0 kommuner som har rekvirerat medel har inte lämnat in.',
      )
      const vallentuna = cells(html, '<a [^>]*>Vallentuna</a>')
      expect(vallentuna[0]).to.equal('0115')
      expect(vallentuna[3]).to.equal('Inlämnad')
      expect(vallentuna[4]).to.match(/^v1: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \(UTC\+0[12]:00\) efter sista dagen$/)
      expect(cells(html, '<a [^>]*>Upplands Väsby</a>')[3]).to.equal('Utkast påbörjat')
      expect(cells(html, '<a [^>]*>Österåker</a>')[3]).to.equal('Inte inlämnad')
      expect(html).to.contain(`href="${area('0115')}/report/versions/1"`)
    })

    it('filters: submitted, not submitted, and not submitted though it must', async () => {
      const submitted = decode((await as.admin.agent.get(`${url}?show=submitted`).expect(200)).text)
      expect(submitted.match(/<td class="code">\d{4}<\/td>/g)).to.have.length(1)
      const missing = decode((await as.admin.agent.get(`${url}?show=missing`).expect(200)).text)
      expect(missing.match(/<td class="code">\d{4}<\/td>/g)).to.have.length(289)
      const required = decode((await as.admin.agent.get(`${url}?show=required`).expect(200)).text)
      expect(required).to.contain('Inga kommuner att visa.')
      await as.admin.agent.get(`${url}?show=everything`).expect(400)
      await as.admin.agent.get(`/programmes/${PROGRAMME}/years/2019/submissions`).expect(404)
    })

    it('is linked from the programme pages', async () => {
      const html = decode(
        (await as.admin.agent.get(`/programmes/${PROGRAMME}/years/2022/reconciliation`).expect(200)).text,
      )
      expect(html).to.contain(`href="${url}"`)
    })
  })
})
