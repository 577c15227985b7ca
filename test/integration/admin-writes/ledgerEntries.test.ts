// A ledger transaction entered by hand and its reversal: the same rules as a CSV row, errors summarised at the top
// with the values kept, one entry and one audit row per write in the same transaction, a reversal that cancels its
// entry in the reports, and no second reversal; the database refuses what the service would never write.
import { expect } from 'chai'
import type { Express } from 'express'
import type { Knex } from 'knex'
import { services } from '../../../app/services/index.ts'
import { appWithAllRoutes } from '../../helpers/appWithAllRoutes.ts'
import { resetData, testKnex } from '../../helpers/testDatabase.ts'
import { decode, kr, PROGRAMME, signInEveryRole, writeCounts, type Agents } from './helpers.ts'

const NEW_ENTRY = `/programmes/${PROGRAMME}/years/2022/ledger/new`

describe('ledger entries by hand and their reversal', function () {
  this.timeout(60_000)
  let knex: Knex
  let app: Express
  let agents: Agents

  before(async () => {
    knex = await testKnex()
    await resetData(knex)
    app = appWithAllRoutes(knex)
    agents = await signInEveryRole(app, knex)
  })
  beforeEach(async () => resetData(knex))
  after(async () => resetData(knex))

  const valid = {
    municipality: '0114',
    type: 'payout',
    amount: '1 234 567,50',
    date: '2022-03-20',
    reference: 'KK-2022/114',
  }

  async function post(url: string, form: Record<string, string>, status: number, agent = agents.admin) {
    const res = await agent.agent
      .post(url)
      .type('form')
      .send({ _csrf: await agent.csrf(), ...form })
    expect(res.status, `POST ${url}`).to.equal(status)
    return res
  }

  /** Enters the valid transaction and returns its id. */
  async function enter(form = valid): Promise<number> {
    const res = await post(NEW_ENTRY, form, 303)
    const match = /^\/ledger\/(\d+)\?created=1$/.exec(res.headers.location)
    if (!match) throw new Error(`unexpected redirect ${res.headers.location}`)
    return Number(match[1])
  }

  describe('entry', () => {
    it('shows the form with every municipality, the five types and the programme year', async () => {
      const res = await agents.admin.agent.get(`${NEW_ENTRY}?municipality=0115`).expect(200)
      const html = decode(res.text)
      expect(html).to.contain(`<form method="post" action="${NEW_ENTRY}" class="form narrow" novalidate>`)
      expect(html).to.match(/<input type="hidden" name="_csrf" value="[^"]+">/)
      expect(html.match(/<option value="\d{4}"/g)).to.have.length(290)
      expect(html).to.contain('<option value="0115" selected>0115 Vallentuna</option>')
      for (const type of ['allocation', 'requisition', 'payout', 'direct_grant', 'repayment']) {
        expect(html).to.contain(`value="${type}"`)
      }
      expect(html).to.contain('Programår 2022 · enkätomgång 2023')
    })

    it('writes one entry and one audit row in the same transaction, and shows the entry', async () => {
      const id = await enter()
      const entry = await knex('ledger_entries').where({ id }).first()
      expect(entry).to.include({
        programme_year: 2022,
        municipality_code: '0114',
        type: 'payout',
        amount_ore: 123_456_750,
        entry_date: '2022-03-20',
        reference: 'KK-2022/114',
        import_id: null,
        reverses_entry_id: null,
        reason: null,
        created_by: agents.admin.email,
      })
      const audit = await knex('audit_log').whereNot('action', 'like', 'auth.%')
      expect(audit).to.have.length(1)
      expect(audit[0]).to.include({
        actor: agents.admin.email,
        action: 'ledger.entry',
        entity: 'ledger_entries',
        entity_id: String(id),
        before: null,
      })
      expect(audit[0].after).to.deep.include({ amountOre: 123_456_750, reference: 'KK-2022/114', type: 'payout' })
      expect(audit[0].occurred_at.getTime()).to.equal(entry.created_at.getTime())

      const page = decode((await agents.admin.agent.get(`/ledger/${id}?created=1`).expect(200)).text)
      expect(page).to.contain('Transaktionen är registrerad.')
      expect(page).to.contain(kr('1 234 567,50 kr'))
      expect(page).to.contain('0114 Upplands Väsby')
      expect(page).to.contain('Registrerad för hand')
      expect(page).to.contain(`href="/ledger/${id}/reverse"`)
    })

    it('counts in the reports like an imported payout', async () => {
      await enter()
      const summary = await services(knex).reports.summary(PROGRAMME, 2022)
      expect(summary!.ledger).to.include({ paidOre: 123_456_750, municipalitiesPaid: 1 })
    })

    it('lists every problem at the top, linked to its field, keeps the values, and writes nothing', async () => {
      const res = await post(
        NEW_ENTRY,
        { municipality: '', type: '', amount: '12,345', date: '2022-02-30', reference: '' },
        400,
      )
      const html = decode(res.text)
      const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)![0]
      expect([...summary.matchAll(/<a href="#([a-z]+)">([^<]+)<\/a>/g)].map(m => [m[1], m[2]])).to.deep.equal([
        ['municipality', 'Välj kommun'],
        ['type', 'Välj typ av transaktion'],
        [
          'amount',
          'Beloppet ska vara kronor, 0 eller mer, med högst två decimaler, till exempel 1 234 567 eller 1 234 567,50',
        ],
        ['date', 'Datumet ska vara ett riktigt datum i formen ÅÅÅÅ-MM-DD, till exempel 2022-03-20'],
        ['reference', 'Ange en referens'],
      ])
      expect(html).to.contain('id="amount" name="amount"')
      expect(html).to.contain('value="12,345"')
      expect(html).to.contain('value="2022-02-30"')
      expect(html).to.contain('<p id="amount-error" class="error-message">')
      expect(html).to.contain('id="type" name="type" value="allocation"')
      expect(await writeCounts(knex)).to.deep.include({ ledger: 0, audit: 0 })
    })

    it('treats the same reference with the same content as done, and with other content as an error', async () => {
      const id = await enter()
      const same = await post(NEW_ENTRY, valid, 303)
      expect(same.headers.location).to.equal(`/ledger/${id}?existing=1`)
      const other = await post(NEW_ENTRY, { ...valid, amount: '1' }, 400)
      expect(decode(other.text)).to.contain(
        '<a href="#reference">Referensen ”KK-2022/114” används redan i programmet för en annan transaktion.',
      )
      expect(await writeCounts(knex)).to.deep.include({ ledger: 1, audit: 1 })
    })

    it('answers 404 for an unknown programme or programme year', async () => {
      await agents.admin.agent.get(`/programmes/nope/years/2022/ledger/new`).expect(404)
      await agents.admin.agent.get(`/programmes/${PROGRAMME}/years/2019/ledger/new`).expect(404)
      await post(`/programmes/${PROGRAMME}/years/2019/ledger/new`, valid, 404)
      expect(await writeCounts(knex)).to.deep.include({ ledger: 0 })
    })
  })

  describe('reversal', () => {
    it('asks for a reason and writes nothing without one', async () => {
      const id = await enter()
      const form = decode((await agents.admin.agent.get(`/ledger/${id}/reverse`).expect(200)).text)
      expect(form).to.contain(`<form method="post" action="/ledger/${id}/reverse"`)
      expect(form).to.contain('<textarea id="reason" name="reason"')
      expect(form).to.contain('Lämnas fältet tomt blir referensen KK-2022/114-R.')
      const res = await post(`/ledger/${id}/reverse`, { reason: '   ', reference: '', date: '' }, 400)
      expect(decode(res.text)).to.contain('<a href="#reason">Ange varför posten makuleras</a>')
      expect(await writeCounts(knex)).to.deep.include({ ledger: 1, audit: 1 })
    })

    it('writes a reversing entry and one audit row with before and after, and the reports leave both out', async () => {
      const id = await enter()
      const res = await post(`/ledger/${id}/reverse`, { reason: 'Fel kommun', reference: '', date: '2022-04-01' }, 303)
      expect(res.headers.location).to.equal(`/ledger/${id}?reversed=1`)
      const reversal = await knex('ledger_entries').where({ reverses_entry_id: id }).first()
      expect(reversal).to.include({
        programme_year: 2022,
        municipality_code: '0114',
        type: 'payout',
        amount_ore: 123_456_750,
        entry_date: '2022-04-01',
        reference: 'KK-2022/114-R',
        reason: 'Fel kommun',
        created_by: agents.admin.email,
      })
      const audit = await knex('audit_log').where({ action: 'ledger.reversal' })
      expect(audit).to.have.length(1)
      expect(audit[0]).to.include({ actor: agents.admin.email, entity: 'ledger_entries', entity_id: String(id) })
      expect(audit[0].before).to.deep.include({ reversedByEntryId: null })
      expect(audit[0].before.entry).to.include({ id, reference: 'KK-2022/114' })
      expect(audit[0].after).to.deep.include({ reversedByEntryId: Number(reversal.id) })
      expect(audit[0].after.reversal).to.include({
        reference: 'KK-2022/114-R',
        reason: 'Fel kommun',
        reversesEntryId: id,
      })
      expect(audit[0].occurred_at.getTime()).to.equal(reversal.created_at.getTime())
      expect(await writeCounts(knex)).to.deep.include({ ledger: 2, audit: 2 })

      const summary = await services(knex).reports.summary(PROGRAMME, 2022)
      expect(summary!.ledger).to.include({ paidOre: 0, municipalitiesPaid: 0 })

      const page = decode((await agents.admin.agent.get(`/ledger/${id}?reversed=1`).expect(200)).text)
      expect(page).to.contain('Posten är makulerad.')
      expect(page).to.contain(`Posten är makulerad av <a href="/ledger/${reversal.id}">KK-2022/114-R</a>`)
      expect(page).not.to.contain(`href="/ledger/${id}/reverse"`)
      const reversalPage = decode((await agents.admin.agent.get(`/ledger/${reversal.id}`).expect(200)).text)
      expect(reversalPage).to.contain(`Den här posten makulerar <a href="/ledger/${id}">KK-2022/114</a>`)
      expect(reversalPage).to.contain('Fel kommun')
    })

    it('refuses to reverse twice, and to reverse a reversal, writing nothing', async () => {
      const id = await enter()
      await post(`/ledger/${id}/reverse`, { reason: 'Fel belopp' }, 303)
      const twice = await post(`/ledger/${id}/reverse`, { reason: 'Igen', reference: 'OTHER-R' }, 409)
      expect(decode(twice.text)).to.contain('Posten är redan makulerad. Inget har skrivits.')
      const reversalId = Number((await knex('ledger_entries').where({ reverses_entry_id: id }).first()).id)
      const ofReversal = await post(`/ledger/${reversalId}/reverse`, { reason: 'Ångra' }, 409)
      expect(decode(ofReversal.text)).to.contain('Posten är själv en makulering och kan inte makuleras.')
      expect(decode((await agents.admin.agent.get(`/ledger/${id}/reverse`).expect(200)).text)).to.contain(
        'Posten är redan makulerad.',
      )
      expect(await writeCounts(knex)).to.deep.include({ ledger: 2, audit: 2 })
    })

    it('refuses a reference that is taken or too long, and a date that is not a date', async () => {
      const id = await enter()
      await enter({ ...valid, reference: 'TAKEN' })
      const taken = await post(`/ledger/${id}/reverse`, { reason: 'x', reference: 'TAKEN', date: '2022-13-01' }, 400)
      const html = decode(taken.text)
      expect(html).to.contain('<a href="#reference">Referensen ”TAKEN” används redan')
      expect(html).to.contain('<a href="#date">Datumet ska vara ett riktigt datum')
      expect(html).to.contain('value="TAKEN"')
      const long = await post(`/ledger/${id}/reverse`, { reason: 'x', reference: 'R'.repeat(201) }, 400)
      expect(decode(long.text)).to.contain('Referensen får vara högst 200 tecken')
      expect(await writeCounts(knex)).to.deep.include({ ledger: 2, audit: 2 })
    })

    it('writes one reversal when two arrive at the same moment', async () => {
      const id = await enter()
      const ledger = services(knex).ledger
      const outcomes = await Promise.all([
        ledger.reverseEntry(id, { reason: 'a' }, 'admin@test.example'),
        ledger.reverseEntry(id, { reason: 'b', reference: 'B-R' }, 'admin@test.example'),
      ])
      expect(outcomes.map(o => o.status).sort()).to.deep.equal(['already-reversed', 'reversed'])
      expect(await writeCounts(knex)).to.deep.include({ ledger: 2, audit: 2 })
    })

    it('answers 404 for an entry that does not exist', async () => {
      await agents.admin.agent.get('/ledger/999999').expect(404)
      await agents.admin.agent.get('/ledger/abc/reverse').expect(404)
      await post('/ledger/999999/reverse', { reason: 'x' }, 404)
    })
  })

  describe('what the database itself refuses', () => {
    async function insertEntry(values: Record<string, unknown>) {
      const programme = await knex('programmes').where({ code: PROGRAMME }).first('id')
      return knex('ledger_entries')
        .insert({
          programme_id: programme.id,
          programme_year: 2022,
          municipality_code: '0114',
          type: 'payout',
          amount_ore: 1000,
          entry_date: '2022-03-20',
          created_by: 'test',
          ...values,
        })
        .returning('id')
    }

    it('a reversal without a reason, of another amount or type, of a reversal, or a second reversal', async () => {
      const [{ id }] = await insertEntry({ reference: 'E-1' })
      await expectRefused(insertEntry({ reference: 'E-1-R', reverses_entry_id: id }), 'ledger_entries_reason')
      await expectRefused(
        insertEntry({ reference: 'E-1-R', reverses_entry_id: id, reason: 'x', amount_ore: 999 }),
        'must have its',
      )
      await expectRefused(
        insertEntry({ reference: 'E-1-R', reverses_entry_id: id, reason: 'x', type: 'repayment' }),
        'must have its',
      )
      await expectRefused(insertEntry({ reference: 'E-2', reason: 'not a reversal' }), 'ledger_entries_reason')
      const [{ id: reversalId }] = await insertEntry({ reference: 'E-1-R', reverses_entry_id: id, reason: 'x' })
      await expectRefused(insertEntry({ reference: 'E-1-R2', reverses_entry_id: id, reason: 'y' }), 'unique')
      await expectRefused(
        insertEntry({ reference: 'E-1-R-R', reverses_entry_id: reversalId, reason: 'y' }),
        'is itself a reversal',
      )
      await expectRefused(knex('ledger_entries').where({ id }).update({ amount_ore: 1 }), 'append-only')
      await expectRefused(knex('ledger_entries').where({ id }).delete(), 'append-only')
    })

    async function expectRefused(query: PromiseLike<unknown>, message: string) {
      try {
        await query
      } catch (error) {
        const text = `${(error as Error).message} ${(error as { constraint?: string }).constraint ?? ''}`
        expect(text).to.contain(message)
        return
      }
      throw new Error(`the database accepted what it should refuse (${message})`)
    }
  })

  describe('access', () => {
    it('answers 403 to every role but admin on the entry form, the entry and the reversal', async () => {
      const id = await enter()
      for (const role of ['evaluator', 'auditor', 'municipality'] as const) {
        await agents[role].agent.get(NEW_ENTRY).expect(403)
        await post(NEW_ENTRY, { ...valid, reference: `BY-${role}` }, 403, agents[role])
        await agents[role].agent.get(`/ledger/${id}/reverse`).expect(403)
        await post(`/ledger/${id}/reverse`, { reason: 'x' }, 403, agents[role])
      }
      expect(await writeCounts(knex)).to.deep.include({ ledger: 1, audit: 1 })
    })

    it('lets evaluator and auditor read an entry, without the reversal link; a municipality user gets 403', async () => {
      const id = await enter()
      for (const role of ['evaluator', 'auditor'] as const) {
        const html = (await agents[role].agent.get(`/ledger/${id}`).expect(200)).text
        expect(html).not.to.contain(`/ledger/${id}/reverse`)
      }
      await agents.municipality.agent.get(`/ledger/${id}`).expect(403)
    })

    it('answers 403 to a POST without a valid CSRF token and writes nothing', async () => {
      const id = await enter()
      await agents.admin.agent
        .post(NEW_ENTRY)
        .type('form')
        .send({ ...valid, reference: 'NO-TOKEN' })
        .expect(403)
      await agents.admin.agent
        .post(`/ledger/${id}/reverse`)
        .type('form')
        .send({ _csrf: 'wrong', reason: 'x' })
        .expect(403)
      expect(await writeCounts(knex)).to.deep.include({ ledger: 1, audit: 1 })
    })
  })
})
