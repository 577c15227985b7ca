// Grouped horizontal bar charts drawn on the server as SVG, for shares with the survey rounds (or the groups of a
// breakdown) side by side: one bar per series in each category. Like barChart.ts: no script, no inline style,
// colours from the stylesheet's classes, role="img" with a title and a description; the page's table with the same
// numbers is the text alternative.
import { chartId, escapeXml } from './barChart.ts'

export interface GroupedCategory {
  label: string
  /** one per series; null: no bar (the option was not offered, or there is no base) */
  values: readonly (number | null)[]
  /** one per series, as the page writes the value ("78 %", "–") */
  displays: readonly string[]
}

export interface GroupedBarChartInput {
  title: string
  description: string
  /** the names of the series, e.g. the survey rounds "2021", "2022", "2023" */
  series: readonly string[]
  categories: readonly GroupedCategory[]
  /** the value a full-width bar stands for; the largest value when left out (100 for shares) */
  max?: number
  id?: string
}

/** How many series the stylesheet has colours for; more series reuse them in turn. */
export const SERIES_CLASSES = 6

const WIDTH = 720
const FONT_SIZE = 13
const CHAR_WIDTH = 7.6
const BAR_HEIGHT = 11
const BAR_GAP = 2
const CATEGORY_GAP = 12
const LEGEND_HEIGHT = 26
const MAX_LABEL_WIDTH = 250
const VALUE_WIDTH = 52
const TOP = 4

const round = (value: number) => Math.round(value * 10) / 10

function fitLabel(label: string, width: number): string {
  const max = Math.floor(width / CHAR_WIDTH)
  return label.length <= max ? label : `${label.slice(0, Math.max(1, max - 1))}…`
}

export function groupedBarChart(input: GroupedBarChartInput): string {
  const id = input.id ?? chartId(input.title)
  const labelWidth = Math.min(MAX_LABEL_WIDTH, Math.max(40, ...input.categories.map(c => c.label.length * CHAR_WIDTH)))
  const plotLeft = labelWidth + 10
  const plotWidth = WIDTH - plotLeft - VALUE_WIDTH
  const values = input.categories.flatMap(c => c.values).filter((v): v is number => v !== null)
  const max = input.max ?? Math.max(1, ...values)
  const seriesCount = input.series.length
  const categoryHeight = seriesCount * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
  // the legend: one swatch and name per series, in as many lines as the names need
  const legendItems: { x: number; line: number; name: string }[] = []
  let legendX = 0
  let legendLine = 0
  for (const name of input.series) {
    const width = 19 + Math.ceil(name.length * CHAR_WIDTH) + 18
    if (legendX > 0 && legendX + width > WIDTH) {
      legendX = 0
      legendLine++
    }
    legendItems.push({ x: legendX, line: legendLine, name })
    legendX += width
  }
  const top = TOP + (seriesCount > 1 ? (legendLine + 1) * LEGEND_HEIGHT : 0)
  const height = top + input.categories.length * (categoryHeight + CATEGORY_GAP) + 4

  const legend =
    seriesCount > 1
      ? legendItems
          .map(({ x, line, name }, index) => {
            const y = TOP + line * LEGEND_HEIGHT
            return (
              `<g class="grouped-chart__legend-item">` +
              `<rect class="grouped-chart__bar grouped-chart__bar--s${index % SERIES_CLASSES}" x="${x}" y="${y + 3}" width="14" height="12"/>` +
              `<text class="grouped-chart__legend" x="${x + 19}" y="${y + 14}">${escapeXml(name)}</text>` +
              `</g>`
            )
          })
          .join('')
      : ''

  const rows = input.categories.map((category, c) => {
    const y0 = top + c * (categoryHeight + CATEGORY_GAP)
    const labelY = round(y0 + categoryHeight / 2 + FONT_SIZE / 2 - 2)
    const bars = input.series.map((name, s) => {
      const value = category.values[s] ?? null
      const y = y0 + s * (BAR_HEIGHT + BAR_GAP)
      const length = value === null ? 0 : (Math.max(0, value) / max) * plotWidth
      const display = category.displays[s] ?? ''
      return (
        `<g class="grouped-chart__bar-group"><title>${escapeXml(`${category.label}, ${name}: ${display}`)}</title>` +
        (length > 0
          ? `<rect class="grouped-chart__bar grouped-chart__bar--s${s % SERIES_CLASSES}" x="${round(plotLeft)}" y="${y}" width="${round(length)}" height="${BAR_HEIGHT}"/>`
          : '') +
        `<text class="grouped-chart__value" x="${round(plotLeft + length + 4)}" y="${y + BAR_HEIGHT - 1}">${escapeXml(display)}</text></g>`
      )
    })
    return (
      `<g class="grouped-chart__category">` +
      `<text class="grouped-chart__label" x="${round(labelWidth)}" y="${labelY}" text-anchor="end">${escapeXml(fitLabel(category.label, labelWidth))}</text>` +
      bars.join('') +
      `</g>`
    )
  })
  const axisBottom = height - 4
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="grouped-chart__svg" role="img" viewBox="0 0 ${WIDTH} ${height}"`,
    ` width="${WIDTH}" height="${height}" font-size="${FONT_SIZE}" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${escapeXml(input.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(input.description)}</desc>`,
    legend,
    ...rows,
    `<line class="grouped-chart__axis" x1="${round(plotLeft)}" y1="${top - 2}" x2="${round(plotLeft)}" y2="${axisBottom}"/>`,
    `</svg>`,
  ].join('')
}

export interface GroupedBarChartFigure {
  id: string
  title: string
  description: string
  /** render unescaped (`{{{svg}}}`); every text in it is escaped */
  svg: string
}

export function groupedBarChartFigure(input: GroupedBarChartInput): GroupedBarChartFigure {
  const id = input.id ?? chartId(input.title)
  return { id, title: input.title, description: input.description, svg: groupedBarChart({ ...input, id }) }
}
