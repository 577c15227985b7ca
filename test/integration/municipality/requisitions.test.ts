// Requisitions in the browser: up to what is left of the allocation, by the deadline, one open at a time, with a
// valid bankgiro number; refused with a clear message and nothing written. The administrator approves (a
// requisition entry in the ledger, REQ-<id>) or returns with a reason; each write leaves an audit row.
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
  signInAll,
  type Users,
} from './fixtures.ts'

const FORM = {
  amount_sek: '600 000',
  contact_name: 'Anna Andersson',
  contact_email: 'anna@upplandsvasby.example',
  contact_phone: '08-590 970 00',
  bankgiro: '5050-1055',
}

describe('municipality area: requisitions', () => {
  let knex: Knex
  let app: Express
  let as: Record<keyof Users, SignedIn>

  const counts = async () => ({
    requisitions: Number((await knex('requisitions').count<{ count: string }[]>('* as count'))[0].count),
    ledger: Number((await knex('ledger_entries').count<{ count: string }[]>('* as count'))[0].count),
    audit: Number((await knex('audit_log').count<{ count: string }[]>('* as count'))[0].count),
  })

  async function requisition(who: SignedIn, form: Record<string, string>, url = `${area('0114')}/requisitions`) {
    return who.agent
      .post(url)
      .type('form')
      .send({ ...form, _csrf: await who.csrf() })
  }

  before(async () => {
    knex = await testKnex()
    app = appWithAllRoutes(knex)
    as = await signInAll(app, await createUsers(knex))
  })
  beforeEach(async () => {
    await resetData(knex)
    await loadLedger(knex)
  })
  after(async () => resetData(knex))

  it('refuses more than the allocation with a message naming the amounts, and writes nothing', async () => {
    const before = await counts()
    const res = await requisition(as.own, { ...FORM, amount_sek: '1 000 000,01' })
    expect(res.status).to.equal(400)
    const html = decode(res.text)
    expect(html).to.contain('Det finns problem att rätta')
    expect(html).to.contain(
      `Beloppet ${kr('1 000 000,01 kr')} är större än vad som återstår av fördelningen: högst ${kr('1 000 000 kr')} av ${kr('1 000 000 kr')}.`,
    )
    expect(html).to.contain('href="#amount_sek"')
    // what was typed stays in the form
    expect(html).to.contain('value="1 000 000,01"')
    expect(await counts()).to.deep.equal(before)
  })

  it('counts what has already been granted: 0115 may ask for at most the 100 000 kr left', async () => {
    const res = await requisition(as.other, { ...FORM, amount_sek: '100 001' }, `${area('0115')}/requisitions`)
    expect(res.status).to.equal(400)
    expect(decode(res.text)).to.contain(`högst ${kr('100 000 kr')} av ${kr('500 000 kr')}`)
    await requisition(as.other, { ...FORM, amount_sek: '100 000' }, `${area('0115')}/requisitions`).then(r =>
      expect(r.status).to.equal(303),
    )
  })

  it('refuses a municipality without an allocation for the year', async () => {
    const before = await counts()
    const res = await requisition(as.own, FORM, `${area('0114', 'aldreomsorg-2020-2022', 2021)}/requisitions`)
    expect(res.status).to.equal(400)
    expect(decode(res.text)).to.contain('Kommunen har ingen fördelning för programåret och kan inte rekvirera.')
    expect(await counts()).to.deep.equal(before)
  })

  describe('after the requisition deadline', () => {
    before(async () => createDeadlineProgramme(knex))
    after(async () => {
      await resetData(knex)
      await dropDeadlineProgramme(knex)
    })

    it('is refused with the date, and nothing is written', async () => {
      await loadLedger(knex, [
        'programme_code,programme_year,municipality_code,type,amount_sek,date,reference',
        `${DEADLINE_PROGRAMME},2024,0114,allocation,200000,2024-01-15,A-DL-0114`,
      ])
      const before = await counts()
      const url = `${area('0114', DEADLINE_PROGRAMME, 2024)}/requisitions`
      const res = await requisition(as.own, { ...FORM, amount_sek: '100 000' }, url)
      expect(res.status).to.equal(400)
      expect(decode(res.text)).to.contain(
        'Sista dag för rekvisition var 2024-09-30. Det går inte längre att rekvirera medel för programåret.',
      )
      expect(await counts()).to.deep.equal(before)
      // the form itself is not offered any more
      const form = decode((await as.own.agent.get(`${url}/new`).expect(200)).text)
      expect(form).to.contain('Det går inte att rekvirera just nu')
      expect(form).not.to.contain('name="amount_sek"')
      const home = decode((await as.own.agent.get('/municipalities/0114').expect(200)).text)
      expect(home).to.contain('2024-09-30')
      expect(home).not.to.contain(`href="${url}/new"`)
    })
  })

  it('refuses a second requisition while one is open, and writes nothing', async () => {
    expect((await requisition(as.own, { ...FORM, amount_sek: '100 000' })).status).to.equal(303)
    const before = await counts()
    const res = await requisition(as.own, { ...FORM, amount_sek: '100 000' })
    expect(res.status).to.equal(400)
    expect(decode(res.text)).to.contain('Kommunen har redan en rekvisition som väntar på beslut.')
    expect(await counts()).to.deep.equal(before)
  })

  it('names every wrong field at once: bankgiro check digit, e-mail, empty name', async () => {
    const res = await requisition(as.own, { ...FORM, bankgiro: '5050-1056', contact_email: 'anna', contact_name: ' ' })
    expect(res.status).to.equal(400)
    const html = decode(res.text)
    for (const text of [
      'Kontaktperson: Skriv kontaktpersonens namn.',
      'Kontaktpersonens e-postadress: Skriv en e-postadress i formen namn@kommun.se.',
      'Kommunens bankgironummer: Bankgironumret stämmer inte: kontrollsiffran är fel. Kontrollera numret.',
    ]) {
      expect(html).to.contain(text)
    }
    expect((await counts()).requisitions).to.equal(0)
  })

  it('stores a valid requisition with its audit row; the administrator approves it into the ledger', async () => {
    const res = await requisition(as.own, FORM)
    expect(res.status).to.equal(303)
    const [stored] = await knex('requisitions').select('*')
    expect(res.headers.location).to.equal(`${area('0114')}/requisitions?sent=${stored.id}`)
    expect(stored).to.include({
      municipality_code: '0114',
      programme_year: 2022,
      amount_ore: 60_000_000,
      contact_name: 'Anna Andersson',
      contact_email: 'anna@upplandsvasby.example',
      bankgiro: '50501055',
      status: 'submitted',
    })
    const submittedAudit = await knex('audit_log').where({ action: 'requisition.submitted' }).first()
    expect(submittedAudit).to.include({ entity: 'requisitions', entity_id: String(stored.id) })
    expect(submittedAudit.actor).to.match(/^municipality-/)

    const page = decode((await as.own.agent.get(res.headers.location).expect(200)).text)
    expect(page).to.contain('Rekvisitionen är inskickad.')
    expect(page).to.contain('Väntar på beslut')
    expect(page).to.contain('5050-1055')

    const approve = await as.admin.agent
      .post(`${area('0114')}/requisitions/${stored.id}/approve`)
      .type('form')
      .send({ _csrf: await as.admin.csrf() })
      .expect(303)
    expect(approve.headers.location).to.equal(`${area('0114')}/requisitions?approved=${stored.id}`)
    const entry = await knex('ledger_entries')
      .where({ reference: `REQ-${stored.id}` })
      .first()
    expect(entry).to.include({
      type: 'requisition',
      municipality_code: '0114',
      programme_year: 2022,
      amount_ore: 60_000_000,
    })
    const decided = await knex('requisitions').where({ id: stored.id }).first()
    expect(decided).to.include({ status: 'approved', ledger_entry_id: entry.id })
    const actions = (await knex('audit_log').orderBy('id').pluck('action')).filter(
      (a: string) => !a.startsWith('import'),
    )
    expect(actions).to.deep.equal(['requisition.submitted', 'ledger.entry_created', 'requisition.approved'])

    const approvedPage = decode((await as.admin.agent.get(approve.headers.location).expect(200)).text)
    expect(approvedPage).to.contain(`bokförd i utbetalningsliggaren som REQ-${stored.id}`)
    // what is left shrinks: 400 000 kr
    expect(approvedPage).to.contain(kr('400 000 kr'))
    const home = decode((await as.own.agent.get('/municipalities/0114').expect(200)).text)
    expect(home).to.contain(kr('600 000 kr'))

    // approving again is refused: it is no longer open
    const again = await as.admin.agent
      .post(`${area('0114')}/requisitions/${stored.id}/approve`)
      .type('form')
      .send({ _csrf: await as.admin.csrf() })
    expect(again.status).to.equal(409)
    expect(decode(again.text)).to.contain('Rekvisitionen är redan beslutad.')
    expect(await knex('ledger_entries').where({ type: 'requisition', municipality_code: '0114' })).to.have.length(1)
  })

  it('the administrator returns a requisition with a reason; then the municipality may send a new one', async () => {
    await requisition(as.own, FORM)
    const { id } = await knex('requisitions').first('id')
    const url = `${area('0114')}/requisitions/${id}/return`
    const empty = await as.admin.agent
      .post(url)
      .type('form')
      .send({ reason: '  ', _csrf: await as.admin.csrf() })
    expect(empty.status).to.equal(400)
    expect(decode(empty.text)).to.contain('Skriv skälet till att rekvisitionen skickas tillbaka.')
    expect((await knex('requisitions').where({ id }).first('status')).status).to.equal('submitted')

    await as.admin.agent
      .post(url)
      .type('form')
      .send({ reason: 'Fel bankgironummer enligt vårt register.', _csrf: await as.admin.csrf() })
      .expect(303)
    const returned = await knex('requisitions').where({ id }).first()
    expect(returned).to.include({ status: 'returned', decision_reason: 'Fel bankgironummer enligt vårt register.' })
    expect(returned.ledger_entry_id).to.equal(null)
    expect(await knex('ledger_entries').where({ type: 'requisition' })).to.have.length(1) // 0115's, from the file
    const page = decode((await as.own.agent.get(`${area('0114')}/requisitions`).expect(200)).text)
    expect(page).to.contain('Skickad tillbaka')
    expect(page).to.contain('Fel bankgironummer enligt vårt register.')
    expect((await requisition(as.own, FORM)).status).to.equal(303)
  })

  it('refuses to approve a requisition the allocation no longer covers', async () => {
    await requisition(as.own, FORM)
    const { id } = await knex('requisitions').first('id')
    // meanwhile a requisition of 500 000 kr came in through a ledger file
    await loadLedger(knex, [
      'programme_code,programme_year,municipality_code,type,amount_sek,date,reference',
      'aldreomsorg-2020-2022,2022,0114,requisition,500000,2022-06-01,R-0114-FILE',
    ])
    const res = await as.admin.agent
      .post(`${area('0114')}/requisitions/${id}/approve`)
      .type('form')
      .send({ _csrf: await as.admin.csrf() })
    expect(res.status).to.equal(409)
    expect(decode(res.text)).to.contain('Beloppet är större än vad som återstår av kommunens fördelning.')
    expect((await knex('requisitions').where({ id }).first('status')).status).to.equal('submitted')
    expect(await knex('ledger_entries').where({ reference: `REQ-${id}` })).to.have.length(0)
  })

  it('lists the open requisitions of every municipality for the administrator', async () => {
    await requisition(as.own, FORM)
    await requisition(as.other, { ...FORM, amount_sek: '50 000' }, `${area('0115')}/requisitions`)
    const html = decode((await as.admin.agent.get('/requisitions').expect(200)).text)
    expect(html).to.contain('Upplands Väsby (0114)')
    expect(html).to.contain('Vallentuna (0115)')
    expect(html).to.contain(`href="${area('0115')}/requisitions"`)
    await as.admin.agent.get('/requisitions?show=other').expect(400)
  })
})
