// The read-only JSON API: the same JSON, byte for byte, as the command line's `--json` (summary, distribution,
// reconciliation, and their breakdowns by size group or county). Signed-in evaluators, administrators and auditors
// only; errors are JSON too: 401 (signed out, answered before this router), 403, 404, 400.
import { Router, type ErrorRequestHandler, type Request, type Response } from 'express'
import createError from 'http-errors'
import { READ_ALL, requireRole } from '../../auth/roles.ts'
import { parseAmountOre } from '../../domain/amount.ts'
import { distributionBreakdownJson, summaryBreakdownJson } from '../../reports/breakdownJson.ts'
import { distributionJson, reconciliationJson, stringify, summaryJson, type JsonValue } from '../../reports/json.ts'
import type { Services } from '../../services/index.ts'
import { logger } from '../../logger.ts'
import { boundsQuery, byQuery } from '../analysis/query.ts'
import { dimensionParam, programmeYearParam, singleQueryValue } from '../params.ts'

type ApiServices = Pick<Services, 'reports' | 'analysis'>

export const API_PREFIX = '/api/v1'

const params = (req: Request) => req.params as Record<string, string>

/** The document as the CLI prints it: the same serializer, and the newline the CLI ends its output with. */
function sendJson(res: Response, value: JsonValue): void {
  res
    .status(200)
    .type('application/json; charset=utf-8')
    .send(`${stringify(value)}\n`)
}

const notFound = (what: string) => createError(404, what)

function programmeYearOf(req: Request): number {
  const programmeYear = programmeYearParam(params(req).year)
  if (programmeYear === undefined)
    throw notFound(`unknown programme or programme year: ${params(req).code} ${params(req).year}`)
  return programmeYear
}

/** `by` and `bounds` of the address, or 400 saying what is wrong. */
function breakdownOf(req: Request) {
  const by = byQuery(req.query.by)
  if (!by.ok) throw createError(400, `by must be size_group or county; got "${by.value}"`)
  const bounds = boundsQuery(req.query.bounds, by.value)
  if (!bounds.ok) {
    throw createError(
      400,
      bounds.key === 'analysis.boundsWithoutSizeGroup'
        ? 'bounds goes with by=size_group only'
        : `bounds: ${bounds.detail ?? `"${bounds.value}" is not a list of population bounds`}`,
    )
  }
  return { by: by.value, bounds: bounds.value }
}

export function apiRoutes(services: ApiServices): Router {
  const router = Router()
  const readers = requireRole(...READ_ALL)

  router.get(`${API_PREFIX}/programmes/:code/years/:year/summary`, readers, async (req, res) => {
    const programmeYear = programmeYearOf(req)
    const { by, bounds } = breakdownOf(req)
    const unknown = () => notFound(`unknown programme or programme year: ${params(req).code} ${programmeYear}`)
    if (by) {
      const breakdown = await services.analysis.summaryBreakdown(params(req).code, programmeYear, by, bounds)
      if (!breakdown) throw unknown()
      return sendJson(res, summaryBreakdownJson(breakdown))
    }
    const report = await services.reports.summary(params(req).code, programmeYear)
    if (!report) throw unknown()
    sendJson(res, summaryJson(report))
  })

  router.get(`${API_PREFIX}/programmes/:code/distributions/:dimension`, readers, async (req, res) => {
    const dimension = dimensionParam(params(req).dimension)
    if (!dimension) throw notFound(`unknown dimension: ${params(req).dimension}`)
    const { by, bounds } = breakdownOf(req)
    const unknown = () => notFound(`unknown programme: ${params(req).code}`)
    if (by) {
      const breakdown = await services.analysis.distributionBreakdown(params(req).code, dimension, by, bounds)
      if (!breakdown) throw unknown()
      return sendJson(res, distributionBreakdownJson(breakdown))
    }
    const report = await services.reports.distribution(params(req).code, dimension)
    if (!report) throw unknown()
    sendJson(res, distributionJson(report))
  })

  router.get(`${API_PREFIX}/programmes/:code/years/:year/reconciliation`, readers, async (req, res) => {
    const programmeYear = programmeYearOf(req)
    if (req.query.by !== undefined) throw createError(400, 'the reconciliation has no breakdown (by)')
    const text = singleQueryValue(req.query.tolerance)
    let toleranceOre = 0
    if (text === null) throw createError(400, 'tolerance: give one value')
    if (text !== undefined) {
      const parsed = parseAmountOre(text)
      if (!parsed.ok) throw createError(400, `tolerance: ${parsed.message}`)
      toleranceOre = parsed.ore
    }
    const report = await services.reports.reconciliation(params(req).code, programmeYear, toleranceOre)
    if (!report) throw notFound(`unknown programme or programme year: ${params(req).code} ${programmeYear}`)
    sendJson(res, reconciliationJson(report))
  })

  // anything else under /api is not a page: a JSON 404
  router.use('/api', (req, _res, next) => next(notFound(`no such address: ${req.method} ${req.originalUrl}`)))

  const apiErrors: ErrorRequestHandler = (error, req, res, next) => {
    if (!req.path.startsWith('/api/') || res.headersSent) return next(error)
    const status = Number.isInteger(error?.status) && error.status >= 400 && error.status < 600 ? error.status : 500
    if (status >= 500) logger.error({ err: error, url: req.originalUrl }, 'API request failed')
    const message =
      status >= 500
        ? 'internal error'
        : error.expose && typeof error.message === 'string' && error.message !== ''
          ? error.message
          : status === 403
            ? 'your role may not read this'
            : 'bad request'
    res
      .status(status)
      .type('application/json; charset=utf-8')
      .send(`${JSON.stringify({ error: message })}\n`)
  }
  router.use(apiErrors)
  return router
}
