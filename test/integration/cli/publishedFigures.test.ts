// The demo data, loaded and reported through the same code as the command line, reproduces the
// figures Socialstyrelsen published in 2023 (tables 34–37 and goal fulfilment; seeds/reference/published-2023.json).
import { expect } from 'chai'
import type { Knex } from 'knex'
import { readPublishedFigures } from '../../../seeds/reference/index.ts'
import { cli } from '../../helpers/cli.ts'
import { resetData, testKnex } from '../../helpers/testDatabase.ts'

const published = readPublishedFigures()
const PROGRAMME = 'aldreomsorg-2020-2022'

interface DistributionJson {
  rounds: { survey_round: number; programme_year: number; n: number; options: { code: string; pct: number | null }[] }[]
}

describe('demo data against the published figures', function () {
  this.timeout(120_000)
  let knex: Knex

  before(async () => {
    knex = await testKnex()
    await resetData(knex)
    const seeded = await cli(knex, 'db', 'seed-demo')
    expect(seeded.code, seeded.stderr).to.equal(0)
  })

  it('report summary for programme year 2022 equals table 34', async () => {
    const run = await cli(knex, 'report', 'summary', '--programme', PROGRAMME, '--year', '2022', '--json')
    expect(run.code, run.stderr).to.equal(0)
    const summary = JSON.parse(run.stdout)
    const table34 = published.table34_survey_2023
    expect(summary.programme_year).to.equal(2022)
    expect(summary.survey_round).to.equal(2023)
    expect(summary.survey).to.deep.equal({
      respondents: table34.municipalities_surveyed_total,
      municipalities_requisitioned: table34.municipalities_requisitioned,
      municipalities_used_funds: table34.municipalities_used_funds,
      requisitioned_sek: table34.requisitioned_sek,
      spent_sek: table34.spent_sek,
      remaining_sek: table34.remaining_sek,
      partially_spent_municipalities: table34.partially_spent_municipalities,
      partially_spent_reason_counts: table34.partially_spent_reason_counts,
    })
    expect(table34.municipalities_surveyed_total - table34.municipalities_requisitioned).to.equal(
      table34.municipalities_not_requisitioned,
    )
  })

  it('the ledger side of 2022: allocations equal the requisitionable 167.1 MSEK, direct grants 15 MSEK', async () => {
    const run = await cli(knex, 'report', 'summary', '--programme', PROGRAMME, '--year', '2022', '--json')
    const { ledger } = JSON.parse(run.stdout)
    expect(ledger.allocated_sek).to.equal(published.programme.year_2022.requisitionable_from_kammarkollegiet_sek)
    expect(ledger.direct_grant_sek).to.equal(15_000_000)
    expect(ledger.paid_sek).to.be.at.most(ledger.allocated_sek)
  })

  const tables = [
    ['purposes', published.table35_purposes_pct],
    ['areas', published.table36_areas_pct],
    ['usage_areas', published.table37_usage_areas_pct],
  ] as const

  for (const [dimension, table] of tables) {
    it(`report distribution ${dimension} equals the published shares for every option and round`, async () => {
      const run = await cli(
        knex,
        'report',
        'distribution',
        '--programme',
        PROGRAMME,
        '--dimension',
        dimension,
        '--json',
      )
      expect(run.code, run.stderr).to.equal(0)
      const report: DistributionJson = JSON.parse(run.stdout)
      expect(report.rounds.map(r => r.survey_round)).to.deep.equal(published.columns)
      expect(report.rounds.map(r => r.programme_year)).to.deep.equal(published.columns.map(round => round - 1))
      expect(report.rounds.map(r => r.n)).to.deep.equal(published.columns.map(round => published.n[String(round)]))
      const actual = Object.fromEntries(
        report.rounds[0].options.map(o => [
          o.code,
          report.rounds.map(r => r.options.find(x => x.code === o.code)?.pct),
        ]),
      )
      expect(actual).to.deep.equal(table)
    })
  }

  it('goal fulfilment in survey round 2023 is 66 / 34 / 0 %', async () => {
    const run = await cli(
      knex,
      'report',
      'distribution',
      '--programme',
      PROGRAMME,
      '--dimension',
      'goal_fulfilment',
      '--json',
    )
    const report: DistributionJson = JSON.parse(run.stdout)
    const round2023 = report.rounds.find(r => r.survey_round === 2023)
    expect(Object.fromEntries(round2023!.options.map(o => [o.code, o.pct]))).to.deep.equal(
      published.goal_fulfilment_pct_survey_2023,
    )
  })

  it('options not offered in a round are null, not 0 %', async () => {
    const run = await cli(
      knex,
      'report',
      'distribution',
      '--programme',
      PROGRAMME,
      '--dimension',
      'usage_areas',
      '--json',
    )
    const report = JSON.parse(run.stdout)
    const medicinskap2021 = report.rounds[0].options.find((o: { code: string }) => o.code === 'medicinskap')
    expect(medicinskap2021).to.deep.equal({ code: 'medicinskap', count: null, offered_to: null, pct: null })
  })

  it('the reconciliation shows every issue code as a status, and most municipalities ok', async () => {
    const statuses = new Set<string>()
    let ok = 0
    let rows = 0
    for (const year of ['2020', '2021', '2022']) {
      const run = await cli(knex, 'report', 'reconciliation', '--programme', PROGRAMME, '--year', year, '--json')
      expect(run.code, run.stderr).to.equal(0)
      const report = JSON.parse(run.stdout)
      for (const status of Object.keys(report.counts_by_status)) statuses.add(status)
      ok += report.counts_by_status.ok ?? 0
      rows += report.rows.length
    }
    expect([...statuses].sort()).to.deep.equal(
      [
        'amount_mismatch',
        'inconsistent_remaining',
        'missing_response',
        'ok',
        'over_allocation',
        'overspent',
        'payout_mismatch',
        'response_without_payout',
      ].sort(),
    )
    expect(ok / rows).to.be.greaterThan(0.8)
  })

  it('seeding the demo again changes nothing', async () => {
    const count = async () => ({
      ledger: (await knex('ledger_entries').count<{ count: string }[]>('* as count'))[0].count,
      responses: (await knex('survey_responses').count<{ count: string }[]>('* as count'))[0].count,
      audit: (await knex('audit_log').count<{ count: string }[]>('* as count'))[0].count,
    })
    const before = await count()
    const run = await cli(knex, 'db', 'seed-demo')
    expect(run.code, run.stderr).to.equal(0)
    expect(await count()).to.deep.equal(before)
  })
})
