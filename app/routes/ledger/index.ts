// Ledger transactions by hand (admin only): the entry form of a programme year, checked by the same rules as a
// ledger CSV row, and the reversal (makulering) of a wrong entry with a required reason. The ledger is append-only:
// nothing here changes or deletes an entry. Each entry has its own page, readable by admin, evaluator and auditor.
import { Router, type Request, type Response } from 'express'
import createError from 'http-errors'
import { currentUser, READ_ALL, requireRole } from '../../auth/roles.ts'
import type { LedgerEntryDetail } from '../../data/ledgerRepository.ts'
import { MAX_REFERENCE_LENGTH } from '../../domain/ledgerRow.ts'
import { LEDGER_TYPES, surveyRoundOf, type Problem } from '../../domain/types.ts'
import { translate, type Locale } from '../../i18n/index.ts'
import type { Services } from '../../services/index.ts'
import { MAX_REASON_LENGTH, REVERSAL_SUFFIX } from '../../services/ledgerService.ts'
import { utcTime } from '../audit/utcTime.ts'
import { paths } from '../paths.ts'
import { loadProgrammeYearContext } from '../programmeContext.ts'

interface FieldError {
  field: string
  message: string
}

/** The entry form's fields, by the CSV column each is checked as. */
const ENTRY_FIELDS: Record<string, string> = {
  municipality_code: 'municipality',
  type: 'type',
  amount_sek: 'amount',
  date: 'date',
  reference: 'reference',
}

const ENTRY_ORDER = ['municipality', 'type', 'amount', 'date', 'reference']
const REVERSAL_ORDER = ['reason', 'reference', 'date']

const bodyText = (req: Request, name: string): string => {
  const value = (req.body as Record<string, unknown> | undefined)?.[name]
  return typeof value === 'string' ? value : ''
}

const entryIdOf = (req: Request, locale: Locale): number => {
  const text = String(req.params.id)
  if (!/^\d{1,15}$/.test(text)) throw createError(404, translate(locale, 'ledgerEntry.error.notFound'))
  return Number(text)
}

/** One message per field with a problem, in the order of the form: the summary at the top and the field's own. */
function fieldErrors(
  problems: Problem[],
  order: string[],
  message: (field: string) => string,
  fieldOf: (column: string) => string,
) {
  const fields = new Set(problems.map(problem => fieldOf(problem.column)))
  const errors: FieldError[] = order
    .filter(field => fields.has(field))
    .map(field => ({
      field,
      message: message(field),
    }))
  const byField = Object.fromEntries(errors.map(error => [error.field, error.message]))
  return { errors, byField }
}

