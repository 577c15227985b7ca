// The evaluator's pages: the summary of a programme year (table 34 beside the ledger) and the distribution of
// the answers per survey round (tables 35–37, the reasons and the goal fulfilment).
import { Router } from 'express'
import createError from 'http-errors'
import type { DistributionReport } from '../../domain/reportTypes.ts'
import { DIMENSIONS, type Dimension } from '../../domain/types.ts'
import { translate, type Locale } from '../../i18n/index.ts'
import type { Services } from '../../services/index.ts'
import { dimensionParam } from '../params.ts'
import { paths } from '../paths.ts'
import { loadProgrammeContext, loadProgrammeYearContext } from '../programmeContext.ts'

/** The numbers of the published tables (Socialstyrelsen 2023) that a dimension reproduces. */
const PUBLISHED_TABLE: Partial<Record<Dimension, number>> = { purposes: 35, areas: 36, usage_areas: 37 }

/** Rows of options, one cell per survey round; the rounds list every option in the same order. */
export function distributionTable(report: DistributionReport, locale: Locale) {
  const options = report.rounds[0]?.options ?? []
  const rows = options.map((option, index) => ({
    label: locale === 'en' ? option.labelEn : option.labelSv,
    cells: report.rounds.map(round => {
      const cell = round.options[index]
      return {
        offered: cell.count !== null,
        pct: cell.pct,
        count: cell.count,
        offeredTo: cell.offeredTo,
      }
    }),
  }))
  return {
    rounds: report.rounds.map(round => ({
      surveyRound: round.surveyRound,
      programmeYear: round.programmeYear,
      n: round.n,
    })),
    rows,
    anyNotOffered: rows.some(row => row.cells.some(cell => !cell.offered)),
  }
}

export function analysisRoutes(services: Pick<Services, 'reference' | 'reports'>): Router {
  const router = Router()

  router.get('/programmes/:code/years/:year/summary', async (req, res) => {
    const locale: Locale = res.locals.locale
    const context = await loadProgrammeYearContext(services, req.params.code, req.params.year, locale, req.path)
    const [report, taxonomy] = await Promise.all([
      services.reports.summary(context.code, context.programmeYear),
      services.reference.listTaxonomy(),
    ])
    if (!report) throw createError(404, translate(locale, 'error.message.404'))
    const reasons = taxonomy
      .filter(
        option => option.dimension === 'unspent_reasons' && option.code in report.survey.partiallySpentReasonCounts,
      )
      .map(option => ({
        label: locale === 'en' ? option.labelEn : option.labelSv,
        count: report.survey.partiallySpentReasonCounts[option.code],
      }))
    res.render('pages/analysis/summary', {
      title: `${translate(locale, 'summary.title')} ${context.programmeYear} – ${context.name}`,
      programme: context,
      report,
      reasons,
      difference: report.survey.requisitionedOre - report.ledger.paidOre,
      reconciliationHref: paths.reconciliation(context.code, context.programmeYear),
    })
  })

  router.get('/programmes/:code/distributions/:dimension', async (req, res) => {
    const locale: Locale = res.locals.locale
    const dimension = dimensionParam(req.params.dimension)
    if (!dimension)
      throw createError(404, translate(locale, 'error.unknownDimension', { dimension: req.params.dimension }))
    const context = await loadProgrammeContext(services, req.params.code, locale, req.path)
    const report = await services.reports.distribution(context.code, dimension)
    if (!report) throw createError(404, translate(locale, 'error.unknownProgramme', { code: context.code }))
    const dimensionLabel = translate(locale, `dimension.${dimension}`)
    const table = PUBLISHED_TABLE[dimension]
    res.render('pages/analysis/distribution', {
      title: `${translate(locale, 'distribution.title', { dimension: dimensionLabel })} – ${context.name}`,
      programme: context,
      dimension,
      dimensionLabel,
      intro: translate(locale, dimension === 'unspent_reasons' ? 'distribution.introUnspent' : 'distribution.intro'),
      caption:
        table === undefined
          ? translate(locale, 'distribution.caption', { dimension: dimensionLabel })
          : translate(locale, 'distribution.captionTable', { dimension: dimensionLabel, table }),
      dimensions: DIMENSIONS.map(d => ({
        href: paths.distribution(context.code, d),
        text: translate(locale, `dimension.${d}`),
        current: d === dimension,
      })),
      table: distributionTable(report, locale),
    })
  })

  return router
}
