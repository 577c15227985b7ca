// Tables as XLSX (exceljs): one sheet per table, Swedish headers, numbers stored as numbers.
import ExcelJS from 'exceljs'

export interface SheetColumn {
  header: string
  /** 'sek': a number in kronor with two decimals shown; 'int': a whole number; 'pct': a whole percent; 'text' */
  kind: 'text' | 'int' | 'sek' | 'pct'
  width?: number
}

export interface Sheet {
  name: string
  columns: SheetColumn[]
  /** sek cells are given in öre and written as kronor; null leaves the cell empty */
  rows: (string | number | null)[][]
  /** lines written under the table (source, n, footnotes) */
  notes?: string[]
}

const FORMATS: Record<SheetColumn['kind'], string | undefined> = {
  text: undefined,
  int: '# ##0',
  sek: '# ##0.00',
  pct: '0',
}

export async function toXlsx(sheets: Sheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Stimulans'
  for (const sheet of sheets) {
    // sheet names: at most 31 characters, none of : \ / ? * [ ]
    const worksheet = workbook.addWorksheet(sheet.name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31))
    worksheet.columns = sheet.columns.map(column => ({
      header: column.header,
      width: column.width ?? Math.max(12, column.header.length + 2),
      style: FORMATS[column.kind] ? { numFmt: FORMATS[column.kind] } : {},
    }))
    worksheet.getRow(1).font = { bold: true }
    for (const row of sheet.rows) {
      worksheet.addRow(
        row.map((value, index) => {
          if (value === null) return null
          // öre → kronor: a division by 100 is exact enough for display; the stored data stays integer öre
          return sheet.columns[index]?.kind === 'sek' && typeof value === 'number' ? value / 100 : value
        }),
      )
    }
    if (sheet.notes?.length) {
      worksheet.addRow([])
      for (const note of sheet.notes) worksheet.addRow([note])
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
