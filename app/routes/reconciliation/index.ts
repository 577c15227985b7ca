// The administrator's reconciliation table: per municipality, the payout ledger beside the municipality's answer,
// its issues and what may be claimed back; filtered by status, county, size group and free text, sorted by any
// column, with a tolerance for small differences (all in a GET form), and the same table as CSV and XLSX.
// Admin, evaluator and auditor read it; a municipality user gets 403.
import { Router, type Request, type Response } from 'express'
import createError from 'http-errors'
import { READ_ALL, requireRole } from '../../auth/roles.ts'
import {
  filterRows,
  sortRows,
  STATUS_ORDER,
  UNKNOWN_SIZE_GROUP,
  type ReconciliationTableRow,
  type SortColumn,
} from '../../domain/reconciliationTable.ts'
import type { ReconciliationRow, ReconciliationStatus } from '../../domain/reportTypes.ts'
import { translate, type Locale } from '../../i18n/index.ts'
import type { ReconciliationTable } from '../../services/adminReportService.ts'
import type { Services } from '../../services/index.ts'
import { exportFileName, sendCsv, sendXlsx } from '../admin/export.ts'
import { sizeGroupLabel } from '../admin/labels.ts'
import { reconciliationExport } from '../admin/tables.ts'
import { paths } from '../paths.ts'
import { loadProgrammeYearContext } from '../programmeContext.ts'
import { parseTableQuery, tableQueryParams, type TableQuery } from './tableQuery.ts'

/** Most severe first, as the contract orders the issues; ok last. */
export const STATUSES: readonly ReconciliationStatus[] = STATUS_ORDER

type AmountColumn = {
  [K in keyof ReconciliationRow]: ReconciliationRow[K] extends number | null ? K : never
}[keyof ReconciliationRow]

const AMOUNT_COLUMNS: AmountColumn[] = [
  'allocatedOre',
  'requisitionedOre',
  'paidOre',
  'directGrantOre',
  'repaidOre',
  'reportedRequisitionedOre',
  'reportedSpentOre',
  'reportedRemainingOre',
  'differenceOre',
  'toReclaimOre',
]

/** The sum of each amount column over the rows; null where every row has no amount (no response). */
export function columnTotals(rows: ReconciliationRow[]): Record<AmountColumn, number | null> {
  const totals = {} as Record<AmountColumn, number | null>
  for (const column of AMOUNT_COLUMNS) {
    const values = rows.map(row => row[column]).filter((value): value is number => value !== null)
    totals[column] = values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0)
  }
  return totals
}

/** The columns of the table in the order shown, each a sort key; `group` starts a column group. */
const COLUMNS: { sort: SortColumn; key: string; num?: boolean; group?: boolean }[] = [
  { sort: 'code', key: 'reconciliation.code' },
  { sort: 'municipality', key: 'reconciliation.municipality' },
  { sort: 'county', key: 'admin.column.county' },
  { sort: 'sizeGroup', key: 'admin.column.sizeGroup' },
  { sort: 'allocated', key: 'reconciliation.allocated', num: true, group: true },
  { sort: 'requisitioned', key: 'reconciliation.requisitioned', num: true },
  { sort: 'paid', key: 'reconciliation.paid', num: true },
  { sort: 'directGrant', key: 'reconciliation.directGrant', num: true },
  { sort: 'repaid', key: 'reconciliation.repaid', num: true },
  { sort: 'reportedRequisitioned', key: 'reconciliation.reportedRequisitioned', num: true, group: true },
  { sort: 'reportedSpent', key: 'reconciliation.reportedSpent', num: true },
  { sort: 'reportedRemaining', key: 'reconciliation.reportedRemaining', num: true },
  { sort: 'difference', key: 'reconciliation.difference', num: true, group: true },
  { sort: 'toReclaim', key: 'reconciliation.toReclaim', num: true },
  { sort: 'status', key: 'reconciliation.status' },
]

/** The page's rows: filtered, sorted, and the status counts under every filter but the status. */
export function selectRows(
  table: Pick<ReconciliationTable, 'rows'>,
  query: TableQuery,
): {
  rows: ReconciliationTableRow[]
  unfiltered: ReconciliationTableRow[]
  countsByStatus: Map<ReconciliationStatus, number>
} {
  const { status: _status, ...otherFilters } = query.filter
  const unfiltered = filterRows(table.rows, otherFilters)
  const countsByStatus = new Map<ReconciliationStatus, number>()
  for (const row of unfiltered) countsByStatus.set(row.status, (countsByStatus.get(row.status) ?? 0) + 1)
  const filtered =
    query.filter.status === undefined ? unfiltered : unfiltered.filter(r => r.status === query.filter.status)
  return { rows: sortRows(filtered, query.sort, query.direction), unfiltered, countsByStatus }
}

