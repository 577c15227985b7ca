// Requisitions (rekvisitioner) sent in the browser, and the requisition entry an approval writes in the ledger.
import type { Knex } from 'knex'

type Db = Knex | Knex.Transaction

export type RequisitionStatus = 'submitted' | 'approved' | 'returned'

export interface RequisitionKey {
  programmeId: number
  programmeYear: number
  municipalityCode: string
}

export interface Requisition extends RequisitionKey {
  id: number
  programmeCode: string
  municipalityName: string
  amountOre: number
  contactName: string
  contactEmail: string
  contactPhone: string
  /** digits only */
  bankgiro: string
  status: RequisitionStatus
  submittedBy: string
  submittedAt: Date
  decidedBy: string | null
  decidedAt: Date | null
  decisionReason: string | null
  ledgerEntryId: number | null
  ledgerReference: string | null
}

export interface NewRequisition extends RequisitionKey {
  amountOre: number
  contactName: string
  contactEmail: string
  contactPhone: string
  bankgiro: string
  submittedBy: string
}

const toRequisition = (row: Record<string, unknown>): Requisition => ({
  id: Number(row.id),
  programmeId: row.programme_id as number,
  programmeCode: row.programme_code as string,
  programmeYear: row.programme_year as number,
  municipalityCode: row.municipality_code as string,
  municipalityName: row.municipality_name as string,
  amountOre: Number(row.amount_ore),
  contactName: row.contact_name as string,
  contactEmail: row.contact_email as string,
  contactPhone: row.contact_phone as string,
  bankgiro: row.bankgiro as string,
  status: row.status as RequisitionStatus,
  submittedBy: row.submitted_by as string,
  submittedAt: row.submitted_at as Date,
  decidedBy: (row.decided_by as string | null) ?? null,
  decidedAt: (row.decided_at as Date | null) ?? null,
  decisionReason: (row.decision_reason as string | null) ?? null,
  ledgerEntryId: row.ledger_entry_id === null || row.ledger_entry_id === undefined ? null : Number(row.ledger_entry_id),
  ledgerReference: (row.ledger_reference as string | null) ?? null,
})

const selectRequisitions = (db: Db) =>
  db('requisitions as r')
    .join('programmes as p', 'p.id', 'r.programme_id')
    .join('municipalities as m', 'm.code', 'r.municipality_code')
    .leftJoin('ledger_entries as e', 'e.id', 'r.ledger_entry_id')
    .select('r.*', 'p.code as programme_code', 'm.name as municipality_name', 'e.reference as ledger_reference')

/**
 * Serialises the writes about one municipality's programme year (requisitions, reports): two at once would both
 * see no open requisition, or both take the same version number.
 */
export async function lockMunicipalityYear(trx: Knex.Transaction, key: RequisitionKey): Promise<void> {
  await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [
    `stimulans.municipality.${key.programmeId}.${key.programmeYear}.${key.municipalityCode}`,
  ])
}

export async function insertRequisition(trx: Knex.Transaction, requisition: NewRequisition): Promise<Requisition> {
  const [{ id }] = await trx('requisitions')
    .insert({
      programme_id: requisition.programmeId,
      programme_year: requisition.programmeYear,
      municipality_code: requisition.municipalityCode,
      amount_ore: requisition.amountOre,
      contact_name: requisition.contactName,
      contact_email: requisition.contactEmail,
      contact_phone: requisition.contactPhone,
      bankgiro: requisition.bankgiro,
      submitted_by: requisition.submittedBy,
    })
    .returning('id')
  return (await findRequisition(trx, Number(id)))!
}

export async function findRequisition(db: Db, id: number): Promise<Requisition | undefined> {
  const row = await selectRequisitions(db).where('r.id', id).first()
  return row ? toRequisition(row) : undefined
}

/** The requisition, locked against a concurrent decision. */
export async function findRequisitionForUpdate(trx: Knex.Transaction, id: number): Promise<Requisition | undefined> {
  await trx('requisitions').where({ id }).forUpdate().first('id')
  return findRequisition(trx, id)
}

export async function listRequisitions(
  db: Db,
  filter: Partial<RequisitionKey> & { status?: RequisitionStatus } = {},
): Promise<Requisition[]> {
  const query = selectRequisitions(db)
  if (filter.programmeId !== undefined) query.where('r.programme_id', filter.programmeId)
  if (filter.programmeYear !== undefined) query.where('r.programme_year', filter.programmeYear)
  if (filter.municipalityCode !== undefined) query.where('r.municipality_code', filter.municipalityCode)
  if (filter.status !== undefined) query.where('r.status', filter.status)
  const rows = await query.orderBy([
    { column: 'r.submitted_at', order: 'desc' },
    { column: 'r.id', order: 'desc' },
  ])
  return rows.map(toRequisition)
}

export async function hasOpenRequisition(db: Db, key: RequisitionKey): Promise<boolean> {
  const row = await db('requisitions')
    .where({
      programme_id: key.programmeId,
      programme_year: key.programmeYear,
      municipality_code: key.municipalityCode,
      status: 'submitted',
    })
    .first('id')
  return row !== undefined
}

/** Records the decision on an open requisition; returns false when it was no longer open. */
export async function decideRequisition(
  trx: Knex.Transaction,
  id: number,
  decision: { status: 'approved' | 'returned'; decidedBy: string; reason: string | null; ledgerEntryId: number | null },
): Promise<boolean> {
  const updated = await trx('requisitions').where({ id, status: 'submitted' }).update({
    status: decision.status,
    decided_by: decision.decidedBy,
    decided_at: trx.fn.now(),
    decision_reason: decision.reason,
    ledger_entry_id: decision.ledgerEntryId,
  })
  return updated === 1
}

/** Appends one ledger entry made by hand (no import); returns its id. */
export async function insertLedgerEntry(
  trx: Knex.Transaction,
  entry: RequisitionKey & {
    type: 'requisition'
    amountOre: number
    entryDate: string
    reference: string
    createdBy: string
  },
): Promise<number> {
  const [{ id }] = await trx('ledger_entries')
    .insert({
      programme_id: entry.programmeId,
      programme_year: entry.programmeYear,
      municipality_code: entry.municipalityCode,
      type: entry.type,
      amount_ore: entry.amountOre,
      entry_date: entry.entryDate,
      reference: entry.reference,
      created_by: entry.createdBy,
    })
    .returning('id')
  return Number(id)
}

