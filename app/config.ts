// The only reader of process.env: every setting the app knows, with its default.
import path from 'node:path'

const production = process.env.NODE_ENV === 'production'

function get<T>(name: string, fallback: T, options = { requiredInProduction: false }): T | string {
  const value = process.env[name]
  if (value !== undefined && value !== '') return value
  if (production && options.requiredInProduction) {
    throw new Error(`Missing environment variable ${name}`)
  }
  return fallback
}

function int(name: string, fallback: number): number {
  const raw = get(name, String(fallback))
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${raw}"`)
  return n
}

export interface Config {
  production: boolean
  databaseUrl: string | undefined
  dataDir: string
  port: number
  host: string
  logLevel: string
  /** signs the session cookie; required in production */
  sessionSecret: string
  /** Secure cookies: on behind HTTPS (the default in production) */
  secureCookies: boolean
  sessionIdleMinutes: number
  sessionAbsoluteHours: number
  /** how many reverse proxies (HTTPS termination) stand in front: their X-Forwarded-* headers are trusted */
  trustProxy: number
}

export function loadConfig(): Config {
  const databaseUrl = get('DATABASE_URL', '')
  return {
    production,
    databaseUrl: databaseUrl === '' ? undefined : databaseUrl,
    dataDir: path.resolve(get('DATA_DIR', './data')),
    port: int('PORT', 3000),
    host: get('HOST', '127.0.0.1'),
    logLevel: get('LOG_LEVEL', process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
    sessionSecret: get('SESSION_SECRET', 'development-only-session-secret', { requiredInProduction: true }),
    secureCookies: get('COOKIE_SECURE', production ? 'true' : 'false') === 'true',
    sessionIdleMinutes: int('SESSION_IDLE_MINUTES', 30),
    sessionAbsoluteHours: int('SESSION_ABSOLUTE_HOURS', 8),
    trustProxy: int('TRUST_PROXY', 0),
  }
}
