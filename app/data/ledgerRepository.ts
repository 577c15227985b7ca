// The payout ledger: staging an import, checking it against itself and the ledger, appending the new entries,
// and the totals per municipality that the reports read. Entries are never changed: a reversing entry cancels one.
import type { Knex } from 'knex'
import type { LedgerContent } from '../domain/ledgerRow.ts'
import type { LedgerRow } from '../domain/types.ts'
import { firstByLine, stageJsonRows } from './staging.ts'

export interface StagedLedgerRow extends LedgerRow {
  line: number
  programmeId: number
}

export interface LedgerConflict {
  line: number
  reference: string
  /** the earlier line of the file with the same reference, or null when the conflict is with the ledger */
  otherLine: number | null
  existing: LedgerContent
  incoming: LedgerContent
}

const STAGING = 'ledger_staging'

export async function createLedgerStaging(trx: Knex.Transaction): Promise<void> {
  await trx.raw(`
    CREATE TEMPORARY TABLE ${STAGING} (
      line integer NOT NULL,
      programme_id integer NOT NULL,
      programme_year integer NOT NULL,
      municipality_code char(4) NOT NULL,
      type text NOT NULL,
      amount_ore bigint NOT NULL,
      entry_date date NOT NULL,
      reference text NOT NULL
    ) ON COMMIT DROP`)
}

export async function stageLedgerRows(trx: Knex.Transaction, rows: StagedLedgerRow[]): Promise<void> {
  if (rows.length === 0) return
  // one statement per batch, the rows as one JSON parameter: no limit on bind parameters, no per-row round trip
  const json = rows.map(r => ({
    line: r.line,
    programme_id: r.programmeId,
    programme_year: r.programmeYear,
    municipality_code: r.municipalityCode,
    type: r.type,
    amount_ore: r.amountOre,
    entry_date: r.date,
    reference: r.reference,
  }))
  await stageJsonRows(trx, STAGING, json)
}

export async function finishLedgerStaging(trx: Knex.Transaction): Promise<void> {
  await trx.raw(`CREATE INDEX ON ${STAGING} (programme_id, reference, line)`)
  await trx.raw(`ANALYZE ${STAGING}`)
}

// the first line of each reference in the file: the one that is compared with the ledger and written
const FIRSTS = `SELECT DISTINCT ON (programme_id, reference) * FROM ${STAGING} ORDER BY programme_id, reference, line`
const SAME_CONTENT = (a: string, b: string) =>
  `${a}.programme_year = ${b}.programme_year AND ${a}.municipality_code = ${b}.municipality_code
   AND ${a}.type = ${b}.type AND ${a}.amount_ore = ${b}.amount_ore AND ${a}.entry_date = ${b}.entry_date`

interface ConflictRow {
  line: number
  reference: string
  other_line: number | null
  e_year: number
  e_code: string
  e_type: string
  e_amount: number
  e_date: string
  i_year: number
  i_code: string
  i_type: string
  i_amount: number
  i_date: string
}

/** A reference used again with other content: later in the same file, or already in the ledger. */
export async function findLedgerConflicts(
  trx: Knex.Transaction,
  limit: number,
): Promise<{ conflicts: LedgerConflict[]; total: number }> {
  const conflicts = `
    WITH firsts AS (${FIRSTS}),
    conflicts AS (
      SELECT s.line, s.reference, f.line AS other_line,
             f.programme_year AS e_year, f.municipality_code AS e_code, f.type AS e_type,
             f.amount_ore AS e_amount, f.entry_date AS e_date,
             s.programme_year AS i_year, s.municipality_code AS i_code, s.type AS i_type,
             s.amount_ore AS i_amount, s.entry_date AS i_date
      FROM ${STAGING} s
      JOIN firsts f ON f.programme_id = s.programme_id AND f.reference = s.reference AND f.line < s.line
      WHERE NOT (${SAME_CONTENT('s', 'f')})
      UNION ALL
      SELECT f.line, f.reference, NULL,
             e.programme_year, e.municipality_code, e.type, e.amount_ore, e.entry_date,
             f.programme_year, f.municipality_code, f.type, f.amount_ore, f.entry_date
      FROM firsts f
      JOIN ledger_entries e ON e.programme_id = f.programme_id AND e.reference = f.reference
      WHERE NOT (${SAME_CONTENT('f', 'e')})
    )
    SELECT * FROM conflicts`
  const { rows, total } = await firstByLine<ConflictRow>(trx, conflicts, limit)
  const content = (year: number, code: string, type: string, amount: number, date: string): LedgerContent => ({
    programmeYear: year,
    municipalityCode: code,
    type: type as LedgerContent['type'],
    amountOre: amount,
    date,
  })
  return {
    conflicts: rows.map(row => ({
      line: row.line,
      reference: row.reference,
      otherLine: row.other_line,
      existing: content(row.e_year, row.e_code, row.e_type, row.e_amount, row.e_date),
      incoming: content(row.i_year, row.i_code, row.i_type, row.i_amount, row.i_date),
    })),
    total: total as number,
  }
}

