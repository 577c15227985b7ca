// The published report's tables as XLSX (one sheet per table, numbers as numbers) and as one CSV in long form (one
// line per figure), for anyone who wants to check or reuse them. A share of an option that was not offered is
// "–", never 0.
import { oreToCsvKronor, toCsv, type Cell } from '../exports/csv.ts'
import { toXlsx, type Sheet, type SheetColumn } from '../exports/xlsx.ts'
import type { DistributionReport } from '../domain/reportTypes.ts'
import { DIMENSIONS } from '../domain/types.ts'
import { translate, type Locale } from '../i18n/index.ts'
import type { PublishedReportData } from '../services/analysisService.ts'
import {
  groupLabel,
  optionLabel,
  PUBLISHED_TABLE_NUMBERS,
  type ReportTable,
  type TableCell,
} from './publishedTables.ts'

export const NOT_OFFERED = '\u2013'

type Kind = TableCell['kind']

function sheetOf(table: ReportTable, locale: Locale): Sheet {
  const t = (key: string) => translate(locale, key)
  // each value column becomes one sheet column per kind of figure it holds
  const layout = table.headers.slice(1).map((header, index) => {
    const kinds = new Set<Kind>(table.rows.map(row => row.cells[index]?.kind ?? 'empty'))
    const columns: { kind: Kind; column: SheetColumn; value: (cell: TableCell) => string | number | null }[] = []
    if (kinds.has('pct')) {
      columns.push(
        {
          kind: 'pct',
          column: { header: `${header} ${t('published.xlsx.share')}`, kind: 'pct', width: 18 },
          value: cell => (cell.kind === 'pct' ? (cell.count === null ? NOT_OFFERED : cell.pct) : null),
        },
        {
          kind: 'pct',
          column: { header: `${header} ${t('published.xlsx.count')}`, kind: 'int', width: 14 },
          value: cell => (cell.kind === 'pct' ? cell.count : null),
        },
        {
          kind: 'pct',
          column: { header: `${header} ${t('published.xlsx.base')}`, kind: 'int', width: 14 },
          value: cell => (cell.kind === 'pct' ? cell.offeredTo : null),
        },
      )
    }
    const both = kinds.has('int') && kinds.has('sek')
    if (kinds.has('int')) {
      columns.push({
        kind: 'int',
        column: { header: both ? `${header} ${t('published.xlsx.number')}` : header, kind: 'int', width: 16 },
        value: cell => (cell.kind === 'int' ? cell.value : null),
      })
    }
    if (kinds.has('sek')) {
      columns.push({
        kind: 'sek',
        column: { header: both ? `${header} ${t('published.xlsx.kronor')}` : header, kind: 'sek', width: 18 },
        value: cell => (cell.kind === 'sek' ? cell.ore : null),
      })
    }
    return columns
  })
  return {
    name: table.sheetName,
    columns: [{ header: table.headers[0], kind: 'text', width: 60 }, ...layout.flat().map(c => c.column)],
    rows: table.rows.map(row => [
      row.label,
      ...layout.flatMap((columns, index) => columns.map(c => c.value(row.cells[index] ?? { kind: 'empty' }))),
    ]),
    notes: [table.caption, ...table.footnotes, table.nLine, table.source],
  }
}

/** One sheet per table; the caption, footnotes, n and source under each. */
export function publishedXlsx(tables: ReportTable[], locale: Locale): Promise<Buffer> {
  return toXlsx(tables.map(table => sheetOf(table, locale)))
}

export const CSV_COLUMNS = [
  'table',
  'breakdown',
  'group',
  'group_name',
  'dimension',
  'code',
  'label',
  'survey_round',
  'programme_year',
  'n',
  'count',
  'offered_to',
  'pct',
  'amount_sek',
] as const

/** One CSV line per figure: the tables' shares (with count and base), table 34's counts and amounts. */
export function publishedCsv(data: PublishedReportData, locale: Locale): string {
  const rows: Cell[][] = []
  const { surveyRound, programmeYear } = data
  const tableNumber = (dimension: string) => {
    const number = PUBLISHED_TABLE_NUMBERS[dimension as keyof typeof PUBLISHED_TABLE_NUMBERS]
    return number === undefined ? '' : String(number)
  }
  const summaryRows = (
    breakdown: string,
    group: string,
    groupName: string,
    summary: PublishedReportData['summary'],
  ) => {
    const s = summary.survey
    const line = (code: string, label: string, count: number | null, ore: number | null) =>
      rows.push([
        '34',
        breakdown,
        group,
        groupName,
        'table34',
        code,
        label,
        surveyRound,
        programmeYear,
        s.respondents,
        count,
        null,
        null,
        ore === null ? null : oreToCsvKronor(ore),
      ])
    line(
      'municipalities_requisitioned',
      translate(locale, 'published.row.requisitionedMunicipalities'),
      s.municipalitiesRequisitioned,
      null,
    )
    line('municipalities_used_funds', translate(locale, 'published.row.usedFunds'), s.municipalitiesUsedFunds, null)
    line('requisitioned_sek', translate(locale, 'published.row.requisitioned'), null, s.requisitionedOre)
    line('spent_sek', translate(locale, 'published.row.spent'), null, s.spentOre)
    line('remaining_sek', translate(locale, 'published.row.remaining'), null, s.remainingOre)
    line(
      'partially_spent_municipalities',
      translate(locale, 'published.row.partiallySpent'),
      s.partiallySpentMunicipalities,
      null,
    )
    for (const reason of data.reasonLabels) {
      line(`reason:${reason.code}`, optionLabel(reason, locale), s.partiallySpentReasonCounts[reason.code] ?? 0, null)
    }
  }
  const distributionRows = (breakdown: string, group: string, groupName: string, report: DistributionReport) => {
    for (const round of report.rounds) {
      for (const option of round.options) {
        rows.push([
          tableNumber(report.dimension),
          breakdown,
          group,
          groupName,
          report.dimension,
          option.code,
          optionLabel(option, locale),
          round.surveyRound,
          round.programmeYear,
          round.n,
          option.count,
          option.offeredTo,
          option.count === null ? NOT_OFFERED : option.pct,
          null,
        ])
      }
    }
  }
  const all = translate(locale, 'published.total')
  summaryRows('all', '', all, data.summary)
  for (const dimension of DIMENSIONS) distributionRows('all', '', all, data.distributions[dimension])
  for (const by of ['size_group', 'county'] as const) {
    for (const group of data.breakdowns[by].summary.groups) {
      summaryRows(by, group.group.code, groupLabel(group.group, locale), group.report)
    }
    for (const dimension of DIMENSIONS) {
      for (const group of data.breakdowns[by].distributions[dimension].groups) {
        distributionRows(by, group.group.code, groupLabel(group.group, locale), group.report)
      }
    }
  }
  return toCsv(CSV_COLUMNS, rows)
}
