// `{{t "key" name=value}}`: a text from the catalogue in the page's locale (res.locals.locale, Swedish by default).
import { DEFAULT_LOCALE, isLocale, translate } from '../../i18n/index.ts'

/** The part of Handlebars' helper options this helper reads. */
export interface TOptions {
  hash?: Record<string, string | number | null | undefined>
  data?: { root?: { locale?: unknown } }
}

export function t(key: unknown, options?: TOptions): string {
  if (typeof key !== 'string') throw new TypeError(`t needs a message key, got ${String(key)}`)
  const locale = options?.data?.root?.locale
  return translate(isLocale(locale) ? locale : DEFAULT_LOCALE, key, options?.hash ?? {})
}
