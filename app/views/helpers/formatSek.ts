// Money on the pages: integer öre as `169 201 599 kr`, `1 234,50 kr`, `−1 234 kr`, "–" for no amount.
// Integer arithmetic only: öre are never divided into a float.
import { groupDigits, MINUS_SIGN, NO_BREAK_SPACE, NO_VALUE } from './formatNumber.ts'

export function formatSek(ore: unknown): string {
  if (ore === null || ore === undefined) return NO_VALUE
  if (typeof ore !== 'number' || !Number.isSafeInteger(ore)) {
    throw new TypeError(`formatSek needs a whole number of öre, got ${String(ore)}`)
  }
  const abs = Math.abs(ore)
  const oreOnly = abs % 100
  const kronor = (abs - oreOnly) / 100 // exact: abs - oreOnly is a multiple of 100
  const decimals = oreOnly === 0 ? '' : `,${String(oreOnly).padStart(2, '0')}`
  // the no-break space before "kr" keeps the unit on the line of its number
  return `${ore < 0 ? MINUS_SIGN : ''}${groupDigits(kronor)}${decimals}${NO_BREAK_SPACE}kr`
}
