// One table, two files: the same headers and rows written as CSV (app/exports/csv.ts, formulas neutralised) or as
// an XLSX sheet (app/exports/xlsx.ts, numbers as numbers), sent as a download.
import type { Response } from 'express'
import { oreToCsvKronor, toCsv, type Cell } from '../../exports/csv.ts'
import { toXlsx, type Sheet, type SheetColumn } from '../../exports/xlsx.ts'

export interface ExportColumn {
  header: string
  /** 'sek': öre, written as kronor; 'int': a whole number; 'text' */
  kind: SheetColumn['kind']
  width?: number
}

export interface ExportTable {
  /** the sheet's name in a workbook */
  name: string
  columns: ExportColumn[]
  rows: (string | number | null)[][]
  notes?: string[]
}

/** The table as CSV cells: amounts in kronor with a decimal comma, whole numbers as they are. */
export function csvOf(table: ExportTable): string {
  const rows: Cell[][] = table.rows.map(row =>
    row.map((value, index) => {
      if (value === null) return null
      return table.columns[index]?.kind === 'sek' && typeof value === 'number' ? oreToCsvKronor(value) : value
    }),
  )
  return toCsv(
    table.columns.map(column => column.header),
    rows,
  )
}

export function sheetOf(table: ExportTable): Sheet {
  return { name: table.name, columns: table.columns, rows: table.rows, notes: table.notes }
}

/** A file name safe in any Content-Disposition: ASCII letters, digits, dots and hyphens. */
export function exportFileName(parts: (string | number)[], extension: 'csv' | 'xlsx'): string {
  const base = parts
    .map(part =>
      String(part)
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9.]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter(part => part !== '')
    .join('-')
  return `${base || 'export'}.${extension}`
}

export function sendCsv(res: Response, fileName: string, table: ExportTable): void {
  res.attachment(fileName)
  res.type('text/csv; charset=utf-8')
  res.send(csvOf(table))
}

export async function sendXlsx(res: Response, fileName: string, tables: ExportTable[]): Promise<void> {
  const buffer = await toXlsx(tables.map(sheetOf))
  res.attachment(fileName)
  res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  res.send(buffer)
}
