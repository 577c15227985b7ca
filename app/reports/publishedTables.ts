// The tables of the published report (table 34, tables 35–37, the reasons and the goal fulfilment, and the
// appendices by size group and county) as plain data: captions, headers, cells, footnotes, source and n. The PDF
// and the XLSX are drawn from these, so both show the same figures with the same words.
import type { DistributionBreakdown, GroupInfo, SummaryBreakdown } from '../domain/analysis.ts'
import type { DistributionReport, SummaryReport } from '../domain/reportTypes.ts'
import { DIMENSIONS, type Dimension } from '../domain/types.ts'
import { translate, type Locale } from '../i18n/index.ts'
import type { PublishedReportData } from '../services/analysisService.ts'
import { formatNumber } from '../views/helpers/formatNumber.ts'

/** A cell of a table: a share (null = not offered), a count, an amount in öre, or nothing. */
export type TableCell =
  | { kind: 'pct'; pct: number | null; count: number | null; offeredTo: number | null }
  | { kind: 'int'; value: number }
  | { kind: 'sek'; ore: number }
  | { kind: 'empty' }

export interface TableRow {
  label: string
  cells: TableCell[]
  /** a row that sums the others, or a row inside another (the reasons under "partially spent") */
  style?: 'total' | 'indent'
}

export interface ReportChart {
  title: string
  /** one bar per series and category: the rounds, or the measures of table 34 */
  series: string[]
  categories: { label: string; values: (number | null)[]; displays: string[] }[]
}

export interface ReportTable {
  /** a stable id, also the order: table34, table35, …, size_group-table34, county-table35 */
  id: string
  /** what the XLSX calls its sheet (at most 31 characters) */
  sheetName: string
  caption: string
  /** the label column first */
  headers: string[]
  rows: TableRow[]
  footnotes: string[]
  source: string
  /** the n of the table, said in words under it */
  nLine: string
  chart?: ReportChart
  /** in which part of the report: the tables, or an appendix */
  part: 'main' | 'size_group' | 'county'
}

export const PUBLISHED_TABLE_NUMBERS: Partial<Record<Dimension, number>> = {
  purposes: 35,
  areas: 36,
  usage_areas: 37,
}
/** The dimensions whose appendix tables the report has (as the published report: tables 35–37). */
const APPENDIX_DIMENSIONS: Dimension[] = ['purposes', 'areas', 'usage_areas']

/** "Under 10 000", "10 000–19 999", "100 000 och fler", a county's name, or "population unknown". */
export function groupLabel(group: GroupInfo, locale: Locale): string {
  if (group.name !== null) return group.name
  if (group.minPopulation === null) return translate(locale, 'analysis.sizeGroup.unknown')
  if (group.minPopulation === 0 && group.maxPopulation !== null) {
    return translate(locale, 'analysis.sizeGroup.under', { max: formatNumber(group.maxPopulation + 1) })
  }
  if (group.maxPopulation === null) {
    return translate(locale, 'analysis.sizeGroup.over', { min: formatNumber(group.minPopulation) })
  }
  return translate(locale, 'analysis.sizeGroup.range', {
    min: formatNumber(group.minPopulation),
    max: formatNumber(group.maxPopulation),
  })
}

export const optionLabel = (option: { labelSv: string; labelEn: string }, locale: Locale) =>
  locale === 'en' ? option.labelEn : option.labelSv

/** The base of a round's shares: n (used the money), or for the unspent reasons those who spent part of it. */
export function roundBase(round: DistributionReport['rounds'][number]): number {
  return round.options.find(option => option.offeredTo !== null)?.offeredTo ?? round.n
}

/** "2021–2023" or "2023". */
const span = (from: number, to: number) => (from === to ? String(from) : `${from}\u2013${to}`)

/**
 * The footnote markers of options not offered in some round: "**" for the first set of rounds, "***" for the next
 * (a single "*" is the table's own note, "several answers possible").
 */
function notOfferedNotes(report: DistributionReport, locale: Locale) {
  const markers = new Map<string, string>()
  const footnotes: string[] = []
  const byOption = new Map<string, string>()
  const options = report.rounds[0]?.options ?? []
  options.forEach((option, index) => {
    const missing = report.rounds.filter(round => round.options[index].count === null).map(round => round.surveyRound)
    if (missing.length === 0) return
    const key = missing.join(',')
    if (!markers.has(key)) {
      const marker = '*'.repeat(markers.size + 2)
      markers.set(key, marker)
      footnotes.push(
        `${marker} ${translate(locale, 'published.notOffered', { rounds: missing.join(locale === 'en' ? ' and ' : ' och ') })}`,
      )
    }
    byOption.set(option.code, markers.get(key)!)
  })
  return { byOption, footnotes }
}

