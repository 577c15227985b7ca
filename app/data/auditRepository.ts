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
