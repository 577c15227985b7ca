// The last handler: renders views/pages/error.hbs with the error's status. In production a server error
// shows no message, stack or SQL; in development the stack is on the page.
import { STATUS_CODES } from 'node:http'
import type { ErrorRequestHandler } from 'express'
import { DEFAULT_LOCALE, isLocale, isMessageKey, translate } from '../i18n/index.ts'
import { logger } from '../logger.ts'

interface HttpLikeError {
  status?: unknown
  statusCode?: unknown
  expose?: unknown
  message?: unknown
  stack?: unknown
  /** set by a route on a 400: the page to go back to */
  backHref?: unknown
}

/** A path on this site ("/…" but not "//host"): the only kind of link the error page offers. */
const isLocalPath = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith('/') && !value.startsWith('//')

function statusOf(error: HttpLikeError): number {
  const status = Number(error.status ?? error.statusCode)
  return Number.isInteger(status) && status >= 400 && status <= 599 ? status : 500
}

export function errorHandler(): ErrorRequestHandler {
  return (error: HttpLikeError, req, res, next) => {
    if (res.headersSent) {
      next(error)
      return
    }
    const status = statusOf(error)
    if (status >= 500) logger.error({ err: error, method: req.method, url: req.originalUrl }, 'request failed')
    else logger.debug({ status, method: req.method, url: req.originalUrl }, String(error.message))

    const locale = isLocale(res.locals.locale) ? res.locals.locale : DEFAULT_LOCALE
    const text = (key: string) => translate(locale, key)
    const titleKey = `error.title.${status}`
    const title = isMessageKey(titleKey) ? text(titleKey) : text('error.title')
    // http-errors marks client errors as safe to show; its default message is the English status text
    const ownMessage =
      typeof error.message === 'string' && error.message !== '' && error.message !== STATUS_CODES[status]
        ? error.message
        : undefined
    const fallbackKey = `error.message.${status}`
    const fallback = text(
      isMessageKey(fallbackKey) ? fallbackKey : status < 500 ? 'error.message.client' : 'error.message.500',
    )
    // a message not marked as safe (a server error: SQL, paths) is shown only in development
    const message = error.expose === true ? (ownMessage ?? fallback) : fallback

    res.status(status)
    res.set('Cache-Control', 'no-store')
    res.locals.locale = locale
    res.render(
      'pages/error',
      {
        title,
        status,
        message,
        // never a stack or SQL on a page: they are in the log
        stack: undefined,
        backHref: isLocalPath(error.backHref) ? error.backHref : undefined,
      },
      (renderError: Error | null, html?: string) => {
        if (renderError) {
          logger.error({ err: renderError }, 'the error page itself failed to render')
          res.type('text/plain').send(`${status} ${title}`)
          return
        }
        res.send(html)
      },
    )
  }
}
