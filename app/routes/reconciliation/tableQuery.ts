// The query of the reconciliation table (tolerance, status, county, size group, free text, sort column and
// direction), read strictly from the address: anything unknown is a 400 naming the field, never silently ignored.
import {
  isSortColumn,
  STATUS_ORDER,
  type RowFilter,
  type SortColumn,
  type SortDirection,
} from '../../domain/reconciliationTable.ts'
import type { ReconciliationStatus } from '../../domain/reportTypes.ts'
import { singleQueryValue } from '../params.ts'
import { parseToleranceOre } from './tolerance.ts'

export interface TableQuery {
  toleranceOre: number
  filter: RowFilter
  sort: SortColumn
  direction: SortDirection
}

export type QueryProblem = { ok: false; field: string; messageKey: string; value: string }
export type Parsed<T> = { ok: true; value: T } | QueryProblem

export const DEFAULT_SORT: SortColumn = 'code'
export const MAX_SEARCH_LENGTH = 100

const isStatus = (text: string): text is ReconciliationStatus => (STATUS_ORDER as readonly string[]).includes(text)

/** One query value as a string: '' when absent or empty, null when given more than once or as an object. */
function valueOf(query: Record<string, unknown>, name: string): string | null {
  const value = singleQueryValue(query[name])
  if (value === null) return null
  return (value ?? '').trim()
}

const problem = (field: string, messageKey: string, query: Record<string, unknown>): QueryProblem => {
  const raw = query[field]
  return { ok: false, field, messageKey, value: typeof raw === 'string' ? raw : JSON.stringify(raw) }
}

/** The tolerance in öre: 0 when absent or empty. */
export function parseToleranceQuery(query: Record<string, unknown>): Parsed<number> {
  const text = valueOf(query, 'tolerance')
  if (text === '') return { ok: true, value: 0 }
  const ore = text === null ? undefined : parseToleranceOre(text)
  return ore === undefined ? problem('tolerance', 'reconciliation.toleranceInvalid', query) : { ok: true, value: ore }
}

export function parseTableQuery(
  query: Record<string, unknown>,
  known: { countyCodes: readonly string[]; sizeGroups: readonly string[] },
): Parsed<TableQuery> {
  const tolerance = parseToleranceQuery(query)
  if (!tolerance.ok) return tolerance
  const filter: RowFilter = {}

  const status = valueOf(query, 'status')
  if (status === null || (status !== '' && !isStatus(status)))
    return problem('status', 'reconciliation.statusInvalid', query)
  if (status !== '') filter.status = status as ReconciliationStatus

  const county = valueOf(query, 'county')
  if (county === null || (county !== '' && !known.countyCodes.includes(county)))
    return problem('county', 'admin.reconciliation.countyInvalid', query)
  if (county !== '') filter.countyCode = county

  const size = valueOf(query, 'size')
  if (size === null || (size !== '' && !known.sizeGroups.includes(size)))
    return problem('size', 'admin.reconciliation.sizeInvalid', query)
  if (size !== '') filter.sizeGroup = size

  const text = valueOf(query, 'q')
  if (text === null || text.length > MAX_SEARCH_LENGTH) return problem('q', 'admin.reconciliation.searchInvalid', query)
  if (text !== '') filter.text = text

  const sort = valueOf(query, 'sort')
  if (sort === null || (sort !== '' && !isSortColumn(sort)))
    return problem('sort', 'admin.reconciliation.sortInvalid', query)
  const direction = valueOf(query, 'dir')
  if (direction === null || (direction !== '' && direction !== 'asc' && direction !== 'desc'))
    return problem('dir', 'admin.reconciliation.sortInvalid', query)

  return {
    ok: true,
    value: {
      toleranceOre: tolerance.value,
      filter,
      sort: sort === '' ? DEFAULT_SORT : (sort as SortColumn),
      direction: direction === '' ? 'asc' : (direction as SortDirection),
    },
  }
}

/**
 * The query parameters that give back this table, with some changed: what links (status filters, column headers,
 * municipality pages, exports) carry. Defaults are left out, so the plain address stays plain.
 */
export function tableQueryParams(
  query: TableQuery,
  change: Partial<{ status: string; sort: SortColumn; direction: SortDirection }> = {},
): Record<string, string | undefined> {
  const toleranceOre = query.toleranceOre
  const sort = change.sort ?? query.sort
  const direction = change.direction ?? query.direction
  const status = 'status' in change ? change.status : query.filter.status
  return {
    tolerance: toleranceOre === 0 ? undefined : String(toleranceOre / 100), // exact: whole kronor
    status,
    county: query.filter.countyCode,
    size: query.filter.sizeGroup,
    q: query.filter.text,
    sort: sort === DEFAULT_SORT ? undefined : sort,
    dir: direction === 'asc' ? undefined : direction,
  }
}
