// `import population FILE` and the size groups built from it: all or nothing, problems as `line N: column: …`,
// the same file twice writes nothing, a revised figure replaces the stored one; the evaluator's stored bounds (with
// an audit row) and `?bounds=` on the pages and the API.
import { expect } from 'chai'
import type { Express } from 'express'
import type { Knex } from 'knex'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { appWithAllRoutes } from '../../helpers/appWithAllRoutes.ts'
import { cli } from '../../helpers/cli.ts'
import { createTestUser, signIn, type SignedIn } from '../../helpers/session.ts'
import { resetData, testKnex } from '../../helpers/testDatabase.ts'
import { loadQualityFixtures, PROGRAMME, writeCsv } from './fixtures.ts'
import { decodeHtml } from './helpers.ts'

describe('population and size groups', function () {
  this.timeout(60_000)
  let knex: Knex
  let dir: string

  const count = async (table: string, where: Record<string, unknown> = {}) =>
    Number((await knex(table).where(where).count<{ count: string }[]>('* as count'))[0].count)

  before(async () => {
    knex = await testKnex()
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stimulans-population-'))
  })
  after(async () => {
    fs.rmSync(dir, { recursive: true, force: true })
    await resetData(knex)
  })

  describe('import population FILE', () => {
    beforeEach(async () => resetData(knex))

    it('imports, and the same file again writes nothing (no imports row, no audit row)', async () => {
      const file = writeCsv(dir, 'scb.csv', [
        'municipality_code;year;population',
        '0114;2022;"50 550"',
        '114;2021;49000',
        '2584;2022;22000',
      ])
      const first = await cli(knex, 'import', 'population', file)
      expect(first.code, first.stderr).to.equal(0)
      expect(first.stdout).to.equal('3 rows read: 3 written, 0 already there. 1 warning(s).')
      expect(first.stderr).to.equal('line 3: municipality_code: 114 read as 0114')
      expect(
        await knex('population')
          .orderBy(['municipality_code', 'year'])
          .select('municipality_code', 'year', 'population'),
      ).to.deep.equal([
        { municipality_code: '0114', year: 2021, population: 49000 },
        { municipality_code: '0114', year: 2022, population: 50550 },
        { municipality_code: '2584', year: 2022, population: 22000 },
      ])
      expect(await count('imports', { kind: 'population' })).to.equal(1)
      expect(await count('audit_log', { action: 'import.population' })).to.equal(1)

      const second = await cli(knex, 'import', 'population', file)
      expect(second.code).to.equal(0)
      expect(second.stdout).to.contain('0 written, 3 already there')
      expect(await count('imports', { kind: 'population' })).to.equal(1)
      expect(await count('audit_log', { action: 'import.population' })).to.equal(1)
    })

    it('a revised figure replaces the stored one', async () => {
      await cli(
        knex,
        'import',
        'population',
        writeCsv(dir, 'a.csv', ['municipality_code,year,population', '0114,2022,50000']),
      )
      const run = await cli(
        knex,
        'import',
        'population',
        writeCsv(dir, 'b.csv', ['municipality_code,year,population', '0114,2022,50550', '0115,2022,33000']),
      )
      expect(run.stdout).to.equal('2 rows read: 2 written, 0 already there.')
      expect((await knex('population').where({ municipality_code: '0114', year: 2022 }).first()).population).to.equal(
        50550,
      )
    })

    it('a file with any bad row writes nothing and names each problem by line and column', async () => {
      const run = await cli(
        knex,
        'import',
        'population',
        writeCsv(dir, 'bad.csv', [
          'municipality_code,year,population',
          '0114,2022,50550',
          '9999,2022,100',
          '0115,22,33000',
          '0117,2022,"12,5"',
          '0114,2022,50551',
        ]),
      )
      expect(run.code).to.equal(1)
      expect(run.stderr.split('\n')).to.deep.equal([
        'line 3: municipality_code: unknown municipality code "9999"',
        'line 4: year: "22" is not a year (YYYY)',
        'line 5: population: "12,5" is not a whole number of inhabitants',
        'line 6: municipality_code: 0114 already has a population for 2022 on line 2',
        '4 problem(s); nothing was written.',
      ])
      expect(await count('population')).to.equal(0)
      expect(await count('imports')).to.equal(0)
    })

    it('a missing column is a problem on line 1; a missing file exits 1; no file is wrong usage', async () => {
      const header = await cli(
        knex,
        'import',
        'population',
        writeCsv(dir, 'h.csv', ['municipality_code,year', '0114,2022']),
      )
      expect(header.code).to.equal(1)
      expect(header.stderr).to.contain('line 1: population: missing column')
      expect((await cli(knex, 'import', 'population', path.join(dir, 'nope.csv'))).code).to.equal(1)
      expect((await cli(knex, 'import', 'population')).code).to.equal(2)
    })
  })

  describe('size groups on the pages and the API', () => {
    let app: Express
    let evaluator: SignedIn

    before(async () => {
      await resetData(knex)
      await loadQualityFixtures(knex)
      app = appWithAllRoutes(knex)
      evaluator = await signIn(app, await createTestUser(knex, { role: 'evaluator' }))
    })

    const groupsOf = async (query = '') => {
      const res = await evaluator.agent
        .get(`/api/v1/programmes/${PROGRAMME}/years/2022/summary?by=size_group${query}`)
        .expect(200)
      const json = JSON.parse(res.text) as {
        size_group_bounds: number[]
        groups: { code: string; municipalities: number; survey: { respondents: number } }[]
      }
      return json
    }

    it('sorts the respondents by their population of the programme year; without a figure: unknown', async () => {
      const json = await groupsOf()
      expect(json.size_group_bounds).to.deep.equal([10000, 20000, 50000, 100000])
      expect(json.groups.map(g => [g.code, g.survey.respondents])).to.deep.equal([
        ['0-9999', 1], // 0115 9 500
        ['10000-19999', 1], // 0117 12 000
        ['20000-49999', 1], // 0114 48 500
        ['50000-99999', 0],
        ['100000-', 1], // 0120 105 000
        ['unknown', 1], // 0125 has no figure
      ])
      expect(json.groups.reduce((sum, g) => sum + g.municipalities, 0)).to.equal(290)
    })

    it('the command line prints the breakdowns as tables, and refuses a wrong --by or --bounds (exit 2)', async () => {
      const summary = await cli(knex, 'report', 'summary', '--programme', PROGRAMME, '--year', '2022', '--by', 'county')
      expect(summary.code, summary.stderr).to.equal(0)
      expect(summary.stdout).to.contain('by county')
      expect(summary.stdout).to.match(/Stockholms län\s+26\s+5\s+5\s/)
      const shares = await cli(
        knex,
        'report',
        'distribution',
        '--programme',
        PROGRAMME,
        '--dimension',
        'purposes',
        '--by',
        'size_group',
        '--bounds',
        '10000,50000',
      )
      expect(shares.code, shares.stderr).to.equal(0)
      expect(shares.stdout).to.contain('purposes in survey round 2023, by size_group')
      expect(shares.stdout).to.contain('10000-49999 (n=2) %')
      for (const args of [
        ['--by', 'colour'],
        ['--bounds', '10000'],
        ['--by', 'county', '--bounds', '10000'],
        ['--by', 'size_group', '--bounds', '5,1'],
      ]) {
        const run = await cli(knex, 'report', 'distribution', '--programme', PROGRAMME, '--dimension', 'areas', ...args)
        expect(run.code, args.join(' ')).to.equal(2)
      }
    })

    it('?bounds= chooses other groups for one request', async () => {
      const json = await groupsOf('&bounds=10000,50000')
      expect(json.size_group_bounds).to.deep.equal([10000, 50000])
      expect(json.groups.map(g => [g.code, g.survey.respondents])).to.deep.equal([
        ['0-9999', 1],
        ['10000-49999', 2],
        ['50000-', 1],
        ['unknown', 1],
      ])
      const page = decodeHtml(
        (
          await evaluator.agent
            .get(`/programmes/${PROGRAMME}/distributions/purposes?by=size_group&bounds=10000,50000`)
            .expect(200)
        ).text,
      )
      expect(page).to.contain('10\u00a0000–49\u00a0999')
      expect(page).to.contain('value="10000,50000"')
    })

    it('the evaluator stores bounds (audited once); they apply until changed; a bad list is refused', async () => {
      const post = async (agent: SignedIn, bounds: string) =>
        agent.agent
          .post('/analysis/size-groups')
          .type('form')
          .send({ _csrf: await agent.csrf(), bounds })
      const bad = await post(evaluator, '30000, 10000')
      expect(bad.status).to.equal(400)
      expect(decodeHtml(bad.text)).to.contain('the bounds must be in ascending order')
      expect(await count('size_group_settings')).to.equal(0)

      const saved = await post(evaluator, '10 000, 30 000')
      expect(saved.status).to.equal(303)
      expect(saved.headers.location).to.equal('/analysis/size-groups?saved=1')
      expect((await knex('size_group_settings').first()).bounds).to.deep.equal([10000, 30000])
      const audit = await knex('audit_log').where({ action: 'analysis.size_group_bounds' })
      expect(audit).to.have.length(1)
      expect(audit[0].before).to.deep.equal({ bounds: [10000, 20000, 50000, 100000], source: 'published' })
      expect(audit[0].after).to.deep.equal({ bounds: [10000, 30000] })
      expect((await groupsOf()).size_group_bounds).to.deep.equal([10000, 30000])

      await post(evaluator, '10000,30000')
      expect(await count('audit_log', { action: 'analysis.size_group_bounds' })).to.equal(1)

      const page = decodeHtml((await evaluator.agent.get('/analysis/size-groups?saved=1').expect(200)).text)
      expect(page).to.contain('Gränserna är sparade.')
      expect(page).to.contain('10\u00a0000, 30\u00a0000')

      const admin = await signIn(app, await createTestUser(knex, { role: 'admin' }))
      expect((await post(admin, '5000')).status).to.equal(403)
      const adminPage = decodeHtml((await admin.agent.get('/analysis/size-groups').expect(200)).text)
      expect(adminPage).to.contain('Bara en utvärderare kan ändra gränserna.')
      expect(adminPage).not.to.contain('name="bounds"')
    })
  })
})