export function reconciliationRoutes(services: Pick<Services, 'reference' | 'adminReports'>): Router {
  const router = Router()
  const readAll = requireRole(...READ_ALL)
  const base = '/programmes/:code/years/:year/reconciliation'

  /** The programme year, the table and the parsed query; 404 for an unknown programme or year, 400 for bad input. */
  async function load(req: Request, res: Response) {
    const locale: Locale = res.locals.locale
    const params = req.params as { code: string; year: string }
    const context = await loadProgrammeYearContext(services, params.code, params.year, locale, req.path)
    const backHref = paths.reconciliation(context.code, context.programmeYear)
    // the counties and size groups the query may name do not depend on the tolerance
    const table = await services.adminReports.reconciliationTable(context.code, context.programmeYear, 0)
    if (!table) throw createError(404, translate(locale, 'error.message.404'))
    const parsed = parseTableQuery(req.query as Record<string, unknown>, {
      countyCodes: table.counties.map(c => c.code),
      sizeGroups: [...table.sizeGroups.map(g => g.code), UNKNOWN_SIZE_GROUP],
    })
    if (!parsed.ok) throw createError(400, translate(locale, parsed.messageKey, { value: parsed.value }), { backHref })
    const query = parsed.value
    const withTolerance =
      query.toleranceOre === 0
        ? table
        : await services.adminReports.reconciliationTable(context.code, context.programmeYear, query.toleranceOre)
    if (!withTolerance) throw createError(404, translate(locale, 'error.message.404'))
    return { locale, context, table: withTolerance, query }
  }

  router.get(base, readAll, async (req, res) => {
    const { locale, context, table, query } = await load(req, res)
    const { rows, unfiltered, countsByStatus } = selectRows(table, query)
    const link = (change: Parameters<typeof tableQueryParams>[1]) =>
      paths.reconciliation(context.code, context.programmeYear, tableQueryParams(query, change))
    const tolerance = tableQueryParams(query).tolerance
    const status = query.filter.status
    const countyName = table.counties.find(c => c.code === query.filter.countyCode)?.name
    const toleranceKronor = String(query.toleranceOre / 100) // exact: whole kronor
    const filtersActive = Object.keys(query.filter).length > 0

    res.render('pages/reconciliation/index', {
      title: `${translate(locale, 'reconciliation.title')} ${context.programmeYear} – ${context.name}`,
      programme: context,
      report: table,
      rows: rows.map(row => ({
        ...row,
        href: paths.municipalityYear(context.code, context.programmeYear, row.municipalityCode, { tolerance }),
        sizeGroupLabel: sizeGroupLabel(row.sizeGroup, table.sizeGroups, locale),
      })),
      shownCount: rows.length,
      totalCount: table.rows.length,
      totals: columnTotals(rows),
      status,
      toleranceKronor,
      query: {
        county: query.filter.countyCode ?? '',
        size: query.filter.sizeGroup ?? '',
        q: query.filter.text ?? '',
        sort: tableQueryParams(query).sort,
        dir: tableQueryParams(query).dir,
      },
      filtersActive,
      resetHref: paths.reconciliation(context.code, context.programmeYear),
      formAction: paths.reconciliation(context.code, context.programmeYear),
      counties: table.counties.map(c => ({ ...c, selected: c.code === query.filter.countyCode })),
      sizeGroups: [
        ...table.sizeGroups.map(g => ({
          code: g.code,
          label: sizeGroupLabel(g.code, table.sizeGroups, locale),
          selected: g.code === query.filter.sizeGroup,
        })),
        {
          code: UNKNOWN_SIZE_GROUP,
          label: sizeGroupLabel(UNKNOWN_SIZE_GROUP, table.sizeGroups, locale),
          selected: query.filter.sizeGroup === UNKNOWN_SIZE_GROUP,
        },
      ],
      activeFilters: [
        status
          ? translate(locale, 'admin.reconciliation.activeStatus', { value: translate(locale, `status.${status}`) })
          : '',
        countyName ? translate(locale, 'admin.reconciliation.activeCounty', { value: countyName }) : '',
        query.filter.sizeGroup
          ? translate(locale, 'admin.reconciliation.activeSize', {
              value: sizeGroupLabel(query.filter.sizeGroup, table.sizeGroups, locale),
            })
          : '',
        query.filter.text ? translate(locale, 'admin.reconciliation.activeText', { value: query.filter.text }) : '',
      ].filter(text => text !== ''),
      columns: COLUMNS.map(column => {
        const current = query.sort === column.sort
        // a click on the sorted column turns it round; another column sorts ascending first
        const direction = current && query.direction === 'asc' ? 'desc' : 'asc'
        return {
          label: translate(locale, column.key),
          num: column.num,
          group: column.group,
          href: link({ sort: column.sort, direction }),
          ariaSort: current ? (query.direction === 'asc' ? 'ascending' : 'descending') : undefined,
          sortHint: translate(
            locale,
            direction === 'asc' ? 'admin.reconciliation.sortAsc' : 'admin.reconciliation.sortDesc',
          ),
        }
      }),
      filters: [
        {
          label: translate(locale, 'reconciliation.filterAll'),
          count: unfiltered.length,
          href: link({ status: undefined }),
          current: status === undefined,
        },
        ...STATUSES.map(code => ({
          code,
          count: countsByStatus.get(code) ?? 0,
          href: link({ status: code }),
          current: status === code,
        })),
      ],
      exports: {
        csv: paths.reconciliationExport(context.code, context.programmeYear, 'csv', tableQueryParams(query)),
        xlsx: paths.reconciliationExport(context.code, context.programmeYear, 'xlsx', tableQueryParams(query)),
      },
      dashboardHref: paths.dashboard(context.code, context.programmeYear, { tolerance }),
    })
  })

  router.get(`${base}.csv`, readAll, async (req, res) => {
    const { locale, context, table, query } = await load(req, res)
    const { rows } = selectRows(table, query)
    const name = exportFileName(
      [translate(locale, 'admin.file.reconciliation'), context.code, context.programmeYear],
      'csv',
    )
    sendCsv(res, name, reconciliationExport(rows, table.sizeGroups, locale))
  })

  router.get(`${base}.xlsx`, readAll, async (req, res) => {
    const { locale, context, table, query } = await load(req, res)
    const { rows } = selectRows(table, query)
    const name = exportFileName(
      [translate(locale, 'admin.file.reconciliation'), context.code, context.programmeYear],
      'xlsx',
    )
    await sendXlsx(res, name, [reconciliationExport(rows, table.sizeGroups, locale)])
  })

  return router
}
