// The administrator's workspace: the dashboard of a programme year (budget lines against the ledger and the
// answers, the differences between them, the municipalities by reconciliation status, a bar chart) and the page of
// one municipality's year (every ledger entry, every response version and what changed, the issues, to_reclaim),
// each with its tables as CSV and XLSX. Admin, evaluator and auditor read everything; a municipality user gets 403 on
// the dashboard and reads only its own municipality's page (any other answers 404).
import { Router, type Request, type Response } from 'express'
import createError from 'http-errors'
import { assertMunicipalityAccess, currentUser, READ_ALL, requireRole, ROLES } from '../../auth/roles.ts'
import type { FigureKey, FigureSource } from '../../domain/dashboard.ts'
import { STATUS_ORDER } from '../../domain/reconciliationTable.ts'
import type { ResponseChange } from '../../domain/responseDiff.ts'
import { RESPONSE_FIELDS } from '../../domain/responseDiff.ts'
import { translate, type Locale } from '../../i18n/index.ts'
import type { Services } from '../../services/index.ts'
import { barChartFigure } from '../../views/charts/barChart.ts'
import { formatNumber } from '../../views/helpers/formatNumber.ts'
import { formatSek } from '../../views/helpers/formatSek.ts'
import { paths } from '../paths.ts'
import { loadProgrammeYearContext } from '../programmeContext.ts'
import { parseToleranceQuery } from '../reconciliation/tableQuery.ts'
import { exportFileName, sendCsv, sendXlsx } from './export.ts'
import { DIMENSION_OF, figureLabel, formatDateTime, optionLabeller, sizeGroupLabel } from './labels.ts'
import { dashboardExports, municipalityExports } from './tables.ts'

const DASHBOARD_TABLES = ['figures', 'differences', 'statuses'] as const
const MUNICIPALITY_TABLES = ['ledger', 'versions', 'changes'] as const
const SOURCES: FigureSource[] = ['budget', 'ledger', 'survey', 'reconciliation']

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value)

/** The tolerance of the address in öre (as on the reconciliation page), or 400 naming the bad value. */
function toleranceOf(req: Request, locale: Locale, backHref: string): number {
  const parsed = parseToleranceQuery(req.query as Record<string, unknown>)
  if (!parsed.ok) throw createError(400, translate(locale, parsed.messageKey, { value: parsed.value }), { backHref })
  return parsed.value
}

/** The tolerance as the links carry it: whole kronor, or nothing for 0. */
const toleranceParam = (toleranceOre: number) => (toleranceOre === 0 ? undefined : String(toleranceOre / 100))

