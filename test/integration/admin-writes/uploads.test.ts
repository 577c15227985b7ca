// Upload in the browser: every problem listed by line and column with nothing written; a preview of a good file
// with nothing written; the confirm writes it once (with one imports row and one audit row in its transaction), a
// second confirm writes nothing; XLSX goes the same way; the size limit, the roles and the CSRF token are enforced.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect } from 'chai'
import ExcelJS from 'exceljs'
import type { Express } from 'express'
import type { Knex } from 'knex'
import { importService } from '../../../app/services/importService.ts'
import { uploadService } from '../../../app/services/uploadService.ts'
import { MAX_UPLOAD_BYTES } from '../../../app/routes/imports/index.ts'
import { appWithAllRoutes } from '../../helpers/appWithAllRoutes.ts'
import { createTestUser, csrfTokenOf, signIn } from '../../helpers/session.ts'
import { resetData, testKnex } from '../../helpers/testDatabase.ts'
import {
  decode,
  kr,
  LEDGER_HEADER,
  PROGRAMME,
  RESPONSE_HEADER,
  signInEveryRole,
  writeCounts,
  type Agents,
} from './helpers.ts'

const csv = (lines: string[]) => Buffer.from(lines.join('\n') + '\n')

const GOOD_LEDGER = [
  LEDGER_HEADER,
  `${PROGRAMME},2022,0114,allocation,1000000,2022-01-15,A-0114`,
  `${PROGRAMME},2022,0114,payout,"1 000 000,50",2022-03-20,P-0114`,
  `${PROGRAMME},2022,0115,payout,400000,2022-03-20,P-0115`,
]

/** The same file with three bad rows: lines 3, 4 and 5 as a spreadsheet numbers them. */
const BAD_LEDGER = [
  LEDGER_HEADER,
  `${PROGRAMME},2022,0114,allocation,1000000,2022-01-15,A-0114`,
  `${PROGRAMME},2022,9999,payout,1000000,2022-03-20,P-0114`,
  `${PROGRAMME},2022,0115,payout,"12,345",2022-03-20,P-0115`,
  `${PROGRAMME},2022,0115,refund,1,2022-02-30,X-1`,
]

async function xlsx(rows: (string | number | Date)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('Liggare')
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await book.xlsx.writeBuffer())
}

