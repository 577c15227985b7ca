// Ledger and response files uploaded in the browser: a preview first (the import run as a dry run, nothing
// written), the bytes kept until the administrator confirms, then the same import as the command line, of exactly
// the previewed bytes. Confirming twice writes once.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Knex } from 'knex'
import * as importRepository from '../data/importRepository.ts'
import * as pendingUploadRepository from '../data/pendingUploadRepository.ts'
import type { PendingUpload, UploadFormat, UploadKind } from '../data/pendingUploadRepository.ts'
import type { Problem } from '../domain/types.ts'
import { xlsxToCsv } from '../imports/xlsxToCsv.ts'
import type { ImportOptions, ImportPreview, ImportResult, ImportService } from './importService.ts'

export type { UploadFormat, UploadKind } from '../data/pendingUploadRepository.ts'

/** An upload waits this long for its confirm. */
export const PENDING_UPLOAD_HOURS = 24

export interface UploadedFile {
  kind: UploadKind
  /** the name the browser sent, recorded with the import */
  fileName: string
  format: UploadFormat
  bytes: Buffer
}

export type PreviewOutcome =
  /** problems: nothing kept, nothing written */
  | { status: 'problems'; problems: Problem[]; warnings: Problem[]; rowCount: number }
  /** every row is already in the database: nothing to confirm */
  | { status: 'nothing-new'; warnings: Problem[]; rowCount: number }
  /** kept as a pending upload: confirm with its id and sha256 */
  | {
      status: 'ready'
      uploadId: string
      sha256: string
      warnings: Problem[]
      rowCount: number
      preview: ImportPreview
    }

export type ConfirmOutcome =
  /** no such upload of this user: already confirmed, discarded or expired; nothing written */
  | { status: 'gone' }
  /** the bytes are not the ones previewed; nothing written */
  | { status: 'changed' }
  /** the database changed since the preview and the file no longer imports; nothing written */
  | { status: 'problems'; upload: PendingUpload; problems: Problem[]; warnings: Problem[] }
  | { status: 'imported'; upload: PendingUpload; result: ImportResult }

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** The upload's own name without its folders (some browsers send a path) and without control characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim()
  return clean.slice(0, 255) || 'upload'
}

/** Reason to stop a confirm whose pending upload another request consumed first. */
class AlreadyConsumed extends Error {}

export function uploadService(knex: Knex, imports: ImportService) {
  /** Runs the import of the kind on the bytes, from a temporary file that is removed afterwards. */
  async function importBytes(kind: UploadKind, bytes: Buffer, options: ImportOptions): Promise<ImportResult> {
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'stimulans-upload-'))
    try {
      const file = path.join(dir, `${kind}.csv`)
      await fs.promises.writeFile(file, bytes)
      return kind === 'ledger'
        ? await imports.importLedger(file, options)
        : await imports.importResponses(file, options)
    } finally {
      await fs.promises.rm(dir, { recursive: true, force: true })
    }
  }

  const expiredBefore = () => new Date(Date.now() - PENDING_UPLOAD_HOURS * 3600_000)

  /** The pending upload of this user, without expired ones. */
  async function find(uploadId: string, actor: string): Promise<PendingUpload | undefined> {
    const upload = await pendingUploadRepository.findPendingUpload(knex, uploadId, actor)
    return upload && upload.uploadedAt >= expiredBefore() ? upload : undefined
  }

  return {
    /** Checks the file as the import would and, when it would write something, keeps it for the confirm. */
    async preview(file: UploadedFile, actor: string): Promise<PreviewOutcome> {
      await pendingUploadRepository.deleteUploadsBefore(knex, expiredBefore())
      let csv = file.bytes
      if (file.format === 'xlsx') {
        const converted = await xlsxToCsv(file.bytes)
        if (!converted.ok) return { status: 'problems', problems: converted.problems, warnings: [], rowCount: 0 }
        csv = converted.csv
      }
      const fileName = cleanFileName(file.fileName)
      const result = await importBytes(file.kind, csv, { actor, fileName, dryRun: true })
      if (!result.ok || !result.preview) {
        return { status: 'problems', problems: result.problems, warnings: result.warnings, rowCount: result.rowCount }
      }
      if (result.preview.newCount === 0) {
        return { status: 'nothing-new', warnings: result.warnings, rowCount: result.rowCount }
      }
      const sha256 = sha256Of(csv)
      const uploadId = await pendingUploadRepository.createPendingUpload(knex, {
        kind: file.kind,
        fileName,
        sourceFormat: file.format,
        content: csv,
        contentSha256: sha256,
        rowCount: result.rowCount,
        newCount: result.preview.newCount,
        unchangedCount: result.preview.unchangedCount,
        uploadedBy: actor,
      })
      return {
        status: 'ready',
        uploadId,
        sha256,
        warnings: result.warnings,
        rowCount: result.rowCount,
        preview: result.preview,
      }
    },

    find,

    /**
     * Imports the pending upload if its bytes still have the hash the preview showed. The upload is removed in
     * the import's own transaction, so a second confirm (even at the same moment) finds nothing and writes nothing.
     */
    async confirm(uploadId: string, sha256: string, actor: string): Promise<ConfirmOutcome> {
      const upload = await find(uploadId, actor)
      if (!upload) return { status: 'gone' }
      if (sha256 !== upload.contentSha256 || sha256Of(upload.content) !== sha256) return { status: 'changed' }
      try {
        const result = await importBytes(upload.kind, upload.content, {
          actor,
          fileName: upload.fileName,
          inTransaction: async trx => {
            if ((await pendingUploadRepository.deletePendingUpload(trx, upload.id)) !== 1) throw new AlreadyConsumed()
          },
        })
        if (!result.ok) return { status: 'problems', upload, problems: result.problems, warnings: result.warnings }
        return { status: 'imported', upload, result }
      } catch (error) {
        if (error instanceof AlreadyConsumed) return { status: 'gone' }
        throw error
      }
    },

    /** What an import wrote (its imports row), or undefined. */
    findImport: (importId: number) => importRepository.findImport(knex, importId),

    /** Drops the pending upload without importing it. */
    async discard(uploadId: string, actor: string): Promise<boolean> {
      const upload = await pendingUploadRepository.findPendingUpload(knex, uploadId, actor)
      if (!upload) return false
      return (await pendingUploadRepository.deletePendingUpload(knex, upload.id)) === 1
    },
  }
}

export type UploadService = ReturnType<typeof uploadService>
