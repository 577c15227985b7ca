// Finds text that looks like a Swedish personal identity number (personnummer or samordningsnummer) in free
// text: comments must hold no personal data, so the form warns before such a text is submitted.
import { hasValidLuhnCheckDigit } from './luhn.ts'

export interface PersonnummerMatch {
  /** the text as written */
  text: string
  index: number
}

// YYMMDD-XXXX, YYMMDD+XXXX, YYMMDDXXXX, YYYYMMDD-XXXX, YYYYMMDDXXXX; not part of a longer run of digits
const CANDIDATE = /(?<!\d)((?:18|19|20)?)(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})(?!\d)/g

/** Month 01–12; day 01–31, or 61–91 for a samordningsnummer (the day plus 60). */
function plausibleDate(month: number, day: number): boolean {
  if (month < 1 || month > 12) return false
  return (day >= 1 && day <= 31) || (day >= 61 && day <= 91)
}

/**
 * Every place in `text` that has the form of a personal identity number with a valid date part and a valid Luhn
 * check digit. A warning, not proof: a number that merely happens to fit is found too.
 */
export function findPersonnummer(text: string): PersonnummerMatch[] {
  const found: PersonnummerMatch[] = []
  for (const match of text.matchAll(CANDIDATE)) {
    // the century, when written, is not part of the checked digits
    const [whole, , year, month, day, , serial] = match
    if (!plausibleDate(Number(month), Number(day))) continue
    if (!hasValidLuhnCheckDigit(`${year}${month}${day}${serial}`)) continue
    found.push({ text: whole, index: match.index })
  }
  return found
}
