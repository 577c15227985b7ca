// The whole role × route matrix, through the real app and sessions: every page, export and API address with
// the status each role must get, and every form with what a role that may not use it gets. A municipality user
// gets 404 for anything of another municipality, exactly as for a municipality that does not exist.
import { expect } from 'chai'
import type { Express } from 'express'
import type { Knex } from 'knex'
import type { Role } from '../../../app/auth/roles.ts'
import { appWithAllRoutes } from '../../helpers/appWithAllRoutes.ts'
import { createTestUser, signIn, type SignedIn } from '../../helpers/session.ts'
import { resetData, testKnex } from '../../helpers/testDatabase.ts'
import { loadRouteFixtures, PROGRAMME } from '../routes/fixtures.ts'

const OWN = '0114'
const OTHER = '0115'
const YEAR = `/programmes/${PROGRAMME}/years/2022`
const API = `/api/v1/programmes/${PROGRAMME}`
const mine = (code: string) => `/municipalities/${code}/programmes/${PROGRAMME}/years/2022`

type Expected = Record<Role, number>
const READERS: Expected = { admin: 200, evaluator: 200, auditor: 200, municipality: 403 }
const ADMIN_ONLY: Expected = { admin: 200, evaluator: 403, auditor: 403, municipality: 403 }
const ADMIN_AUDITOR: Expected = { admin: 200, evaluator: 403, auditor: 200, municipality: 403 }
const EVERYONE: Expected = { admin: 200, evaluator: 200, auditor: 200, municipality: 200 }
/** pages of one municipality: readable by the readers and by that municipality alone */
const OWN_PAGE = EVERYONE
const OTHER_PAGE: Expected = { admin: 200, evaluator: 200, auditor: 200, municipality: 404 }
/** forms only the municipality itself fills in */
const OWN_FORM: Expected = { admin: 403, evaluator: 403, auditor: 403, municipality: 200 }
const OTHER_FORM: Expected = { admin: 403, evaluator: 403, auditor: 403, municipality: 404 }

function getRoutes(ledgerEntryId: number): [string, Expected][] {
  return [
    ['/', { ...READERS, municipality: 303 }],
    [YEAR, READERS],
    [`${YEAR}/summary`, READERS],
    [`${YEAR}/reconciliation`, READERS],
    [`${YEAR}/reconciliation.csv`, READERS],
    [`${YEAR}/reconciliation.xlsx`, READERS],
    [`${YEAR}/dashboard.xlsx`, READERS],
    [`${YEAR}/dashboard/figures.csv`, READERS],
    [`${YEAR}/submissions`, READERS],
    [`${YEAR}/report.pdf`, READERS],
    [`${YEAR}/report.xlsx`, READERS],
    [`${YEAR}/report.csv`, READERS],
    [`/programmes/${PROGRAMME}/distributions/purposes`, READERS],
    [`/programmes/${PROGRAMME}/distributions/purposes?by=county`, READERS],
    [`/programmes/${PROGRAMME}/quality`, READERS],
    [`/programmes/${PROGRAMME}/quality/contacts.csv`, READERS],
    ['/analysis/size-groups', READERS],
    ['/requisitions', READERS],
    [`/ledger/${ledgerEntryId}`, READERS],
    [`${API}/years/2022/summary`, READERS],
    [`${API}/distributions/areas`, READERS],
    [`${API}/distributions/areas?by=size_group`, READERS],
    [`${API}/years/2022/reconciliation?tolerance=100`, READERS],
    ['/imports', ADMIN_ONLY],
    [`${YEAR}/ledger/new`, ADMIN_ONLY],
    [`/ledger/${ledgerEntryId}/reverse`, ADMIN_ONLY],
    ['/audit', ADMIN_AUDITOR],
    ['/audit/export.csv', ADMIN_AUDITOR],
    [`/municipalities/${OWN}`, OWN_PAGE],
    [`${mine(OWN)}/requisitions`, OWN_PAGE],
    [`${mine(OWN)}/report`, OWN_PAGE],
    [`${mine(OWN)}/report/versions/1`, OWN_PAGE],
    [`${mine(OWN)}/report/versions/1/receipt.pdf`, OWN_PAGE],
    [`${YEAR}/municipalities/${OWN}`, OWN_PAGE],
    [`${YEAR}/municipalities/${OWN}.xlsx`, OWN_PAGE],
    [`${YEAR}/municipalities/${OWN}/ledger.csv`, OWN_PAGE],
    [`${mine(OWN)}/requisitions/new`, OWN_FORM],
    [`${mine(OWN)}/report/edit`, OWN_FORM],
    [`/municipalities/${OTHER}`, OTHER_PAGE],
    [`${mine(OTHER)}/requisitions`, OTHER_PAGE],
    [`${mine(OTHER)}/report`, OTHER_PAGE],
    [`${mine(OTHER)}/report/versions/1`, OTHER_PAGE],
    [`${mine(OTHER)}/report/versions/1/receipt.pdf`, OTHER_PAGE],
    [`${YEAR}/municipalities/${OTHER}`, OTHER_PAGE],
    [`${YEAR}/municipalities/${OTHER}.xlsx`, OTHER_PAGE],
    [`${YEAR}/municipalities/${OTHER}/ledger.csv`, OTHER_PAGE],
    [`${YEAR}/municipalities/${OTHER}/versions.csv`, OTHER_PAGE],
    [`${mine(OTHER)}/requisitions/new`, OTHER_FORM],
    [`${mine(OTHER)}/report/edit`, OTHER_FORM],
  ]
}

