// The spending report in the browser: mistakes listed at once with links to their fields and nothing written;
// drafts; submitting, correcting and re-submitting leave every version readable with its differences; only the
// options of the survey round; the comment's limit; the personal-identity-number warning.
import { expect } from 'chai'
import type { Express } from 'express'
import type { Knex } from 'knex'
import { appWithAllRoutes } from '../../helpers/appWithAllRoutes.ts'
import type { SignedIn } from '../../helpers/session.ts'
import { resetData, testKnex } from '../../helpers/testDatabase.ts'
import { stockholmDate } from '../../../app/domain/stockholmTime.ts'
import { area, createUsers, decode, kr, loadLedger, PROGRAMME, signInAll, type Users } from './fixtures.ts'

const REPORT = {
  requisitioned_sek: '1 000 000',
  spent_sek: '800 000',
  remaining_sek: '200 000',
  unspent_reasons: 'tidsbrist',
  purposes: ['kvalitet', 'annat'],
  other_purpose: 'Utbildning av chefer',
  areas: 'hsl',
  usage_areas: 'appar',
  goal_fulfilment: 'hog',
  comment: 'Allt gick enligt plan.',
}

/** The text of the table row whose header cell is label (whitespace collapsed, no-break spaces kept). */
function rowText(html: string, label: string): string {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const match = new RegExp(`<th scope="row">${escaped}</th>([\\s\\S]*?)</tr>`).exec(html)
  if (!match) throw new Error(`no row "${label}"`)
  return match[1]
    .replace(/<[^>]+>/g, ' ')
    .replace(/[ \t\r\n]+/g, ' ')
    .trim()
}

