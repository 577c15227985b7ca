// The import service's dry run (the web's preview) and its in-transaction step (the web's confirm): a dry run checks
// and counts exactly as the import does and writes nothing; the step commits or rolls back with the import.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect } from 'chai'
import type { Knex } from 'knex'
import { importService, type ImportService } from '../../../app/services/importService.ts'
import { resetData, testKnex } from '../../helpers/testDatabase.ts'
import { LEDGER_HEADER, PROGRAMME, RESPONSE_HEADER, writeCounts } from './helpers.ts'

describe('importService: dry run and in-transaction step', function () {
  this.timeout(60_000)
  let knex: Knex
  let service: ImportService
  let dir: string
  let counter = 0
  const write = (lines: string[]) => {
    const file = path.join(dir, `file-${++counter}.csv`)
    fs.writeFileSync(file, lines.join('\n') + '\n')
    return file
  }
  const ledgerLine = (i: number) => `${PROGRAMME},2022,0114,payout,${1000 + i},2022-03-01,P-${i}`

  before(async () => {
    knex = await testKnex()
    service = importService(knex)
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stimulans-dryrun-'))
  })
  after(() => fs.rmSync(dir, { recursive: true, force: true }))
  beforeEach(async () => resetData(knex))

  it('counts new and unchanged rows, lists the first new ones by line, and writes nothing', async () => {
    await service.importLedger(write([LEDGER_HEADER, ledgerLine(0), ledgerLine(1)]), { actor: 'cli' })
    const before = await writeCounts(knex)
    const file = write([LEDGER_HEADER, ...Array.from({ length: 30 }, (_, i) => ledgerLine(i))])
    const result = await service.importLedger(file, { actor: 'web', dryRun: true, previewLimit: 5 })
    expect(result).to.deep.include({ ok: true, rowCount: 30, writtenCount: 0, unchangedCount: 2, importId: null })
    expect(result.preview).to.deep.include({ newCount: 28, unchangedCount: 2 })
    expect(result.preview!.rows.map(row => [row.line, row.kind === 'ledger' && row.reference])).to.deep.equal([
      [4, 'P-2'],
      [5, 'P-3'],
      [6, 'P-4'],
      [7, 'P-5'],
      [8, 'P-6'],
    ])
    expect(result.preview!.rows[0]).to.deep.include({
      programmeCode: PROGRAMME,
      municipality: 'Upplands Väsby',
      amountOre: 100_200,
      date: '2022-03-01',
    })
    expect(await writeCounts(knex)).to.deep.equal(before)
    // the real import of the same file writes what the dry run counted
    const real = await service.importLedger(file, { actor: 'web' })
    expect(real).to.include({ writtenCount: 28, unchangedCount: 2 })
    expect(real.preview).to.equal(undefined)
  })

  it('reports the same problems as the import and has no preview', async () => {
    const file = write([LEDGER_HEADER, ledgerLine(0), `${PROGRAMME},2022,0114,payout,x,2022-03-01,P-9`])
    const dry = await service.importLedger(file, { actor: 'web', dryRun: true })
    const real = await service.importLedger(file, { actor: 'web' })
    expect(dry).to.deep.equal(real)
    expect(dry.preview).to.equal(undefined)
    expect(await writeCounts(knex)).to.deep.include({ ledger: 0, imports: 0, audit: 0 })
  })

  it('previews a changed response as its next version', async () => {
    const answer = (spent: number) =>
      `${PROGRAMME},2022,0114,2023-02-01,1000000,${spent},${1000000 - spent},,kvalitet,hsl,,,,,,,`
    await service.importResponses(write([RESPONSE_HEADER, answer(1000000)]), { actor: 'cli' })
    const result = await service.importResponses(write([RESPONSE_HEADER, answer(900000)]), {
      actor: 'web',
      dryRun: true,
    })
    expect(result.preview!.rows).to.deep.equal([
      {
        kind: 'responses',
        line: 2,
        programmeCode: PROGRAMME,
        programmeYear: 2022,
        surveyRound: 2023,
        municipalityCode: '0114',
        municipality: 'Upplands Väsby',
        version: 2,
        submittedOn: '2023-02-01',
        requisitionedOre: 100_000_000,
        spentOre: 90_000_000,
        remainingOre: 10_000_000,
      },
    ])
    expect(await writeCounts(knex)).to.deep.include({ responses: 1, imports: 1, audit: 1 })
  })

  it('commits the caller’s step with the import, and rolls the import back when the step fails', async () => {
    const file = write([LEDGER_HEADER, ledgerLine(0)])
    const failed = await service
      .importLedger(file, {
        actor: 'web',
        inTransaction: async () => {
          throw new Error('consumed elsewhere')
        },
      })
      .then(
        () => undefined,
        (error: Error) => error.message,
      )
    expect(failed).to.equal('consumed elsewhere')
    expect(await writeCounts(knex)).to.deep.include({ ledger: 0, imports: 0, audit: 0 })

    let ran = 0
    const result = await service.importLedger(file, { actor: 'web', inTransaction: async () => void ran++ })
    expect(result.writtenCount).to.equal(1)
    // a no-op still runs the step (and commits it)
    const again = await service.importLedger(file, { actor: 'web', inTransaction: async () => void ran++ })
    expect(again.writtenCount).to.equal(0)
    expect(ran).to.equal(2)
  })
})
