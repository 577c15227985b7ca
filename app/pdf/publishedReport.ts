// The published report of a programme year as a PDF (pdfkit, A4): table 34, tables 35–37, the reasons and the goal
// fulfilment with the survey rounds side by side, a bar chart under each, and the appendices by size group and by
// county. Swedish number formatting; source and n under every table; every text drawn goes through pdfText().
import PDFDocument from 'pdfkit'
import { translate, type Locale } from '../i18n/index.ts'
import { formatNumber, NO_VALUE } from '../views/helpers/formatNumber.ts'
import { formatSek } from '../views/helpers/formatSek.ts'
import type { ReportChart, ReportTable, TableCell } from '../reports/publishedTables.ts'
import { pdfText } from './pdfText.ts'

const PAGE = { width: 595.28, height: 841.89 }
const MARGIN = { top: 56, bottom: 60, left: 50, right: 50 }
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right
const BOTTOM = PAGE.height - MARGIN.bottom
const FONT = 'Helvetica'
const BOLD = 'Helvetica-Bold'
const ITALIC = 'Helvetica-Oblique'
const TEXT = '#1b1b1b'
const MUTED = '#4a4f55'
const RULE = '#8a9097'
/** one colour per series (survey round or group), as on the pages (app.css); more series repeat them */
const SERIES_COLOURS = ['#6b87ad', '#b35c00', '#12325b', '#2e6b3a', '#7a3f8f', '#4a4f55']
const VALUE_COLUMN = 64
const MIN_VALUE_COLUMN = 50
const HEADER_SIZE = 7.5
const MIN_LABEL_COLUMN = 150

export interface PublishedReportPdfInput {
  locale: Locale
  title: string
  programmeName: string
  /** "Programår 2022 · enkätomgång 2023" */
  subtitle: string
  intro: string
  tables: ReportTable[]
}

/** Kronor as the tables print them: `169 201 599`, `1 234,50` (no unit: the row says "kronor"). */
export function formatKronor(ore: number): string {
  return formatSek(ore).replace(/\u00a0kr$/, '')
}

/** A cell's text in the PDF: a share as a whole number, "–" when the option was not offered or has no base. */
export function cellText(cell: TableCell): string {
  switch (cell.kind) {
    case 'pct':
      return cell.pct === null ? NO_VALUE : String(cell.pct)
    case 'int':
      return formatNumber(cell.value)
    case 'sek':
      return formatKronor(cell.ore)
    case 'empty':
      return ''
  }
}

/**
 * Splits the value columns of a wide table into parts that fit the page (each part repeats the label column), as
 * evenly as possible: 22 columns of at least `minColumn` points become e.g. 5 + 5 + 4 + 4 + 4.
 */
export function columnChunks(
  valueColumns: number,
  minColumn = MIN_VALUE_COLUMN,
  labelMin = MIN_LABEL_COLUMN,
): number[][] {
  const perPart = Math.max(1, Math.floor((CONTENT_WIDTH - labelMin) / minColumn))
  const parts = Math.ceil(valueColumns / perPart)
  const base = Math.floor(valueColumns / parts)
  const larger = valueColumns % parts
  const chunks: number[][] = []
  let start = 0
  for (let part = 0; part < parts; part++) {
    const size = base + (part < larger ? 1 : 0)
    chunks.push(Array.from({ length: size }, (_, i) => start + i))
    start += size
  }
  return chunks
}

class Writer {
  readonly doc: PDFKit.PDFDocument
  y = MARGIN.top

  constructor(doc: PDFKit.PDFDocument) {
    this.doc = doc
  }

  /** Draws text (through pdfText) at x, y; returns its height. */
  text(
    text: string,
    x: number,
    y: number,
    options: { width: number; font?: string; size?: number; colour?: string; align?: 'left' | 'right' | 'center' },
  ): number {
    const content = pdfText(text)
    this.doc
      .font(options.font ?? FONT)
      .fontSize(options.size ?? 9)
      .fillColor(options.colour ?? TEXT)
    this.doc.text(content, x, y, { width: options.width, align: options.align ?? 'left', lineGap: 1 })
    return this.doc.heightOfString(content, { width: options.width, lineGap: 1 })
  }

  height(text: string, width: number, font = FONT, size = 9): number {
    return this.doc.font(font).fontSize(size).heightOfString(pdfText(text), { width, lineGap: 1 })
  }

  /** Starts a new page when `needed` points do not fit below y. */
  ensure(needed: number): void {
    if (this.y + needed > BOTTOM) this.newPage()
  }

  newPage(): void {
    this.doc.addPage()
    this.y = MARGIN.top
  }

