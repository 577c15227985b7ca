// `import ledger FILE`, `import responses FILE` and `import population FILE`: stream the CSV, check every row, and
// write all of it or nothing, in one transaction with its imports row and one audit row. The same file again writes
// nothing.
import path from 'node:path'
import type { Knex } from 'knex'
import { recordAudit } from '../data/auditRepository.ts'
import * as importRepository from '../data/importRepository.ts'
import type { ImportKind } from '../data/importRepository.ts'
import * as ledgerRepository from '../data/ledgerRepository.ts'
import * as populationRepository from '../data/populationRepository.ts'
import * as referenceRepository from '../data/referenceRepository.ts'
import * as responseRepository from '../data/responseRepository.ts'
import { LEDGER_COLUMNS, ledgerConflictMessage, validateLedgerRecord } from '../domain/ledgerRow.ts'
import { POPULATION_COLUMNS, validatePopulationRecord, type PopulationRow } from '../domain/populationRow.ts'
import { RESPONSE_COLUMNS, responseContentHash, validateResponseRecord } from '../domain/responseRow.ts'
import type { ImportContext, RowResult } from '../domain/rowFields.ts'
import type { LedgerRow, Problem, ResponseRow } from '../domain/types.ts'
import { FILE, inspectCsvFile, readCsv } from '../imports/csvReader.ts'

export interface ImportOptions {
  actor: string
  /** the name recorded in the imports row; the file's own name when not given */
  fileName?: string
  /** called every PROGRESS_EVERY rows read, and once at the end */
  onProgress?: (rowsRead: number) => void
  /** true: check the file against itself and the database and count what would be written, then write nothing */
  dryRun?: boolean
  /** how many of the new rows a dry run returns in its preview (PREVIEW_ROWS when not given) */
  previewLimit?: number
  /**
   * Runs in the import's transaction once the file is found free of problems, just before the commit, also when
   * nothing is new (not in a dry run). The web's confirm consumes its pending upload here: both happen or neither.
   */
  inTransaction?: (trx: Knex.Transaction) => Promise<void>
}

/** What a dry run found would be written. */
export interface ImportPreview {
  newCount: number
  unchangedCount: number
  /** the first new rows by line, at most previewLimit */
  rows: PreviewRow[]
}

export type PreviewRow =
  | ({ kind: 'ledger' } & ledgerRepository.LedgerPreviewRow)
  | ({ kind: 'responses' } & responseRepository.ResponsePreviewRow)

export interface ImportResult {
  /** false: the file has problems and nothing was written */
  ok: boolean
  /** ordered by line; at most MAX_PROBLEMS, then one more saying how many were left out */
  problems: Problem[]
  /** the same, for warnings (a padded municipality code): they do not stop the import */
  warnings: Problem[]
  /** data rows read (the header and empty rows not counted) */
  rowCount: number
  writtenCount: number
  /** rows already in the database with the same content (or repeated in the file) */
  unchangedCount: number
  /** the imports row, or null when nothing was written */
  importId: number | null
  /** a dry run of a file without problems: what would be written */
  preview?: ImportPreview
}

/** Problems (and warnings) kept in memory: a file of a million bad rows still needs only this many. */
export const MAX_PROBLEMS = 10_000
export const PROGRESS_EVERY = 10_000
export const PREVIEW_ROWS = 20
const STAGING_BATCH = 2_000

/** How one kind of file is validated, staged, checked against itself and the database, and written. */
interface ImportSteps<Row, Staged> {
  kind: ImportKind
  columns: readonly string[]
  validate: (line: number, record: Record<string, string>, context: ImportContext) => RowResult<Row>
  toStaged: (line: number, row: Row, context: ImportContext) => Staged
  createStaging: (trx: Knex.Transaction) => Promise<void>
  stage: (trx: Knex.Transaction, rows: Staged[]) => Promise<void>
  finishStaging: (trx: Knex.Transaction) => Promise<void>
  /** problems that only the whole file or the database show, first `limit` by line, and how many in all */
  findProblems: (trx: Knex.Transaction, limit: number) => Promise<{ problems: Problem[]; total: number }>
  countNew: (trx: Knex.Transaction) => Promise<number>
  /** the first `limit` rows that would be written, by line (for a dry run; none listed when not given) */
  previewNew?: (trx: Knex.Transaction, limit: number) => Promise<PreviewRow[]>
  insertNew: (trx: Knex.Transaction, importId: number, actor: string) => Promise<number>
}

// validation has checked that the programme exists
const programmeIdOf = (context: ImportContext, code: string) => context.programmes.get(code)!.id

