// CSRF: the synchroniser-token pattern (csrf-sync). The token lives in the session; every form sends it as the
// hidden field _csrf. The check runs for every POST, except multipart ones, whose body is parsed only by the
// route (multer): those routes call csrfProtection after parsing.
import type { NextFunction, Request, Response } from 'express'
import { csrfSync } from 'csrf-sync'

const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: req => {
    const body = req.body as Record<string, unknown> | undefined
    const token = body?._csrf ?? req.headers['x-csrf-token']
    return typeof token === 'string' ? token : undefined
  },
})

export const csrfProtection = csrfSynchronisedProtection

const isMultipart = (req: Request) => (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/')

/** Checks the token of every state-changing request (but multipart), and gives every page a token for its forms. */
export function csrf() {
  return (req: Request, res: Response, next: NextFunction) => {
    const provide = () => {
      res.locals.csrfToken = generateToken(req)
      next()
    }
    if (isMultipart(req)) return provide()
    csrfSynchronisedProtection(req, res, error => (error ? next(error) : provide()))
  }
}

/** A new token, after the session was regenerated (sign-in, sign-out). */
export const renewCsrfToken = (req: Request, res: Response) => {
  res.locals.csrfToken = generateToken(req, true)
}
