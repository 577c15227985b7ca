// Upload of a ledger or response file in the browser (admin only): the form, a preview of what the import would
// write or every problem by line and column (nothing written), and the confirm that imports exactly the previewed
// bytes through the same import service as the command line.
import path from 'node:path'
import { Router, type NextFunction, type Request, type Response } from 'express'
import createError from 'http-errors'
import multer from 'multer'
import { csrfProtection } from '../../auth/csrf.ts'
import { currentUser, requireRole } from '../../auth/roles.ts'
import { LEDGER_COLUMNS } from '../../domain/ledgerRow.ts'
import { RESPONSE_COLUMNS } from '../../domain/responseRow.ts'
import type { Problem } from '../../domain/types.ts'
import { translate, type Locale } from '../../i18n/index.ts'
import type { PreviewRow } from '../../services/importService.ts'
import type { Services } from '../../services/index.ts'
import type { UploadFormat, UploadKind } from '../../services/uploadService.ts'
import { utcTime } from '../audit/utcTime.ts'
import { paths } from '../paths.ts'

/** The largest file accepted, in bytes. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024
const MAX_UPLOAD_MB = MAX_UPLOAD_BYTES / (1024 * 1024)

const KINDS: readonly UploadKind[] = ['ledger', 'responses']
const FORMATS: Record<string, UploadFormat> = { '.csv': 'csv', '.xlsx': 'xlsx' }
const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

interface FieldError {
  /** the id of the field the summary links to */
  field: string
  message: string
}

const bodyText = (req: Request, name: string): string => {
  const value = (req.body as Record<string, unknown> | undefined)?.[name]
  return typeof value === 'string' ? value : ''
}

/** The problem list as the page shows it: the column `(file)` or `(row)` is said in words. */
function problemRows(problems: Problem[], locale: Locale) {
  return problems.map(problem => ({
    line: problem.line,
    column:
      problem.column === '(file)'
        ? translate(locale, 'imports.problems.wholeFile')
        : problem.column === '(row)'
          ? translate(locale, 'imports.problems.wholeRow')
          : problem.column,
    message: problem.message,
  }))
}

function previewRows(rows: PreviewRow[], locale: Locale) {
  return {
    ledger: rows
      .filter(row => row.kind === 'ledger')
      .map(row => ({ ...row, typeLabel: translate(locale, `ledgerEntry.type.${row.type}`) })),
    responses: rows.filter(row => row.kind === 'responses'),
  }
}

