// The municipality area's test data: a small ledger loaded through the import service, the users of every role,
// and a programme year with a requisition deadline in the past (the seeded years have none).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Express } from 'express'
import type { Knex } from 'knex'
import { services } from '../../../app/services/index.ts'
import { createTestUser, signIn, type SignedIn, type TestUser } from '../../helpers/session.ts'

export const PROGRAMME = 'aldreomsorg-2020-2022'
export const DEADLINE_PROGRAMME = 'test-deadline-programme'

/**
 * Programme year 2022: 0114 Upplands Väsby allocated 1 000 000 kr, nothing requisitioned yet; 0115 Vallentuna
 * allocated 500 000, requisitioned and paid 400 000. Programme year 2020: 0114 allocated 300 000.
 */
const LEDGER = [
  'programme_code,programme_year,municipality_code,type,amount_sek,date,reference',
  `${PROGRAMME},2022,0114,allocation,1000000,2022-01-15,A-0114`,
  `${PROGRAMME},2022,0115,allocation,500000,2022-01-15,A-0115`,
  `${PROGRAMME},2022,0115,requisition,400000,2022-03-01,R-0115`,
  `${PROGRAMME},2022,0115,payout,400000,2022-03-20,P-0115`,
  `${PROGRAMME},2020,0114,allocation,300000,2020-01-15,A-0114-2020`,
]

export async function loadLedger(knex: Knex, lines: string[] = LEDGER): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stimulans-municipality-'))
  try {
    const file = path.join(dir, 'ledger.csv')
    fs.writeFileSync(file, lines.join('\n') + '\n')
    const result = await services(knex).imports.importLedger(file, { actor: 'test' })
    if (!result.ok) throw new Error(`ledger fixture did not import: ${JSON.stringify(result.problems)}`)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

export interface Users {
  own: TestUser
  other: TestUser
  admin: TestUser
  evaluator: TestUser
  auditor: TestUser
}

export async function createUsers(knex: Knex): Promise<Users> {
  return {
    own: await createTestUser(knex, { role: 'municipality', municipalityCode: '0114' }),
    other: await createTestUser(knex, { role: 'municipality', municipalityCode: '0115' }),
    admin: await createTestUser(knex, { role: 'admin' }),
    evaluator: await createTestUser(knex, { role: 'evaluator' }),
    auditor: await createTestUser(knex, { role: 'auditor' }),
  }
}

export async function signInAll(app: Express, users: Users): Promise<Record<keyof Users, SignedIn>> {
  const entries = await Promise.all(
    (Object.keys(users) as (keyof Users)[]).map(async name => [name, await signIn(app, users[name])] as const),
  )
  return Object.fromEntries(entries) as Record<keyof Users, SignedIn>
}

/** A programme of its own whose year 2024 closed for requisitions on 30 September 2024. */
export async function createDeadlineProgramme(knex: Knex): Promise<void> {
  const [{ id }] = await knex('programmes')
    .insert({
      code: DEADLINE_PROGRAMME,
      name_sv: 'Testprogram med sista dag',
      name_en: 'Test programme with a deadline',
    })
    .returning('id')
  await knex('programme_years').insert({
    programme_id: id,
    programme_year: 2024,
    budget_ore: 100_000_000,
    requisition_deadline: '2024-09-30',
    report_deadline: '2025-02-06',
  })
}

/** Removes the programme again (after the data tables that refer to it have been emptied). */
export async function dropDeadlineProgramme(knex: Knex): Promise<void> {
  const programme = await knex('programmes').where({ code: DEADLINE_PROGRAMME }).first('id')
  if (!programme) return
  await knex('programme_years').where({ programme_id: programme.id }).delete()
  await knex('programmes').where({ id: programme.id }).delete()
}

/** Handlebars writes "=" and quotes as entities: the page as a browser reads it. */
export function decode(html: string): string {
  const entities: Record<string, string> = {
    amp: '&',
    lt: '<',
    gt: '>',
    quot: '"',
    '#x27': "'",
    '#x3D': '=',
    '#x60': '`',
  }
  return html.replace(/&(amp|lt|gt|quot|#x27|#x3D|#x60);/g, (_, name: string) => entities[name])
}

/** '1 234 kr' as the pages write it: no-break spaces between the groups and before the unit. */
export const kr = (text: string) => text.replace(/ /g, '\u00a0')

export const area = (municipality: string, programme = PROGRAMME, year = 2022) =>
  `/municipalities/${municipality}/programmes/${programme}/years/${year}`