export function adminRoutes(services: Pick<Services, 'reference' | 'adminReports'>): Router {
  const router = Router()
  const readAll = requireRole(...READ_ALL)
  const signedIn = requireRole(...ROLES)
  const year = '/programmes/:code/years/:year'

  async function loadDashboard(req: Request, res: Response) {
    const locale: Locale = res.locals.locale
    const params = req.params as { code: string; year: string }
    const context = await loadProgrammeYearContext(services, params.code, params.year, locale, req.path)
    const toleranceOre = toleranceOf(req, locale, paths.dashboard(context.code, context.programmeYear))
    const dashboard = await services.adminReports.dashboard(context.code, context.programmeYear, toleranceOre)
    if (!dashboard) throw createError(404, translate(locale, 'error.message.404'))
    return { locale, context, dashboard, toleranceOre }
  }

  router.get(year, readAll, async (req, res) => {
    const { locale, context, dashboard, toleranceOre } = await loadDashboard(req, res)
    const text = (key: string, params = {}) => translate(locale, key, params)
    const tolerance = toleranceParam(toleranceOre)
    const figureOf = (key: FigureKey) => dashboard.figures.find(f => f.key === key)
    const label = (key: FigureKey) => figureLabel(figureOf(key), key, locale)
    const amount = (key: FigureKey) => figureOf(key)!.amountOre
    // the chart leaves out the budget total when the year has lines: they are its parts, and the total dwarfs them
    const charted = dashboard.figures.filter(
      f => !(f.key === 'budget' && dashboard.figures.some(other => other.budgetLine !== undefined)),
    )
    const chart = barChartFigure({
      id: 'dashboard-chart',
      title: text('admin.dashboard.chartTitle', { programmeYear: context.programmeYear }),
      description: text('admin.dashboard.chartDescription', {
        programmeYear: context.programmeYear,
        surveyRound: context.surveyRound,
      }),
      unit: text('admin.dashboard.chartUnit'),
      bars: charted.map(f => ({ label: label(f.key), value: f.amountOre, display: formatSek(f.amountOre) })),
    })
    res.render('pages/admin/dashboard', {
      title: `${text('admin.dashboard.title')} ${context.programmeYear} – ${context.name}`,
      programme: context,
      dashboard,
      toleranceKronor: String(toleranceOre / 100),
      formAction: paths.dashboard(context.code, context.programmeYear),
      groups: SOURCES.map(source => ({
        source,
        heading: text(`admin.source.${source}`),
        rows: dashboard.figures
          .filter(f => f.source === source)
          .map(f => ({ label: label(f.key), amountOre: f.amountOre, part: f.budgetLine !== undefined })),
      })).filter(group => group.rows.length > 0),
      chart,
      differences: dashboard.differences.map(d => ({
        label: `${label(d.minuend)} − ${label(d.subtrahend)}`,
        explanation: text(`admin.difference.${d.key}`),
        minuendOre: amount(d.minuend),
        subtrahendOre: amount(d.subtrahend),
        differenceOre: d.differenceOre,
      })),
      statuses: STATUS_ORDER.map(status => ({
        code: status,
        count: dashboard.countsByStatus[status] ?? 0,
        href: paths.reconciliation(context.code, context.programmeYear, { tolerance, status }),
      })),
      counts: {
        respondents: dashboard.summary.survey.respondents,
        municipalitiesPaid: dashboard.summary.ledger.municipalitiesPaid,
        reconciled: dashboard.municipalityCount,
      },
      reconciliationHref: paths.reconciliation(context.code, context.programmeYear, { tolerance }),
      summaryHref: paths.summary(context.code, context.programmeYear),
      exports: {
        ...Object.fromEntries(
          DASHBOARD_TABLES.map(table => [
            table,
            paths.dashboardExport(context.code, context.programmeYear, 'csv', table, { tolerance }),
          ]),
        ),
        xlsx: paths.dashboardExport(context.code, context.programmeYear, 'xlsx', undefined, { tolerance }),
      },
    })
  })

  router.get(`${year}/dashboard.xlsx`, readAll, async (req, res) => {
    const { locale, context, dashboard } = await loadDashboard(req, res)
    const tables = dashboardExports(dashboard, locale)
    const name = exportFileName(
      [translate(locale, 'admin.file.dashboard'), context.code, context.programmeYear],
      'xlsx',
    )
    await sendXlsx(res, name, [tables.figures, tables.differences, tables.statuses])
  })

  router.get(`${year}/dashboard/:table.csv`, readAll, async (req, res) => {
    const table = (req.params as { table: string }).table
    if (!isOneOf(DASHBOARD_TABLES, table)) throw createError(404, translate(res.locals.locale, 'error.message.404'))
    const { locale, context, dashboard } = await loadDashboard(req, res)
    const name = exportFileName(
      [translate(locale, `admin.file.dashboard.${table}`), context.code, context.programmeYear],
      'csv',
    )
    sendCsv(res, name, dashboardExports(dashboard, locale)[table])
  })

  async function loadMunicipality(req: Request, res: Response) {
    const locale: Locale = res.locals.locale
    const params = req.params as { code: string; year: string; municipality: string }
    const user = currentUser(req)
    // before anything is looked up: another municipality's page answers exactly like one that does not exist
    assertMunicipalityAccess(user, params.municipality)
    if (!/^\d{4}$/.test(params.municipality)) throw createError(404, translate(locale, 'error.message.404'))
    const context = await loadProgrammeYearContext(services, params.code, params.year, locale, req.path)
    const backHref = paths.municipalityYear(context.code, context.programmeYear, params.municipality)
    const toleranceOre = toleranceOf(req, locale, backHref)
    const data = await services.adminReports.municipalityYear(
      context.code,
      context.programmeYear,
      params.municipality,
      toleranceOre,
    )
    if (!data) {
      throw createError(404, translate(locale, 'admin.municipality.unknown', { municipality: params.municipality }))
    }
    return { locale, context, data, toleranceOre, user }
  }

  router.get(`${year}/municipalities/:municipality.xlsx`, signedIn, async (req, res) => {
    const { locale, context, data } = await loadMunicipality(req, res)
    const tables = municipalityExports(data, locale)
    const name = exportFileName(
      [translate(locale, 'admin.file.municipality'), context.code, context.programmeYear, data.municipality.code],
      'xlsx',
    )
    await sendXlsx(res, name, [tables.ledger, tables.versions, tables.changes])
  })

  router.get(`${year}/municipalities/:municipality/:table.csv`, signedIn, async (req, res) => {
    const table = (req.params as { table: string }).table
    const { locale, context, data } = await loadMunicipality(req, res)
    if (!isOneOf(MUNICIPALITY_TABLES, table)) throw createError(404, translate(locale, 'error.message.404'))
    const name = exportFileName(
      [
        translate(locale, `admin.file.municipality.${table}`),
        context.code,
        context.programmeYear,
        data.municipality.code,
      ],
      'csv',
    )
    sendCsv(res, name, municipalityExports(data, locale)[table])
  })

  router.get(`${year}/municipalities/:municipality`, signedIn, async (req, res) => {
    const { locale, context, data, toleranceOre, user } = await loadMunicipality(req, res)
    const text = (key: string, params = {}) => translate(locale, key, params)
    const tolerance = toleranceParam(toleranceOre)
    const option = optionLabeller(data.taxonomy, locale)
    const municipalityCode = data.municipality.code
    const source = (importId: number | null, fileName: string | null) =>
      importId === null
        ? text('admin.municipality.byHand')
        : text('admin.municipality.fromImport', { file: fileName ?? `#${importId}` })
    /** A field's value as the page shows it: kronor, option labels, or the text ("–" for nothing). */
    const show = (field: ResponseChange['field'], kind: ResponseChange['kind'], value: unknown): string[] => {
      if (value === null || value === undefined || value === '') return []
      const dimension = DIMENSION_OF[field]
      if (kind === 'amount') return [formatSek(value)]
      if (dimension && Array.isArray(value)) return value.map(code => option(dimension, code))
      if (dimension) return [option(dimension, String(value))]
      return [String(value)]
    }
    const current = data.versions.at(-1)?.version
    const readAllUser = (READ_ALL as readonly string[]).includes(user.role)
    const row = data.reconciliation
    res.render('pages/admin/municipality', {
      title: `${data.municipality.name} ${context.programmeYear} – ${context.name}`,
      // a municipality user sees no links to the programme's pages that it may not open
      programme: readAllUser ? context : { ...context, nav: [] },
      municipality: data.municipality,
      population: data.population === null ? null : formatNumber(data.population),
      sizeGroup: data.sizeGroup ? sizeGroupLabel(data.sizeGroup.code, [data.sizeGroup], locale) : null,
      toleranceOre,
      reconciliation: row && {
        ...row,
        issues: row.issues.map(code => ({ code, explanation: text(`admin.issue.${code}`) })),
      },
      entries: data.entries.map(entry => ({
        ...entry,
        typeLabel: text(`admin.ledgerType.${entry.type}`),
        inEffect: entry.reversesEntryId === null && entry.reversedByEntryId === null,
        reversal:
          entry.reversesEntryId !== null
            ? text('admin.municipality.reverses', { reference: entry.reversesReference ?? `#${entry.reversesEntryId}` })
            : entry.reversedByEntryId !== null
              ? text('admin.municipality.reversedBy', {
                  reference: entry.reversedByReference ?? `#${entry.reversedByEntryId}`,
                })
              : '',
        source: source(entry.importId, entry.importFileName),
        createdAtText: formatDateTime(entry.createdAt),
      })),
      versions: [...data.versions].reverse().map(({ version, changes, importFileName }) => ({
        version: version.version,
        current: version === current,
        submittedOn: version.submittedOn,
        createdBy: version.createdBy,
        createdAtText: formatDateTime(version.createdAt),
        source: source(version.importId, importFileName),
        first: changes === null,
        changes: (changes ?? []).map(change => ({
          label: text(`admin.field.${change.field}`),
          before: show(change.field, change.kind, change.before),
          after: show(change.field, change.kind, change.after),
        })),
      })),
      answer:
        current &&
        RESPONSE_FIELDS.map(({ field, kind }) => ({
          label: text(`admin.field.${field}`),
          values: show(field, kind, current[field as keyof typeof current]),
        })),
      reconciliationHref: readAllUser
        ? paths.reconciliation(context.code, context.programmeYear, { tolerance })
        : undefined,
      dashboardHref: readAllUser ? paths.dashboard(context.code, context.programmeYear, { tolerance }) : undefined,
      exports: {
        ...Object.fromEntries(
          MUNICIPALITY_TABLES.map(table => [
            table,
            paths.municipalityYearExport(context.code, context.programmeYear, municipalityCode, 'csv', table, {
              tolerance,
            }),
          ]),
        ),
        xlsx: paths.municipalityYearExport(context.code, context.programmeYear, municipalityCode, 'xlsx', undefined, {
          tolerance,
        }),
      },
    })
  })

  return router
}