/** Forms a role may not use: [path, fields, role → status]; only roles listed are tried. */
function postRoutes(ledgerEntryId: number): [string, Record<string, string>, Partial<Expected>][] {
  const refused = { evaluator: 403, auditor: 403, municipality: 403 }
  return [
    [
      `${YEAR}/ledger/new`,
      { municipality_code: OWN, type: 'payout', amount_sek: '1', date: '2022-05-01', reference: 'X' },
      refused,
    ],
    [`/ledger/${ledgerEntryId}/reverse`, { reason: 'wrong' }, refused],
    [
      `${mine(OWN)}/requisitions`,
      { amount_sek: '1', contact_name: 'A', contact_email: 'a@b.se', bankgiro: '5050-1055' },
      { admin: 403, evaluator: 403, auditor: 403 },
    ],
    [
      `${mine(OTHER)}/requisitions`,
      { amount_sek: '1', contact_name: 'A', contact_email: 'a@b.se', bankgiro: '5050-1055' },
      { municipality: 404 },
    ],
    [`${mine(OTHER)}/report`, { requisitioned_sek: '1', spent_sek: '1', remaining_sek: '0' }, { municipality: 404 }],
    [`${mine(OTHER)}/report/draft/delete`, {}, { municipality: 404 }],
    [`${mine(OTHER)}/requisitions/1/approve`, {}, { municipality: 404, evaluator: 403, auditor: 403 }],
    [`${mine(OWN)}/requisitions/1/approve`, {}, refused],
    [`${mine(OWN)}/requisitions/1/return`, { reason: 'no' }, refused],
    ['/analysis/size-groups', { bounds: '10000,20000,50000,100000' }, { admin: 403, auditor: 403, municipality: 403 }],
    [`/programmes/${PROGRAMME}/quality/flags`, {}, { admin: 403, auditor: 403, municipality: 403 }],
  ]
}

describe('role × route matrix', function () {
  this.timeout(120_000)
  let knex: Knex
  let app: Express
  const agents = {} as Record<Role, SignedIn>
  let ledgerEntryId: number

  before(async () => {
    knex = await testKnex()
    await resetData(knex)
    await loadRouteFixtures(knex)
    ledgerEntryId = (await knex('ledger_entries').where({ municipality_code: OTHER }).orderBy('id').first('id')).id
    app = appWithAllRoutes(knex)
    for (const role of ['admin', 'evaluator', 'auditor', 'municipality'] as const) {
      const user = await createTestUser(knex, { role, municipalityCode: role === 'municipality' ? OWN : undefined })
      agents[role] = await signIn(app, user)
    }
  })
  after(async () => resetData(knex))

  it('every page, export and API address answers each role as intended', async () => {
    const wrong: string[] = []
    for (const [path, expected] of getRoutes(ledgerEntryId)) {
      for (const role of Object.keys(expected) as Role[]) {
        const res = await agents[role].agent.get(path).redirects(0)
        if (res.status !== expected[role]) wrong.push(`${role} GET ${path}: ${res.status}, expected ${expected[role]}`)
      }
    }
    expect(wrong).to.deep.equal([])
  })

  it('a municipality user gets the same 404 for another municipality as for one that does not exist', async () => {
    const other = await agents.municipality.agent.get(`/municipalities/${OTHER}`).expect(404)
    const none = await agents.municipality.agent.get('/municipalities/9999').expect(404)
    const body = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0].replaceAll(/9999|0115/g, 'XXXX')
    expect(body(other.text)).to.equal(body(none.text))
  })

  it('every form refuses the roles that may not use it, and writes nothing', async () => {
    const count = async (table: string) => Number((await knex(table).count<{ count: number }[]>('* as count'))[0].count)
    const before = { ledger: await count('ledger_entries'), requisitions: await count('requisitions') }
    const wrong: string[] = []
    for (const [path, fields, expected] of postRoutes(ledgerEntryId)) {
      for (const [role, status] of Object.entries(expected) as [Role, number][]) {
        const signedIn = agents[role]
        const res = await signedIn.agent
          .post(path)
          .type('form')
          .send({ ...fields, _csrf: await signedIn.csrf() })
          .redirects(0)
        if (res.status !== status) wrong.push(`${role} POST ${path}: ${res.status}, expected ${status}`)
      }
    }
    expect(wrong).to.deep.equal([])
    expect({ ledger: await count('ledger_entries'), requisitions: await count('requisitions') }).to.deep.equal(before)
  })

  it('a municipality user cannot smuggle another municipality or a status through form fields', async () => {
    await knex.raw(
      `INSERT INTO ledger_entries (programme_id, programme_year, municipality_code, type, amount_ore,
      entry_date, reference, created_by)
      SELECT id, 2022, ?, 'allocation', 500000000, '2022-01-15', 'A-MATRIX', 'test' FROM programmes WHERE code = ?`,
      [OWN, PROGRAMME],
    )
    const { agent, csrf } = agents.municipality
    await agent
      .post(`${mine(OWN)}/requisitions`)
      .type('form')
      .send({
        amount_sek: '1 000',
        contact_name: 'Kim Kommun',
        contact_email: 'kim@vasby.se',
        contact_phone: '08-123 456',
        bankgiro: '5050-1055',
        municipality_code: OTHER,
        status: 'approved',
        _csrf: await csrf(),
      })
      .redirects(0)
    const rows = await knex('requisitions').select('municipality_code', 'status')
    expect(rows).to.deep.equal([{ municipality_code: OWN, status: 'submitted' }])
    expect(await knex('ledger_entries').where({ reference: 'REQ-1' }).first()).to.equal(undefined)
  })
})
