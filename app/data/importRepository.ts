// The imports table: one row per file that wrote something.
import type { Knex } from 'knex'

export type ImportKind = 'ledger' | 'responses' | 'population'

export interface NewImport {
  kind: ImportKind
  fileName: string
  fileSha256: string
  importedBy: string
  rowCount: number
  writtenCount: number
  unchangedCount: number
}

/** Serialises imports of one kind: two at once would both see the same rows as new. */
export async function lockImports(trx: Knex.Transaction, kind: ImportKind): Promise<void> {
  await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`stimulans.import.${kind}`])
}

export async function createImport(trx: Knex.Transaction, row: NewImport): Promise<number> {
  const [{ id }] = await trx('imports')
    .insert({
      kind: row.kind,
      file_name: row.fileName,
      file_sha256: row.fileSha256,
      imported_by: row.importedBy,
      row_count: row.rowCount,
      written_count: row.writtenCount,
      unchanged_count: row.unchangedCount,
    })
    .returning('id')
  return Number(id)
}

/** The file name of each of the given imports (for pages that say where a row came from). */
export async function importFileNames(db: Knex | Knex.Transaction, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db('imports').whereIn('id', [...new Set(ids)]).select('id', 'file_name')
  return new Map(rows.map(row => [Number(row.id), row.file_name as string]))
}

export interface ImportRecord extends NewImport {
  id: number
  importedAt: Date
}

/** One imports row, or undefined. */
export async function findImport(db: Knex | Knex.Transaction, id: number): Promise<ImportRecord | undefined> {
  const row = await db('imports').where({ id }).first()
  if (!row) return undefined
  return {
    id: Number(row.id),
    kind: row.kind,
    fileName: row.file_name,
    fileSha256: row.file_sha256,
    importedBy: row.imported_by,
    rowCount: row.row_count,
    writtenCount: row.written_count,
    unchangedCount: row.unchanged_count,
    importedAt: row.imported_at,
  }
}
