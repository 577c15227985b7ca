// Tables as CSV for download: UTF-8 with BOM and semicolons, as Swedish Excel opens them, and every cell that a
// spreadsheet would read as a formula neutralised (OWASP "CSV injection").
export type Cell = string | number | null | undefined

const FORMULA_START = /^[=+\-@\t\r]/
// a negative amount as oreToCsvKronor writes it ("-1234", "-1234,50"): data, and nothing a spreadsheet could run
const NEGATIVE_AMOUNT = /^-\d+(?:,\d{1,2})?$/

/**
 * A cell's text with a leading ' when it begins with =, +, -, @, tab or CR. Numbers are written as they are, and so
 * is a string that is nothing but a negative amount.
 */
export function neutraliseCell(value: Cell): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return String(value)
  if (NEGATIVE_AMOUNT.test(value)) return value
  return FORMULA_START.test(value) ? `'${value}` : value
}

function quote(text: string): string {
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** One CSV document: a header row and the rows, CRLF line ends, a BOM so that Excel reads UTF-8. */
export function toCsv(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [headers, ...rows].map(row => row.map(cell => quote(neutraliseCell(cell))).join(';'))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

/** Öre as kronor for a CSV cell, with a decimal comma: 1234550 → "12345,50"; whole kronor without decimals. */
export function oreToCsvKronor(ore: number | null | undefined): string {
  if (ore === null || ore === undefined) return ''
  const sign = ore < 0 ? '-' : ''
  const abs = Math.abs(ore)
  const rest = abs % 100
  const kronor = (abs - rest) / 100
  // the minus of a negative amount is data, not a formula: neutraliseCell leaves such a string as it is
  return `${sign}${kronor}${rest === 0 ? '' : `,${String(rest).padStart(2, '0')}`}`
}
