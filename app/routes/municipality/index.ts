// The municipality area: a municipality's own page, its requisitions and its spending report (drafts, submitting,
// corrections, versions, receipts), under /municipalities/:municipality/… so that the administrator, the evaluator
// and the auditor open the same pages read-only. The municipality comes only from the address, checked first
// (another municipality's address answers 404); form fields never name it. Also the overviews for the
// administrator and the evaluator: who has submitted, and every requisition.
import { Router, type Request, type Response } from 'express'
import createError from 'http-errors'
import { assertMunicipalityAccess, currentUser, READ_ALL, requireRole, type SessionUser } from '../../auth/roles.ts'
import { readRequisitionForm, REQUISITION_FIELDS, type RequisitionFormValues } from '../../domain/requisitionForm.ts'
import { readReportForm } from '../../domain/spendingReportForm.ts'
import { formatStockholmDateTime } from '../../domain/stockholmTime.ts'
import { translate, type Locale } from '../../i18n/index.ts'
import type { Services } from '../../services/index.ts'
import type { RequisitionTarget } from '../../services/requisitionService.ts'
import { formatSek } from '../../views/helpers/formatSek.ts'
import { programmeYearParam, singleQueryValue } from '../params.ts'
import { paths } from '../paths.ts'
import { loadProgrammeYearContext } from '../programmeContext.ts'
import { bankgiroText, problemViews, reportFormView, versionAnswers, versionChanges } from './views.ts'

type AreaServices = Pick<Services, 'reference' | 'municipalities' | 'requisitions' | 'spendingReports'>

const SUBMISSION_FILTERS = ['submitted', 'missing', 'required'] as const
type SubmissionFilter = (typeof SUBMISSION_FILTERS)[number]

/** The programme year of the address with the municipality checked by the param handler; 404 for a bad year. */
function targetOf(req: Request): RequisitionTarget {
  const programmeYear = programmeYearParam(String(req.params.year))
  if (programmeYear === undefined) throw createError(404)
  return {
    municipalityCode: String(req.params.municipality),
    programmeCode: String(req.params.code),
    programmeYear,
  }
}

/** A positive whole number in an address (a version, a requisition id), else 404. */
function idParam(text: string): number {
  if (!/^[1-9]\d{0,9}$/.test(text)) throw createError(404)
  return Number(text)
}

/** A flag in the query after a redirect (`?submitted=2`): a positive whole number, else ignored. */
function queryNumber(req: Request, name: string): number | undefined {
  const value = singleQueryValue(req.query[name])
  return typeof value === 'string' && /^[1-9]\d{0,9}$/.test(value) ? Number(value) : undefined
}

const time = (date: Date | null | undefined) => (date ? formatStockholmDateTime(date) : '')

