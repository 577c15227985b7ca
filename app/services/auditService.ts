// Reading the audit log: the search of the audit page and its CSV export. The log is written only by the services
// of the writes it records (recordAudit, in their transactions); nothing here writes.
import type { Knex } from 'knex'
import * as auditRepository from '../data/auditRepository.ts'
import type { AuditFilters, AuditPage, AuditPageRequest, AuditRow } from '../data/auditRepository.ts'

export type { AuditFilters, AuditPage, AuditRow } from '../data/auditRepository.ts'

/** Rows per page of the audit page. */
export const AUDIT_PAGE_SIZE = 50
/** The most rows one CSV export holds: narrow the search for more. */
export const AUDIT_EXPORT_LIMIT = 100_000

export function auditService(knex: Knex) {
  return {
    search: (filters: AuditFilters, page: Omit<AuditPageRequest, 'limit'>): Promise<AuditPage> =>
      auditRepository.searchAudit(knex, filters, { ...page, limit: AUDIT_PAGE_SIZE }),
    /** Every matching row, newest first, up to AUDIT_EXPORT_LIMIT. */
    exportRows: (filters: AuditFilters): Promise<AuditRow[]> =>
      auditRepository.listAudit(knex, filters, AUDIT_EXPORT_LIMIT),
    /** The actions and entities the log holds, for the search form's lists. */
    async filterOptions(): Promise<{ actions: string[]; entities: string[] }> {
      const [actions, entities] = await Promise.all([
        auditRepository.distinctAuditValues(knex, 'action'),
        auditRepository.distinctAuditValues(knex, 'entity'),
      ])
      return { actions, entities }
    },
  }
}

export type AuditService = ReturnType<typeof auditService>