  rule(y: number, weight = 0.6, colour = RULE): void {
    this.doc
      .moveTo(MARGIN.left, y)
      .lineTo(MARGIN.left + CONTENT_WIDTH, y)
      .lineWidth(weight)
      .strokeColor(colour)
      .stroke()
  }

  paragraph(text: string, options: { font?: string; size?: number; colour?: string; gap?: number } = {}): void {
    const size = options.size ?? 9
    const h = this.height(text, CONTENT_WIDTH, options.font ?? FONT, size)
    this.ensure(h)
    this.text(text, MARGIN.left, this.y, { width: CONTENT_WIDTH, ...options, size })
    this.y += h + (options.gap ?? 4)
  }
}

function drawTablePart(
  w: Writer,
  table: ReportTable,
  columns: number[],
  partLabel: string | null,
  minColumn: number,
): void {
  const labelWidth =
    CONTENT_WIDTH -
    columns.length *
      Math.min(Math.max(VALUE_COLUMN, minColumn), (CONTENT_WIDTH - MIN_LABEL_COLUMN) / Math.max(1, columns.length))
  const valueWidth = columns.length === 0 ? 0 : (CONTENT_WIDTH - labelWidth) / columns.length
  const caption = partLabel ? `${table.caption} ${partLabel}` : table.caption
  const captionHeight = w.height(caption, CONTENT_WIDTH, BOLD, 10)
  const headers = [table.headers[0], ...columns.map(i => table.headers[i + 1])]
  const headerHeight = () =>
    Math.max(
      w.height(headers[0], labelWidth - 6, BOLD, HEADER_SIZE),
      ...headers.slice(1).map(header => w.height(header, valueWidth - 4, BOLD, HEADER_SIZE)),
    )
  const drawHeader = () => {
    const h = headerHeight()
    w.text(headers[0], MARGIN.left, w.y, { width: labelWidth - 6, font: BOLD, size: HEADER_SIZE })
    headers.slice(1).forEach((header, i) => {
      w.text(header, MARGIN.left + labelWidth + i * valueWidth, w.y, {
        width: valueWidth - 4,
        font: BOLD,
        size: HEADER_SIZE,
        align: 'right',
      })
    })
    w.y += h + 3
    w.rule(w.y - 1.5)
  }
  const firstRow = table.rows[0] ? w.height(table.rows[0].label, labelWidth - 6) + 4 : 0
  // the caption, the header and the first row stay together
  w.ensure(captionHeight + headerHeight() + firstRow + 12)
  w.y += 4
  w.text(caption, MARGIN.left, w.y, { width: CONTENT_WIDTH, font: BOLD, size: 10 })
  w.y += captionHeight + 4
  w.rule(w.y - 1, 1, TEXT)
  w.y += 2
  drawHeader()
  for (const row of table.rows) {
    const indent = row.style === 'indent' ? 12 : 0
    const font = row.style === 'total' ? BOLD : FONT
    const h = Math.max(w.height(row.label, labelWidth - 6 - indent, font), 10) + 3
    if (w.y + h > BOTTOM) {
      w.newPage()
      drawHeader()
    }
    w.text(row.label, MARGIN.left + indent, w.y, { width: labelWidth - 6 - indent, font })
    columns.forEach((column, i) => {
      const cell = row.cells[column] ?? { kind: 'empty' }
      w.text(cellText(cell), MARGIN.left + labelWidth + i * valueWidth, w.y, {
        width: valueWidth - 4,
        font,
        align: 'right',
      })
    })
    w.y += h
    if (row.style === 'total') w.rule(w.y - h - 1.5, 0.4)
  }
  w.rule(w.y, 1, TEXT)
  w.y += 4
  for (const note of [...table.footnotes, table.nLine]) w.paragraph(note, { size: 7.5, colour: MUTED, gap: 1 })
  w.paragraph(table.source, { size: 7.5, colour: MUTED, font: ITALIC, gap: 8 })
}

