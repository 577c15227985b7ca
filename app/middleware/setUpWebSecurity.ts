// Security headers (helmet). The pages run no scripts at all, so the policy needs no nonce.
import type { RequestHandler } from 'express'
import helmet from 'helmet'

export function setUpWebSecurity(options: { production: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        // plain http on 127.0.0.1 in development: upgrading would break the stylesheet
        ...(options.production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    referrerPolicy: { policy: 'same-origin' },
  })
}