function distributionTable(
  report: DistributionReport,
  dimension: Dimension,
  data: PublishedReportData,
  locale: Locale,
): ReportTable {
  const rounds = report.rounds
  const first = rounds[0]?.surveyRound ?? data.surveyRound
  const last = rounds.at(-1)?.surveyRound ?? data.surveyRound
  const number = PUBLISHED_TABLE_NUMBERS[dimension]
  const title = translate(locale, `published.caption.${dimension}`, { rounds: span(first, last) })
  const caption = number === undefined ? title : `${translate(locale, 'published.table', { number })}. ${title}`
  const notes = notOfferedNotes(report, locale)
  const multi = dimension !== 'goal_fulfilment'
  const options = rounds[0]?.options ?? []
  const rows: TableRow[] = options.map((option, index) => ({
    label: optionLabel(option, locale) + (notes.byOption.get(option.code) ?? ''),
    cells: rounds.map(round => {
      const cell = round.options[index]
      return { kind: 'pct', pct: cell.pct, count: cell.count, offeredTo: cell.offeredTo }
    }),
  }))
  const baseKey = dimension === 'unspent_reasons' ? 'published.nPartially' : 'published.nUsed'
  return {
    id: number === undefined ? dimension : `table${number}`,
    sheetName:
      number === undefined
        ? translate(locale, `dimension.${dimension}`)
        : `${translate(locale, 'published.table', { number })}`,
    caption,
    headers: [
      translate(locale, `published.head.${dimension}`) + (multi ? '*' : ''),
      ...rounds.map(round => `${round.surveyRound} (n=${roundBase(round)})`),
    ],
    rows,
    footnotes: [...(multi ? [`* ${translate(locale, 'published.severalAnswers')}`] : []), ...notes.footnotes],
    source: translate(locale, 'published.sourceRounds', {
      rounds: span(first, last),
      years: span(first - 1, last - 1),
    }),
    nLine: translate(locale, baseKey, {
      list: rounds.map(round => `${round.surveyRound}: ${roundBase(round)}`).join(', '),
    }),
    chart: {
      title: translate(locale, 'published.chartTitle', { what: title }),
      series: rounds.map(round => String(round.surveyRound)),
      categories: options.map((option, index) => ({
        label: optionLabel(option, locale),
        values: rounds.map(round => round.options[index].pct),
        displays: rounds.map(round => {
          const pct = round.options[index].pct
          return pct === null ? '\u2013' : String(pct)
        }),
      })),
    },
    part: 'main',
  }
}

function table34(summary: SummaryReport, data: PublishedReportData, locale: Locale): ReportTable {
  const { survey } = summary
  const t = (key: string) => translate(locale, key)
  const reasonRows: TableRow[] = data.reasonLabels.map(reason => ({
    label: optionLabel(reason, locale),
    cells: [{ kind: 'int', value: survey.partiallySpentReasonCounts[reason.code] ?? 0 }],
    style: 'indent',
  }))
  const kronor = (ore: number) => {
    const whole = (ore - (ore % 100)) / 100
    return formatNumber(whole)
  }
  return {
    id: 'table34',
    sheetName: translate(locale, 'published.table', { number: 34 }),
    caption: `${translate(locale, 'published.table', { number: 34 })}. ${translate(locale, 'published.caption.table34', { programmeYear: data.programmeYear })}`,
    headers: [t('published.head.table34'), String(data.programmeYear)],
    rows: [
      {
        label: t('published.row.requisitionedMunicipalities'),
        cells: [{ kind: 'int', value: survey.municipalitiesRequisitioned }],
      },
      { label: t('published.row.usedFunds'), cells: [{ kind: 'int', value: survey.municipalitiesUsedFunds }] },
      { label: t('published.row.requisitioned'), cells: [{ kind: 'sek', ore: survey.requisitionedOre }] },
      { label: t('published.row.spent'), cells: [{ kind: 'sek', ore: survey.spentOre }] },
      { label: t('published.row.remaining'), cells: [{ kind: 'sek', ore: survey.remainingOre }] },
      {
        label: t('published.row.partiallySpent'),
        cells: [{ kind: 'int', value: survey.partiallySpentMunicipalities }],
      },
      ...reasonRows,
    ],
    footnotes: [t('published.reasonsNote')],
    source: translate(locale, 'published.sourceRound', {
      surveyRound: data.surveyRound,
      programmeYear: data.programmeYear,
    }),
    nLine: translate(locale, 'published.nRespondents', { n: survey.respondents }),
    chart: {
      title: translate(locale, 'published.chartMoney', { programmeYear: data.programmeYear }),
      series: [String(data.programmeYear)],
      categories: [
        { label: t('published.row.requisitioned'), ore: survey.requisitionedOre },
        { label: t('published.row.spent'), ore: survey.spentOre },
        { label: t('published.row.remaining'), ore: survey.remainingOre },
      ].map(item => ({ label: item.label, values: [item.ore], displays: [kronor(item.ore)] })),
    },
    part: 'main',
  }
}