describe('municipality area: spending report', () => {
  let knex: Knex
  let app: Express
  let users: Users
  let as: Record<keyof Users, SignedIn>

  const written = async () => ({
    responses: Number((await knex('survey_responses').count<{ count: string }[]>('* as count'))[0].count),
    drafts: Number((await knex('response_drafts').count<{ count: string }[]>('* as count'))[0].count),
    audit: Number((await knex('audit_log').count<{ count: string }[]>('* as count'))[0].count),
  })

  async function post(form: Record<string, unknown>, action: 'submit' | 'save', url = `${area('0114')}/report`) {
    return as.own.agent
      .post(url)
      .type('form')
      .send({ ...form, action, _csrf: await as.own.csrf() })
  }

  before(async () => {
    knex = await testKnex()
    app = appWithAllRoutes(knex)
    users = await createUsers(knex)
    as = await signInAll(app, users)
  })
  beforeEach(async () => {
    await resetData(knex)
    await loadLedger(knex)
  })
  after(async () => resetData(knex))

  it('lists both mistakes in the error summary, linked to their fields, keeps what was typed, writes nothing', async () => {
    const before = await written()
    const res = await post({ ...REPORT, remaining_sek: '100 000', other_purpose: '' }, 'submit')
    expect(res.status).to.equal(400)
    const html = decode(res.text)
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? ''
    expect(summary).to.contain(
      `<a href="#remaining_sek">Kvarstående medel: Ska vara rekvirerade minus förbrukade medel: ${kr('1 000 000 kr')} − ${kr('800 000 kr')} = ${kr('200 000 kr')}.</a>`,
    )
    expect(summary).to.contain('<a href="#other_purpose">Annat syfte, beskriv: Beskriv vad Annat avser.</a>')
    expect(summary.match(/<li>/g)).to.have.length(2)
    // each field carries its message and is marked invalid
    expect(html).to.match(/id="remaining_sek"[^>]*value="100 000"[^>]*aria-invalid="true"/)
    expect(html).to.contain('id="other_purpose-error"')
    expect(html).to.match(/id="purposes-annat" name="purposes" type="checkbox" value="annat" checked/)
    expect(html).to.contain('Allt gick enligt plan.')
    expect(await written()).to.deep.equal(before)
  })

  it('saves an incomplete draft, shows it again in the form, and discards it', async () => {
    const res = await post(
      { requisitioned_sek: '1 000 000', spent_sek: 'ungefär hälften', purposes: 'kvalitet' },
      'save',
    )
    expect(res.status).to.equal(303)
    expect(res.headers.location).to.equal(`${area('0114')}/report?saved=1`)
    expect(await written()).to.include({ responses: 0, drafts: 1 })
    const page = decode((await as.own.agent.get(res.headers.location).expect(200)).text)
    expect(page).to.contain('Utkastet är sparat. Det är inte inlämnat.')
    expect(page).to.contain('Fortsätt med utkastet')
    const form = decode((await as.own.agent.get(`${area('0114')}/report/edit`).expect(200)).text)
    expect(form).to.contain('value="ungefär hälften"')
    expect(form).to.match(/value="kvalitet" checked/)
    // the administrator sees that a draft exists, read-only
    const adminView = decode((await as.admin.agent.get(`${area('0114')}/report`).expect(200)).text)
    expect(adminView).to.contain('Det finns ett utkast som inte är inlämnat')
    expect(adminView).not.to.contain('Fortsätt med utkastet')

    await as.own.agent
      .post(`${area('0114')}/report/draft/delete`)
      .type('form')
      .send({ _csrf: await as.own.csrf() })
      .expect(303)
    expect(await written()).to.include({ drafts: 0 })
    const actions = await knex('audit_log').whereLike('action', 'report.%').orderBy('id').pluck('action')
    expect(actions).to.deep.equal(['report.draft_saved', 'report.draft_discarded'])
  })

  it('submits, corrects and re-submits: every version stays readable, with what changed', async () => {
    // a draft first: submitting removes it
    await post({ ...REPORT, comment: 'utkast' }, 'save')
    const first = await post(REPORT, 'submit')
    expect(first.status).to.equal(303)
    expect(first.headers.location).to.equal(`${area('0114')}/report?submitted=1`)
    expect(await written()).to.include({ responses: 1, drafts: 0 })
    const v1 = await knex('survey_responses').where({ municipality_code: '0114', version: 1 }).first()
    expect(v1).to.include({
      programme_year: 2022,
      requisitioned_ore: 100_000_000,
      spent_ore: 80_000_000,
      remaining_ore: 20_000_000,
      goal_fulfilment: 'hog',
      other_purpose: 'Utbildning av chefer',
      created_by: users.own.email,
      submitted_on: stockholmDate(new Date()),
    })
    expect(v1.import_id).to.equal(null)

    // the form to correct starts from the submitted version, amounts in Swedish format
    const form = decode((await as.own.agent.get(`${area('0114')}/report/edit`).expect(200)).text)
    expect(form).to.contain('value="1 000 000"')
    expect(form).to.contain('value="Utbildning av chefer"')

    const correction = {
      ...REPORT,
      spent_sek: '900 000,50',
      remaining_sek: '99 999,50',
      purposes: ['kvalitet', 'arbetsmiljo'],
      other_purpose: '',
      goal_fulfilment: 'viss',
      comment: 'Rättat: mer förbrukat.',
    }
    const second = await post(correction, 'submit')
    expect(second.headers.location).to.equal(`${area('0114')}/report?submitted=2`)
    // the same answers again: no third version
    const same = await post(correction, 'submit')
    expect(same.headers.location).to.equal(`${area('0114')}/report?unchanged=2`)
    expect(await knex('survey_responses').where({ municipality_code: '0114' }).pluck('version')).to.have.members([1, 2])

    for (const who of ['own', 'admin', 'evaluator', 'auditor'] as const) {
      const page = decode((await as[who].agent.get(`${area('0114')}/report`).expect(200)).text)
      expect(page, who).to.contain('Gällande version: 2')
      expect(page).to.contain('Version 1')
      expect(page).to.contain('Första versionen.')
      const changes = /<caption>Ändrat sedan version 1<\/caption>[\s\S]*?<\/table>/.exec(page)?.[0] ?? ''
      expect(rowText(changes, 'Förbrukade medel')).to.equal(`${kr('800 000 kr')} ${kr('900 000,50 kr')}`)
      expect(rowText(changes, 'Kvarstående medel')).to.equal(`${kr('200 000 kr')} ${kr('99 999,50 kr')}`)
      expect(rowText(changes, 'Syften med insatserna')).to.equal(
        'Kvalitetshöjning i verksamheter, Annat Kvalitetshöjning i verksamheter, Förbättrad arbetsmiljö för personal inom äldreomsorgen',
      )
      expect(rowText(changes, 'Annat syfte, beskriv')).to.equal('Utbildning av chefer –')
      expect(rowText(changes, 'Har stimulansmedlen bidragit till att målen med satsningarna har uppfyllts?')).to.equal(
        'I hög utsträckning I viss utsträckning',
      )
      expect(changes).not.to.contain('Rekvirerade medel')
      for (const version of [1, 2]) {
        await as[who].agent.get(`${area('0114')}/report/versions/${version}`).expect(200)
      }
    }
    const v1Page = decode((await as.evaluator.agent.get(`${area('0114')}/report/versions/1`).expect(200)).text)
    expect(rowText(v1Page, 'Förbrukade medel')).to.equal(kr('800 000 kr'))
    expect(rowText(v1Page, 'Kommentarer')).to.equal('Allt gick enligt plan.')

    const actions = await knex('audit_log').whereLike('action', 'report.%').orderBy('id').pluck('action')
    expect(actions).to.deep.equal(['report.draft_saved', 'report.submitted', 'report.corrected'])

    // the administrator's reconciliation shows the current version
    const reconciliation = decode(
      (await as.admin.agent.get(`/programmes/${PROGRAMME}/years/2022/reconciliation`).expect(200)).text,
    )
    const row = /<tr[^>]*>\s*<td[^>]*>0114<\/td>[\s\S]*?<\/tr>/.exec(reconciliation)?.[0] ?? ''
    expect(row).to.contain(kr('900 000,50 kr'))
    expect(row).to.contain(kr('99 999,50 kr'))
  })

  it('refuses an option of another survey round, on submit and in a draft; the form offers only the round’s', async () => {
    const url2020 = `${area('0114', PROGRAMME, 2020)}/report`
    const before = await written()
    const res = await post({ ...REPORT, purposes: ['kvalitet', 'aktivitet'], other_purpose: '' }, 'submit', url2020)
    expect(res.status).to.equal(400)
    expect(decode(res.text)).to.contain(
      'Syften med insatserna: Alternativet ”aktivitet” fanns inte i enkätomgång 2021.',
    )
    const draft = await post({ purposes: 'aktivitet' }, 'save', url2020)
    expect(draft.status).to.equal(400)
    const dropped = await post({ ...REPORT, usage_areas: 'inkontinenssensorer' }, 'submit')
    expect(dropped.status).to.equal(400)
    expect(decode(dropped.text)).to.contain('Alternativet ”inkontinenssensorer” fanns inte i enkätomgång 2023.')
    expect(await written()).to.deep.equal(before)

    const form2020 = decode((await as.own.agent.get(`${url2020}/edit`).expect(200)).text)
    expect(form2020).not.to.contain('value="aktivitet"')
    expect(form2020).to.contain('value="inkontinenssensorer"')
    const form2022 = decode((await as.own.agent.get(`${area('0114')}/report/edit`).expect(200)).text)
    expect(form2022).to.contain('value="aktivitet"')
    expect(form2022).not.to.contain('value="inkontinenssensorer"')
    expect(form2022).to.contain('value="medicinskap"')
  })

  it('refuses a comment longer than 2 000 characters', async () => {
    const res = await post({ ...REPORT, comment: 'x'.repeat(2001) }, 'submit')
    expect(res.status).to.equal(400)
    expect(decode(res.text)).to.contain('Kommentarer: Texten har 2001 tecken. Den får ha högst 2000.')
    expect(await written()).to.include({ responses: 0 })
    expect((await post({ ...REPORT, comment: 'x'.repeat(2000) }, 'submit')).status).to.equal(303)
  })

  it('flags a personal identity number before submitting, and submits only when the user confirms', async () => {
    const comment = 'Kontakta handläggaren om 811218-9876.'
    const res = await post({ ...REPORT, comment }, 'submit')
    expect(res.status).to.equal(200)
    const html = decode(res.text)
    expect(html).to.contain('Texten ser ut att innehålla personnummer')
    expect(html).to.contain('Kommentarer: 811218-9876')
    expect(html).to.contain('name="confirm_personal_data"')
    expect(html).to.contain(comment)
    expect(await written()).to.include({ responses: 0 })

    const confirmed = await post({ ...REPORT, comment, confirm_personal_data: 'yes' }, 'submit')
    expect(confirmed.status).to.equal(303)
    expect((await knex('survey_responses').first('comment')).comment).to.equal(comment)
  })
})
