// The catalogues by locale and translate(): the one way any module turns a message key into text.
import { en } from './en.ts'
import { sv, type MessageKey } from './sv.ts'

export type { MessageKey } from './sv.ts'
export const LOCALES = ['sv', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'sv'

const catalogues: Record<Locale, Record<MessageKey, string>> = { sv, en }

export const isLocale = (value: unknown): value is Locale => (LOCALES as readonly unknown[]).includes(value)
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(sv, key)

/** The text for key in locale with {placeholders} filled in; an unknown key throws, so a typo shows at once. */
export function translate(
  locale: Locale,
  key: string,
  params: Record<string, string | number | null | undefined> = {},
): string {
  if (!isMessageKey(key)) throw new Error(`unknown message key: ${key}`)
  return catalogues[locale][key].replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name]
    return value === undefined || value === null ? placeholder : String(value)
  })
}
