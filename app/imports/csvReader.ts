// Streams a CSV file as Excel and other programs write it: UTF-8 (with or without BOM) or Windows-1252, comma or
// semicolon separated, quoted fields with separators, "" and line breaks. Yields one record per spreadsheet row.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { pipeline } from 'node:stream'
import { CsvError, parse } from 'csv-parse'
import iconv from 'iconv-lite'
import type { Problem } from '../domain/types.ts'

export type CsvEncoding = 'utf-8' | 'windows-1252'
export type CsvSeparator = ',' | ';'

export interface CsvFileInfo {
  /** sha-256 of the file's bytes, hex */
  sha256: string
  bytes: number
  encoding: CsvEncoding
}

/** A data row keyed by (trimmed, lower-case) header name, or the problems of a row that could not be read. */
export type CsvRow =
  | { line: number; record: Record<string, string>; problems?: undefined }
  | { line: number; record?: undefined; problems: Problem[] }

export interface ReadCsvOptions {
  /** the columns the header must have; any other column is a problem */
  columns: readonly string[]
  /** from inspectCsvFile; detected (another pass over the file) when not given */
  encoding?: CsvEncoding
  /** bytes read at a time; small values let tests cut multi-byte characters and quoted fields across chunks */
  highWaterMark?: number
}

/** Problems with the row as a whole (not one cell) name this column. */
export const ROW = '(row)'
/** Problems with the file as a whole name this column. */
export const FILE = '(file)'

/**
 * One pass over the bytes: their hash, and whether they are valid UTF-8 from start to end. A file with a single
 * invalid byte anywhere is read as Windows-1252, which is what Excel writes as "CSV" on a Swedish Windows.
 */
export async function inspectCsvFile(filePath: string, highWaterMark?: number): Promise<CsvFileInfo> {
  const hash = createHash('sha256')
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let utf8 = true
  let bytes = 0
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark }) as AsyncIterable<Buffer>) {
    hash.update(chunk)
    bytes += chunk.length
    if (utf8) {
      try {
        decoder.decode(chunk, { stream: true })
      } catch {
        utf8 = false
      }
    }
  }
  if (utf8) {
    try {
      decoder.decode() // a multi-byte character cut off at the end of the file
    } catch {
      utf8 = false
    }
  }
  return { sha256: hash.digest('hex'), bytes, encoding: utf8 ? 'utf-8' : 'windows-1252' }
}

/** Comma or semicolon, whichever the header line has more of outside quotes (a comma when it has neither). */
export function detectSeparator(headerLine: string): CsvSeparator {
  let commas = 0
  let semicolons = 0
  let quoted = false
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted
    else if (!quoted && char === ',') commas++
    else if (!quoted && char === ';') semicolons++
  }
  return semicolons > commas ? ';' : ','
}

const HEAD_BYTES = 64 * 1024

async function readHead(filePath: string): Promise<Buffer> {
  const handle = await fs.promises.open(filePath, 'r')
  try {
    const buffer = Buffer.alloc(HEAD_BYTES)
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

function firstLine(head: Buffer, encoding: CsvEncoding): string {
  const text = encoding === 'utf-8' ? head.toString('utf8') : iconv.decode(head, 'win1252')
  return text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0]
}

function headerProblems(header: readonly string[], columns: readonly string[]): Problem[] {
  const problems: Problem[] = []
  const seen = new Set<string>()
  header.forEach((name, index) => {
    if (name === '') problems.push({ line: 1, column: `(column ${index + 1})`, message: 'column without a name' })
    else if (seen.has(name)) problems.push({ line: 1, column: name, message: 'column given twice' })
    else if (!columns.includes(name)) problems.push({ line: 1, column: name, message: 'unknown column' })
    seen.add(name)
  })
  for (const column of columns) {
    if (!seen.has(column)) problems.push({ line: 1, column, message: 'missing column' })
  }
  return problems
}

function parseErrorMessage(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is not closed (a " is missing); nothing after it could be read'
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'text after the closing quote of a field (write "" for a quote inside a quoted field)'
    default:
      return error.message
  }
}

/**
 * The rows of a CSV file, streamed: memory does not grow with the file. `line` is the row number a spreadsheet
 * shows (header = 1), so a quoted field with line breaks still counts as one row. Empty rows are skipped but
 * counted. Header problems come first, on line 1; when a required column is missing no rows follow.
 */
export async function* readCsv(filePath: string, options: ReadCsvOptions): AsyncGenerator<CsvRow, void, undefined> {
  const head = await readHead(filePath)
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    const message = 'UTF-16 text is not supported; save the file as "CSV UTF-8" or "CSV (semicolon separated)"'
    yield { line: 1, problems: [{ line: 1, column: FILE, message }] }
    return
  }
  const encoding = options.encoding ?? (await inspectCsvFile(filePath, options.highWaterMark)).encoding
  const parser = parse({
    bom: true,
    delimiter: detectSeparator(firstLine(head, encoding)),
    relax_column_count: true,
    // a lone quote inside an unquoted field (12" screen) is text, as in Excel
    relax_quotes: true,
  })
  const source = fs.createReadStream(filePath, { highWaterMark: options.highWaterMark })
  // errors of any stage reach the loop below through the parser; the callback only keeps them from going unhandled
  const done = () => {}
  if (encoding === 'windows-1252') pipeline(source, iconv.decodeStream('win1252'), parser, done)
  else pipeline(source, parser, done)

  let line = 0
  let header: string[] | undefined
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      line++
      if (!header) {
        if (fields.every(field => field.trim() === '')) {
          yield { line, problems: [{ line, column: FILE, message: 'the first line is empty: it must be the header' }] }
          return
        }
        header = fields.map(name => name.trim().toLowerCase())
        const problems = headerProblems(header, options.columns)
        if (problems.length > 0) yield { line, problems }
        if (problems.some(p => p.message === 'missing column')) return
        continue
      }
      if (fields.every(field => field.trim() === '')) continue
      if (fields.length !== header.length) {
        const message = `${fields.length} fields where the header has ${header.length}`
        yield { line, problems: [{ line, column: ROW, message }] }
        continue
      }
      const record: Record<string, string> = {}
      for (let i = 0; i < header.length; i++) record[header[i]] = fields[i]
      yield { line, record }
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error
    yield { line: line + 1, problems: [{ line: line + 1, column: ROW, message: parseErrorMessage(error) }] }
    return
  } finally {
    parser.destroy()
    source.destroy()
  }
  if (!header) yield { line: 1, problems: [{ line: 1, column: FILE, message: 'the file is empty: no header line' }] }
}
