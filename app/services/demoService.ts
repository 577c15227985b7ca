// `db seed-demo`: writes the demo CSV files and loads them through the same imports as any user's file.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Knex } from 'knex'
import type { ImportResult, ImportService } from './importService.ts'
import type { UserService } from './userService.ts'
import type { Role } from '../auth/roles.ts'
import { writeDemoFiles } from '../../seeds/demo/index.ts'

export interface DemoResult {
  ledger: ImportResult
  responses: ImportResult
  /** the approximate demo population of programme years 2020–2022 (seeds/reference/SOURCES.md): size groups work */
  population: ImportResult
  /** demo users added by this run (none the second time) */
  usersAdded: number
}

/** One user per role, for trying the app; README.md lists them. Never created outside the demo data. */
export const DEMO_USERS: { email: string; name: string; role: Role; municipalityCode?: string; password: string }[] = [
  {
    email: 'admin@demo.stimulans.se',
    name: 'Alva Administratör',
    role: 'admin',
    password: 'Kammarkollegiet-demo-2026',
  },
  {
    email: 'utvarderare@demo.stimulans.se',
    name: 'Ebbe Utvärderare',
    role: 'evaluator',
    password: 'Socialstyrelsen-demo-2026',
  },
  {
    email: 'kommun@demo.stimulans.se',
    name: 'Kim Kommun',
    role: 'municipality',
    municipalityCode: '0114',
    password: 'Upplands-Vasby-demo-2026',
  },
  { email: 'granskare@demo.stimulans.se', name: 'Gun Granskare', role: 'auditor', password: 'Granskning-demo-2026' },
]

export function demoService(knex: Knex, imports: ImportService, users: UserService) {
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
        const population = await imports.importPopulation(files.populationPath, {
          actor,
          fileName: 'demo-population.csv',
        })
        if (!population.ok) {
          throw new Error(`demo population did not import: ${JSON.stringify(population.problems.slice(0, 5))}`)
        }
        let usersAdded = 0
        const existing = new Set((await users.listUsers()).map(user => user.email))
        for (const user of DEMO_USERS.filter(u => !existing.has(u.email))) {
          await users.addUser(user, actor)
          usersAdded++
        }
        return { ledger, responses, population, usersAdded }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}

export type DemoService = ReturnType<typeof demoService>