export function ledgerRoutes(services: Pick<Services, 'reference' | 'ledger'>): Router {
  const router = Router()
  const admin = requireRole('admin')
  const readAll = requireRole(...READ_ALL)
  const newEntry = '/programmes/:code/years/:year/ledger/new'

  const typeLabel = (locale: Locale, type: string) => translate(locale, `ledgerEntry.type.${type}`)

  async function renderEntryForm(
    req: Request,
    res: Response,
    status: number,
    values: Record<string, string>,
    problems: Problem[] = [],
  ) {
    const locale: Locale = res.locals.locale
    const params = req.params as { code: string; year: string }
    const context = await loadProgrammeYearContext(services, params.code, params.year, locale, req.path)
    const municipalities = await services.reference.listMunicipalities()
    const text = (key: string, params: Record<string, string | number> = {}) => translate(locale, key, params)
    const message = (field: string) => {
      const value = (values[field] ?? '').trim()
      switch (field) {
        case 'municipality':
          return text(
            value === '' ? 'ledgerEntry.error.municipality.missing' : 'ledgerEntry.error.municipality.unknown',
          )
        case 'type':
          return text('ledgerEntry.error.type')
        case 'amount':
          return text(value === '' ? 'ledgerEntry.error.amount.missing' : 'ledgerEntry.error.amount.invalid')
        case 'date':
          return text(value === '' ? 'ledgerEntry.error.date.missing' : 'ledgerEntry.error.date.invalid')
        default:
          if (value === '') return text('ledgerEntry.error.reference.missing')
          if (value.length > MAX_REFERENCE_LENGTH) {
            return text('ledgerEntry.error.reference.tooLong', { max: MAX_REFERENCE_LENGTH })
          }
          return text('ledgerEntry.error.reference.taken', { reference: value })
      }
    }
    const { errors, byField } = fieldErrors(
      problems,
      ENTRY_ORDER,
      message,
      column => ENTRY_FIELDS[column] ?? 'reference',
    )
    res.status(status).render('pages/ledger/new', {
      title: `${text('ledgerEntry.new.title')} ${context.programmeYear} – ${context.name}`,
      programme: context,
      formAction: paths.newLedgerEntry(context.code, context.programmeYear),
      values,
      municipalities: municipalities.map(m => ({
        code: m.code,
        label: `${m.code} ${m.name}`,
        selected: m.code === values.municipality,
      })),
      types: LEDGER_TYPES.map((type, index) => ({
        value: type,
        id: index === 0 ? 'type' : `type-${type}`,
        label: typeLabel(locale, type),
        hint: text(`ledgerEntry.type.${type}.hint`),
        checked: values.type === type,
      })),
      errors,
      fieldErrors: byField,
    })
  }

  router.get(newEntry, admin, async (req, res) => {
    const municipality = typeof req.query.municipality === 'string' ? req.query.municipality : ''
    await renderEntryForm(req, res, 200, { municipality })
  })

  router.post(newEntry, admin, async (req, res) => {
    const locale: Locale = res.locals.locale
    const params = req.params as { code: string; year: string }
    const context = await loadProgrammeYearContext(services, params.code, params.year, locale, req.path)
    const values = {
      municipality: bodyText(req, 'municipality'),
      type: bodyText(req, 'type'),
      amount: bodyText(req, 'amount'),
      date: bodyText(req, 'date'),
      reference: bodyText(req, 'reference'),
    }
    const outcome = await services.ledger.addEntry(
      context.code,
      context.programmeYear,
      { ...values, municipalityCode: values.municipality },
      currentUser(req).email,
    )
    if (outcome.status === 'invalid') return renderEntryForm(req, res, 400, values, outcome.problems)
    const query = outcome.status === 'exists' ? '?existing=1' : '?created=1'
    res.redirect(303, `${paths.ledgerEntry(outcome.entry.id)}${query}`)
  })

  /** The entry's facts as the pages show them. */
  function entryView(entry: LedgerEntryDetail, locale: Locale) {
    const text = (key: string, params: Record<string, string | number> = {}) => translate(locale, key, params)
    return {
      ...entry,
      typeLabel: typeLabel(locale, entry.type),
      surveyRound: surveyRoundOf(entry.programmeYear),
      createdAt: utcTime(entry.createdAt),
      source:
        entry.importId === null
          ? text('ledgerEntry.source.byHand')
          : text('ledgerEntry.source.import', { file: entry.importFileName ?? '', id: entry.importId }),
      reversesHref: entry.reversesEntryId === null ? undefined : paths.ledgerEntry(entry.reversesEntryId),
      reversedByHref: entry.reversedByEntryId === null ? undefined : paths.ledgerEntry(entry.reversedByEntryId),
      municipalityHref: paths.municipalityYear(entry.programmeCode, entry.programmeYear, entry.municipalityCode),
      reversible: entry.reversesEntryId === null && entry.reversedByEntryId === null,
      reverseHref: paths.reverseLedgerEntry(entry.id),
    }
  }

  router.get('/ledger/:id', readAll, async (req, res) => {
    const locale: Locale = res.locals.locale
    const entry = await services.ledger.findEntry(entryIdOf(req, locale))
    if (!entry) throw createError(404, translate(locale, 'ledgerEntry.error.notFound'))
    const notice = req.query.created
      ? translate(locale, 'ledgerEntry.notice.created')
      : req.query.existing
        ? translate(locale, 'ledgerEntry.notice.existing')
        : req.query.reversed
          ? translate(locale, 'ledgerEntry.notice.reversed')
          : undefined
    res.render('pages/ledger/entry', {
      title: translate(locale, 'ledgerEntry.entry.title', { id: entry.id }),
      entry: entryView(entry, locale),
      notice,
      canReverse: currentUser(req).role === 'admin',
      newEntryHref: paths.newLedgerEntry(entry.programmeCode, entry.programmeYear, {
        municipality: entry.municipalityCode,
      }),
    })
  })

  function renderReverseForm(
    res: Response,
    status: number,
    entry: LedgerEntryDetail,
    values: Record<string, string>,
    problems: Problem[] = [],
    refusal?: string,
  ) {
    const locale: Locale = res.locals.locale
    const text = (key: string, params: Record<string, string | number> = {}) => translate(locale, key, params)
    const message = (field: string) => {
      const value = (values[field] ?? '').trim()
      switch (field) {
        case 'reason':
          return value === ''
            ? text('ledgerEntry.error.reason.missing')
            : text('ledgerEntry.error.reason.tooLong', { max: MAX_REASON_LENGTH })
        case 'date':
          return text('ledgerEntry.error.date.invalid')
        default: {
          const reference = value || `${entry.reference}${REVERSAL_SUFFIX}`
          return reference.length > MAX_REFERENCE_LENGTH
            ? text('ledgerEntry.error.reference.tooLong', { max: MAX_REFERENCE_LENGTH })
            : text('ledgerEntry.error.reference.taken', { reference })
        }
      }
    }
    const { errors, byField } = fieldErrors(problems, REVERSAL_ORDER, message, column => column)
    res.status(status).render('pages/ledger/reverse', {
      title: text('ledgerEntry.reverse.title', { reference: entry.reference }),
      entry: entryView(entry, locale),
      formAction: paths.reverseLedgerEntry(entry.id),
      defaultReference: `${entry.reference}${REVERSAL_SUFFIX}`,
      values,
      errors,
      fieldErrors: byField,
      refusal,
      entryHref: paths.ledgerEntry(entry.id),
    })
  }

  const refusalOf = (locale: Locale, status: 'is-reversal' | 'already-reversed') =>
    translate(locale, status === 'is-reversal' ? 'ledgerEntry.error.isReversal' : 'ledgerEntry.error.alreadyReversed')

  router.get('/ledger/:id/reverse', admin, async (req, res) => {
    const locale: Locale = res.locals.locale
    const entry = await services.ledger.findEntry(entryIdOf(req, locale))
    if (!entry) throw createError(404, translate(locale, 'ledgerEntry.error.notFound'))
    const refusal =
      entry.reversesEntryId !== null
        ? refusalOf(locale, 'is-reversal')
        : entry.reversedByEntryId !== null
          ? refusalOf(locale, 'already-reversed')
          : undefined
    renderReverseForm(res, 200, entry, {}, [], refusal)
  })

  router.post('/ledger/:id/reverse', admin, async (req, res) => {
    const locale: Locale = res.locals.locale
    const values = {
      reason: bodyText(req, 'reason'),
      reference: bodyText(req, 'reference'),
      date: bodyText(req, 'date'),
    }
    const outcome = await services.ledger.reverseEntry(entryIdOf(req, locale), values, currentUser(req).email)
    switch (outcome.status) {
      case 'not-found':
        throw createError(404, translate(locale, 'ledgerEntry.error.notFound'))
      case 'is-reversal':
      case 'already-reversed':
        return renderReverseForm(res, 409, outcome.entry, values, [], refusalOf(locale, outcome.status))
      case 'invalid':
        return renderReverseForm(res, 400, outcome.entry, values, outcome.problems)
      case 'reversed':
        return res.redirect(303, `${paths.ledgerEntry(outcome.entry.id)}?reversed=1`)
    }
  })

  return router
}
