// The tables of the administrator's pages as files: headers in the page's language, amounts in öre (written as
// kronor), codes beside labels where a program reading the file needs them.
import { formatOreAsKronor } from '../../domain/amount.ts'
import type { FigureKey } from '../../domain/dashboard.ts'
import { STATUS_ORDER, type ReconciliationTableRow } from '../../domain/reconciliationTable.ts'
import { RESPONSE_FIELDS, type ResponseChange, type ResponseContent } from '../../domain/responseDiff.ts'
import type { SizeGroup } from '../../domain/sizeGroups.ts'
import { translate, type Locale } from '../../i18n/index.ts'
import type { MunicipalityYear, ProgrammeYearDashboard } from '../../services/adminReportService.ts'
import type { ExportTable } from './export.ts'
import { DIMENSION_OF, figureLabel, formatDateTime, optionLabeller, sizeGroupLabel } from './labels.ts'

const text = (locale: Locale, key: string, params: Record<string, string | number> = {}) =>
  translate(locale, key, params)

export function reconciliationExport(
  rows: readonly ReconciliationTableRow[],
  sizeGroups: readonly SizeGroup[],
  locale: Locale,
): ExportTable {
  const h = (key: string) => text(locale, `admin.column.${key}`)
  return {
    name: text(locale, 'reconciliation.title'),
    columns: [
      { header: h('municipalityCode'), kind: 'text' },
      { header: h('municipality'), kind: 'text', width: 20 },
      { header: h('countyCode'), kind: 'text' },
      { header: h('county'), kind: 'text', width: 20 },
      { header: h('population'), kind: 'int' },
      { header: h('sizeGroup'), kind: 'text', width: 30 },
      { header: h('allocated'), kind: 'sek', width: 16 },
      { header: h('requisitioned'), kind: 'sek', width: 16 },
      { header: h('paid'), kind: 'sek', width: 16 },
      { header: h('directGrant'), kind: 'sek', width: 16 },
      { header: h('repaid'), kind: 'sek', width: 16 },
      { header: h('reportedRequisitioned'), kind: 'sek', width: 16 },
      { header: h('reportedSpent'), kind: 'sek', width: 16 },
      { header: h('reportedRemaining'), kind: 'sek', width: 16 },
      { header: h('difference'), kind: 'sek', width: 16 },
      { header: h('toReclaim'), kind: 'sek', width: 16 },
      { header: h('status'), kind: 'text', width: 24 },
      { header: h('statusCode'), kind: 'text', width: 24 },
      { header: h('issues'), kind: 'text', width: 40 },
    ],
    rows: rows.map(row => [
      row.municipalityCode,
      row.municipality,
      row.countyCode,
      row.county,
      row.population,
      sizeGroupLabel(row.sizeGroup, sizeGroups, locale),
      row.allocatedOre,
      row.requisitionedOre,
      row.paidOre,
      row.directGrantOre,
      row.repaidOre,
      row.reportedRequisitionedOre,
      row.reportedSpentOre,
      row.reportedRemainingOre,
      row.differenceOre,
      row.toReclaimOre,
      text(locale, `status.${row.status}`),
      row.status,
      row.issues.map(issue => text(locale, `status.${issue}`)).join('; '),
    ]),
  }
}

export function dashboardExports(
  dashboard: ProgrammeYearDashboard,
  locale: Locale,
): { figures: ExportTable; differences: ExportTable; statuses: ExportTable } {
  const h = (key: string) => text(locale, `admin.column.${key}`)
  const label = (key: FigureKey) =>
    figureLabel(
      dashboard.figures.find(f => f.key === key),
      key,
      locale,
    )
  const amount = (key: FigureKey) => dashboard.figures.find(f => f.key === key)!.amountOre
  return {
    figures: {
      name: text(locale, 'admin.dashboard.figuresSheet'),
      columns: [
        { header: h('source'), kind: 'text', width: 24 },
        { header: h('measure'), kind: 'text', width: 36 },
        { header: h('amount'), kind: 'sek', width: 18 },
      ],
      rows: dashboard.figures.map(figure => [
        text(locale, `admin.source.${figure.source}`),
        label(figure.key),
        figure.amountOre,
      ]),
    },
    differences: {
      name: text(locale, 'admin.dashboard.differencesSheet'),
      columns: [
        { header: h('comparison'), kind: 'text', width: 48 },
        { header: h('first'), kind: 'sek', width: 18 },
        { header: h('second'), kind: 'sek', width: 18 },
        { header: h('difference'), kind: 'sek', width: 18 },
      ],
      rows: dashboard.differences.map(difference => [
        `${label(difference.minuend)} − ${label(difference.subtrahend)}`,
        amount(difference.minuend),
        amount(difference.subtrahend),
        difference.differenceOre,
      ]),
    },
    statuses: {
      name: text(locale, 'admin.dashboard.statusesSheet'),
      columns: [
        { header: h('status'), kind: 'text', width: 30 },
        { header: h('statusCode'), kind: 'text', width: 24 },
        { header: h('municipalities'), kind: 'int' },
      ],
      rows: STATUS_ORDER.map(status => [
        text(locale, `status.${status}`),
        status,
        dashboard.countsByStatus[status] ?? 0,
      ]),
    },
  }
}

