// Sessions in PostgreSQL (connect-pg-simple over the app's own connection pool) and passport's local strategy.
// Idle timeout: the cookie's age, renewed on every request. Absolute timeout: signedInAt in the session.
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import session from 'express-session'
import connectPgSimple from 'connect-pg-simple'
import type { Knex } from 'knex'
import passport from 'passport'
import { Strategy as LocalStrategy } from 'passport-local'
import type { UserService } from '../services/userService.ts'
import type { Locale } from '../i18n/index.ts'

declare module 'express-session' {
  interface SessionData {
    signedInAt?: number
    locale?: Locale
  }
}

export interface SessionOptions {
  secret: string
  secureCookies: boolean
  idleMinutes: number
  absoluteHours: number
}

export const SESSION_COOKIE = 'stimulans.sid'

/** connect-pg-simple needs `query(text, params)`: run it on a connection of knex's pool. */
function poolOf(knex: Knex) {
  return {
    async query(text: string, params: unknown[]) {
      const connection = await knex.client.acquireConnection()
      try {
        return await connection.query(text, params)
      } finally {
        await knex.client.releaseConnection(connection)
      }
    },
  }
}

export function sessions(knex: Knex, users: UserService, options: SessionOptions): RequestHandler[] {
  const PgStore = connectPgSimple(session)
  const store = new PgStore({
    pool: poolOf(knex) as never,
    tableName: 'user_sessions',
    createTableIfMissing: false,
    // expired sessions are deleted every 15 minutes (an unref'd timer: it keeps no process alive)
    pruneSessionInterval: 15 * 60,
  })
  const authenticator = new passport.Passport()
  authenticator.use(
    new LocalStrategy(
      { usernameField: 'email', passwordField: 'password', passReqToCallback: true },
      (req, email, password, done) => {
        users
          .signIn(email, password, req.ip ?? '')
          .then(result => (result.ok ? done(null, result.user) : done(null, false, { message: result.reason })))
          .catch(done)
      },
    ),
  )
  authenticator.serializeUser((user, done) => done(null, user.id))
  authenticator.deserializeUser((id: number, done) => {
    users
      .sessionUser(id)
      .then(user => done(null, user ?? false))
      .catch(done)
  })

  const absoluteMs = options.absoluteHours * 60 * 60 * 1000
  const absoluteTimeout = (req: Request, _res: Response, next: NextFunction) => {
    const signedInAt = req.session.signedInAt
    if (req.user && signedInAt !== undefined && Date.now() - signedInAt > absoluteMs) {
      // a fresh, empty session: the old one is deleted from the store, and the pages after this see no user
      req.session.regenerate(error => {
        if (error) return next(error)
        req.user = undefined
        next()
      })
      return
    }
    next()
  }

  return [
    session({
      name: SESSION_COOKIE,
      store,
      secret: options.secret,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        secure: options.secureCookies,
        maxAge: options.idleMinutes * 60 * 1000,
      },
    }),
    authenticator.initialize(),
    authenticator.session(),
    absoluteTimeout,
    (req, _res, next) => {
      req.authenticator = authenticator
      next()
    },
  ]
}

declare module 'express-serve-static-core' {
  interface Request {
    authenticator?: passport.Authenticator
  }
}
