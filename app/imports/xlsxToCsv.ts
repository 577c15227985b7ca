// An uploaded Excel workbook (.xlsx) as the CSV file of the contract, so that it goes through the same import as
// any CSV: the first sheet, its row 1 the header, one CSV record per spreadsheet row (empty rows kept as empty
// records), so that the import's line numbers are the row numbers Excel shows.
import ExcelJS from 'exceljs'
import type { Problem } from '../domain/types.ts'
import { FILE } from './csvReader.ts'

export type XlsxResult =
  { ok: true; csv: Buffer; sheetName: string; rowCount: number } | { ok: false; problems: Problem[] }

/** The bytes every .xlsx file (a zip archive) begins with. */
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04])

const problem = (message: string): XlsxResult => ({ ok: false, problems: [{ line: 1, column: FILE, message }] })

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/**
 * A date cell as the contract writes dates: `YYYY-MM-DD`. Excel keeps no time zone; exceljs gives the cell's
 * wall-clock value as UTC, so the UTC fields are the ones Excel shows. A time of day is kept, so that validation
 * reports it rather than silently dropping it.
 */
function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return ''
  const day = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`
  const seconds = date.getUTCHours() * 3600 + date.getUTCMinutes() * 60 + date.getUTCSeconds()
  if (seconds === 0) return day
  return `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
}

/** The text of one cell as a CSV export of Excel would write it. Formulas give their last computed result. */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  // a whole number of kronor stays whole; a fraction is written as JavaScript's shortest exact form (20000.5)
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (value instanceof Date) return dateText(value)
  if ('richText' in value) return value.richText.map(part => part.text).join('')
  if ('error' in value) return value.error
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result
    if (result === undefined || result === null) return ''
    if (typeof result === 'object' && !(result instanceof Date) && 'error' in result) return String(result.error)
    return cellText(result as ExcelJS.CellValue)
  }
  if ('text' in value) {
    const text = (value as { text: unknown }).text
    return typeof text === 'string' ? text : cellText(text as ExcelJS.CellValue)
  }
  return ''
}

/** A CSV field: quoted when it holds a separator (either one), a quote or a line break. */
function field(text: string): string {
  return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** Converts the first sheet of the workbook; a file that is not a readable .xlsx workbook is one problem on line 1. */
export async function xlsxToCsv(bytes: Buffer): Promise<XlsxResult> {
  if (bytes.length < ZIP_MAGIC.length || !bytes.subarray(0, ZIP_MAGIC.length).equals(ZIP_MAGIC)) {
    return problem('not an Excel workbook (.xlsx); save the file as "Excel Workbook (.xlsx)" or as CSV')
  }
  const workbook = new ExcelJS.Workbook()
  try {
    // exceljs's typing asks for its own Buffer type; Node's Buffer is what it reads
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer)
  } catch {
    return problem('the Excel workbook could not be read; open it in Excel and save it again as .xlsx')
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) return problem('the Excel workbook has no sheet')

  // every row up to the last one with a value, as text; the width is the last column with a value in any row
  const rows: string[][] = []
  let width = 0
  let lastRow = 0
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, columnNumber) => {
      cells[columnNumber - 1] = cellText(cell.value)
    })
    for (let i = 0; i < cells.length; i++) cells[i] ??= ''
    while (cells.length > 0 && cells.at(-1)!.trim() === '') cells.pop()
    if (cells.length === 0) return
    rows[rowNumber - 1] = cells
    width = Math.max(width, cells.length)
    lastRow = Math.max(lastRow, rowNumber)
  })
  if (lastRow === 0) return problem(`the first sheet ("${sheet.name}") is empty: no header row`)

  const lines: string[] = []
  for (let i = 0; i < lastRow; i++) {
    const cells = rows[i] ?? []
    lines.push(Array.from({ length: width }, (_, column) => field(cells[column] ?? '')).join(','))
  }
  return { ok: true, csv: Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8'), sheetName: sheet.name, rowCount: lastRow }
}
