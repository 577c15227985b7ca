// Security headers (helmet). A fresh nonce per response (res.locals.cspNonce) is the only way a script may run.
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import helmet from 'helmet'

const nonce = (_req: IncomingMessage, res: ServerResponse) =>
  `'nonce-${(res as unknown as Response).locals.cspNonce as string}'`

export function setUpWebSecurity(options: { production: boolean }): RequestHandler[] {
  return [
    (_req: Request, res: Response, next: NextFunction) => {
      res.locals.cspNonce = randomBytes(16).toString('base64')
      next()
    },
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          baseUri: ["'none'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          objectSrc: ["'none'"],
          scriptSrc: [nonce],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          // plain http on 127.0.0.1 in development: upgrading would break the stylesheet
          ...(options.production ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      referrerPolicy: { policy: 'same-origin' },
      // the same as frame-ancestors 'none', for browsers that know only the older header
      frameguard: { action: 'deny' },
    }),
  ]
}
