// Starts the web app: opens the database, migrates and loads reference data (and the demo data on a fresh
// install), listens, and on SIGINT/SIGTERM closes the server and the database (stopping an embedded PostgreSQL).
import type { Server } from 'node:http'
import { createApp } from './app.ts'
import { loadConfig } from './config.ts'
import { openDatabase } from './db/database.ts'
import { logger } from './logger.ts'
import { services as buildServices } from './services/index.ts'

const config = loadConfig()
const db = await openDatabase(config).catch(error => {
  logger.fatal({ err: error }, 'could not open the database')
  process.exit(1)
})
let server: Server | undefined
let stopping = false

async function shutDown(signal: string) {
  if (stopping) return
  stopping = true
  logger.info({ signal }, 'shutting down')
  try {
    await new Promise<void>(resolve => {
      if (!server) return resolve()
      server.close(() => resolve())
      server.closeIdleConnections()
      // a request still running after 10 s is cut off rather than keeping the database open
      setTimeout(() => server?.closeAllConnections(), 10_000).unref()
    })
    await db.close()
    process.exit(0)
  } catch (error) {
    logger.error({ err: error }, 'shutdown failed')
    process.exit(1)
  }
}

// registered before the slow start (migrations, demo data) so that an early Ctrl-C still stops PostgreSQL
process.on('SIGINT', signal => void shutDown(signal))
process.on('SIGTERM', signal => void shutDown(signal))

try {
  const services = buildServices(db.knex)
  await services.reference.setup('system')
  if (await services.demo.isEmpty()) {
    logger.info('no ledger entries and no responses: loading the demo data')
    await services.demo.seedDemo('system')
  }
  const app = createApp(services, {
    production: config.production,
    knex: db.knex,
    trustProxy: config.trustProxy,
    session: {
      secret: config.sessionSecret,
      secureCookies: config.secureCookies,
      idleMinutes: config.sessionIdleMinutes,
      absoluteHours: config.sessionAbsoluteHours,
    },
  })
  server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, config.host, error => (error ? reject(error) : resolve(listening)))
  })
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  logger.info(`Stimulans listens on http://${host}:${config.port}/`)
} catch (error) {
  // a start cut short by a signal fails here too; shutDown is already closing everything
  if (!stopping) {
    logger.fatal({ err: error }, 'could not start')
    await db.close()
    process.exit(1)
  }
}