/** Table 34 with one row per group and a total row. */
function summaryByGroup(breakdown: SummaryBreakdown, data: PublishedReportData, locale: Locale): ReportTable {
  const t = (key: string) => translate(locale, key)
  const part = breakdown.by
  const row = (label: string, municipalities: number, report: SummaryReport, style?: 'total'): TableRow => ({
    label,
    style,
    cells: [
      { kind: 'int', value: municipalities },
      { kind: 'int', value: report.survey.municipalitiesRequisitioned },
      { kind: 'int', value: report.survey.municipalitiesUsedFunds },
      { kind: 'sek', ore: report.survey.requisitionedOre },
      { kind: 'sek', ore: report.survey.spentOre },
      { kind: 'sek', ore: report.survey.remainingOre },
    ],
  })
  const total = { municipalities: 0 }
  for (const group of breakdown.groups) total.municipalities += group.municipalities
  return {
    id: `${part}-table34`,
    sheetName: `${t(`published.appendixShort.${part}`)} ${translate(locale, 'published.table', { number: 34 })}`,
    caption: `${translate(locale, 'published.table', { number: 34 })}. ${translate(locale, `published.caption.table34By.${part}`, { programmeYear: data.programmeYear })}`,
    headers: [
      t(`published.head.${part}`),
      t('published.col.municipalities'),
      t('published.col.requisitionedMunicipalities'),
      t('published.col.usedFunds'),
      t('published.col.requisitioned'),
      t('published.col.spent'),
      t('published.col.remaining'),
    ],
    rows: [
      ...breakdown.groups.map(group => row(groupLabel(group.group, locale), group.municipalities, group.report)),
      row(t('published.total'), total.municipalities, data.summary, 'total'),
    ],
    footnotes: part === 'size_group' ? [t('published.sizeGroupNote')] : [],
    source: translate(locale, 'published.sourceRound', {
      surveyRound: data.surveyRound,
      programmeYear: data.programmeYear,
    }),
    nLine: translate(locale, 'published.nRespondents', { n: data.summary.survey.respondents }),
    part,
  }
}

/** A distribution of the report's round with one column per group, and the whole country last. */
function distributionByGroup(
  breakdown: DistributionBreakdown,
  dimension: Dimension,
  data: PublishedReportData,
  locale: Locale,
): ReportTable {
  const part = breakdown.by
  const number = PUBLISHED_TABLE_NUMBERS[dimension]!
  const all = data.distributions[dimension].rounds.find(round => round.surveyRound === data.surveyRound)
  const columns = breakdown.groups.map(group => ({
    label: groupLabel(group.group, locale),
    round: group.report.rounds.find(round => round.surveyRound === data.surveyRound),
  }))
  if (all) columns.push({ label: translate(locale, 'published.total'), round: all })
  const options = all?.options ?? []
  const title = translate(locale, `published.caption.${dimension}`, { rounds: String(data.surveyRound) })
  return {
    id: `${part}-table${number}`,
    sheetName: `${translate(locale, `published.appendixShort.${part}`)} ${translate(locale, 'published.table', { number })}`,
    caption: `${translate(locale, 'published.table', { number })}. ${title} ${translate(locale, `published.byGroup.${part}`)}`,
    headers: [
      translate(locale, `published.head.${dimension}`) + '*',
      ...columns.map(column => `${column.label} (n=${column.round ? roundBase(column.round) : 0})`),
    ],
    rows: options.map((option, index) => ({
      label: optionLabel(option, locale),
      cells: columns.map(column => {
        const cell = column.round?.options[index]
        return cell
          ? { kind: 'pct', pct: cell.pct, count: cell.count, offeredTo: cell.offeredTo }
          : { kind: 'pct', pct: null, count: null, offeredTo: null }
      }),
    })),
    footnotes: [
      `* ${translate(locale, 'published.severalAnswers')}`,
      translate(locale, 'published.noBase'),
      ...(part === 'size_group' ? [translate(locale, 'published.sizeGroupNote')] : []),
    ],
    source: translate(locale, 'published.sourceRound', {
      surveyRound: data.surveyRound,
      programmeYear: data.programmeYear,
    }),
    nLine: translate(locale, 'published.nUsedGroups'),
    part,
  }
}

/** Every table of the report, in the order the PDF and the XLSX show them. */
export function publishedTables(data: PublishedReportData, locale: Locale): ReportTable[] {
  const main = [
    table34(data.summary, data, locale),
    ...DIMENSIONS.map(dimension => distributionTable(data.distributions[dimension], dimension, data, locale)),
  ]
  const appendices = (['size_group', 'county'] as const).flatMap(by => [
    summaryByGroup(data.breakdowns[by].summary, data, locale),
    ...APPENDIX_DIMENSIONS.map(dimension =>
      distributionByGroup(data.breakdowns[by].distributions[dimension], dimension, data, locale),
    ),
  ])
  return [...main, ...appendices]
}
