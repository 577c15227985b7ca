// Reading the evaluator's outputs back in tests: HTML table rows, CSV (as Excel writes it), PDF text (pdfjs),
// binary responses for supertest.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Response } from 'superagent'

/** pdfjs reads the metrics of the standard fonts (Helvetica) from here. */
const STANDARD_FONTS = `${path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../node_modules/pdfjs-dist/standard_fonts')}/`

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#x27': "'",
  '#x3D': '=',
  '#x60': '`',
}

/** The page as a browser reads it: Handlebars writes "=" in text and attributes as &#x3D;. */
export const decodeHtml = (html: string) =>
  html.replace(/&(amp|lt|gt|quot|#x27|#x3D|#x60);/g, (_, name: string) => ENTITIES[name])

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The text of each cell (td) of the row whose row header is `label`, in the table with class `tableClass`. */
export function tableRowCells(html: string, tableClass: string, label: string): string[] {
  const table = new RegExp(`<table class="data ${tableClass}"[\\s\\S]*?</table>`).exec(html)
  if (!table) throw new Error(`no table ${tableClass}`)
  const row = new RegExp(`<th scope="row"[^>]*>${escapeRegExp(label)}</th>([\\s\\S]*?)</tr>`).exec(table[0])
  if (!row) throw new Error(`no row "${label}" in table ${tableClass}`)
  return [...row[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(match =>
    match[1]
      .replace(/<[^>]+>/g, '')
      .replace(/[ \t\r\n]+/g, ' ')
      .trim(),
  )
}

/** supertest: keep a binary body as a Buffer. */
export function binary(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = []
  res.on('data', (chunk: Buffer) => chunks.push(chunk))
  res.on('end', () => callback(null, Buffer.concat(chunks)))
}

/** A CSV as toCsv writes it (BOM, semicolons, quotes), into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  const body = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < body.length; i++) {
    const char = body[i]
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        cell += '"'
        i++
      } else if (char === '"') quoted = false
      else cell += char
    } else if (char === '"') quoted = true
    else if (char === ';') {
      row.push(cell)
      cell = ''
    } else if (char === '\r') continue
    else if (char === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += char
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell])
  return rows
}

type GetDocument = (source: { data: Uint8Array; useSystemFonts?: boolean; standardFontDataUrl?: string }) => {
  promise: Promise<{
    numPages: number
    getPage: (n: number) => Promise<{ getTextContent: () => Promise<{ items: unknown[] }> }>
  }>
}

/** Every text item of the PDF in drawing order, page after page, no-break spaces read as spaces, empty ones left out. */
export async function pdfTextItems(pdf: Buffer, getDocument: unknown): Promise<string[]> {
  const document = await (getDocument as GetDocument)({
    data: new Uint8Array(pdf),
    useSystemFonts: false,
    standardFontDataUrl: STANDARD_FONTS,
  }).promise
  const items: string[] = []
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent()
    for (const item of content.items as { str?: string }[]) {
      const text = (item.str ?? '').replace(/\u00a0/g, ' ').trim()
      if (text !== '') items.push(text)
    }
  }
  return items
}
