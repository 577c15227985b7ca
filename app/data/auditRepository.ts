// The audit log: one row per write, in the transaction of the write.
import type { Knex } from 'knex'

export interface AuditEntry {
  actor: string
  action: string
  entity: string
  entityId?: string | number | null
  before?: unknown
  after?: unknown
}

export async function recordAudit(db: Knex | Knex.Transaction, entry: AuditEntry): Promise<void> {
  await db('audit_log').insert({
    actor: entry.actor,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
  })
}

/** What the audit page searches by; every filter is optional, and the given ones must all match. */
export interface AuditFilters {
  /** part of the actor (an e-mail address), any case */
  actor?: string
  /** an action (`import.ledger`) or the group of actions it starts (`import`) */
  action?: string
  entity?: string
  entityId?: string
  /** first and last day, YYYY-MM-DD in UTC, both included */
  fromDate?: string
  toDate?: string
  /** text anywhere in the before or after values, any case */
  text?: string
}

/** Keyset pages, newest first: `olderThan` the last id of the page shown, or `newerThan` its first id. */
export interface AuditPageRequest {
  limit: number
  olderThan?: number
  newerThan?: number
}

export interface AuditRow {
  id: number
  occurredAt: Date
  actor: string
  action: string
  entity: string
  entityId: string | null
  before: unknown
  after: unknown
}

export interface AuditPage {
  rows: AuditRow[]
  hasOlder: boolean
  hasNewer: boolean
}

/** The text with LIKE's wildcards (and the escape character) escaped: it matches literally. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, match => `\\${match}`)
const containing = (text: string) => `%${escapeLike(text)}%`

const utcDay = (day: string, addDays = 0) => {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + addDays)
  return date
}

function applyFilters(query: Knex.QueryBuilder, filters: AuditFilters): Knex.QueryBuilder {
  if (filters.actor) query.whereRaw(`actor ILIKE ? ESCAPE '\\'`, [containing(filters.actor)])
  if (filters.action) {
    const action = filters.action
    query.where(q => q.where('action', action).orWhereRaw(`action LIKE ? ESCAPE '\\'`, [`${escapeLike(action)}.%`]))
  }
  if (filters.entity) query.where('entity', filters.entity)
  if (filters.entityId) query.where('entity_id', filters.entityId)
  if (filters.fromDate) query.where('occurred_at', '>=', utcDay(filters.fromDate))
  if (filters.toDate) query.where('occurred_at', '<', utcDay(filters.toDate, 1))
  if (filters.text) {
    query.whereRaw(`(coalesce(before::text, '') || ' ' || coalesce(after::text, '')) ILIKE ? ESCAPE '\\'`, [
      containing(filters.text),
    ])
  }
  return query
}

const toAuditRow = (row: Record<string, unknown>): AuditRow => ({
  id: Number(row.id),
  occurredAt: row.occurred_at as Date,
  actor: row.actor as string,
  action: row.action as string,
  entity: row.entity as string,
  entityId: (row.entity_id as string | null) ?? null,
  before: row.before ?? null,
  after: row.after ?? null,
})

/** One page of the audit rows that match, newest first, and whether there are more on either side. */
export async function searchAudit(
  db: Knex | Knex.Transaction,
  filters: AuditFilters,
  page: AuditPageRequest,
): Promise<AuditPage> {
  const query = applyFilters(db('audit_log').select('*'), filters).limit(page.limit)
  if (page.newerThan !== undefined) query.where('id', '>', page.newerThan).orderBy('id', 'asc')
  else {
    if (page.olderThan !== undefined) query.where('id', '<', page.olderThan)
    query.orderBy('id', 'desc')
  }
  const rows = ((await query) as Record<string, unknown>[]).map(toAuditRow).sort((a, b) => b.id - a.id)
  if (rows.length === 0) return { rows, hasOlder: false, hasNewer: false }
  const anyWhere = (op: '<' | '>', id: number) =>
    applyFilters(db('audit_log').first('id'), filters).where('id', op, id)
  const [older, newer] = await Promise.all([anyWhere('<', rows.at(-1)!.id), anyWhere('>', rows[0].id)])
  return { rows, hasOlder: Boolean(older), hasNewer: Boolean(newer) }
}

/** Every audit row that matches, newest first, at most `limit` (for the CSV export). */
export async function listAudit(db: Knex | Knex.Transaction, filters: AuditFilters, limit: number): Promise<AuditRow[]> {
  const rows = await applyFilters(db('audit_log').select('*'), filters).orderBy('id', 'desc').limit(limit)
  return (rows as Record<string, unknown>[]).map(toAuditRow)
}

/** The distinct values of a column (action or entity), sorted; read from its index rather than the whole table. */
export async function distinctAuditValues(db: Knex | Knex.Transaction, column: 'action' | 'entity'): Promise<string[]> {
  const { rows } = await db.raw(
    `WITH RECURSIVE v AS (
       (SELECT ${column} AS value FROM audit_log ORDER BY ${column} LIMIT 1)
       UNION ALL
       SELECT (SELECT ${column} FROM audit_log WHERE ${column} > v.value ORDER BY ${column} LIMIT 1) FROM v
       WHERE v.value IS NOT NULL
     )
     SELECT value FROM v WHERE value IS NOT NULL`,
  )
  return (rows as { value: string }[]).map(row => row.value)
}
