// Horizontal bar charts drawn on the server as SVG: no script, no inline style (the CSP allows neither), colours
// from the stylesheet's classes. The chart is an image with a title and a description; the page puts the same
// numbers beside it in a table (barChartFigure), which is the text alternative that screen readers read.

export interface Bar {
  label: string
  /** what the bar's length is computed from, in any unit (öre, a count, a percent) */
  value: number
  /** the value as the page writes it, e.g. "169 201 599 kr" */
  display: string
}

export interface BarChartInput {
  title: string
  description: string
  bars: readonly Bar[]
  /** the unit of the values, named under the chart ("kronor", "kommuner") */
  unit?: string
  /** makes the ids of the title and description unique on the page; derived from the title when left out */
  id?: string
}

// geometry in SVG user units; the SVG scales to the width of its container
const WIDTH = 720
const BAR_HEIGHT = 22
const BAR_GAP = 12
const TOP = 8
const FONT_SIZE = 14
// an average glyph of a 14-unit sans-serif: enough to keep labels and values clear of the bars
const CHAR_WIDTH = 7.6
const LABEL_GAP = 10
const MAX_LABEL_WIDTH = 260
const VALUE_GAP = 6

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, char => `&#${char.charCodeAt(0)};`)
}

/** An id for the chart's title and description: letters, digits and hyphens. */
export function chartId(text: string): string {
  const slug = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  return `chart-${slug || 'bars'}`
}

const textWidth = (text: string) => Math.ceil(text.length * CHAR_WIDTH)
// one decimal is plenty for a screen, and keeps the markup short and stable for tests
const round = (value: number) => Math.round(value * 10) / 10

/** Cuts a label to fit the label column, with an ellipsis; the full label stays in the bar's <title>. */
function fitLabel(label: string, width: number): string {
  const max = Math.floor(width / CHAR_WIDTH)
  return label.length <= max ? label : `${label.slice(0, Math.max(1, max - 1))}…`
}

/**
 * The SVG markup of a horizontal bar chart: one bar a row, the label at the left, the displayed value at the end
 * of the bar. Negative values are drawn leftwards from a zero line. `role="img"` with `<title>` and `<desc>`.
 */
export function barChart(input: BarChartInput): string {
  const id = input.id ?? chartId(input.title)
  const bars = input.bars
  const labelWidth = Math.min(MAX_LABEL_WIDTH, Math.max(0, ...bars.map(bar => textWidth(bar.label))))
  const valueWidth = Math.max(0, ...bars.map(bar => textWidth(bar.display))) + VALUE_GAP
  const plotLeft = labelWidth + LABEL_GAP
  const plotWidth = Math.max(40, WIDTH - plotLeft - valueWidth)
  const maxValue = Math.max(0, ...bars.map(bar => bar.value))
  const minValue = Math.min(0, ...bars.map(bar => bar.value))
  const span = maxValue - minValue
  // with no negative values the zero line is the left edge; negative values get room (and a value label) left of it
  const negativeRoom = minValue < 0 ? valueWidth : 0
  const scaleWidth = plotWidth - negativeRoom
  const scale = span === 0 ? 0 : scaleWidth / span
  const zeroX = plotLeft + negativeRoom + (0 - minValue) * scale
  const unitHeight = input.unit ? FONT_SIZE + BAR_GAP : 0
  const height = TOP + bars.length * (BAR_HEIGHT + BAR_GAP) + unitHeight + 4

  const rows = bars.map((bar, index) => {
    const y = TOP + index * (BAR_HEIGHT + BAR_GAP)
    const length = Math.abs(bar.value) * scale
    const negative = bar.value < 0
    const x = negative ? zeroX - length : zeroX
    const textY = round(y + BAR_HEIGHT / 2 + FONT_SIZE / 2 - 2)
    const valueX = negative ? x - VALUE_GAP : zeroX + length + VALUE_GAP
    return [
      `<g class="bar-chart__row">`,
      `<title>${escapeXml(`${bar.label}: ${bar.display}`)}</title>`,
      `<text class="bar-chart__label" x="${round(labelWidth)}" y="${textY}" text-anchor="end">${escapeXml(fitLabel(bar.label, labelWidth))}</text>`,
      `<rect class="bar-chart__bar${negative ? ' bar-chart__bar--negative' : ''}" x="${round(x)}" y="${y}" width="${round(length)}" height="${BAR_HEIGHT}"/>`,
      `<text class="bar-chart__value" x="${round(valueX)}" y="${textY}" text-anchor="${negative ? 'end' : 'start'}">${escapeXml(bar.display)}</text>`,
      `</g>`,
    ].join('')
  })
  const axisBottom = TOP + bars.length * (BAR_HEIGHT + BAR_GAP) - BAR_GAP / 2
  const axis = bars.length === 0 ? '' : `<line class="bar-chart__axis" x1="${round(zeroX)}" y1="${TOP / 2}" x2="${round(zeroX)}" y2="${round(axisBottom)}"/>`
  const unit = input.unit
    ? `<text class="bar-chart__unit" x="${round(plotLeft)}" y="${round(height - 6)}">${escapeXml(input.unit)}</text>`
    : ''
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart__svg" role="img" viewBox="0 0 ${WIDTH} ${height}"`,
    ` width="${WIDTH}" height="${height}" font-size="${FONT_SIZE}" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${escapeXml(input.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(input.description)}</desc>`,
    ...rows,
    axis,
    unit,
    `</svg>`,
  ].join('')
}

export interface BarChartFigure {
  id: string
  title: string
  description: string
  unit: string | undefined
  /** the SVG markup: render unescaped (`{{{svg}}}`); every text in it is escaped */
  svg: string
  /** the same numbers, for the table that is the chart's text alternative */
  rows: { label: string; display: string }[]
}

/** What the `bar-chart` partial renders: the chart and its table. */
export function barChartFigure(input: BarChartInput): BarChartFigure {
  const id = input.id ?? chartId(input.title)
  return {
    id,
    title: input.title,
    description: input.description,
    unit: input.unit,
    svg: barChart({ ...input, id }),
    rows: input.bars.map(bar => ({ label: bar.label, display: bar.display })),
  }
}
