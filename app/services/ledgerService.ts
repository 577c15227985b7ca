// The administrator's hand-made ledger transactions: one entry, checked by the same rules as a ledger CSV row, and
// the reversal of a wrong entry (the ledger is append-only: an entry is never changed or deleted, a new entry
// cancels it). Each write is one transaction with its audit row, serialised with the ledger imports.
import type { Knex } from 'knex'
import { recordAudit } from '../data/auditRepository.ts'
import { lockImports } from '../data/importRepository.ts'
import * as ledgerRepository from '../data/ledgerRepository.ts'
import type { LedgerEntryDetail } from '../data/ledgerRepository.ts'
import { ledgerConflictMessage, MAX_REFERENCE_LENGTH, validateLedgerRecord } from '../domain/ledgerRow.ts'
import { isCalendarDate } from '../domain/rowFields.ts'
import { stockholmDate } from '../domain/stockholmTime.ts'
import type { LedgerRow, Problem } from '../domain/types.ts'
import { loadImportContext } from './importService.ts'

/** What the entry form sends, as typed. */
export interface LedgerEntryInput {
  municipalityCode: string
  type: string
  /** kronor as people write them: `1 234 567`, `1234567,50` */
  amount: string
  /** YYYY-MM-DD */
  date: string
  reference: string
}

export interface ReversalInput {
  reason: string
  /** empty: the original reference with "-R" */
  reference?: string
  /** empty: today in Sweden */
  date?: string
}

export type AddEntryOutcome =
  /** problems named by the CSV column (municipality_code, type, amount_sek, date, reference); nothing written */
  | { status: 'invalid'; problems: Problem[] }
  /** the same reference with the same content is already in the ledger: nothing written, as in an import */
  | { status: 'exists'; entry: LedgerEntryDetail }
  | { status: 'created'; entry: LedgerEntryDetail }

export type ReverseOutcome =
  | { status: 'not-found' }
  /** a reversal is not reversed: the entry it cancelled is entered again instead */
  | { status: 'is-reversal'; entry: LedgerEntryDetail }
  | { status: 'already-reversed'; entry: LedgerEntryDetail }
  /** problems named by field (reason, reference, date); nothing written */
  | { status: 'invalid'; entry: LedgerEntryDetail; problems: Problem[] }
  | { status: 'reversed'; entry: LedgerEntryDetail; reversal: LedgerEntryDetail }

export const MAX_REASON_LENGTH = 1000
/** added to the original reference when no reference is given for the reversal */
export const REVERSAL_SUFFIX = '-R'

/** What the audit log keeps of an entry. */
const snapshot = (entry: LedgerEntryDetail) => ({
  id: entry.id,
  programme: entry.programmeCode,
  programmeYear: entry.programmeYear,
  municipalityCode: entry.municipalityCode,
  type: entry.type,
  amountOre: entry.amountOre,
  date: entry.date,
  reference: entry.reference,
  reversesEntryId: entry.reversesEntryId,
  reason: entry.reason,
})

const sameContent = (entry: LedgerEntryDetail, row: LedgerRow) =>
  entry.programmeYear === row.programmeYear &&
  entry.municipalityCode === row.municipalityCode &&
  entry.type === row.type &&
  entry.amountOre === row.amountOre &&
  entry.date === row.date

/** A reversal that another transaction wrote first: the unique constraint on reverses_entry_id. */
const isUniqueViolation = (error: unknown, constraint: string) =>
  typeof error === 'object' &&
  error !== null &&
  (error as { code?: unknown }).code === '23505' &&
  String((error as { constraint?: unknown }).constraint ?? '').includes(constraint)

