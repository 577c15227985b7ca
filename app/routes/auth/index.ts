// Sign-in, sign-out, the language switch and /health: the only routes open without signing in (with the assets).
import { Router, type NextFunction, type Request, type Response } from 'express'
import createError from 'http-errors'
import type { SessionUser } from '../../auth/roles.ts'
import { renewCsrfToken } from '../../auth/csrf.ts'
import { SESSION_COOKIE } from '../../auth/session.ts'
import { isLocale, translate, type Locale } from '../../i18n/index.ts'
import type { Services } from '../../services/index.ts'

/** A path on this site ("/…" but not "//host" or "/\host"): the only place sign-in and the switch return to. */
export const isLocalPath = (value: unknown): value is string =>
  typeof value === 'string' && /^\/(?![/\\])/.test(value) && !/[\r\n]/.test(value)

const PUBLIC_PATHS = new Set(['/login', '/health', '/locale'])

/** Every route after this needs a signed-in user: pages redirect to /login, the JSON API answers 401. */
export function requireSignIn() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.user || PUBLIC_PATHS.has(req.path)) return next()
    if (req.path.startsWith('/api/')) {
      res.status(401).json({ error: 'sign in first' })
      return
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      const query = req.originalUrl === '/' ? '' : `?next=${encodeURIComponent(req.originalUrl)}`
      res.redirect(303, `/login${query}`)
      return
    }
    next(createError(401))
  }
}

const bodyText = (req: Request, name: string): string | undefined => {
  const value = (req.body as Record<string, unknown> | undefined)?.[name]
  return typeof value === 'string' ? value : undefined
}

export function authRoutes(services: Pick<Services, 'users'>): Router {
  const router = Router()

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' })
  })

  const renderLogin = (req: Request, res: Response, status: number, error?: string) => {
    const locale: Locale = res.locals.locale
    const nextPath = typeof req.query.next === 'string' ? req.query.next : bodyText(req, 'next')
    res.status(status).render('pages/auth/login', {
      title: translate(locale, 'auth.title'),
      next: isLocalPath(nextPath) ? nextPath : '',
      email: bodyText(req, 'email') ?? '',
      error,
      navCurrent: 'login',
    })
  }

  router.get('/login', (req, res) => {
    if (req.user) return res.redirect(303, '/')
    renderLogin(req, res, 200)
  })

  router.post('/login', (req, res, next) => {
    const locale: Locale = res.locals.locale
    const authenticator = req.authenticator!
    const verify = (error: unknown, user: SessionUser | false, info?: { message?: string }) => {
      if (error) return next(error)
      if (!user) {
        const limited = info?.message === 'rate_limited'
        return renderLogin(
          req,
          res,
          limited ? 429 : 401,
          translate(locale, limited ? 'auth.rateLimited' : 'auth.invalid'),
        )
      }
      const keepLocale = req.session.locale
      // passport regenerates the session: a new session id at sign-in
      req.logIn(user, loginError => {
        if (loginError) return next(loginError)
        req.session.signedInAt = Date.now()
        if (keepLocale) req.session.locale = keepLocale
        renewCsrfToken(req, res)
        const target = bodyText(req, 'next')
        req.session.save(saveError =>
          saveError ? next(saveError) : res.redirect(303, isLocalPath(target) ? target : '/'),
        )
      })
    }
    authenticator.authenticate('local', verify)(req, res, next)
  })

  router.post('/logout', (req, res, next) => {
    const user = req.user
    const destroy = () =>
      req.session.destroy(error => {
        if (error) return next(error)
        res.clearCookie(SESSION_COOKIE)
        res.redirect(303, '/login')
      })
    if (!user) return destroy()
    services.users
      .recordSignOut(user)
      .then(() => req.logOut(error => (error ? next(error) : destroy())))
      .catch(next)
  })

  // the language switch is a form (POST), so that no GET changes anything
  router.post('/locale', (req, res) => {
    const locale = bodyText(req, 'locale')
    if (isLocale(locale)) req.session.locale = locale
    const back = bodyText(req, 'returnTo')
    res.redirect(303, isLocalPath(back) ? back : '/')
  })

  return router
}
