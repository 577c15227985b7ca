// The audit log for the administrator and the auditor: every write with who, when (UTC), what and the values before
// and after, searched by actor, action, entity, a date range and text in the values; 50 rows a page, newest first,
// and the same search as a CSV file.
import { Router, type Request } from 'express'
import { requireRole } from '../../auth/roles.ts'
import { isCalendarDate } from '../../domain/rowFields.ts'
import { toCsv } from '../../exports/csv.ts'
import { translate, type Locale } from '../../i18n/index.ts'
import type { AuditFilters, AuditRow } from '../../services/auditService.ts'
import type { Services } from '../../services/index.ts'
import { paths } from '../paths.ts'
import { utcTime } from './utcTime.ts'

interface FieldError {
  field: string
  message: string
}

/** The query's names for the filters (short, as they appear in the address). */
const FILTER_PARAMS = {
  actor: 'actor',
  action: 'action',
  entity: 'entity',
  entityId: 'entity_id',
  fromDate: 'from',
  toDate: 'to',
  text: 'q',
} as const satisfies Record<keyof AuditFilters, string>

const MAX_FILTER_LENGTH = 200

const queryText = (req: Request, name: string): string => {
  const value = req.query[name]
  return typeof value === 'string' ? value.trim().slice(0, MAX_FILTER_LENGTH) : ''
}

/** The filters of the address and the problems with its dates (a bad date filters nothing). */
export function parseAuditQuery(req: Request, locale: Locale) {
  const values = Object.fromEntries(
    Object.entries(FILTER_PARAMS).map(([key, param]) => [key, queryText(req, param)]),
  ) as Record<keyof AuditFilters, string>
  const errors: FieldError[] = []
  for (const [key, field] of [
    ['fromDate', 'from'],
    ['toDate', 'to'],
  ] as const) {
    const value = values[key]
    if (value !== '' && !isCalendarDate(value)) {
      errors.push({ field, message: translate(locale, `audit.error.${field}`, { value }) })
    }
  }
  if (errors.length === 0 && values.fromDate !== '' && values.toDate !== '' && values.fromDate > values.toDate) {
    errors.push({ field: 'to', message: translate(locale, 'audit.error.range') })
  }
  const filters: AuditFilters = {}
  for (const key of Object.keys(FILTER_PARAMS) as (keyof AuditFilters)[]) {
    if (values[key] !== '') filters[key] = values[key]
  }
  if (errors.length > 0) {
    delete filters.fromDate
    delete filters.toDate
  }
  /** the filters as the links carry them */
  const query = Object.fromEntries(
    Object.entries(FILTER_PARAMS).map(([key, param]) => [param, values[key as keyof AuditFilters] || undefined]),
  )
  return { values, filters, errors, query }
}

const idParam = (req: Request, name: string): number | undefined => {
  const value = req.query[name]
  return typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : undefined
}

const json = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value, null, 2))

function rowView(row: AuditRow) {
  return {
    id: row.id,
    occurredAt: utcTime(row.occurredAt),
    occurredAtIso: row.occurredAt.toISOString(),
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    before: json(row.before),
    after: json(row.after),
  }
}

interface Choice {
  value: string
  label: string
}

/** Every action, and before each group of actions (`import.ledger`, `import.responses`) the group (`import.*`). */
export function actionChoices(actions: string[]): Choice[] {
  const groups = [...new Set(actions.filter(action => action.includes('.')).map(action => action.split('.')[0]))]
  const choices = new Map<string, Choice>()
  for (const group of groups) choices.set(group, { value: group, label: `${group}.*` })
  for (const action of actions) if (!choices.has(action)) choices.set(action, { value: action, label: action })
  return [...choices.values()].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
}

/** The choices with the current one selected; a value the log does not hold (typed in the address) is kept. */
function selectOptions(choices: Choice[], current: string) {
  const all =
    current === '' || choices.some(c => c.value === current)
      ? choices
      : [...choices, { value: current, label: current }]
  return all.map(choice => ({ ...choice, selected: choice.value === current }))
}

export const AUDIT_CSV_HEADERS = ['id', 'occurred_at_utc', 'actor', 'action', 'entity', 'entity_id', 'before', 'after']

export function auditRoutes(services: Pick<Services, 'auditLog'>): Router {
  const router = Router()
  router.use(requireRole('admin', 'auditor'))

  router.get('/', async (req, res) => {
    const locale: Locale = res.locals.locale
    const { values, filters, errors, query } = parseAuditQuery(req, locale)
    const olderThan = idParam(req, 'older')
    const newerThan = olderThan === undefined ? idParam(req, 'newer') : undefined
    const [page, options] = await Promise.all([
      services.auditLog.search(filters, { olderThan, newerThan }),
      services.auditLog.filterOptions(),
    ])
    const rows = page.rows.map(rowView)
    const pagination = {
      newerHref: page.hasNewer ? paths.audit({ ...query, newer: String(page.rows[0].id) }) : undefined,
      olderHref: page.hasOlder ? paths.audit({ ...query, older: String(page.rows.at(-1)!.id) }) : undefined,
      firstHref: olderThan !== undefined || newerThan !== undefined ? paths.audit(query) : undefined,
    }
    res.status(errors.length > 0 ? 400 : 200).render('pages/audit/index', {
      title: translate(locale, 'audit.title'),
      formAction: paths.audit(),
      values,
      actions: selectOptions(actionChoices(options.actions), values.action),
      entities: selectOptions(
        options.entities.map(entity => ({ value: entity, label: entity })),
        values.entity,
      ),
      errors,
      fieldErrors: Object.fromEntries(errors.map(error => [error.field, error.message])),
      rows,
      filtered: Object.keys(filters).length > 0,
      ...pagination,
      pagination: Object.values(pagination).some(href => href !== undefined),
      exportHref: paths.auditExport(query),
      clearHref: paths.audit(),
    })
  })

  router.get('/export.csv', async (req, res) => {
    const locale: Locale = res.locals.locale
    const { filters } = parseAuditQuery(req, locale)
    const rows = await services.auditLog.exportRows(filters)
    const csv = toCsv(
      AUDIT_CSV_HEADERS,
      rows.map(row => [
        row.id,
        row.occurredAt.toISOString(),
        row.actor,
        row.action,
        row.entity,
        row.entityId,
        row.before === null ? '' : JSON.stringify(row.before),
        row.after === null ? '' : JSON.stringify(row.after),
      ]),
    )
    res.attachment(`audit-log-${new Date().toISOString().slice(0, 10)}.csv`)
    res.type('text/csv; charset=utf-8')
    res.send(csv)
  })

  return router
}
