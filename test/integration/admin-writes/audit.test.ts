// The audit page: admin and auditor only; search by actor, action (or group of actions), entity, entity id, UTC
// date range and text in the values; 50 rows a page, newest first; the same search as CSV; reading it writes nothing.
import { expect } from 'chai'
import type { Express } from 'express'
import type { Knex } from 'knex'
import { appWithAllRoutes } from '../../helpers/appWithAllRoutes.ts'
import { resetData, testKnex } from '../../helpers/testDatabase.ts'
import { decode, signInEveryRole, type Agents } from './helpers.ts'

interface Seed {
  at: string
  actor: string
  action: string
  entity: string
  entityId?: string
  before?: unknown
  after?: unknown
}

const SEEDS: Seed[] = [
  {
    at: '2026-01-01T08:00:00Z',
    actor: 'Anna@Example.org',
    action: 'import.ledger',
    entity: 'imports',
    entityId: '1',
    after: { fileName: 'liggare-jan.csv', writtenCount: 3 },
  },
  {
    at: '2026-01-01T23:59:59Z',
    actor: 'anna@example.org',
    action: 'ledger.entry',
    entity: 'ledger_entries',
    entityId: '7',
    after: { reference: 'KK-100%', amountOre: 500 },
  },
  {
    at: '2026-01-02T00:00:00Z',
    actor: 'bo@example.org',
    action: 'ledger.reversal',
    entity: 'ledger_entries',
    entityId: '7',
    before: { reversedByEntryId: null },
    after: { reversal: { reason: 'Fel kommun' } },
  },
  {
    at: '2026-01-03T12:00:00Z',
    actor: 'bo@example.org',
    action: 'import.responses',
    entity: 'imports',
    entityId: '2',
    after: { fileName: 'svar.xlsx' },
  },
  {
    at: '2026-01-04T09:30:00Z',
    actor: '=cmd|calc',
    action: 'user.add',
    entity: 'users',
    entityId: '3',
    after: { email: 'ny@example.org', role: 'auditor' },
  },
]