const NEW_ROWS = `
  SELECT f.* FROM (${FIRSTS}) f
  WHERE NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.programme_id = f.programme_id AND e.reference = f.reference)`

export async function countNewLedgerEntries(trx: Knex.Transaction): Promise<number> {
  const [{ count }] = (await trx.raw(`SELECT count(*)::int AS count FROM (${NEW_ROWS}) n`)).rows
  return count as number
}

/** Appends the new entries in file order; returns how many. */
export async function insertNewLedgerEntries(trx: Knex.Transaction, importId: number, actor: string): Promise<number> {
  const result = await trx.raw(
    `INSERT INTO ledger_entries
       (programme_id, programme_year, municipality_code, type, amount_ore, entry_date, reference, import_id, created_by)
     SELECT programme_id, programme_year, municipality_code, type, amount_ore, entry_date, reference, ?, ?
     FROM (${NEW_ROWS}) n ORDER BY line`,
    [importId, actor],
  )
  return (result as { rowCount: number }).rowCount
}

/** One ledger entry as the municipality page lists it: whether it reverses or is reversed, and where it came from. */
export interface LedgerEntry {
  id: number
  programmeYear: number
  municipalityCode: string
  type: LedgerRow['type']
  amountOre: number
  date: string
  reference: string
  /** the entry this one cancels, or null */
  reversesEntryId: number | null
  reversesReference: string | null
  /** the entry that cancels this one, or null */
  reversedByEntryId: number | null
  reversedByReference: string | null
  /** why a reversing entry was made (reversals only) */
  reason: string | null
  /** the import that wrote it, or null for an entry made by hand */
  importId: number | null
  importFileName: string | null
  createdBy: string
  createdAt: Date
}

/** Every entry of one municipality and programme year, reversed ones and reversals included, in date order. */
export async function listLedgerEntries(
  db: Knex | Knex.Transaction,
  programmeId: number,
  programmeYear: number,
  municipalityCode: string,
): Promise<LedgerEntry[]> {
  const rows = await db('ledger_entries as e')
    .leftJoin('ledger_entries as reversed', 'reversed.id', 'e.reverses_entry_id')
    .leftJoin('ledger_entries as reversal', 'reversal.reverses_entry_id', 'e.id')
    .leftJoin('imports as i', 'i.id', 'e.import_id')
    .where({ 'e.programme_id': programmeId, 'e.programme_year': programmeYear, 'e.municipality_code': municipalityCode })
    .orderBy([{ column: 'e.entry_date' }, { column: 'e.id' }])
    .select(
      'e.*',
      'reversed.reference as reverses_reference',
      'reversal.id as reversed_by_entry_id',
      'reversal.reference as reversed_by_reference',
      'i.file_name as import_file_name',
    )
  return rows.map(row => ({
    id: Number(row.id),
    programmeYear: row.programme_year,
    municipalityCode: row.municipality_code,
    type: row.type,
    amountOre: Number(row.amount_ore),
    date: row.entry_date,
    reference: row.reference,
    reversesEntryId: row.reverses_entry_id === null ? null : Number(row.reverses_entry_id),
    reversesReference: row.reverses_reference ?? null,
    reversedByEntryId: row.reversed_by_entry_id === null ? null : Number(row.reversed_by_entry_id),
    reversedByReference: row.reversed_by_reference ?? null,
    reason: row.reason ?? null,
    importId: row.import_id === null ? null : Number(row.import_id),
    importFileName: row.import_file_name ?? null,
    createdBy: row.created_by,
    createdAt: row.created_at,
  }))
}

/** A row an import would write, as its preview shows it. */
export interface LedgerPreviewRow extends LedgerRow {
  line: number
  municipality: string
}

/** The first `limit` rows that insertNewLedgerEntries would write, by line (for a dry run). */
export async function previewNewLedgerEntries(trx: Knex.Transaction, limit: number): Promise<LedgerPreviewRow[]> {
  const { rows } = await trx.raw(
    `SELECT n.line, p.code AS programme_code, n.programme_year, n.municipality_code, m.name AS municipality,
            n.type, n.amount_ore, n.entry_date, n.reference
     FROM (${NEW_ROWS}) n
     JOIN programmes p ON p.id = n.programme_id
     JOIN municipalities m ON m.code = n.municipality_code
     ORDER BY n.line LIMIT ?`,
    [limit],
  )
  return (rows as Record<string, unknown>[]).map(row => ({
    line: row.line as number,
    programmeCode: row.programme_code as string,
    programmeYear: row.programme_year as number,
    municipalityCode: row.municipality_code as string,
    municipality: row.municipality as string,
    type: row.type as LedgerRow['type'],
    amountOre: Number(row.amount_ore),
    date: row.entry_date as string,
    reference: row.reference as string,
  }))
}

