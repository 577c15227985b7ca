// The whole web app over the test database, as server.ts builds it; tests may replace single services.
import type { Express } from 'express'
import type { Knex } from 'knex'
import { createApp } from '../../app/app.ts'
import { services as buildServices, type Services } from '../../app/services/index.ts'

export const TEST_SESSION = {
  secret: 'test-session-secret',
  secureCookies: false,
  idleMinutes: 30,
  absoluteHours: 8,
}

export function appWithAllRoutes(
  knex: Knex,
  options: { production?: boolean; services?: Partial<Services>; session?: Partial<typeof TEST_SESSION> } = {},
): Express {
  return createApp(
    { ...buildServices(knex), ...options.services },
    { production: options.production ?? false, knex, session: { ...TEST_SESSION, ...options.session } },
  )
}
