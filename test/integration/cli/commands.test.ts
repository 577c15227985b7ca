// The command line's contract: exit codes, the lines it prints, JSON alone on standard output.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect } from 'chai'
import type { Knex } from 'knex'
import { cli } from '../../helpers/cli.ts'
import { resetData, testKnex } from '../../helpers/testDatabase.ts'

const LEDGER_HEADER = 'programme_code,programme_year,municipality_code,type,amount_sek,date,reference'
const RESPONSE_HEADER =
  'programme_code,programme_year,municipality_code,submitted_on,requisitioned_sek,spent_sek,remaining_sek,unspent_reasons,purposes,areas,usage_areas,goal_fulfilment,other_reason,other_purpose,other_area,other_usage,comment'

describe('command line', () => {
  let knex: Knex
  let dir: string
  const write = (name: string, lines: string[]) => {
    const file = path.join(dir, name)
    fs.writeFileSync(file, lines.join('\n') + '\n')
    return file
  }

  before(async () => {
    knex = await testKnex()
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stimulans-cli-'))
  })
  after(() => fs.rmSync(dir, { recursive: true, force: true }))
  beforeEach(async () => resetData(knex))

  it('db setup is safe to run twice', async () => {
    const first = await cli(knex, 'db', 'setup')
    const second = await cli(knex, 'db', 'setup')
    expect([first.code, second.code]).to.deep.equal([0, 0])
    expect(second.stdout).to.contain('unchanged')
  })

  it('exits 2 on wrong usage: unknown command, missing option, bad dimension, unknown flag', async () => {
    for (const argv of [
      ['frobnicate'],
      ['report', 'summary', '--year', '2022'],
      ['report', 'summary', '--programme', 'aldreomsorg-2020-2022', '--year', '22'],
      ['report', 'distribution', '--programme', 'aldreomsorg-2020-2022', '--dimension', 'colours'],
      ['report', 'reconciliation', '--programme', 'aldreomsorg-2020-2022', '--year', '2022', '--tolerance', '-5'],
      ['report', 'summary', '--programme', 'x', '--year', '2022', '--verbose'],
      ['import', 'ledger'],
    ]) {
      const run = await cli(knex, ...argv)
      expect(run.code, argv.join(' ')).to.equal(2)
      expect(run.stdout, argv.join(' ')).to.equal('')
      expect(run.stderr).to.contain('Usage')
    }
  })

  it('exits 1 on an unknown programme or year, and on a file that is not there', async () => {
    const unknown = await cli(knex, 'report', 'summary', '--programme', 'nope', '--year', '2022', '--json')
    expect(unknown.code).to.equal(1)
    expect(unknown.stdout).to.equal('')
    expect(unknown.stderr).to.contain('nope')
    const year = await cli(knex, 'report', 'reconciliation', '--programme', 'aldreomsorg-2020-2022', '--year', '2019')
    expect(year.code).to.equal(1)
    const missing = await cli(knex, 'import', 'ledger', path.join(dir, 'missing.csv'))
    expect(missing.code).to.equal(1)
  })

  it('imports a ledger and reports it: summary and reconciliation JSON with tolerance', async () => {
    const ledger = write('ledger.csv', [
      LEDGER_HEADER,
      'aldreomsorg-2020-2022,2022,0114,allocation,1000000,2022-01-15,A-0114',
      'aldreomsorg-2020-2022,2022,0114,requisition,1000000,2022-03-01,R-0114',
      'aldreomsorg-2020-2022,2022,0114,payout,1000000,2022-03-20,P-0114',
      'aldreomsorg-2020-2022,2022,0115,allocation,500000,2022-01-15,A-0115',
      'aldreomsorg-2020-2022,2022,0115,requisition,400000,2022-03-01,R-0115',
      'aldreomsorg-2020-2022,2022,0115,payout,400000,2022-03-20,P-0115',
      'aldreomsorg-2020-2022,2022,0115,repayment,"20 000,50",2023-05-02,B-0115',
    ])
    const responses = write('responses.csv', [
      RESPONSE_HEADER,
      'aldreomsorg-2020-2022,2022,0114,2023-02-01,1000000,1000000,0,,kvalitet,hsl,appar,hog,,,,,',
      'aldreomsorg-2020-2022,2022,0115,2023-02-02,400100,300000,100100,tidsbrist,kvalitet|arbetsmiljo,hsl,appar,viss,,,,,"Kommentar, med komma"',
    ])
    expect((await cli(knex, 'import', 'ledger', ledger)).code).to.equal(0)
    const imported = await cli(knex, 'import', 'responses', responses)
    expect(imported.code, imported.stderr).to.equal(0)

    const summary = await cli(
      knex,
      'report',
      'summary',
      '--programme',
      'aldreomsorg-2020-2022',
      '--year',
      '2022',
      '--json',
    )
    expect(summary.code).to.equal(0)
    expect(JSON.parse(summary.stdout)).to.deep.equal({
      programme: 'aldreomsorg-2020-2022',
      programme_year: 2022,
      survey_round: 2023,
      survey: {
        respondents: 2,
        municipalities_requisitioned: 2,
        municipalities_used_funds: 2,
        requisitioned_sek: 1400100,
        spent_sek: 1300000,
        remaining_sek: 100100,
        partially_spent_municipalities: 1,
        partially_spent_reason_counts: { tidsbrist: 1, personalbrist: 0, annat: 0 },
      },
      ledger: {
        allocated_sek: 1500000,
        requisitioned_sek: 1400000,
        paid_sek: 1400000,
        direct_grant_sek: 0,
        repaid_sek: 20000.5,
        municipalities_paid: 2,
      },
    })
    expect(summary.stdout).to.contain('"repaid_sek": 20000.50')

    const strict = await cli(
      knex,
      'report',
      'reconciliation',
      '--programme',
      'aldreomsorg-2020-2022',
      '--year',
      '2022',
      '--json',
    )
    const strictReport = JSON.parse(strict.stdout)
    expect(strictReport.tolerance_sek).to.equal(0)
    expect(strictReport.rows.map((r: { status: string }) => r.status)).to.deep.equal(['ok', 'amount_mismatch'])
    expect(strictReport.rows[1]).to.include({
      municipality_code: '0115',
      municipality: 'Vallentuna',
      difference_sek: 100,
      to_reclaim_sek: 80099.5,
    })
    expect(strictReport.counts_by_status).to.deep.equal({ ok: 1, amount_mismatch: 1 })

    const tolerant = await cli(
      knex,
      'report',
      'reconciliation',
      '--programme',
      'aldreomsorg-2020-2022',
      '--year',
      '2022',
      '--tolerance',
      '100',
      '--json',
    )
    const tolerantReport = JSON.parse(tolerant.stdout)
    expect(tolerantReport.tolerance_sek).to.equal(100)
    expect(tolerantReport.counts_by_status).to.deep.equal({ ok: 2 })
  })

  it('without --json prints readable tables', async () => {
    const responses = write('readable.csv', [
      RESPONSE_HEADER,
      'aldreomsorg-2020-2022,2022,0114,2023-02-01,1000000,1000000,0,,kvalitet,aldre_ordinart|hsl,appar,hog,,,,,',
    ])
    expect((await cli(knex, 'import', 'responses', responses)).code).to.equal(0)
    const run = await cli(
      knex,
      'report',
      'distribution',
      '--programme',
      'aldreomsorg-2020-2022',
      '--dimension',
      'areas',
    )
    expect(run.code).to.equal(0)
    expect(run.stdout).to.contain('aldre_ordinart')
    expect(() => JSON.parse(run.stdout)).to.throw()
  })

  it('a file with bad rows exits 1, prints one line per problem and writes nothing', async () => {
    const file = write('bad.csv', [
      LEDGER_HEADER,
      'aldreomsorg-2020-2022,2022,0114,allocation,1000000,2022-01-15,A-1',
      'aldreomsorg-2020-2022,2022,9999,allocation,1000000,2022-01-15,A-2',
      'aldreomsorg-2020-2022,2022,0115,gift,1000000,2022-01-15,A-3',
      'aldreomsorg-2020-2022,2022,0115,payout,12.345,2022-02-30,A-4',
    ])
    const run = await cli(knex, 'import', 'ledger', file)
    expect(run.code).to.equal(1)
    const lines = run.stderr.split('\n').filter(line => line.startsWith('line '))
    expect(lines.map(line => line.split(':').slice(0, 2).join(':'))).to.deep.equal([
      'line 3: municipality_code',
      'line 4: type',
      'line 5: amount_sek',
      'line 5: date',
    ])
    const [{ count }] = await knex('ledger_entries').count<{ count: string }[]>('* as count')
    expect(Number(count)).to.equal(0)
  })

  it('pads a 3-digit municipality code with a warning and still imports', async () => {
    const file = write('short-code.csv', [
      LEDGER_HEADER,
      'aldreomsorg-2020-2022,2022,114,allocation,1000,2022-01-15,A-1',
    ])
    const run = await cli(knex, 'import', 'ledger', file)
    expect(run.code).to.equal(0)
    expect(run.stderr).to.contain('line 2: municipality_code: 114 read as 0114')
    expect(await knex('ledger_entries').pluck('municipality_code')).to.deep.equal(['0114'])
  })
})