function drawChart(w: Writer, chart: ReportChart, locale: Locale, max?: number): void {
  const labelWidth = 170
  const valueRoom = 60
  const plotLeft = MARGIN.left + labelWidth + 8
  const plotWidth = CONTENT_WIDTH - labelWidth - 8 - valueRoom
  const barHeight = 6
  const barGap = 2.5
  const values = chart.categories.flatMap(category => category.values).filter((v): v is number => v !== null)
  const scaleMax = max ?? Math.max(1, ...values)
  const titleHeight = w.height(chart.title, CONTENT_WIDTH, BOLD, 8.5)
  const blockHeight = (label: string) =>
    Math.max(w.height(label, labelWidth, FONT, 7.5), chart.series.length * (barHeight + barGap)) + 5
  w.ensure(titleHeight + 16 + blockHeight(chart.categories[0]?.label ?? ''))
  w.text(chart.title, MARGIN.left, w.y, { width: CONTENT_WIDTH, font: BOLD, size: 8.5 })
  w.y += titleHeight + 3
  // the legend: one swatch per series
  if (chart.series.length > 1) {
    let x = MARGIN.left
    chart.series.forEach((series, index) => {
      w.doc.rect(x, w.y + 1, 8, 6).fill(SERIES_COLOURS[index % SERIES_COLOURS.length])
      w.text(series, x + 11, w.y, { width: 60, size: 7.5 })
      x += 70
    })
    w.y += 12
  }
  for (const category of chart.categories) {
    const h = blockHeight(category.label)
    w.ensure(h)
    w.text(category.label, MARGIN.left, w.y, { width: labelWidth, size: 7.5 })
    category.values.forEach((value, index) => {
      const y = w.y + index * (barHeight + barGap)
      const length = value === null ? 0 : (Math.max(0, value) / scaleMax) * plotWidth
      if (length > 0) {
        w.doc.rect(plotLeft, y, length, barHeight).fill(SERIES_COLOURS[index % SERIES_COLOURS.length])
      }
      w.text(category.displays[index], plotLeft + length + 3, y - 0.5, { width: valueRoom - 4, size: 6, colour: MUTED })
    })
    w.doc
      .moveTo(plotLeft, w.y - 1)
      .lineTo(plotLeft, w.y + h - 4)
      .lineWidth(0.4)
      .strokeColor(RULE)
      .stroke()
    w.y += h
  }
  if (max === 100) {
    w.paragraph(translate(locale, 'published.chartNote'), { size: 7, colour: MUTED, gap: 10 })
  } else {
    w.y += 8
  }
}

function drawTable(w: Writer, table: ReportTable, locale: Locale): void {
  const valueColumns = table.headers.length - 1
  // a column is at least as wide as the longest word of its header, so that no name is broken inside a word
  w.doc.font(BOLD).fontSize(HEADER_SIZE)
  const longestWord = Math.max(
    0,
    ...table.headers.slice(1).flatMap(header =>
      pdfText(header)
        .split(/\s+/)
        .map(word => w.doc.widthOfString(word)),
    ),
  )
  const minColumn = Math.max(MIN_VALUE_COLUMN, Math.ceil(longestWord) + 8)
  const chunks = columnChunks(valueColumns, minColumn)
  chunks.forEach((columns, index) => {
    const partLabel =
      chunks.length === 1 ? null : translate(locale, 'published.part', { part: index + 1, parts: chunks.length })
    drawTablePart(w, table, columns, partLabel, minColumn)
  })
  if (table.chart) {
    const isShares = table.rows.some(row => row.cells.some(cell => cell.kind === 'pct'))
    drawChart(w, table.chart, locale, isShares ? 100 : undefined)
  }
}

/** The PDF as bytes. Deterministic: the same data give the same pages (no date of printing in the text). */
export function publishedReportPdf(input: PublishedReportPdfInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: input.locale === 'en' ? 'en-GB' : 'sv-SE',
    info: { Title: pdfText(input.title), Author: 'Stimulans', Subject: pdfText(input.programmeName) },
  })
  const chunks: Buffer[] = []
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  const w = new Writer(doc)
  w.paragraph(input.title, { font: BOLD, size: 18, gap: 2 })
  w.paragraph(input.programmeName, { size: 11, gap: 2 })
  w.paragraph(input.subtitle, { size: 9.5, colour: MUTED, gap: 10 })
  w.paragraph(input.intro, { size: 9, gap: 10 })

  let part: ReportTable['part'] = 'main'
  for (const table of input.tables) {
    if (table.part !== part) {
      part = table.part
      w.newPage()
      w.paragraph(translate(input.locale, `published.appendix.${part}`), { font: BOLD, size: 14, gap: 4 })
      w.paragraph(translate(input.locale, `published.appendixIntro.${part}`), { size: 9, gap: 8 })
    }
    drawTable(w, table, input.locale)
  }

  // running footer on every page: where the page is in the report
  const range = doc.bufferedPageRange()
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i)
    const bottomMargin = doc.page.margins.bottom
    doc.page.margins.bottom = 0 // writing in the margin must not start a new page
    const footer = `${input.title} \u00b7 ${translate(input.locale, 'published.page', { page: i + 1, pages: range.count })}`
    w.text(footer, MARGIN.left, PAGE.height - 36, { width: CONTENT_WIDTH, size: 7.5, colour: MUTED, align: 'center' })
    doc.page.margins.bottom = bottomMargin
  }
  doc.end()
  return done
}
