// `db seed-demo`: writes the demo CSV files and loads them through the same imports as any user's file.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Knex } from 'knex'
import type { ImportResult, ImportService } from './importService.ts'
import { writeDemoFiles } from '../../seeds/demo/index.ts'

export interface DemoResult {
  ledger: ImportResult
  responses: ImportResult
}

export function demoService(knex: Knex, imports: ImportService) {
  return {
    /** True when the database holds neither ledger entries nor responses (a fresh install). */
    async isEmpty(): Promise<boolean> {
      const ledger = await knex('ledger_entries').first('id')
      const responses = await knex('survey_responses').first('id')
      return !ledger && !responses
    },

    /** Loads the demo data; a second run changes nothing, since both imports are idempotent. */
    async seedDemo(actor: string): Promise<DemoResult> {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stimulans-demo-'))
      try {
        const files = await writeDemoFiles(dir)
        const ledger = await imports.importLedger(files.ledgerPath, { actor, fileName: 'demo-ledger.csv' })
        if (!ledger.ok) throw new Error(`demo ledger did not import: ${JSON.stringify(ledger.problems.slice(0, 5))}`)
        const responses = await imports.importResponses(files.responsesPath, { actor, fileName: 'demo-responses.csv' })
        if (!responses.ok) {
          throw new Error(`demo responses did not import: ${JSON.stringify(responses.problems.slice(0, 5))}`)
        }
        return { ledger, responses }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}

export type DemoService = ReturnType<typeof demoService>
