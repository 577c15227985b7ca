// Files uploaded in the browser, previewed and waiting for the administrator's confirm. Working storage, not a
// record: a row is consumed by the import it confirms (in that import's transaction) or expires.
import type { Knex } from 'knex'

type Db = Knex | Knex.Transaction

export type UploadKind = 'ledger' | 'responses'
export type UploadFormat = 'csv' | 'xlsx'

export interface NewPendingUpload {
  kind: UploadKind
  fileName: string
  sourceFormat: UploadFormat
  /** the CSV bytes the import will read (an XLSX file converted) */
  content: Buffer
  contentSha256: string
  rowCount: number
  newCount: number
  unchangedCount: number
  uploadedBy: string
}

export interface PendingUpload extends NewPendingUpload {
  id: string
  uploadedAt: Date
}

export async function createPendingUpload(db: Db, upload: NewPendingUpload): Promise<string> {
  const [{ id }] = await db('pending_uploads')
    .insert({
      kind: upload.kind,
      file_name: upload.fileName,
      source_format: upload.sourceFormat,
      content: upload.content,
      content_sha256: upload.contentSha256,
      row_count: upload.rowCount,
      new_count: upload.newCount,
      unchanged_count: upload.unchangedCount,
      uploaded_by: upload.uploadedBy,
    })
    .returning('id')
  return id as string
}

/** The upload of this user, or undefined (another user's upload is not theirs to see). */
export async function findPendingUpload(db: Db, id: string, uploadedBy: string): Promise<PendingUpload | undefined> {
  const row = await db('pending_uploads').where({ id, uploaded_by: uploadedBy }).first()
  if (!row) return undefined
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.file_name,
    sourceFormat: row.source_format,
    content: row.content,
    contentSha256: row.content_sha256,
    rowCount: row.row_count,
    newCount: row.new_count,
    unchangedCount: row.unchanged_count,
    uploadedBy: row.uploaded_by,
    uploadedAt: row.uploaded_at,
  }
}

/** Removes the upload; returns how many rows went (0 when another request consumed it first). */
export async function deletePendingUpload(db: Db, id: string): Promise<number> {
  return db('pending_uploads').where({ id }).delete()
}

/** Removes uploads older than the given time; returns how many. */
export async function deleteUploadsBefore(db: Db, before: Date): Promise<number> {
  return db('pending_uploads').where('uploaded_at', '<', before).delete()
}
