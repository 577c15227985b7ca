// The data-quality review on hand-built answers of survey rounds 2022 and 2023: the flags found, recording them
// (idempotent, audited), the follow-up of a flag (audited), the seeded sample and its contact list, and who may do
// what.
import { expect } from 'chai'
import type { Express } from 'express'
import type { Knex } from 'knex'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { seededSample } from '../../../app/domain/dataQuality.ts'
import { services } from '../../../app/services/index.ts'
import { appWithAllRoutes } from '../../helpers/appWithAllRoutes.ts'
import { createTestUser, signIn, type SignedIn } from '../../helpers/session.ts'
import { resetData, testKnex } from '../../helpers/testDatabase.ts'
import { loadQualityFixtures, PROGRAMME, RESPONSE_HEADER, writeCsv } from './fixtures.ts'
import { decodeHtml, parseCsv } from './helpers.ts'

const PAGE = `/programmes/${PROGRAMME}/quality`
const QUERY = 'from=2022&to=2023&threshold=50'

describe('data quality', function () {
  this.timeout(60_000)
  let knex: Knex
  let app: Express
  let evaluator: SignedIn
  let evaluatorEmail: string

  const auditCount = async (action: string) =>
    Number((await knex('audit_log').where({ action }).count<{ count: string }[]>('* as count'))[0].count)
  const flags = () => knex('quality_flags').orderBy(['municipality_code', 'rule', 'flag_key'])

  before(async () => {
    knex = await testKnex()
    await resetData(knex)
    await loadQualityFixtures(knex)
    app = appWithAllRoutes(knex)
    const user = await createTestUser(knex, { role: 'evaluator' })
    evaluatorEmail = user.email
    evaluator = await signIn(app, user)
  })
  after(async () => resetData(knex))

  describe('the review (read only)', () => {
    it('finds each flip and each change over the threshold, and nothing else', async () => {
      const review = await services(knex).quality.review(PROGRAMME, {
        fromRound: 2022,
        toRound: 2023,
        thresholdPct: 50,
        sampleSize: 10,
        seed: 1,
      })
      const found = review!.municipalities.flatMap(m => m.flags.map(f => `${m.code} ${f.flag.rule} ${f.flag.key}`))
      expect(found).to.deep.equal([
        '0114 flip purposes:annat',
        '0114 flip goal_fulfilment:viss',
        '0115 flip purposes:kvalitet',
        '0115 amount_change requisitioned',
        '0115 amount_change spent',
        '0117 amount_change spent',
      ])
      expect(review!.compared).to.equal(4)
      expect(review!.counts).to.deep.equal({ flip: 3, amountChange: 3 })
      const annat = review!.municipalities[0].flags[0].flag
      expect(annat.detail).to.deep.equal({ dimension: 'purposes', option: 'annat', direction: 'dropped' })
      const added = review!.municipalities[1].flags[0].flag
      expect(added.detail).to.deep.equal({ dimension: 'purposes', option: 'kvalitet', direction: 'added' })
      // the page is a GET: it records nothing
      expect(await flags()).to.have.length(0)
    })

    it('shows the flags in words, the counts and the sample on the page', async () => {
      const html = decodeHtml((await evaluator.agent.get(`${PAGE}?${QUERY}`).expect(200)).text)
      expect(html).to.contain('Syften: ”Annat” valdes 2022 men inte 2023')
      expect(html).to.contain('Syften: ”Kvalitetshöjning i verksamheter” valdes 2023 men inte 2022')
      expect(html).to.contain('Måluppfyllelse: ”I hög utsträckning” 2022, ”I viss utsträckning” 2023')
      expect(html).to.contain(
        'Förbrukade medel: 100\u00a0000\u00a0kr (2022) → 40\u00a0000\u00a0kr (2023), \u221260\u00a0%',
      )
      expect(html).to.contain(
        'Rekvirerade medel: 100\u00a0000\u00a0kr (2022) → 200\u00a0000\u00a0kr (2023), +100\u00a0%',
      )
      expect(html).not.to.contain('Värmdö')
      expect(html).to.match(/<td>Syften<\/td><th scope="row">Annat<\/th><td class="num">1<\/td><td class="num">0<\/td>/)
      expect(html).to.match(
        /<td>Syften<\/td><th scope="row">Kvalitetshöjning i verksamheter<\/th><td class="num">0<\/td><td class="num">1<\/td>/,
      )
      expect(html).to.contain('Spara flaggorna')
      expect(await flags()).to.have.length(0)
    })

    it('a higher threshold leaves out the smaller changes', async () => {
      const review = await services(knex).quality.review(PROGRAMME, {
        fromRound: 2022,
        toRound: 2023,
        thresholdPct: 100,
        sampleSize: 10,
        seed: 1,
      })
      expect(review!.counts.amountChange).to.equal(0) // +100 % is not more than 100 %; −60 % is less
    })
  })

  describe('the sample and its contact list', () => {
    it('the same seed gives the same sample, on the page and in the CSV', async () => {
      const flagged = ['0114', '0115', '0117']
      const expected = seededSample(flagged, 2, 7)
      const csv = async () =>
        parseCsv(
          (
            await evaluator.agent
              .get(`${PAGE}/contacts.csv?${QUERY}&sample=2&seed=7`)
              .expect(200)
              .expect('Content-Type', /text\/csv/)
          ).text,
        )
      const first = await csv()
      expect(first[0]).to.deep.equal(['kommunkod', 'kommun', 'län', 'antal_flaggor', 'flaggor'])
      expect(first.slice(1).map(r => r[0])).to.deep.equal(expected)
      expect(first.slice(1).every(r => r[2] === 'Stockholms län')).to.equal(true)
      expect(await csv()).to.deep.equal(first)
      const html = decodeHtml((await evaluator.agent.get(`${PAGE}?${QUERY}&sample=2&seed=7`).expect(200)).text)
      // the sample's municipalities, each with its flags, before the list of all flagged ones
      const sampleSection = html.slice(html.indexOf('id="sample-heading"'), html.indexOf('Alla flaggade kommuner'))
      expect([...sampleSection.matchAll(/<caption id="municipality-(\d{4})">/g)].map(m => m[1])).to.deep.equal(expected)
      // every flagged municipality is listed, and links to its flags
      const all = html.slice(html.indexOf('Alla flaggade kommuner'))
      expect([...all.matchAll(/<td class="code">(\d{4})<\/td>/g)].map(m => m[1])).to.deep.equal(flagged)
      const notSampled = flagged.find(code => !expected.includes(code))!
      const one = decodeHtml(
        (await evaluator.agent.get(`${PAGE}?${QUERY}&sample=2&seed=7&municipality=${notSampled}`).expect(200)).text,
      )
      expect(one).to.contain('Vald kommun')
      expect(one).to.contain(`<caption id="municipality-${notSampled}">`)
      // another seed: the sample of that seed
      const other = parseCsv((await evaluator.agent.get(`${PAGE}/contacts.csv?${QUERY}&sample=2&seed=8`)).text)
      expect(other.slice(1).map(r => r[0])).to.deep.equal(seededSample(flagged, 2, 8))
    })
  })

  describe('recording flags and their follow-up', () => {
    it('records the flags once: the second time writes nothing and no audit row', async () => {
      const post = async () =>
        evaluator.agent
          .post(`${PAGE}/flags`)
          .type('form')
          .send({ _csrf: await evaluator.csrf(), from: '2022', to: '2023', threshold: '50', sample: '10', seed: '1' })
          .expect(303)
      const res = await post()
      expect(res.headers.location).to.equal(`${PAGE}?from=2022&to=2023&threshold=50&sample=10&seed=1&recorded=1`)
      const recorded = await flags()
      expect(recorded.map(f => `${f.municipality_code} ${f.flag_key} ${f.outcome}`)).to.deep.equal([
        '0114 goal_fulfilment:viss pending',
        '0114 purposes:annat pending',
        '0115 requisitioned pending',
        '0115 spent pending',
        '0115 purposes:kvalitet pending',
        '0117 spent pending',
      ])
      expect(recorded.every(f => f.created_by === evaluatorEmail && f.still_flagged)).to.equal(true)
      expect(await auditCount('quality.record_flags')).to.equal(1)
      await post()
      expect(await flags()).to.deep.equal(recorded)
      expect(await auditCount('quality.record_flags')).to.equal(1)
    })

    it('notes the outcome of a follow-up with who and when, audited before and after', async () => {
      const [flag] = await knex('quality_flags').where({ municipality_code: '0114', flag_key: 'purposes:annat' })
      const res = await evaluator.agent
        .post(`${PAGE}/flags/${flag.id}`)
        .type('form')
        .send({
          _csrf: await evaluator.csrf(),
          from: '2022',
          to: '2023',
          threshold: '50',
          sample: '10',
          seed: '1',
          outcome: 'corrected',
          note: 'Kommunen svarade fel 2023',
        })
        .expect(303)
      expect(res.headers.location).to.match(new RegExp(`saved=1#flag-${flag.id}$`))
      const after = await knex('quality_flags').where({ id: flag.id }).first()
      expect(after).to.include({
        outcome: 'corrected',
        outcome_note: 'Kommunen svarade fel 2023',
        outcome_by: evaluatorEmail,
      })
      expect(after.outcome_at).to.be.instanceOf(Date)
      const audit = await knex('audit_log').where({ action: 'quality.follow_up' }).first()
      expect(audit).to.include({ actor: evaluatorEmail, entity: 'quality_flags', entity_id: String(flag.id) })
      expect(audit.before).to.deep.equal({ outcome: 'pending', note: '' })
      expect(audit.after).to.deep.equal({ outcome: 'corrected', note: 'Kommunen svarade fel 2023' })
      const html = decodeHtml((await evaluator.agent.get(`${PAGE}?${QUERY}`).expect(200)).text)
      expect(html).to.contain('Rättad: svaret var fel')
      // each form control names the municipality and the flag for a screen reader
      expect(html).to.contain(
        `<label for="outcome-${flag.id}">Utfall<span class="visually-hidden">: Upplands Väsby, Syften: ”Annat” valdes 2022 men inte 2023</span></label>`,
      )
      expect(html).to.contain('Kommunen svarade fel 2023')
    })

    it('refuses an unknown outcome, a note too long, and a flag of nothing (400, 404)', async () => {
      const [flag] = await knex('quality_flags').where({ municipality_code: '0117' })
      const send = async (id: string | number, extra: Record<string, string>) =>
        evaluator.agent
          .post(`${PAGE}/flags/${id}`)
          .type('form')
          .send({ _csrf: await evaluator.csrf(), from: '2022', to: '2023', ...extra })
      expect((await send(flag.id, { outcome: 'maybe' })).status).to.equal(400)
      expect((await send(flag.id, { outcome: 'confirmed', note: 'x'.repeat(2001) })).status).to.equal(400)
      expect((await send(999999, { outcome: 'confirmed' })).status).to.equal(404)
      expect((await knex('quality_flags').where({ id: flag.id }).first()).outcome).to.equal('pending')
    })

    it('a corrected answer retires its flag when recorded again; the follow-up is kept', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stimulans-quality-'))
      try {
        // Upplands Väsby answers anew for 2022: "annat" chosen after all
        const file = writeCsv(dir, 'fix.csv', [
          RESPONSE_HEADER,
          `${PROGRAMME},2022,0114,2023-03-01,100000,100000,0,,kvalitet|annat,hsl,appar,viss,,Rättat,,,`,
        ])
        expect((await services(knex).imports.importResponses(file, { actor: 'test' })).ok).to.equal(true)
      } finally {
        fs.rmSync(dir, { recursive: true, force: true })
      }
      await evaluator.agent
        .post(`${PAGE}/flags`)
        .type('form')
        .send({ _csrf: await evaluator.csrf(), from: '2022', to: '2023', threshold: '50' })
        .expect(303)
      const annat = await knex('quality_flags').where({ municipality_code: '0114', flag_key: 'purposes:annat' }).first()
      expect(annat).to.include({ still_flagged: false, outcome: 'corrected' })
      expect(await auditCount('quality.record_flags')).to.equal(2)
      const html = decodeHtml((await evaluator.agent.get(`${PAGE}?${QUERY}`).expect(200)).text)
      expect(html).to.contain('Sparade flaggor som inte längre hittas')
    })
  })

  describe('who may do what', () => {
    it('the auditor and the administrator read but cannot record; a municipality user is refused', async () => {
      for (const role of ['auditor', 'admin'] as const) {
        const reader = await signIn(app, await createTestUser(knex, { role }))
        const html = (await reader.agent.get(`${PAGE}?${QUERY}`).expect(200)).text
        expect(html).not.to.contain('Spara flaggorna')
        await reader.agent.get(`${PAGE}/contacts.csv?${QUERY}`).expect(200)
        await reader.agent
          .post(`${PAGE}/flags`)
          .type('form')
          .send({ _csrf: await reader.csrf(), from: '2022', to: '2023' })
          .expect(403)
      }
      const municipality = await signIn(
        app,
        await createTestUser(knex, { role: 'municipality', municipalityCode: '0114' }),
      )
      await municipality.agent.get(`${PAGE}?${QUERY}`).expect(403)
      await municipality.agent.get(`${PAGE}/contacts.csv?${QUERY}`).expect(403)
    })

    it('a POST without the CSRF token is refused', async () => {
      await evaluator.agent.post(`${PAGE}/flags`).type('form').send({ from: '2022', to: '2023' }).expect(403)
    })

    it('bad parameters are a 400 naming the value; an unknown programme a 404', async () => {
      const bad = async (query: string, text: string) => {
        const res = await evaluator.agent.get(`${PAGE}?${query}`).expect(400)
        expect(decodeHtml(res.text)).to.contain(text)
      }
      await bad('from=2021&to=2023', 'två enkätomgångar i rad')
      await bad('threshold=abc', 'Tröskeln ”abc”')
      await bad('threshold=0', 'Tröskeln ”0”')
      await bad('sample=-1', 'Stickprovets storlek ”-1”')
      await bad('seed=x', 'Startvärdet ”x”')
      await evaluator.agent.get('/programmes/nope/quality').expect(404)
    })
  })
})
