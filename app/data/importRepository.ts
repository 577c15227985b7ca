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
