// The administrator's writes under test: one signed-in agent per role, and counts of what the writes touch.
import type { Express } from 'express'
import type { Knex } from 'knex'
import type { Role } from '../../../app/auth/roles.ts'
import { createTestUser, signIn, type SignedIn } from '../../helpers/session.ts'

export const PROGRAMME = 'aldreomsorg-2020-2022'
export const LEDGER_HEADER = 'programme_code,programme_year,municipality_code,type,amount_sek,date,reference'
export const RESPONSE_HEADER =
  'programme_code,programme_year,municipality_code,submitted_on,requisitioned_sek,spent_sek,remaining_sek,' +
  'unspent_reasons,purposes,areas,usage_areas,goal_fulfilment,other_reason,other_purpose,other_area,other_usage,comment'

export type Agents = Record<Role, SignedIn & { email: string }>

export async function signInEveryRole(app: Express, knex: Knex): Promise<Agents> {
  const agents = {} as Agents
  for (const role of ['admin', 'evaluator', 'municipality', 'auditor'] as const) {
    const user = await createTestUser(knex, { role, municipalityCode: role === 'municipality' ? '0114' : undefined })
    agents[role] = { ...(await signIn(app, user)), email: user.email }
  }
  return agents
}

const count = async (knex: Knex, table: string, where: (q: Knex.QueryBuilder) => void = () => {}) => {
  const query = knex(table).count<{ count: string }[]>('* as count')
  where(query)
  return Number((await query)[0].count)
}

/** Rows of the tables the administrator's writes touch; the audit log without sign-ins and sign-outs. */
export async function writeCounts(knex: Knex) {
  return {
    ledger: await count(knex, 'ledger_entries'),
    responses: await count(knex, 'survey_responses'),
    imports: await count(knex, 'imports'),
    pending: await count(knex, 'pending_uploads'),
    audit: await count(knex, 'audit_log', q => q.whereNot('action', 'like', 'auth.%')),
  }
}

/** '1 234 kr' as the pages write it: no-break spaces between the groups and before the unit. */
export const kr = (text: string) => text.replace(/ /g, '\u00a0')

/** The page as a browser reads it: Handlebars writes "=", "`" and "'" as entities. */
export const decode = (html: string) =>
  html
    .replace(/&#x3D;/g, '=')
    .replace(/&#x27;/g, "'")
    .replace(/&#x60;/g, '`')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