const ledgerSteps: ImportSteps<LedgerRow, ledgerRepository.StagedLedgerRow> = {
  kind: 'ledger',
  columns: LEDGER_COLUMNS,
  validate: validateLedgerRecord,
  toStaged: (line, row, context) => ({ ...row, line, programmeId: programmeIdOf(context, row.programmeCode) }),
  createStaging: ledgerRepository.createLedgerStaging,
  stage: ledgerRepository.stageLedgerRows,
  finishStaging: ledgerRepository.finishLedgerStaging,
  async findProblems(trx, limit) {
    const { conflicts, total } = await ledgerRepository.findLedgerConflicts(trx, limit)
    const problems = conflicts.map(c => ({
      line: c.line,
      column: 'reference',
      message: ledgerConflictMessage(c.reference, c.otherLine, c.existing, c.incoming),
    }))
    return { problems, total }
  },
  countNew: ledgerRepository.countNewLedgerEntries,
  previewNew: async (trx, limit) =>
    (await ledgerRepository.previewNewLedgerEntries(trx, limit)).map(row => ({ kind: 'ledger' as const, ...row })),
  insertNew: ledgerRepository.insertNewLedgerEntries,
}

const responseSteps: ImportSteps<ResponseRow, responseRepository.StagedResponse> = {
  kind: 'responses',
  columns: RESPONSE_COLUMNS,
  validate: validateResponseRecord,
  toStaged: (line, row, context) => ({
    ...row,
    line,
    programmeId: programmeIdOf(context, row.programmeCode),
    contentHash: responseContentHash(row),
  }),
  createStaging: responseRepository.createResponseStaging,
  stage: responseRepository.stageResponses,
  finishStaging: responseRepository.finishResponseStaging,
  async findProblems(trx, limit) {
    const { duplicates, total } = await responseRepository.findDuplicateResponses(trx, limit)
    const problems = duplicates.map(d => ({
      line: d.line,
      column: 'municipality_code',
      message: `${d.municipalityCode} already has a response for programme year ${d.programmeYear} on line ${d.firstLine}`,
    }))
    return { problems, total }
  },
  countNew: responseRepository.countChangedResponses,
  previewNew: async (trx, limit) =>
    (await responseRepository.previewChangedResponses(trx, limit)).map(row => ({ kind: 'responses' as const, ...row })),
  insertNew: responseRepository.insertChangedResponses,
}

const populationSteps: ImportSteps<PopulationRow, populationRepository.StagedPopulationRow> = {
  kind: 'population',
  columns: POPULATION_COLUMNS,
  validate: validatePopulationRecord,
  toStaged: (line, row) => ({ ...row, line }),
  createStaging: populationRepository.createPopulationStaging,
  stage: populationRepository.stagePopulationRows,
  finishStaging: populationRepository.finishPopulationStaging,
  async findProblems(trx, limit) {
    const { duplicates, total } = await populationRepository.findDuplicatePopulationRows(trx, limit)
    const problems = duplicates.map(d => ({
      line: d.line,
      column: 'municipality_code',
      message: `${d.municipalityCode} already has a population for ${d.year} on line ${d.firstLine}`,
    }))
    return { problems, total }
  },
  countNew: async trx => (await populationRepository.countChangedPopulationRows(trx)).changed,
  insertNew: (trx, importId) => populationRepository.upsertChangedPopulationRows(trx, importId),
}

/**
 * Keeps the first `limit` problems by line and counts the rest. Problems found while reading arrive in line order;
 * those found in SQL come later and are merged in.
 */
class ProblemList {
  private items: Problem[] = []
  private total = 0
  private readonly limit: number

  constructor(limit: number) {
    this.limit = limit
  }

  get count(): number {
    return this.total
  }

  add(problems: readonly Problem[]): void {
    for (const problem of problems) {
      this.total++
      if (this.items.length < this.limit) this.items.push(problem)
    }
  }

  merge(problems: readonly Problem[], total: number): void {
    this.items = [...this.items, ...problems].sort((a, b) => a.line - b.line).slice(0, this.limit)
    this.total += total
  }

  list(what: string): Problem[] {
    const items = [...this.items].sort((a, b) => a.line - b.line)
    const more = this.total - items.length
    if (more === 0) return items
    const line = items.at(-1)?.line ?? 1
    return [...items, { line, column: FILE, message: `and ${more} more ${what} not listed` }]
  }
}

/** The reference data every row is checked against (the manual ledger entry uses it too). */
export async function loadImportContext(trx: Knex | Knex.Transaction): Promise<ImportContext> {
  const municipalities = await referenceRepository.listMunicipalities(trx)
  const programmes = new Map<string, { id: number; years: number[] }>()
  for (const programme of await referenceRepository.listProgrammes(trx)) {
    const years = await referenceRepository.listProgrammeYears(trx, programme.id)
    programmes.set(programme.code, { id: programme.id, years: years.map(y => y.programmeYear) })
  }
  const taxonomy = new Map<string, Map<string, readonly number[] | null>>()
  for (const option of await referenceRepository.listTaxonomy(trx)) {
    if (!taxonomy.has(option.dimension)) taxonomy.set(option.dimension, new Map())
    taxonomy.get(option.dimension)!.set(option.code, option.surveyRounds)
  }
  return { municipalityCodes: new Set(municipalities.map(m => m.code)), programmes, taxonomy }
}