/** A response field's value as a file writes it: kronor, option codes separated by |, or the text. */
export function fieldValueText(change: Pick<ResponseChange, 'kind'> & { value: unknown }): string {
  const { kind, value } = change
  if (value === null || value === undefined) return ''
  if (kind === 'amount') return formatOreAsKronor(value as number).replace('.', ',')
  if (kind === 'choices') return (value as string[]).join('|')
  return String(value)
}

export function municipalityExports(
  data: MunicipalityYear,
  locale: Locale,
): { ledger: ExportTable; versions: ExportTable; changes: ExportTable } {
  const h = (key: string) => text(locale, `admin.column.${key}`)
  const yes = text(locale, 'admin.yes')
  const no = text(locale, 'admin.no')
  const source = (importId: number | null, fileName: string | null | undefined) =>
    importId === null
      ? text(locale, 'admin.municipality.byHand')
      : text(locale, 'admin.municipality.fromImport', { file: fileName ?? `#${importId}` })
  const option = optionLabeller(data.taxonomy, locale)
  const fieldLabel = (field: string) => text(locale, `admin.field.${field}`)
  const valueOf = (change: ResponseChange, side: 'before' | 'after') => {
    const value = change[side]
    const dimension = DIMENSION_OF[change.field]
    if (dimension && Array.isArray(value)) return value.map(code => option(dimension, code)).join('; ')
    if (dimension && typeof value === 'string') return option(dimension, value)
    return fieldValueText({ kind: change.kind, value })
  }
  // amounts stay numbers (öre, written as kronor); everything else as the survey-response file writes it
  const content = (version: ResponseContent) =>
    RESPONSE_FIELDS.map(({ field, kind }) => {
      const value = version[field as keyof ResponseContent]
      return kind === 'amount' ? ((value as number | null) ?? null) : fieldValueText({ kind, value })
    })
  return {
    ledger: {
      name: text(locale, 'admin.municipality.ledgerSheet'),
      columns: [
        { header: h('entryId'), kind: 'int' },
        { header: h('date'), kind: 'text' },
        { header: h('type'), kind: 'text', width: 18 },
        { header: h('typeCode'), kind: 'text', width: 14 },
        { header: h('amount'), kind: 'sek', width: 16 },
        { header: h('reference'), kind: 'text', width: 24 },
        { header: h('inEffect'), kind: 'text' },
        { header: h('reverses'), kind: 'text', width: 24 },
        { header: h('reversedBy'), kind: 'text', width: 24 },
        { header: h('reason'), kind: 'text', width: 40 },
        { header: h('source'), kind: 'text', width: 30 },
        { header: h('createdBy'), kind: 'text', width: 24 },
        { header: h('createdAt'), kind: 'text', width: 18 },
      ],
      rows: data.entries.map(entry => [
        entry.id,
        entry.date,
        text(locale, `admin.ledgerType.${entry.type}`),
        entry.type,
        entry.amountOre,
        entry.reference,
        entry.reversesEntryId === null && entry.reversedByEntryId === null ? yes : no,
        entry.reversesReference ?? '',
        entry.reversedByReference ?? '',
        entry.reason ?? '',
        source(entry.importId, entry.importFileName),
        entry.createdBy,
        formatDateTime(entry.createdAt),
      ]),
    },
    versions: {
      name: text(locale, 'admin.municipality.versionsSheet'),
      columns: [
        { header: h('version'), kind: 'int' },
        { header: h('surveyRound'), kind: 'int' },
        { header: h('source'), kind: 'text', width: 30 },
        { header: h('createdBy'), kind: 'text', width: 24 },
        { header: h('createdAt'), kind: 'text', width: 18 },
        { header: h('changedFields'), kind: 'int' },
        // the remaining columns are those of the survey-response file, under their own names
        ...RESPONSE_FIELDS.map(({ column, kind }) => ({
          header: column,
          kind: kind === 'amount' ? ('sek' as const) : ('text' as const),
          width: kind === 'text' ? 30 : 16,
        })),
      ],
      rows: data.versions.map(({ version, changes, importFileName }) => [
        version.version,
        version.surveyRound,
        source(version.importId, importFileName),
        version.createdBy,
        formatDateTime(version.createdAt),
        changes === null ? null : changes.length,
        ...content(version),
      ]),
    },
    changes: {
      name: text(locale, 'admin.municipality.changesSheet'),
      columns: [
        { header: h('version'), kind: 'int' },
        { header: h('field'), kind: 'text', width: 30 },
        { header: h('column'), kind: 'text', width: 20 },
        { header: h('before'), kind: 'text', width: 40 },
        { header: h('after'), kind: 'text', width: 40 },
      ],
      rows: data.versions.flatMap(({ version, changes }) =>
        (changes ?? []).map(change => [
          version.version,
          fieldLabel(change.field),
          change.column,
          valueOf(change, 'before'),
          valueOf(change, 'after'),
        ]),
      ),
    },
  }
}