export function ledgerService(knex: Knex) {
  async function mustFind(trx: Knex.Transaction, id: number): Promise<LedgerEntryDetail> {
    const entry = await ledgerRepository.findLedgerEntry(trx, id)
    if (!entry) throw new Error(`ledger entry ${id} vanished inside its own transaction`)
    return entry
  }

  return {
    findEntry: (id: number) => ledgerRepository.findLedgerEntry(knex, id),

    /** Adds one entry to the programme year's ledger, with its audit row. */
    async addEntry(
      programmeCode: string,
      programmeYear: number,
      input: LedgerEntryInput,
      actor: string,
    ): Promise<AddEntryOutcome> {
      return knex.transaction(async trx => {
        await lockImports(trx, 'ledger')
        const context = await loadImportContext(trx)
        const checked = validateLedgerRecord(
          1,
          {
            programme_code: programmeCode,
            programme_year: String(programmeYear),
            municipality_code: input.municipalityCode,
            type: input.type,
            amount_sek: input.amount,
            date: input.date,
            reference: input.reference,
          },
          context,
        )
        if (!checked.ok) return { status: 'invalid', problems: checked.problems }
        const row = checked.row
        const programmeId = context.programmes.get(row.programmeCode)!.id
        const existing = await ledgerRepository.findLedgerEntryByReference(trx, programmeId, row.reference)
        if (existing) {
          if (existing.reversesEntryId === null && sameContent(existing, row))
            return { status: 'exists', entry: existing }
          const message =
            existing.reversesEntryId === null
              ? ledgerConflictMessage(row.reference, null, existing, row)
              : `"${row.reference}" is already in the ledger, as the reversal of another entry`
          return { status: 'invalid', problems: [{ line: 1, column: 'reference', message }] }
        }
        const id = await ledgerRepository.insertLedgerEntry(trx, { ...row, programmeId, createdBy: actor })
        const entry = await mustFind(trx, id)
        await recordAudit(trx, {
          actor,
          action: 'ledger.entry',
          entity: 'ledger_entries',
          entityId: id,
          after: snapshot(entry),
        })
        return { status: 'created', entry }
      })
    },

    /**
     * Cancels an entry with a new one of the same programme, year, municipality, type and amount that names it.
     * Refused for a reversal and for an entry already reversed.
     */
    async reverseEntry(entryId: number, input: ReversalInput, actor: string): Promise<ReverseOutcome> {
      try {
        return await knex.transaction(async (trx): Promise<ReverseOutcome> => {
          // the same lock as the ledger imports: no reference is taken, and no reversal written, between check and write
          await lockImports(trx, 'ledger')
          const entry = await ledgerRepository.findLedgerEntry(trx, entryId)
          if (!entry) return { status: 'not-found' }
          if (entry.reversesEntryId !== null) return { status: 'is-reversal', entry }
          if (entry.reversedByEntryId !== null) return { status: 'already-reversed', entry }

          const problems: Problem[] = []
          const problem = (column: string, message: string) => problems.push({ line: 1, column, message })
          const reason = input.reason.trim()
          if (reason === '') problem('reason', 'missing value')
          else if (reason.length > MAX_REASON_LENGTH) {
            problem('reason', `longer than ${MAX_REASON_LENGTH} characters (${reason.length})`)
          }
          const reference = input.reference?.trim() || `${entry.reference}${REVERSAL_SUFFIX}`
          if (reference.length > MAX_REFERENCE_LENGTH) {
            problem('reference', `longer than ${MAX_REFERENCE_LENGTH} characters (${reference.length})`)
          } else if (await ledgerRepository.findLedgerEntryByReference(trx, entry.programmeId, reference)) {
            problem('reference', `"${reference}" is already in the ledger`)
          }
          const date = input.date?.trim() || stockholmDate(new Date())
          if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) problem('date', `"${date}" is not a date in the form YYYY-MM-DD`)
          else if (!isCalendarDate(date)) problem('date', `"${date}" is not a calendar date`)
          if (problems.length > 0) return { status: 'invalid', entry, problems }

          const id = await ledgerRepository.insertLedgerEntry(trx, {
            programmeId: entry.programmeId,
            programmeYear: entry.programmeYear,
            municipalityCode: entry.municipalityCode,
            type: entry.type,
            amountOre: entry.amountOre,
            date,
            reference,
            reversesEntryId: entry.id,
            reason,
            createdBy: actor,
          })
          const reversal = await mustFind(trx, id)
          await recordAudit(trx, {
            actor,
            action: 'ledger.reversal',
            entity: 'ledger_entries',
            entityId: entry.id,
            before: { entry: snapshot(entry), reversedByEntryId: null },
            after: { entry: snapshot(entry), reversedByEntryId: id, reversal: snapshot(reversal) },
          })
          return { status: 'reversed', entry: await mustFind(trx, entry.id), reversal }
        })
      } catch (error) {
        if (!isUniqueViolation(error, 'reverses_entry_id')) throw error
        const entry = await ledgerRepository.findLedgerEntry(knex, entryId)
        if (!entry) throw error
        return { status: 'already-reversed', entry }
      }
    },
  }
}

export type LedgerService = ReturnType<typeof ledgerService>
