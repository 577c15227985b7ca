// Users for the route tests and a signed-in supertest agent. Every user gets a fresh generated password.
import type { Express } from 'express'
import type { Knex } from 'knex'
import request from 'supertest'
import type { Role } from '../../app/auth/roles.ts'
import { generatePassword, userService } from '../../app/services/userService.ts'

let counter = 0

export interface TestUser {
  id: number
  email: string
  password: string
  role: Role
  municipalityCode: string | null
}

export async function createTestUser(
  knex: Knex,
  options: { role: Role; municipalityCode?: string; email?: string },
): Promise<TestUser> {
  const password = generatePassword()
  const email = options.email ?? `${options.role}-${process.pid}-${++counter}@test.example`
  const { user } = await userService(knex).addUser(
    { email, role: options.role, municipalityCode: options.municipalityCode, password, name: `Test ${options.role}` },
    'test',
  )
  return { id: user.id, email, password, role: user.role, municipalityCode: user.municipalityCode }
}

/** The CSRF token a page carries in <meta name="csrf-token">. */
export function csrfTokenOf(html: string): string {
  const match = /<meta name="csrf-token" content="([^"]+)">/.exec(html)
  if (!match) throw new Error('the page has no csrf-token meta tag')
  return match[1]
}

export interface SignedIn {
  agent: ReturnType<typeof request.agent>
  /** a valid CSRF token for this session, for POSTs */
  csrf: () => Promise<string>
}

/** Signs in through the real form (GET /login for the token, POST /login) and returns the agent. */
export async function signIn(app: Express, credentials: { email: string; password: string }): Promise<SignedIn> {
  const agent = request.agent(app)
  const form = await agent.get('/login').expect(200)
  const response = await agent
    .post('/login')
    .type('form')
    .send({ email: credentials.email, password: credentials.password, _csrf: csrfTokenOf(form.text) })
  if (response.status !== 303) throw new Error(`sign-in failed with ${response.status}`)
  return {
    agent,
    csrf: async () => csrfTokenOf((await agent.get('/login').redirects(3)).text),
  }
}
