// The administrator's page: per municipality, the payout ledger beside the municipality's answer, its issues
// and what may be claimed back; filtered by status, with a tolerance for small differences (a GET form).
import { Router } from 'express'
import createError from 'http-errors'
import { ISSUE_CODES, type ReconciliationRow, type ReconciliationStatus } from '../../domain/reportTypes.ts'
import { translate, type Locale } from '../../i18n/index.ts'
import type { Services } from '../../services/index.ts'
import { singleQueryValue } from '../params.ts'
import { paths } from '../paths.ts'
import { loadProgrammeYearContext } from '../programmeContext.ts'
import { parseToleranceOre } from './tolerance.ts'

/** Most severe first, as the contract orders the issues; ok last. */
export const STATUSES: readonly ReconciliationStatus[] = [...ISSUE_CODES, 'ok']

const isStatus = (text: string): text is ReconciliationStatus => (STATUSES as readonly string[]).includes(text)

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

export function reconciliationRoutes(services: Pick<Services, 'reference' | 'reports'>): Router {
  const router = Router()

  router.get('/programmes/:code/years/:year/reconciliation', async (req, res) => {
    const locale: Locale = res.locals.locale
    const context = await loadProgrammeYearContext(services, req.params.code, req.params.year, locale, req.path)
    const backHref = paths.reconciliation(context.code, context.programmeYear)

    const toleranceText = singleQueryValue(req.query.tolerance)
    // an empty field means the default, no tolerance
    const toleranceOre =
      toleranceText === undefined || toleranceText?.trim() === ''
        ? 0
        : toleranceText === null
          ? undefined
          : parseToleranceOre(toleranceText)
    if (toleranceOre === undefined) {
      const value = toleranceText ?? String(req.query.tolerance)
      throw createError(400, translate(locale, 'reconciliation.toleranceInvalid', { value }), { backHref })
    }
    const statusText = singleQueryValue(req.query.status)
    if (statusText === null || (statusText !== undefined && statusText !== '' && !isStatus(statusText))) {
      const value = statusText ?? String(req.query.status)
      throw createError(400, translate(locale, 'reconciliation.statusInvalid', { value }), { backHref })
    }
    const status = statusText === undefined || statusText === '' ? undefined : statusText

    const report = await services.reports.reconciliation(context.code, context.programmeYear, toleranceOre)
    if (!report) throw createError(404, translate(locale, 'error.message.404'))

    const toleranceKronor = String(toleranceOre / 100) // exact: whole kronor
    const tolerance = toleranceOre === 0 ? undefined : toleranceKronor
    const rows = status === undefined ? report.rows : report.rows.filter(row => row.status === status)
    res.render('pages/reconciliation/index', {
      title: `${translate(locale, 'reconciliation.title')} ${context.programmeYear} – ${context.name}`,
      programme: context,
      report,
      rows,
      totals: columnTotals(rows),
      status,
      toleranceKronor,
      formAction: req.path,
      filters: [
        {
          label: translate(locale, 'reconciliation.filterAll'),
          count: report.rows.length,
          href: paths.reconciliation(context.code, context.programmeYear, { tolerance }),
          current: status === undefined,
        },
        ...STATUSES.map(code => ({
          code,
          count: report.countsByStatus[code] ?? 0,
          href: paths.reconciliation(context.code, context.programmeYear, { tolerance, status: code }),
          current: status === code,
        })),
      ],
    })
  })

  return router
}