export function importRoutes(services: Pick<Services, 'uploads' | 'reference'>): Router {
  const router = Router()
  router.use(requireRole('admin'))

  const receive = multer({
    storage: multer.memoryStorage(),
    // one file and the form's few fields; file names as browsers send them (UTF-8)
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 10_000 },
    defParamCharset: 'utf8',
  }).single('file')

  /** Links to the entry form of every programme year: a single transaction is entered there instead. */
  async function entryLinks(locale: Locale) {
    const programmes = await services.reference.listProgrammes()
    return Promise.all(
      programmes.map(async programme => ({
        name: locale === 'en' ? programme.nameEn : programme.nameSv,
        years: (await services.reference.listProgrammeYears(programme.id)).map(year => ({
          href: paths.newLedgerEntry(programme.code, year.programmeYear),
          text: translate(locale, 'imports.manualEntry.year', { programmeYear: year.programmeYear }),
        })),
      })),
    )
  }

  async function renderForm(res: Response, status: number, values: { kind?: string }, errors: FieldError[] = []) {
    const locale: Locale = res.locals.locale
    const manualEntry = await entryLinks(locale)
    res.status(status).render('pages/imports/index', {
      manualEntry,
      title: translate(locale, 'imports.title'),
      formAction: paths.imports(),
      maxMegabytes: MAX_UPLOAD_MB,
      kinds: KINDS.map(kind => ({
        value: kind,
        label: translate(locale, `imports.kind.${kind}`),
        hint: translate(locale, `imports.kind.${kind}.hint`),
        checked: values.kind === kind,
      })),
      ledgerColumns: LEDGER_COLUMNS.join(','),
      responseColumns: RESPONSE_COLUMNS.join(','),
      errors,
      kindError: errors.find(error => error.field === 'kind-ledger')?.message,
      fileError: errors.find(error => error.field === 'file')?.message,
    })
  }

  router.get('/', async (_req, res) => renderForm(res, 200, {}))

  router.post('/', (req: Request, res: Response, next: NextFunction) => {
    const locale: Locale = res.locals.locale
    receive(req, res, uploadError => {
      if (uploadError) {
        // nothing was read into the database; the form says what to do
        if (uploadError instanceof multer.MulterError && uploadError.code === 'LIMIT_FILE_SIZE') {
          const message = translate(locale, 'imports.error.tooLarge', { max: MAX_UPLOAD_MB })
          return renderForm(res, 413, { kind: bodyText(req, 'kind') }, [{ field: 'file', message }]).catch(next)
        }
        if (uploadError instanceof multer.MulterError) {
          const message = translate(locale, 'imports.error.badForm')
          return renderForm(res, 400, { kind: bodyText(req, 'kind') }, [{ field: 'file', message }]).catch(next)
        }
        return next(uploadError)
      }
      // a multipart body is parsed only now: its CSRF token is checked here, before anything is done with it
      csrfProtection(req, res, csrfError => {
        if (csrfError) return next(csrfError)
        preview(req, res).catch(next)
      })
    })
  })

  async function preview(req: Request, res: Response) {
    const locale: Locale = res.locals.locale
    const kind = bodyText(req, 'kind')
    const file = req.file
    const errors: FieldError[] = []
    if (!(KINDS as readonly string[]).includes(kind)) {
      errors.push({ field: 'kind-ledger', message: translate(locale, 'imports.error.kind') })
    }
    const format = file ? FORMATS[path.extname(file.originalname).toLowerCase()] : undefined
    if (!file || file.originalname === '') {
      errors.push({ field: 'file', message: translate(locale, 'imports.error.noFile') })
    } else if (!format) {
      errors.push({ field: 'file', message: translate(locale, 'imports.error.format', { name: file.originalname }) })
    }
    if (errors.length > 0 || !file || !format) return renderForm(res, 400, { kind }, errors)

    const uploadKind = kind as UploadKind
    const outcome = await services.uploads.preview(
      { kind: uploadKind, fileName: file.originalname, format, bytes: file.buffer },
      currentUser(req).email,
    )
    const common = {
      title: translate(locale, 'imports.preview.title'),
      fileName: file.originalname,
      kindLabel: translate(locale, `imports.kind.${uploadKind}`),
      formatLabel: format.toUpperCase(),
      rowCount: outcome.rowCount,
      warnings: problemRows(outcome.warnings, locale),
      uploadAgainHref: paths.imports(),
    }
    if (outcome.status === 'problems') {
      return res.status(422).render('pages/imports/preview', {
        ...common,
        problems: problemRows(outcome.problems, locale),
      })
    }
    if (outcome.status === 'nothing-new') {
      return res.render('pages/imports/preview', { ...common, nothingNew: true })
    }
    res.render('pages/imports/preview', {
      ...common,
      ready: true,
      sha256: outcome.sha256,
      newCount: outcome.preview.newCount,
      unchangedCount: outcome.preview.unchangedCount,
      shownCount: outcome.preview.rows.length,
      ...previewRows(outcome.preview.rows, locale),
      confirmAction: paths.importConfirm(outcome.uploadId),
      discardAction: paths.importDiscard(outcome.uploadId),
    })
  }

  const uploadIdOf = (req: Request, locale: Locale): string => {
    const id = String(req.params.uploadId)
    if (!UPLOAD_ID.test(id)) throw createError(404, translate(locale, 'imports.error.gone'))
    return id
  }

  router.post('/:uploadId/confirm', async (req, res) => {
    const locale: Locale = res.locals.locale
    const uploadId = uploadIdOf(req, locale)
    const outcome = await services.uploads.confirm(uploadId, bodyText(req, 'sha256'), currentUser(req).email)
    const page = { title: translate(locale, 'imports.result.title'), uploadAgainHref: paths.imports() }
    switch (outcome.status) {
      case 'gone':
        return res
          .status(409)
          .render('pages/imports/result', { ...page, message: translate(locale, 'imports.error.gone') })
      case 'changed':
        return res
          .status(409)
          .render('pages/imports/result', { ...page, message: translate(locale, 'imports.error.changed') })
      case 'problems':
        return res.status(422).render('pages/imports/preview', {
          title: translate(locale, 'imports.preview.title'),
          fileName: outcome.upload.fileName,
          kindLabel: translate(locale, `imports.kind.${outcome.upload.kind}`),
          formatLabel: outcome.upload.sourceFormat.toUpperCase(),
          rowCount: outcome.upload.rowCount,
          problems: problemRows(outcome.problems, locale),
          warnings: problemRows(outcome.warnings, locale),
          changedSincePreview: true,
          uploadAgainHref: paths.imports(),
        })
      case 'imported':
        if (outcome.result.importId === null) {
          return res.render('pages/imports/result', {
            ...page,
            message: translate(locale, 'imports.result.nothingNew'),
          })
        }
        return res.redirect(303, paths.importResult(outcome.result.importId))
    }
  })

  router.post('/:uploadId/discard', async (req, res) => {
    const locale: Locale = res.locals.locale
    await services.uploads.discard(uploadIdOf(req, locale), currentUser(req).email)
    res.redirect(303, paths.imports())
  })

  router.get('/results/:importId', async (req, res) => {
    const locale: Locale = res.locals.locale
    const id = /^\d{1,15}$/.test(req.params.importId) ? Number(req.params.importId) : undefined
    const record = id === undefined ? undefined : await services.uploads.findImport(id)
    if (!record) throw createError(404, translate(locale, 'error.message.404'))
    res.render('pages/imports/result', {
      title: translate(locale, 'imports.result.title'),
      record: {
        ...record,
        kindLabel: translate(locale, `imports.kind.${record.kind}`),
        importedAt: utcTime(record.importedAt),
      },
      uploadAgainHref: paths.imports(),
    })
  })

  return router
}