describe('upload with preview (/imports)', function () {
  this.timeout(60_000)
  let knex: Knex
  let app: Express
  let agents: Agents
  /** a second administrator: an upload is confirmed only by the one who made it */
  let otherAdmin: Agents['admin']

  before(async () => {
    knex = await testKnex()
    await resetData(knex)
    app = appWithAllRoutes(knex)
    agents = await signInEveryRole(app, knex)
    const other = await createTestUser(knex, { role: 'admin', email: `other-admin-${process.pid}@test.example` })
    otherAdmin = { ...(await signIn(app, other)), email: other.email }
  })
  beforeEach(async () => resetData(knex))
  after(async () => resetData(knex))

  /** Posts the file as the form does (multipart, the token as a field) and checks the status. */
  async function upload(file: Buffer, name: string, status: number, kind = 'ledger', agent = agents.admin) {
    const res = await agent.agent
      .post('/imports')
      .field('_csrf', await agent.csrf())
      .field('kind', kind)
      .attach('file', file, name)
    expect(res.status, `upload of ${name}`).to.equal(status)
    return res
  }

  /** The confirm form of a preview page: its action and its hidden sha256. */
  function confirmFormOf(html: string) {
    const action = /<form method="post" action="(\/imports\/[0-9a-f-]+\/confirm)"/.exec(html)?.[1]
    const sha256 = /name="sha256" value="([0-9a-f]{64})"/.exec(html)?.[1]
    if (!action || !sha256) throw new Error('no confirm form on the page')
    return { action, sha256 }
  }

  async function confirm(form: { action: string; sha256: string }, status: number, agent = agents.admin) {
    const res = await agent.agent
      .post(form.action)
      .type('form')
      .send({ _csrf: await agent.csrf(), sha256: form.sha256 })
    expect(res.status, `confirm ${form.action}`).to.equal(status)
    return res
  }

  it('shows the form: multipart, the CSRF token, the kinds, the file field with its limit', async () => {
    const res = await agents.admin.agent.get('/imports').expect(200)
    expect(res.text).to.match(/<form method="post" action="\/imports" enctype="multipart\/form-data"/)
    expect(res.text).to.match(/<input type="hidden" name="_csrf" value="[^"]+">/)
    expect(res.text).to.contain('id="kind-ledger" name="kind" value="ledger"')
    expect(res.text).to.contain('id="kind-responses" name="kind" value="responses"')
    expect(res.text).to.contain('<input type="file" id="file" name="file" accept=".csv,.xlsx"')
    expect(res.text).to.contain('högst 20 MB')
    // a single transaction is entered by hand instead, per programme year
    expect(res.text).to.contain(`href="/programmes/${PROGRAMME}/years/2022/ledger/new"`)
    expect(res.headers['cache-control']).to.equal('no-store')
  })

  it('lists every problem with line and column and writes nothing', async () => {
    const res = await upload(csv(BAD_LEDGER), 'liggare.csv', 422)
    const html = decode(res.text)
    expect(html).to.contain('Filen har 4 fel')
    expect(html).to.contain('Inget har skrivits.')
    const rows = [
      ...html.matchAll(/<tr>\s*<td class="num">(\d+)<\/td>\s*<td><code>([^<]+)<\/code><\/td>\s*<td>([^<]+)<\/td>/g),
    ]
    expect(rows.map(m => [Number(m[1]), m[2], m[3]])).to.deep.equal([
      [3, 'municipality_code', 'unknown municipality code "9999"'],
      [4, 'amount_sek', '"12,345" has more than 2 decimals'],
      [5, 'type', 'unknown type "refund" (expected allocation, requisition, payout, direct_grant, repayment)'],
      [5, 'date', '"2022-02-30" is not a calendar date'],
    ])
    expect(html).not.to.contain('/confirm')
    expect(await writeCounts(knex)).to.deep.equal({ ledger: 0, responses: 0, imports: 0, pending: 0, audit: 0 })
  })

  it('previews a good file without writing, writes it once on confirm, and nothing on a second confirm', async () => {
    const preview = await upload(csv(GOOD_LEDGER), 'liggare.csv', 200)
    const html = decode(preview.text)
    expect(html).to.contain('3 nya rader skulle skrivas; 0 rader finns redan')
    expect(html).to.contain('De första 3 av 3 nya raderna')
    expect(html).to.contain('Inget är skrivet ännu.')
    expect(html).to.contain('0114 Upplands Väsby')
    expect(html).to.contain(kr('1 000 000,50 kr'))
    expect(html).to.contain('Utbetalning')
    expect(html).to.contain('Bekräfta och skriv 3 rader')
    expect(await writeCounts(knex)).to.deep.equal({ ledger: 0, responses: 0, imports: 0, pending: 1, audit: 0 })

    const form = confirmFormOf(preview.text)
    const confirmed = await confirm(form, 303)
    const resultUrl = confirmed.headers.location
    expect(resultUrl).to.match(/^\/imports\/results\/\d+$/)
    expect(await writeCounts(knex)).to.deep.equal({ ledger: 3, responses: 0, imports: 1, pending: 0, audit: 1 })
    const entry = await knex('ledger_entries').where({ reference: 'P-0114' }).first()
    expect(entry).to.include({ amount_ore: 100_000_050, created_by: agents.admin.email, municipality_code: '0114' })

    // the imports row and the audit row of the same transaction: now() is the transaction's start
    const imported = await knex('imports').first()
    expect(imported).to.include({ file_name: 'liggare.csv', written_count: 3, imported_by: agents.admin.email })
    const audit = await knex('audit_log').where({ action: 'import.ledger' }).first()
    expect(audit).to.include({ actor: agents.admin.email, entity: 'imports', entity_id: String(imported.id) })
    expect(audit.after).to.include({ fileName: 'liggare.csv', writtenCount: 3, fileSha256: form.sha256 })
    expect(audit.occurred_at.getTime()).to.equal(imported.imported_at.getTime())
    expect(imported.file_sha256).to.equal(form.sha256)

    const result = decode((await agents.admin.agent.get(resultUrl).expect(200)).text)
    expect(result).to.contain('Filen är inläst: 3 nya rader skrevs, 0 fanns redan.')
    expect(result).to.contain(form.sha256)

    const again = await confirm(form, 409)
    expect(decode(again.text)).to.contain('Filen finns inte längre att bekräfta')
    expect(await writeCounts(knex)).to.deep.equal({ ledger: 3, responses: 0, imports: 1, pending: 0, audit: 1 })

    // the same file again: nothing new to confirm, nothing kept
    const same = decode((await upload(csv(GOOD_LEDGER), 'liggare.csv', 200)).text)
    expect(same).to.contain('Alla rader i filen finns redan.')
    expect(same).not.to.contain('/confirm')
    expect(await writeCounts(knex)).to.deep.equal({ ledger: 3, responses: 0, imports: 1, pending: 0, audit: 1 })
  })

  it('counts new and unchanged rows of a file that adds to what is there', async () => {
    await confirm(confirmFormOf((await upload(csv(GOOD_LEDGER.slice(0, 3)), 'a.csv', 200)).text), 303)
    const html = decode((await upload(csv(GOOD_LEDGER), 'b.csv', 200)).text)
    expect(html).to.contain('1 nya rader skulle skrivas; 2 rader finns redan')
    expect(html).to.contain('P-0115')
    expect(html).not.to.contain('A-0114')
  })

  it('imports an XLSX file the same way: problems by spreadsheet row, then preview and confirm', async () => {
    const header = LEDGER_HEADER.split(',')
    const bad = await xlsx([
      header,
      [PROGRAMME, 2022, '0114', 'payout', 1000, new Date(Date.UTC(2022, 2, 20)), 'X-1'],
      [PROGRAMME, 2022, 115, 'payout', 12.345, '2022-03-20', 'X-2'],
    ])
    const problems = decode((await upload(bad, 'liggare.xlsx', 422)).text)
    expect(problems).to.contain('Filen har 1 fel')
    expect(problems).to.match(
      /<td class="num">3<\/td>\s*<td><code>amount_sek<\/code><\/td>\s*<td>"12.345" has more than 2 decimals/,
    )
    // the dropped leading zero is a warning, as in a CSV file
    expect(problems).to.contain('115 read as 0115')
    expect(await writeCounts(knex)).to.deep.include({ ledger: 0, pending: 0 })

    const good = await xlsx([
      header,
      [PROGRAMME, 2022, '0114', 'payout', 1000, new Date(Date.UTC(2022, 2, 20)), 'X-1'],
      [PROGRAMME, 2022, 115, 'payout', 12.5, '2022-03-20', 'X-2'],
    ])
    const preview = await upload(good, 'liggare.xlsx', 200)
    expect(decode(preview.text)).to.contain('2 nya rader skulle skrivas')
    expect(decode(preview.text)).to.contain('XLSX')
    await confirm(confirmFormOf(preview.text), 303)
    const rows = await knex('ledger_entries').orderBy('id').select('municipality_code', 'amount_ore', 'entry_date')
    expect(rows).to.deep.equal([
      { municipality_code: '0114', amount_ore: 100_000, entry_date: '2022-03-20' },
      { municipality_code: '0115', amount_ore: 1_250, entry_date: '2022-03-20' },
    ])
    expect(await knex('imports').pluck('file_name')).to.deep.equal(['liggare.xlsx'])
  })

  it('imports survey responses: a new version per changed answer', async () => {
    const file = csv([
      RESPONSE_HEADER,
      `${PROGRAMME},2022,0114,2023-02-01,1000000,900000,100000,tidsbrist,kvalitet,hsl,appar,hog,,,,,`,
    ])
    const preview = decode((await upload(file, 'svar.csv', 200, 'responses')).text)
    expect(preview).to.contain('1 nya rader skulle skrivas')
    expect(preview).to.match(/<td class="num">2023<\/td>\s*<td>0114 Upplands Väsby<\/td>\s*<td class="num">1<\/td>/)
    await confirm(confirmFormOf(preview), 303)
    expect(await writeCounts(knex)).to.deep.include({ responses: 1, imports: 1, audit: 1 })
    expect(await knex('audit_log').where({ action: 'import.responses' }).count('* as n')).to.deep.equal([{ n: 1 }])
  })

  it('refuses a file over the size limit with a clear message and writes nothing', async () => {
    const big = Buffer.alloc(MAX_UPLOAD_BYTES + 1, 'a')
    const res = await upload(big, 'stor.csv', 413)
    expect(decode(res.text)).to.contain('Filen får vara högst 20 MB')
    expect(res.text).to.contain('<a href="#file">')
    expect(await writeCounts(knex)).to.deep.equal({ ledger: 0, responses: 0, imports: 0, pending: 0, audit: 0 })
  })

  it('refuses another kind of file, a missing file and a missing kind, naming the field', async () => {
    const text = decode((await upload(csv(GOOD_LEDGER), 'liggare.txt', 400)).text)
    expect(text).to.contain('Filen ”liggare.txt” måste vara en CSV-fil (.csv) eller en Excelfil (.xlsx)')
    const noFile = await agents.admin.agent
      .post('/imports')
      .field('_csrf', await agents.admin.csrf())
      .field('kind', 'ledger')
      .expect(400)
    expect(decode(noFile.text)).to.contain('<a href="#file">Välj en fil</a>')
    const noKind = await upload(csv(GOOD_LEDGER), 'liggare.csv', 400, '')
    expect(decode(noKind.text)).to.contain('<a href="#kind-ledger">Välj vad filen innehåller</a>')
    expect(await writeCounts(knex)).to.deep.include({ ledger: 0, pending: 0 })
  })

  it('refuses a confirm whose sha256 is not the previewed file, and another admin’s confirm', async () => {
    const form = confirmFormOf((await upload(csv(GOOD_LEDGER), 'liggare.csv', 200)).text)
    const changed = await confirm({ ...form, sha256: '0'.repeat(64) }, 409)
    expect(decode(changed.text)).to.contain('Filen är inte densamma som förhandsgranskades')
    await confirm(form, 409, otherAdmin)
    expect(await writeCounts(knex)).to.deep.equal({ ledger: 0, responses: 0, imports: 0, pending: 1, audit: 0 })
    await confirm(form, 303)
    expect(await writeCounts(knex)).to.deep.include({ ledger: 3, pending: 0 })
  })

  it('writes nothing when the ledger changed after the preview so that the file now conflicts', async () => {
    const form = confirmFormOf((await upload(csv(GOOD_LEDGER), 'liggare.csv', 200)).text)
    // meanwhile the command line imports P-0115 with another amount
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stimulans-conflict-'))
    const file = path.join(dir, 'cli.csv')
    fs.writeFileSync(file, csv([LEDGER_HEADER, `${PROGRAMME},2022,0115,payout,1,2022-03-20,P-0115`]))
    expect((await importService(knex).importLedger(file, { actor: 'cli' })).ok).to.equal(true)
    fs.rmSync(dir, { recursive: true, force: true })

    const res = await confirm(form, 422)
    const html = decode(res.text)
    expect(html).to.contain('Uppgifterna i databasen har ändrats sedan förhandsgranskningen')
    expect(html).to.contain('"P-0115" is already in the ledger with other content')
    expect(await writeCounts(knex)).to.deep.equal({ ledger: 1, responses: 0, imports: 1, pending: 1, audit: 1 })
  })

  it('discards a previewed upload on request', async () => {
    const form = confirmFormOf((await upload(csv(GOOD_LEDGER), 'liggare.csv', 200)).text)
    const discard = form.action.replace('/confirm', '/discard')
    await agents.admin.agent
      .post(discard)
      .type('form')
      .send({ _csrf: await agents.admin.csrf() })
      .expect(303)
    expect(await writeCounts(knex)).to.deep.include({ pending: 0, ledger: 0 })
    await confirm(form, 409)
  })

  it('answers 403 to every other role, on the form, the upload and the confirm', async () => {
    const form = confirmFormOf((await upload(csv(GOOD_LEDGER), 'liggare.csv', 200)).text)
    for (const role of ['evaluator', 'auditor', 'municipality'] as const) {
      const agent = agents[role]
      await agent.agent.get('/imports').expect(403)
      await upload(csv(GOOD_LEDGER), 'liggare.csv', 403, 'ledger', agent)
      await confirm(form, 403, agent)
      await agent.agent.get('/imports/results/1').expect(403)
    }
    expect(await writeCounts(knex)).to.deep.equal({ ledger: 0, responses: 0, imports: 0, pending: 1, audit: 0 })
  })

  it('answers 403 to an upload or a confirm without a valid CSRF token and writes nothing', async () => {
    const noToken = await agents.admin.agent
      .post('/imports')
      .field('kind', 'ledger')
      .attach('file', csv(GOOD_LEDGER), 'liggare.csv')
    expect(noToken.status).to.equal(403)
    const wrongToken = await agents.admin.agent
      .post('/imports')
      .field('_csrf', 'not-the-token')
      .field('kind', 'ledger')
      .attach('file', csv(GOOD_LEDGER), 'liggare.csv')
    expect(wrongToken.status).to.equal(403)
    expect(await writeCounts(knex)).to.deep.include({ pending: 0 })

    const form = confirmFormOf((await upload(csv(GOOD_LEDGER), 'liggare.csv', 200)).text)
    await agents.admin.agent.post(form.action).type('form').send({ sha256: form.sha256 }).expect(403)
    expect(await writeCounts(knex)).to.deep.equal({ ledger: 0, responses: 0, imports: 0, pending: 1, audit: 0 })
  })

  it('writes once when the same upload is confirmed twice at the same moment', async () => {
    const uploads = uploadService(knex, importService(knex))
    const ready = await uploads.preview(
      { kind: 'ledger', fileName: 'liggare.csv', format: 'csv', bytes: csv(GOOD_LEDGER) },
      'admin@test.example',
    )
    if (ready.status !== 'ready') throw new Error(ready.status)
    const outcomes = await Promise.all([
      uploads.confirm(ready.uploadId, ready.sha256, 'admin@test.example'),
      uploads.confirm(ready.uploadId, ready.sha256, 'admin@test.example'),
    ])
    expect(outcomes.map(o => o.status).sort()).to.deep.equal(['gone', 'imported'])
    expect(await writeCounts(knex)).to.deep.equal({ ledger: 3, responses: 0, imports: 1, pending: 0, audit: 1 })
  })

  it('keeps the CSRF meta token on the pages it renders', async () => {
    const res = await upload(csv(BAD_LEDGER), 'liggare.csv', 422)
    expect(() => csrfTokenOf(res.text)).not.to.throw()
  })
})