describe('audit log page (/audit)', function () {
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
  beforeEach(async () => {
    await resetData(knex)
    await knex('audit_log').insert(
      SEEDS.map(seed => ({
        occurred_at: new Date(seed.at),
        actor: seed.actor,
        action: seed.action,
        entity: seed.entity,
        entity_id: seed.entityId ?? null,
        before: seed.before === undefined ? null : JSON.stringify(seed.before),
        after: seed.after === undefined ? null : JSON.stringify(seed.after),
      })),
    )
  })
  after(async () => resetData(knex))

  /** The actions of the rows the page shows, in order. */
  async function actionsOf(query: string, agent = agents.admin): Promise<string[]> {
    const res = await agent.agent.get(`/audit${query}`).expect(200)
    return [...res.text.matchAll(/<tr id="audit-\d+">[\s\S]*?<td><code>([^<]+)<\/code><\/td>/g)].map(m => m[1])
  }

  it('shows who, when in UTC, what and the values before and after, newest first', async () => {
    const res = await agents.auditor.agent.get('/audit').expect(200)
    const html = decode(res.text)
    expect(await actionsOf('', agents.auditor)).to.deep.equal([
      'user.add',
      'import.responses',
      'ledger.reversal',
      'ledger.entry',
      'import.ledger',
    ])
    expect(html).to.contain('<time datetime="2026-01-02T00:00:00.000Z">2026-01-02T00:00:00Z</time>')
    expect(html).to.contain('<summary>Före</summary>')
    expect(html).to.contain('<pre>{\n  "reversedByEntryId": null\n}</pre>')
    expect(html).to.contain('"reason": "Fel kommun"')
    expect(html).to.contain('<td>bo@example.org</td>')
    expect(res.headers['cache-control']).to.equal('no-store')
  })

  it('filters by part of the actor in any case, by action or its group, by entity and entity id', async () => {
    expect(await actionsOf('?actor=ANNA')).to.deep.equal(['ledger.entry', 'import.ledger'])
    expect(await actionsOf('?action=import')).to.deep.equal(['import.responses', 'import.ledger'])
    expect(await actionsOf('?action=import.ledger')).to.deep.equal(['import.ledger'])
    expect(await actionsOf('?entity=ledger_entries&entity_id=7')).to.deep.equal(['ledger.reversal', 'ledger.entry'])
    expect(await actionsOf('?entity=imports&actor=bo')).to.deep.equal(['import.responses'])
    // the lists of the form come from the log itself
    const html = (await agents.admin.agent.get('/audit?action=import').expect(200)).text
    expect(html).to.contain('<option value="import" selected>import.*</option>')
    expect(html).to.contain('<option value="ledger_entries">ledger_entries</option>')
  })

  it('filters by UTC days, both ends included', async () => {
    expect(await actionsOf('?from=2026-01-01&to=2026-01-01')).to.deep.equal(['ledger.entry', 'import.ledger'])
    expect(await actionsOf('?from=2026-01-02')).to.deep.equal(['user.add', 'import.responses', 'ledger.reversal'])
    expect(await actionsOf('?to=2026-01-02')).to.deep.equal(['ledger.reversal', 'ledger.entry', 'import.ledger'])
  })

  it('finds text in the before and after values, in any case, with % and _ taken literally', async () => {
    expect(await actionsOf('?q=fel%20KOMMUN')).to.deep.equal(['ledger.reversal'])
    expect(await actionsOf(`?q=${encodeURIComponent('KK-100%')}`)).to.deep.equal(['ledger.entry'])
    expect(await actionsOf(`?q=${encodeURIComponent('%')}`)).to.deep.equal(['ledger.entry'])
    expect(await actionsOf('?q=liggare')).to.deep.equal(['import.ledger'])
    const none = decode((await agents.admin.agent.get('/audit?q=finns-inte').expect(200)).text)
    expect(none).to.contain('Inga rader i loggen matchar sökningen.')
  })

  it('names a bad date at the top, linked to its field, and answers 400', async () => {
    const res = await agents.admin.agent.get('/audit?from=2026-02-30&to=igår').expect(400)
    const html = decode(res.text)
    expect(html).to.contain(
      '<a href="#from">Från-datumet ska vara ett riktigt datum i formen ÅÅÅÅ-MM-DD (du skrev ”2026-02-30”)</a>',
    )
    expect(html).to.contain('<a href="#to">Till-datumet ska vara ett riktigt datum')
    expect(html).to.contain('value="igår"')
    const reversed = decode((await agents.admin.agent.get('/audit?from=2026-01-03&to=2026-01-01').expect(400)).text)
    expect(reversed).to.contain('Till-datumet får inte vara före från-datumet')
  })

  it('pages 50 rows at a time, newest first, with links both ways that keep the search', async () => {
    await knex('audit_log').insert(
      Array.from({ length: 115 }, (_, i) => ({
        occurred_at: new Date(Date.UTC(2026, 1, 1, 0, i)),
        actor: 'bulk@example.org',
        action: 'ledger.entry',
        entity: 'ledger_entries',
        entity_id: String(1000 + i),
      })),
    )
    const ids = async (url: string) => {
      const html = decode((await agents.admin.agent.get(url).expect(200)).text)
      const shown = [...html.matchAll(/<tr id="audit-\d+">[\s\S]*?<td>(\d{4})<\/td>/g)].map(m => Number(m[1]))
      const link = (rel: string) => new RegExp(`<a href="([^"]+)" rel="${rel}">`).exec(html)?.[1]
      return { shown, older: link('next'), newer: link('prev') }
    }
    const first = await ids('/audit?actor=bulk')
    expect(first.shown).to.have.length(50)
    expect(first.shown[0]).to.equal(1114)
    expect(first.shown.at(-1)).to.equal(1065)
    expect(first.newer).to.equal(undefined)
    expect(first.older).to.match(/^\/audit\?actor=bulk&older=\d+$/)
    const second = await ids(first.older!)
    expect([second.shown[0], second.shown.at(-1)]).to.deep.equal([1064, 1015])
    const third = await ids(second.older!)
    expect(third.shown).to.have.length(15)
    expect(third.older).to.equal(undefined)
    const back = await ids(third.newer!)
    expect([back.shown[0], back.shown.at(-1)]).to.deep.equal([1064, 1015])
  })

  it('exports the same search as CSV, every value as text and formulas neutralised', async () => {
    const res = await agents.auditor.agent.get('/audit/export.csv?entity=users').expect(200)
    expect(res.headers['content-type']).to.match(/^text\/csv/)
    expect(res.headers['content-disposition']).to.match(/attachment; filename="?audit-log-\d{4}-\d{2}-\d{2}\.csv"?$/)
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
    expect(lines[0]).to.equal('id;occurred_at_utc;actor;action;entity;entity_id;before;after')
    expect(lines).to.have.length(2)
    expect(lines[1]).to.match(/^\d+;2026-01-04T09:30:00\.000Z;'=cmd\|calc;user\.add;users;3;;"\{.*\}"$/)
    // the JSON of the value, its quotes doubled inside the quoted field
    expect(lines[1]).to.contain('""email"":""ny@example.org""').and.to.contain('""role"":""auditor""')
    const all = await agents.admin.agent.get('/audit/export.csv').expect(200)
    expect(all.text.trimEnd().split('\r\n')).to.have.length(1 + SEEDS.length)
  })

  it('answers 403 to the evaluator and a municipality user, on the page and the export', async () => {
    for (const role of ['evaluator', 'municipality'] as const) {
      await agents[role].agent.get('/audit').expect(403)
      await agents[role].agent.get('/audit/export.csv').expect(403)
    }
  })

  it('writes nothing when read', async () => {
    const before = await knex('audit_log').count<{ count: number }[]>('* as count')
    await agents.admin.agent.get('/audit?q=x').expect(200)
    await agents.auditor.agent.get('/audit/export.csv').expect(200)
    expect(await knex('audit_log').count<{ count: number }[]>('* as count')).to.deep.equal(before)
  })
})