/** An entry made by hand (a form) or a reversing entry, written with its audit row by ledgerService. */
export interface NewLedgerEntry {
  programmeId: number
  programmeYear: number
  municipalityCode: string
  type: LedgerRow['type']
  amountOre: number
  date: string
  reference: string
  /** set on a reversing entry, with its reason */
  reversesEntryId?: number
  reason?: string
  createdBy: string
}

export async function insertLedgerEntry(trx: Knex.Transaction, entry: NewLedgerEntry): Promise<number> {
  const [{ id }] = await trx('ledger_entries')
    .insert({
      programme_id: entry.programmeId,
      programme_year: entry.programmeYear,
      municipality_code: entry.municipalityCode,
      type: entry.type,
      amount_ore: entry.amountOre,
      entry_date: entry.date,
      reference: entry.reference,
      reverses_entry_id: entry.reversesEntryId ?? null,
      reason: entry.reason ?? null,
      created_by: entry.createdBy,
    })
    .returning('id')
  return Number(id)
}

/** One entry with its programme, municipality, where it came from, and the entry it reverses or is reversed by. */
export interface LedgerEntryDetail {
  id: number
  programmeId: number
  programmeCode: string
  programmeYear: number
  municipalityCode: string
  municipality: string
  type: LedgerRow['type']
  amountOre: number
  date: string
  reference: string
  reversesEntryId: number | null
  reversesReference: string | null
  /** why it was reversed: set on a reversing entry only */
  reason: string | null
  reversedByEntryId: number | null
  reversedByReference: string | null
  importId: number | null
  importFileName: string | null
  createdBy: string
  createdAt: Date
}

function entryDetails(db: Knex | Knex.Transaction) {
  return db('ledger_entries as e')
    .join('programmes as p', 'p.id', 'e.programme_id')
    .join('municipalities as m', 'm.code', 'e.municipality_code')
    .leftJoin('ledger_entries as reversed', 'reversed.id', 'e.reverses_entry_id')
    .leftJoin('ledger_entries as reversal', 'reversal.reverses_entry_id', 'e.id')
    .leftJoin('imports as i', 'i.id', 'e.import_id')
    .select(
      'e.*',
      'p.code as programme_code',
      'm.name as municipality',
      'reversed.reference as reverses_reference',
      'reversal.id as reversed_by_entry_id',
      'reversal.reference as reversed_by_reference',
      'i.file_name as import_file_name',
    )
}

const toDetail = (row: Record<string, unknown>): LedgerEntryDetail => {
  const idOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value))
  return {
    id: Number(row.id),
    programmeId: row.programme_id as number,
    programmeCode: row.programme_code as string,
    programmeYear: row.programme_year as number,
    municipalityCode: row.municipality_code as string,
    municipality: row.municipality as string,
    type: row.type as LedgerRow['type'],
    amountOre: Number(row.amount_ore),
    date: row.entry_date as string,
    reference: row.reference as string,
    reversesEntryId: idOrNull(row.reverses_entry_id),
    reversesReference: (row.reverses_reference as string | null) ?? null,
    reason: (row.reason as string | null) ?? null,
    reversedByEntryId: idOrNull(row.reversed_by_entry_id),
    reversedByReference: (row.reversed_by_reference as string | null) ?? null,
    importId: idOrNull(row.import_id),
    importFileName: (row.import_file_name as string | null) ?? null,
    createdBy: row.created_by as string,
    createdAt: row.created_at as Date,
  }
}

export async function findLedgerEntry(
  db: Knex | Knex.Transaction,
  id: number,
): Promise<LedgerEntryDetail | undefined> {
  const row = await entryDetails(db).where('e.id', id).first()
  return row ? toDetail(row) : undefined
}

/** The entry with this reference in the programme (references are unique within a programme), or undefined. */
export async function findLedgerEntryByReference(
  db: Knex | Knex.Transaction,
  programmeId: number,
  reference: string,
): Promise<LedgerEntryDetail | undefined> {
  const row = await entryDetails(db).where({ 'e.programme_id': programmeId, 'e.reference': reference }).first()
  return row ? toDetail(row) : undefined
}