async function runImport<Row, Staged>(
  knex: Knex,
  steps: ImportSteps<Row, Staged>,
  filePath: string,
  options: ImportOptions,
): Promise<ImportResult> {
  // a first pass over the bytes: the hash for the imports row, and the encoding, decided over the whole file
  const file = await inspectCsvFile(filePath)
  const problems = new ProblemList(MAX_PROBLEMS)
  const warnings = new ProblemList(MAX_PROBLEMS)
  let rowCount = 0
  const result = (written: number, importId: number | null): ImportResult => ({
    ok: problems.count === 0,
    problems: problems.list('problems'),
    warnings: warnings.list('warnings'),
    rowCount,
    writtenCount: written,
    unchangedCount: problems.count === 0 ? rowCount - written : 0,
    importId,
  })

  const trx = await knex.transaction()
  try {
    await importRepository.lockImports(trx, steps.kind)
    const context = await loadImportContext(trx)
    await steps.createStaging(trx)
    let batch: Staged[] = []
    // one batch is written while the next is read; the no-op catch keeps a failure for the `await` that rethrows it
    let staging: Promise<void> = Promise.resolve()
    const stage = async (rows: Staged[]) => {
      await staging
      staging = steps.stage(trx, rows)
      staging.catch(() => {})
    }
    for await (const item of readCsv(filePath, { columns: steps.columns, encoding: file.encoding })) {
      if (item.line > 1) {
        rowCount++
        if (rowCount % PROGRESS_EVERY === 0) options.onProgress?.(rowCount)
      }
      if (item.problems) {
        problems.add(item.problems)
        continue
      }
      const checked = steps.validate(item.line, item.record, context)
      warnings.add(checked.warnings)
      if (!checked.ok) {
        problems.add(checked.problems)
        continue
      }
      // rows are staged even after a problem: duplicates and conflicts among the rest are reported too
      batch.push(steps.toStaged(item.line, checked.row, context))
      if (batch.length >= STAGING_BATCH) {
        await stage(batch)
        batch = []
      }
    }
    await stage(batch)
    await staging
    options.onProgress?.(rowCount)
    await steps.finishStaging(trx)
    const found = await steps.findProblems(trx, MAX_PROBLEMS)
    problems.merge(found.problems, found.total)

    if (problems.count > 0) {
      await trx.rollback()
      return result(0, null)
    }
    const newCount = await steps.countNew(trx)
    if (options.dryRun) {
      const rows = (await steps.previewNew?.(trx, options.previewLimit ?? PREVIEW_ROWS)) ?? []
      await trx.rollback()
      return {
        ...result(0, null),
        unchangedCount: rowCount - newCount,
        preview: { newCount, unchangedCount: rowCount - newCount, rows },
      }
    }
    if (newCount === 0) {
      // a no-op leaves no trace: no imports row, no audit row; only the caller's own step, if any, is committed
      if (options.inTransaction) {
        await options.inTransaction(trx)
        await trx.commit()
      } else {
        await trx.rollback()
      }
      return result(0, null)
    }
    const counts = { rowCount, writtenCount: newCount, unchangedCount: rowCount - newCount }
    const fileName = options.fileName ?? path.basename(filePath)
    const importId = await importRepository.createImport(trx, {
      kind: steps.kind,
      fileName,
      fileSha256: file.sha256,
      importedBy: options.actor,
      ...counts,
    })
    const written = await steps.insertNew(trx, importId, options.actor)
    if (written !== newCount) throw new Error(`import ${importId}: counted ${newCount} new rows but wrote ${written}`)
    await recordAudit(trx, {
      actor: options.actor,
      action: `import.${steps.kind}`,
      entity: 'imports',
      entityId: importId,
      after: { kind: steps.kind, fileName, fileSha256: file.sha256, ...counts },
    })
    await options.inTransaction?.(trx)
    await trx.commit()
    return result(written, importId)
  } catch (error) {
    if (!trx.isCompleted()) await trx.rollback()
    throw error
  }
}

export function importService(knex: Knex) {
  return {
    /** Imports a ledger CSV (INTERCHANGE.md): every row or none; known references with the same content are skipped. */
    importLedger: (filePath: string, options: ImportOptions): Promise<ImportResult> =>
      runImport(knex, ledgerSteps, filePath, options),
    /** Imports a survey-response CSV: a changed answer becomes a new version; the same answer again is skipped. */
    importResponses: (filePath: string, options: ImportOptions): Promise<ImportResult> =>
      runImport(knex, responseSteps, filePath, options),
    /**
     * Imports population per municipality and year (`municipality_code,year,population`): a new figure is added, a
     * revised figure replaces the stored one, the same figure again is skipped.
     */
    importPopulation: (filePath: string, options: ImportOptions): Promise<ImportResult> =>
      runImport(knex, populationSteps, filePath, options),
  }
}

export type ImportService = ReturnType<typeof importService>