export function municipalityRoutes(services: AreaServices): Router {
  const router = Router()

  // Every address under /municipalities/:municipality: the code's form, then the user's access to it (404 for
  // another municipality's), before any route of the area runs.
  router.param('municipality', (req, _res, next, value: string) => {
    try {
      if (!/^\d{4}$/.test(value)) throw createError(404)
      assertMunicipalityAccess(currentUser(req), value)
      next()
    } catch (error) {
      next(error)
    }
  })

  const isMunicipalityUser = (user: SessionUser) => user.role === 'municipality'
  const localeOf = (res: Response): Locale => res.locals.locale
  const programmeName = (locale: Locale, name: { sv: string; en: string }) => (locale === 'en' ? name.en : name.sv)

  // ---- my municipality ------------------------------------------------------------------------------------------

  router.get('/municipalities/:municipality', async (req, res) => {
    const locale = localeOf(res)
    const overview = await services.municipalities.overview(String(req.params.municipality))
    if (!overview) {
      throw createError(
        404,
        translate(locale, 'municipality.error.unknownMunicipality', { municipality: req.params.municipality }),
      )
    }
    const code = overview.municipality.code
    const canAct = isMunicipalityUser(currentUser(req))
    const names = new Map(overview.programmes.map(p => [p.code, programmeName(locale, p.name)]))
    res.render('pages/municipality/home', {
      title: overview.municipality.name,
      overview,
      calendar: overview.calendar.map(entry => ({
        ...entry,
        programmeName: names.get(entry.programmeCode) ?? entry.programmeName,
        what: translate(locale, `municipality.calendar.kind.${entry.kind}`, {
          programmeYear: entry.programmeYear,
          surveyRound: entry.programmeYear + 1,
        }),
        stateText:
          entry.state === 'due'
            ? entry.daysLeft === 0
              ? translate(locale, 'municipality.calendar.state.dueToday')
              : translate(locale, 'municipality.calendar.state.due', { days: entry.daysLeft })
            : translate(locale, `municipality.calendar.state.${entry.state}`),
        href:
          entry.kind === 'report'
            ? paths.municipalityReport(code, entry.programmeCode, entry.programmeYear)
            : paths.municipalityRequisitions(code, entry.programmeCode, entry.programmeYear),
      })),
      programmes: overview.programmes.map(programme => ({
        code: programme.code,
        name: programmeName(locale, programme.name),
        years: programme.years.map(year => ({
          ...year,
          requisitionsHref: paths.municipalityRequisitions(code, programme.code, year.programmeYear),
          newRequisitionHref:
            canAct && year.canRequisition
              ? paths.municipalityRequisitionNew(code, programme.code, year.programmeYear)
              : undefined,
          reportHref: paths.municipalityReport(code, programme.code, year.programmeYear),
        })),
      })),
    })
  })

  // ---- requisitions ---------------------------------------------------------------------------------------------

  async function requisitionPage(req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) {
    const locale = localeOf(res)
    const target = targetOf(req)
    const context = await services.requisitions.context(target)
    if (!context) throw createError(404)
    const page = await services.spendingReports.load(target)
    if (!page) throw createError(404)
    const user = currentUser(req)
    const canDecide = user.role === 'admin'
    const sent = queryNumber(req, 'sent')
    const approved = queryNumber(req, 'approved')
    const returned = queryNumber(req, 'returned')
    const approvedRequisition = context.requisitions.find(r => r.id === approved)
    res.status(status).render('pages/municipality/requisitions', {
      title: `${translate(locale, 'municipality.requisitions.title')} ${target.programmeYear} – ${page.municipality.name}`,
      municipality: page.municipality,
      homeHref: paths.municipalityHome(page.municipality.code),
      programmeName: programmeName(locale, context.programmeName),
      programmeYear: target.programmeYear,
      surveyRound: target.programmeYear + 1,
      context,
      // why the municipality cannot requisition now, told to the municipality only
      blockers: isMunicipalityUser(user)
        ? problemViews(locale, 'municipality.requisition.error', context.blockers, () => '')
        : [],
      newHref:
        isMunicipalityUser(user) && context.blockers.length === 0
          ? paths.municipalityRequisitionNew(target.municipalityCode, target.programmeCode, target.programmeYear)
          : undefined,
      requisitions: context.requisitions.map(r => ({
        ...r,
        bankgiroText: bankgiroText(r.bankgiro),
        submittedAtText: time(r.submittedAt),
        decidedAtText: time(r.decidedAt),
        statusText: translate(locale, `municipality.requisitionStatus.${r.status}`),
        decision:
          canDecide && r.status === 'submitted'
            ? {
                approveAction: paths.municipalityRequisitionDecision(
                  target.municipalityCode,
                  target.programmeCode,
                  target.programmeYear,
                  r.id,
                  'approve',
                ),
                returnAction: paths.municipalityRequisitionDecision(
                  target.municipalityCode,
                  target.programmeCode,
                  target.programmeYear,
                  r.id,
                  'return',
                ),
              }
            : undefined,
      })),
      notice: sent
        ? translate(locale, 'municipality.requisitions.sent')
        : approvedRequisition
          ? translate(locale, 'municipality.requisitions.approved', {
              reference: approvedRequisition.ledgerReference ?? '',
            })
          : returned
            ? translate(locale, 'municipality.requisitions.returned')
            : undefined,
      ...extra,
    })
  }

  router.get('/municipalities/:municipality/programmes/:code/years/:year/requisitions', async (req, res) => {
    await requisitionPage(req, res, 200)
  })

  async function requisitionForm(
    req: Request,
    res: Response,
    status: number,
    values: RequisitionFormValues,
    problems: ReturnType<typeof problemViews>,
  ) {
    const locale = localeOf(res)
    const target = targetOf(req)
    const context = await services.requisitions.context(target)
    const page = await services.spendingReports.load(target)
    if (!context || !page) throw createError(404)
    const label = (field: string) => translate(locale, `municipality.requisitionForm.field.${field}`)
    const errorOf = (field: string) => problems.find(p => p.field === field)
    res.status(status).render('pages/municipality/requisition-form', {
      title: `${translate(locale, 'municipality.requisitionForm.title')} ${target.programmeYear} – ${page.municipality.name}`,
      municipality: page.municipality,
      homeHref: paths.municipalityHome(page.municipality.code),
      programmeName: programmeName(locale, context.programmeName),
      programmeYear: target.programmeYear,
      surveyRound: target.programmeYear + 1,
      context,
      problems,
      blocked: context.blockers.length > 0,
      blockers: problemViews(locale, 'municipality.requisition.error', context.blockers, () => ''),
      action: paths.municipalityRequisitions(target.municipalityCode, target.programmeCode, target.programmeYear),
      backHref: paths.municipalityRequisitions(target.municipalityCode, target.programmeCode, target.programmeYear),
      fields: REQUISITION_FIELDS.map(field => ({
        name: field,
        label: label(field),
        value: values[field],
        error: errorOf(field),
        hint:
          field === 'amount_sek'
            ? translate(locale, 'municipality.requisitionForm.hint.amount_sek', {
                available: formatSek(context.availableOre),
              })
            : field === 'bankgiro'
              ? translate(locale, 'municipality.requisitionForm.hint.bankgiro')
              : undefined,
        type: field === 'contact_email' ? 'email' : field === 'contact_phone' ? 'tel' : 'text',
        autocomplete:
          field === 'contact_name'
            ? 'name'
            : field === 'contact_email'
              ? 'email'
              : field === 'contact_phone'
                ? 'tel'
                : 'off',
        numeric: field === 'amount_sek' || field === 'bankgiro',
        required: field !== 'contact_phone',
      })),
    })
  }

  router.get(
    '/municipalities/:municipality/programmes/:code/years/:year/requisitions/new',
    requireRole('municipality'),
    async (req, res) => {
      await requisitionForm(req, res, 200, readRequisitionForm({}), [])
    },
  )

  router.post(
    '/municipalities/:municipality/programmes/:code/years/:year/requisitions',
    requireRole('municipality'),
    async (req, res) => {
      const locale = localeOf(res)
      const target = targetOf(req)
      const values = readRequisitionForm(req.body)
      const result = await services.requisitions.submit(target, values, currentUser(req).email)
      if (!result) throw createError(404)
      if (!result.ok) {
        const label = (field: string) => translate(locale, `municipality.requisitionForm.field.${field}`)
        return requisitionForm(
          req,
          res,
          400,
          values,
          problemViews(locale, 'municipality.requisition.error', result.problems, label),
        )
      }
      res.redirect(
        303,
        paths.municipalityRequisitions(target.municipalityCode, target.programmeCode, target.programmeYear, {
          sent: String(result.requisition.id),
        }),
      )
    },
  )

  router.post(
    '/municipalities/:municipality/programmes/:code/years/:year/requisitions/:id/approve',
    requireRole('admin'),
    async (req, res) => {
      const target = targetOf(req)
      const id = idParam(String(req.params.id))
      const result = await services.requisitions.approve(target, id, currentUser(req).email)
      if (!result) throw createError(404, translate(localeOf(res), 'municipality.error.unknownRequisition'))
      if (!result.ok) {
        return requisitionPage(req, res, 409, {
          decisionError: translate(localeOf(res), `municipality.requisitions.error.${result.code}`),
        })
      }
      res.redirect(
        303,
        paths.municipalityRequisitions(target.municipalityCode, target.programmeCode, target.programmeYear, {
          approved: String(id),
        }),
      )
    },
  )

  router.post(
    '/municipalities/:municipality/programmes/:code/years/:year/requisitions/:id/return',
    requireRole('admin'),
    async (req, res) => {
      const target = targetOf(req)
      const id = idParam(String(req.params.id))
      const reason = typeof req.body?.reason === 'string' ? req.body.reason : ''
      const result = await services.requisitions.returnToMunicipality(target, id, reason, currentUser(req).email)
      if (!result) throw createError(404, translate(localeOf(res), 'municipality.error.unknownRequisition'))
      if (!result.ok) {
        const status = result.code === 'notOpen' ? 409 : 400
        return requisitionPage(req, res, status, {
          decisionError: translate(localeOf(res), `municipality.requisitions.error.${result.code}`),
          decisionFor: id,
          reason,
        })
      }
      res.redirect(
        303,
        paths.municipalityRequisitions(target.municipalityCode, target.programmeCode, target.programmeYear, {
          returned: String(id),
        }),
      )
    },
  )

  // ---- the spending report --------------------------------------------------------------------------------------

  async function loadReport(req: Request) {
    const target = targetOf(req)
    const page = await services.spendingReports.load(target)
    if (!page) throw createError(404)
    return { target, page }
  }

  router.get('/municipalities/:municipality/programmes/:code/years/:year/report', async (req, res) => {
    const locale = localeOf(res)
    const { target, page } = await loadReport(req)
    const user = currentUser(req)
    const m = target.municipalityCode
    const submitted = queryNumber(req, 'submitted')
    const unchanged = queryNumber(req, 'unchanged')
    const notice =
      submitted !== undefined
        ? translate(locale, 'municipality.report.submitted', { version: submitted })
        : unchanged !== undefined
          ? translate(locale, 'municipality.report.unchanged', { version: unchanged })
          : queryNumber(req, 'saved')
            ? translate(locale, 'municipality.report.draftSaved')
            : queryNumber(req, 'discarded')
              ? translate(locale, 'municipality.report.draftDiscarded')
              : undefined
    res.render('pages/municipality/report', {
      title: `${translate(locale, 'municipality.report.title')} ${target.programmeYear} – ${page.municipality.name}`,
      ...reportHeader(locale, page),
      notice,
      current: page.current
        ? {
            version: page.current.version,
            time: time(page.current.createdAt),
            who: page.current.createdBy,
          }
        : undefined,
      draft: page.draft ? { time: time(page.draft.updatedAt), who: page.draft.updatedBy } : undefined,
      canEdit: isMunicipalityUser(user),
      editHref: paths.municipalityReportEdit(m, target.programmeCode, target.programmeYear),
      discardAction: paths.municipalityReportDraftDelete(m, target.programmeCode, target.programmeYear),
      versions: [...page.versions].reverse().map(({ version, changes }) => ({
        version: version.version,
        time: time(version.createdAt),
        who: version.createdBy,
        viaImport: version.importId !== null,
        previous: version.version - 1,
        first: changes === null,
        changes: changes === null ? [] : versionChanges(locale, changes, page),
        href: paths.municipalityReportVersion(m, target.programmeCode, target.programmeYear, version.version),
        receiptHref: paths.municipalityReceipt(m, target.programmeCode, target.programmeYear, version.version),
      })),
    })
  })

  /** The report form, from the draft, the current version or nothing; with problems and warnings when given. */
  async function renderReportForm(
    req: Request,
    res: Response,
    status: number,
    state: Parameters<typeof reportFormView>[3] = {},
  ) {
    const locale = localeOf(res)
    const { target, page } = await loadReport(req)
    const values = state.values ?? services.spendingReports.formValues(page)
    res.status(status).render('pages/municipality/report-form', {
      title: `${translate(locale, 'municipality.report.formTitle')} ${target.programmeYear} – ${page.municipality.name}`,
      ...reportHeader(locale, page),
      action: paths.municipalityReport(target.municipalityCode, target.programmeCode, target.programmeYear),
      backHref: paths.municipalityReport(target.municipalityCode, target.programmeCode, target.programmeYear),
      ...reportFormView(locale, page, values, state),
    })
  }

  router.get(
    '/municipalities/:municipality/programmes/:code/years/:year/report/edit',
    requireRole('municipality'),
    async (req, res) => {
      await renderReportForm(req, res, 200)
    },
  )

  router.post(
    '/municipalities/:municipality/programmes/:code/years/:year/report',
    requireRole('municipality'),
    async (req, res) => {
      const target = targetOf(req)
      const body = (req.body ?? {}) as Record<string, unknown>
      const values = readReportForm(body)
      const actor = currentUser(req).email
      const reportHref = (query: Record<string, string>) =>
        paths.municipalityReport(target.municipalityCode, target.programmeCode, target.programmeYear, query)

      if (body.action === 'save') {
        const saved = await services.spendingReports.saveDraft(target, values, actor)
        if (!saved) throw createError(404)
        if (!saved.ok) return renderReportForm(req, res, 400, { values, problems: saved.problems })
        return res.redirect(303, reportHref({ saved: '1' }))
      }
      if (body.action !== 'submit') throw createError(400)
      const result = await services.spendingReports.submit(target, values, {
        actor,
        confirmedPersonalData: body.confirm_personal_data === 'yes',
      })
      if (!result) throw createError(404)
      if (!result.ok) {
        return renderReportForm(req, res, result.needsConfirmation ? 200 : 400, {
          values,
          problems: result.problems,
          warnings: result.warnings,
          needsConfirmation: result.needsConfirmation,
        })
      }
      res.redirect(
        303,
        reportHref(result.unchanged ? { unchanged: String(result.version) } : { submitted: String(result.version) }),
      )
    },
  )

  router.post(
    '/municipalities/:municipality/programmes/:code/years/:year/report/draft/delete',
    requireRole('municipality'),
    async (req, res) => {
      const target = targetOf(req)
      const deleted = await services.spendingReports.deleteDraft(target, currentUser(req).email)
      if (deleted === undefined) throw createError(404)
      res.redirect(
        303,
        paths.municipalityReport(target.municipalityCode, target.programmeCode, target.programmeYear, {
          ...(deleted ? { discarded: '1' } : {}),
        }),
      )
    },
  )

  router.get(
    '/municipalities/:municipality/programmes/:code/years/:year/report/versions/:version',
    async (req, res) => {
      const locale = localeOf(res)
      const { target, page } = await loadReport(req)
      const number = idParam(String(req.params.version))
      const entry = page.versions.find(v => v.version.version === number)
      if (!entry) throw createError(404, translate(locale, 'municipality.error.unknownVersion'))
      const m = target.municipalityCode
      res.render('pages/municipality/report-version', {
        title: `${translate(locale, 'municipality.version.title', { version: number })} – ${translate(locale, 'municipality.report.title')} ${target.programmeYear} – ${page.municipality.name}`,
        ...reportHeader(locale, page),
        version: {
          version: number,
          time: time(entry.version.createdAt),
          who: entry.version.createdBy,
          viaImport: entry.version.importId !== null,
          previous: number - 1,
          first: entry.changes === null,
          changes: entry.changes === null ? [] : versionChanges(locale, entry.changes, page),
          answers: versionAnswers(locale, entry.version, page),
          receiptHref: paths.municipalityReceipt(m, target.programmeCode, target.programmeYear, number),
        },
        reportHref: paths.municipalityReport(m, target.programmeCode, target.programmeYear),
      })
    },
  )

  router.get(
    '/municipalities/:municipality/programmes/:code/years/:year/report/versions/:version/receipt.pdf',
    async (req, res) => {
      const target = targetOf(req)
      const number = idParam(String(req.params.version))
      const pdf = await services.spendingReports.receipt(target, number)
      if (!pdf) throw createError(404, translate(localeOf(res), 'municipality.error.unknownVersion'))
      const name = `kvitto-${target.municipalityCode}-${target.programmeCode}-${target.programmeYear}-v${number}.pdf`
      res.type('application/pdf')
      res.set('Content-Disposition', `attachment; filename="${name}"`)
      res.send(pdf)
    },
  )

  // ---- overviews for the administrator, the evaluator and the auditor ---------------------------------------------

  router.get('/programmes/:code/years/:year/submissions', requireRole(...READ_ALL), async (req, res) => {
    const locale = localeOf(res)
    const context = await loadProgrammeYearContext(
      services,
      String(req.params.code),
      String(req.params.year),
      locale,
      req.path,
    )
    const showText = singleQueryValue(req.query.show)
    if (
      showText === null ||
      (showText !== undefined && showText !== '' && !SUBMISSION_FILTERS.includes(showText as SubmissionFilter))
    ) {
      throw createError(
        400,
        translate(locale, 'municipality.submissions.filterInvalid', { value: String(req.query.show) }),
        {
          backHref: paths.submissions(context.code, context.programmeYear),
        },
      )
    }
    const show = showText === undefined || showText === '' ? undefined : (showText as SubmissionFilter)
    const overview = await services.spendingReports.submissions(context.code, context.programmeYear)
    if (!overview) throw createError(404)
    const rows = overview.rows.filter(row =>
      show === 'submitted'
        ? row.status === 'submitted'
        : show === 'missing'
          ? row.status !== 'submitted'
          : show === 'required'
            ? row.status !== 'submitted' && row.required
            : true,
    )
    const filter = (value: SubmissionFilter | undefined, key: string, count: number) => ({
      href: paths.submissions(context.code, context.programmeYear, { show: value }),
      text: translate(locale, key),
      count,
      current: show === value,
    })
    res.render('pages/municipality/submissions', {
      title: `${translate(locale, 'municipality.submissions.title')} ${context.programmeYear} – ${context.name}`,
      programme: context,
      overview,
      shown: rows.length,
      filters: [
        filter(undefined, 'municipality.submissions.filter.all', overview.counts.municipalities),
        filter('submitted', 'municipality.submissions.filter.submitted', overview.counts.submitted),
        filter('missing', 'municipality.submissions.filter.missing', overview.counts.missing),
        filter('required', 'municipality.submissions.filter.missingRequired', overview.counts.missingRequired),
      ],
      rows: rows.map(row => ({
        ...row,
        statusText: translate(locale, `municipality.submissions.status.${row.status}`),
        reportHref: paths.municipalityReport(row.municipalityCode, context.code, context.programmeYear),
        versions: row.versions.map(v => ({
          ...v,
          text: translate(locale, 'municipality.submissions.version', { version: v.version, time: time(v.createdAt) }),
          href: paths.municipalityReportVersion(row.municipalityCode, context.code, context.programmeYear, v.version),
        })),
      })),
    })
  })

  router.get('/requisitions', requireRole(...READ_ALL), async (req, res) => {
    const locale = localeOf(res)
    const showText = singleQueryValue(req.query.show)
    const showAll = showText === 'all'
    if (showText === null || (showText !== undefined && showText !== '' && !showAll)) {
      throw createError(
        400,
        translate(locale, 'municipality.submissions.filterInvalid', { value: String(req.query.show) }),
        {
          backHref: paths.allRequisitions(),
        },
      )
    }
    const [requisitions, programmes] = await Promise.all([
      services.requisitions.list(showAll ? {} : { status: 'submitted' }),
      services.reference.listProgrammes(),
    ])
    const names = new Map(programmes.map(p => [p.code, locale === 'en' ? p.nameEn : p.nameSv]))
    res.render('pages/municipality/all-requisitions', {
      title: translate(locale, 'municipality.allRequisitions.title'),
      filters: [
        {
          href: paths.allRequisitions(),
          text: translate(locale, 'municipality.allRequisitions.filterOpen'),
          current: !showAll,
        },
        {
          href: paths.allRequisitions({ show: 'all' }),
          text: translate(locale, 'municipality.allRequisitions.filterAll'),
          current: showAll,
        },
      ],
      requisitions: requisitions.map(r => ({
        ...r,
        programmeName: names.get(r.programmeCode) ?? r.programmeCode,
        submittedAtText: time(r.submittedAt),
        statusText: translate(locale, `municipality.requisitionStatus.${r.status}`),
        href: paths.municipalityRequisitions(r.municipalityCode, r.programmeCode, r.programmeYear),
      })),
    })
  })

  return router
}

/** What every report page shows at its top: the municipality, the programme year and survey round, the deadline. */
function reportHeader(locale: Locale, page: NonNullable<Awaited<ReturnType<Services['spendingReports']['load']>>>) {
  return {
    municipality: page.municipality,
    homeHref: paths.municipalityHome(page.municipality.code),
    programmeName: locale === 'en' ? page.programmeName.en : page.programmeName.sv,
    programmeYear: page.key.programmeYear,
    surveyRound: page.surveyRound,
    reportDeadline: page.reportDeadline,
    requisitionsHref: paths.municipalityRequisitions(
      page.municipality.code,
      page.key.programmeCode,
      page.key.programmeYear,
    ),
    ledgerHint: translate(locale, 'municipality.report.ledgerHint', {
      requisitioned: formatSek(page.ledger.requisitionedOre),
      paid: formatSek(page.ledger.paidOre),
    }),
  }
}
