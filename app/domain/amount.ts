// Amounts in kronor as people and Excel write them (`169 201 599`, `169201599,00`), read into integer öre.
// The digits are parsed as strings, so no amount ever passes through a binary fraction.
import type { Ore } from './types.ts'

export type AmountResult = { ok: true; ore: Ore } | { ok: false; message: string }

// Excel writes a no-break space (U+00A0) or a narrow no-break space (U+202F) between thousands.
const GROUP_SEPARATORS = ' \u00A0\u202F'
const PLAIN = /^(\d+)(?:[.,](\d*))?$/
const GROUPED = /^(\d{1,3}(?:[ \u00A0\u202F]\d{3})+)(?:[.,](\d*))?$/
// 13 digits of kronor keep every amount in öre below Number.MAX_SAFE_INTEGER (9 007 199 254 740 991).
const MAX_KRONOR_DIGITS = 13

/** Reads a non-negative amount in kronor with at most 2 decimals. The caller decides whether empty is allowed. */
export function parseAmountOre(text: string): AmountResult {
  const value = text.trim()
  if (value === '') return { ok: false, message: 'empty amount' }
  if (/^-/.test(value) || value.startsWith('\u2212')) return { ok: false, message: `negative amount "${value}"` }
  if (value.includes(',') && value.includes('.')) {
    return { ok: false, message: `"${value}" has both a comma and a period; write 1234567,50 or 1234567.50` }
  }
  if (/[^\d.,\s\u00A0\u202F]/.test(value)) return { ok: false, message: `"${value}" is not an amount` }
  const match = PLAIN.exec(value) ?? GROUPED.exec(value)
  if (!match) {
    if (/[.,].*[.,]/.test(value)) return { ok: false, message: `"${value}" has more than one decimal mark` }
    if ([...GROUP_SEPARATORS].some(separator => value.includes(separator))) {
      return { ok: false, message: `"${value}" is not grouped in thousands (write 1 234 567)` }
    }
    return { ok: false, message: `"${value}" is not an amount` }
  }
  const kronorDigits = match[1].replace(/\D/g, '').replace(/^0+(?=\d)/, '')
  const decimals = match[2]
  if (decimals !== undefined && decimals.length === 0)
    return { ok: false, message: `"${value}" ends in a decimal mark` }
  if (decimals !== undefined && decimals.length > 2)
    return { ok: false, message: `"${value}" has more than 2 decimals` }
  if (kronorDigits.length > MAX_KRONOR_DIGITS) return { ok: false, message: `"${value}" is too large` }
  return { ok: true, ore: Number(kronorDigits + (decimals ?? '').padEnd(2, '0')) }
}

/** Plain kronor for messages and files: `169201599`, `20000.50`. */
export function formatOreAsKronor(ore: Ore): string {
  if (!Number.isSafeInteger(ore)) throw new TypeError(`formatOreAsKronor needs a whole number of öre, got ${ore}`)
  const abs = Math.abs(ore)
  const oreOnly = abs % 100
  const kronor = (abs - oreOnly) / 100 // exact: a multiple of 100 divided by 100
  return `${ore < 0 ? '-' : ''}${kronor}${oreOnly === 0 ? '' : `.${String(oreOnly).padStart(2, '0')}`}`
}
