// The web app: security headers, static files, views, the routes of each area, a 404 catch-all and the
// error handler. server.ts listens; tests call createApp with the services they want.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import express from 'express'
import { engine } from 'express-handlebars'
import createError from 'http-errors'
import type { Knex } from 'knex'
import { csrf } from './auth/csrf.ts'
import { sessions, type SessionOptions } from './auth/session.ts'
import { DEFAULT_LOCALE, isLocale, translate } from './i18n/index.ts'
import { errorHandler } from './middleware/errorHandler.ts'
import { setUpWebSecurity } from './middleware/setUpWebSecurity.ts'
import { adminRoutes } from './routes/admin/index.ts'
import { analysisRoutes } from './routes/analysis/index.ts'
import { apiRoutes } from './routes/api/index.ts'
import { auditRoutes } from './routes/audit/index.ts'
import { authRoutes, requireSignIn } from './routes/auth/index.ts'
import { importRoutes } from './routes/imports/index.ts'
import { ledgerRoutes } from './routes/ledger/index.ts'
import { municipalityRoutes } from './routes/municipality/index.ts'
import { pageLocals } from './routes/pageLocals.ts'
import { qualityRoutes } from './routes/quality/index.ts'
import { overviewRoutes } from './routes/overview/index.ts'
import { reconciliationRoutes } from './routes/reconciliation/index.ts'
import type { Services } from './services/index.ts'
import { helpers } from './views/helpers/index.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const viewsDir = path.join(root, 'views')

export interface AppOptions {
  production: boolean
  /** the database the sessions are kept in */
  knex: Knex
  session: SessionOptions
  /** trust X-Forwarded-* from this many proxies (for req.ip and Secure cookies behind HTTPS) */
  trustProxy?: number
}

export function createApp(services: Services, options: AppOptions): express.Express {
  const app = express()
  app.disable('x-powered-by')
  if (options.trustProxy) app.set('trust proxy', options.trustProxy)

  app.use(setUpWebSecurity(options))
  app.use('/assets', express.static(path.join(root, 'assets'), { index: false, maxAge: options.production ? '1h' : 0 }))

  app.engine(
    'hbs',
    engine({
      extname: '.hbs',
      defaultLayout: 'main',
      layoutsDir: path.join(viewsDir, 'layouts'),
      partialsDir: path.join(viewsDir, 'partials'),
      helpers,
    }),
  )
  app.set('view engine', 'hbs')
  app.set('views', viewsDir)
  app.set('view cache', options.production)

  // Everything below the static files is built from the data: never stored by a browser or a proxy.
  app.use((_req, res, next) => {
    res.locals.locale = DEFAULT_LOCALE
    res.set('Cache-Control', 'no-store')
    next()
  })
  app.use(express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 2000 }))
  app.use(sessions(options.knex, services.users, options.session))
  app.use((req, res, next) => {
    if (isLocale(req.session.locale)) res.locals.locale = req.session.locale
    next()
  })
  app.use(csrf())
  app.use(pageLocals(services))
  app.use(authRoutes(services))
  app.use(requireSignIn())

  // before any router that guards itself as a whole: municipality users' pages must reach this one
  app.use(municipalityRoutes(services))
  app.use(overviewRoutes(services))
  app.use(analysisRoutes(services))
  app.use(qualityRoutes(services))
  app.use(apiRoutes(services))
  app.use(reconciliationRoutes(services))
  app.use(adminRoutes(services))
  app.use('/imports', importRoutes(services))
  app.use(ledgerRoutes(services))
  app.use('/audit', auditRoutes(services))

  app.use((_req, res, next) => next(createError(404, translate(res.locals.locale, 'error.message.404'))))
  app.use(errorHandler())
  return app
}
