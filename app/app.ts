// The web app: security headers, static files, views, the routes of each area, a 404 catch-all and the
// error handler. server.ts listens; tests call createApp with the services they want.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import express from 'express'
import { engine } from 'express-handlebars'
import createError from 'http-errors'
import { DEFAULT_LOCALE, translate } from './i18n/index.ts'
import { errorHandler } from './middleware/errorHandler.ts'
import { setUpWebSecurity } from './middleware/setUpWebSecurity.ts'
import { analysisRoutes } from './routes/analysis/index.ts'
import { overviewRoutes } from './routes/overview/index.ts'
import { reconciliationRoutes } from './routes/reconciliation/index.ts'
import type { Services } from './services/index.ts'
import { helpers } from './views/helpers/index.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const viewsDir = path.join(root, 'views')

export interface AppOptions {
  production: boolean
}

export function createApp(services: Services, options: AppOptions): express.Express {
  const app = express()
  app.disable('x-powered-by')

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

  app.use(overviewRoutes(services))
  app.use(analysisRoutes(services))
  app.use(reconciliationRoutes(services))

  app.use((_req, res, next) => next(createError(404, translate(res.locals.locale, 'error.message.404'))))
  app.use(errorHandler(options.production))
  return app
}
