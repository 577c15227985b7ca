// Whole numbers the Swedish way: `1 234 567` with no-break spaces, a real minus sign, "–" for nothing.
export const NO_BREAK_SPACE = '\u00a0'
export const MINUS_SIGN = '\u2212'
export const NO_VALUE = '\u2013'

/** Digits of a non-negative whole number in groups of three, separated by no-break spaces. */
export function groupDigits(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, NO_BREAK_SPACE)
}

export function formatNumber(value: unknown): string {
  if (value === null || value === undefined) return NO_VALUE
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new TypeError(`formatNumber needs a whole number, got ${String(value)}`)
  }
  return (value < 0 ? MINUS_SIGN : '') + groupDigits(Math.abs(value))
}
