// The evaluator's pages: the summary of a programme year (table 34 beside the ledger, and by size group or county),
// the distribution of the answers per survey round (tables 35–37, the reasons and the goal fulfilment: the change
// between rounds, the "other" free texts, a chart, and the breakdowns), the published report as PDF, XLSX and CSV,
// and the size-group bounds. Evaluator, administrator and auditor read; only the evaluator changes the bounds.
import { Router, type Request, type Response } from 'express'
import createError from 'http-errors'
import { currentUser, READ_ALL, requireRole } from '../../auth/roles.ts'
import {
  formatChange,
  parseBounds,
  shareChanges,
  type Breakdown,
  type DistributionBreakdown,
} from '../../domain/analysis.ts'
import type { DistributionReport } from '../../domain/reportTypes.ts'
import { DIMENSIONS, surveyRoundOf, type Dimension } from '../../domain/types.ts'
import { translate, type Locale } from '../../i18n/index.ts'
import { publishedReportPdf } from '../../pdf/publishedReport.ts'
import { publishedCsv, publishedXlsx } from '../../reports/publishedExports.ts'
import { groupLabel, publishedTables, roundBase } from '../../reports/publishedTables.ts'
import type { OtherTextsByOption } from '../../services/analysisService.ts'
import type { Services } from '../../services/index.ts'
import { barChartFigure } from '../../views/charts/barChart.ts'
import { groupedBarChartFigure } from '../../views/charts/groupedBarChart.ts'
import { formatNumber } from '../../views/helpers/formatNumber.ts'
import { formatPercent } from '../../views/helpers/formatPercent.ts'
import { formatSek } from '../../views/helpers/formatSek.ts'
import { dimensionParam, singleQueryValue } from '../params.ts'
import { paths } from '../paths.ts'
import { loadProgrammeContext, loadProgrammeYearContext, type ProgrammeContext } from '../programmeContext.ts'
import { boundsQuery, byQuery, roundQuery, type QueryResult } from './query.ts'

/** The numbers of the published tables (Socialstyrelsen 2023) that a dimension reproduces. */
const PUBLISHED_TABLE: Partial<Record<Dimension, number>> = { purposes: 35, areas: 36, usage_areas: 37 }
/** A grouped chart with more series than this is no longer readable: the table alone shows the breakdown. */
const MAX_CHART_SERIES = 6

type AnalysisServices = Pick<Services, 'reference' | 'reports' | 'analysis'>

/** Rows of options, one cell per survey round; the rounds list every option in the same order. */
export function distributionTable(report: DistributionReport, locale: Locale, otherTexts: OtherTextsByOption[] = []) {
  const options = report.rounds[0]?.options ?? []
  const rows = options.map((option, index) => {
    const texts = otherTexts.find(other => other.option === option.code)?.texts ?? []
    return {
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
      otherTexts:
        texts.length === 0
          ? undefined
          : {
              count: texts.length,
              rounds: report.rounds
                .map(round => ({
                  surveyRound: round.surveyRound,
                  items: texts.filter(text => text.surveyRound === round.surveyRound),
                }))
                .filter(round => round.items.length > 0),
            },
    }
  })
  return {
    rounds: report.rounds.map(round => ({
      surveyRound: round.surveyRound,
      programmeYear: round.programmeYear,
      n: round.n,
    })),
    rows,
    columnCount: 1 + 2 * report.rounds.length,
    anyNotOffered: rows.some(row => row.cells.some(cell => !cell.offered)),
  }
}

/** The change of each share from one round to the next, in percentage points. */
export function changeTable(report: DistributionReport, locale: Locale) {
  const options = report.rounds[0]?.options ?? []
  const changes = shareChanges(report)
  return {
    headers: report.rounds
      .slice(1)
      .map((round, index) => `${report.rounds[index].surveyRound}\u2013${round.surveyRound}`),
    rows: options.map((option, index) => ({
      label: locale === 'en' ? option.labelEn : option.labelSv,
      cells: changes[index].changes.map(formatChange),
    })),
  }
}

/** A 400 naming the bad query value, with a way back to the page without it. */
function badQuery(locale: Locale, result: Extract<QueryResult<unknown>, { ok: false }>, backHref: string) {
  const message = translate(locale, result.key, { value: result.value })
  return createError(400, result.detail ? `${message} (${result.detail})` : message, { backHref })
}

function breakdownNav(
  locale: Locale,
  current: Breakdown | undefined,
  href: (by: Breakdown | undefined) => string,
): { href: string; text: string; current: boolean }[] {
  return [
    { href: href(undefined), text: translate(locale, 'analysis.by.all'), current: current === undefined },
    { href: href('size_group'), text: translate(locale, 'analysis.by.size_group'), current: current === 'size_group' },
    { href: href('county'), text: translate(locale, 'analysis.by.county'), current: current === 'county' },
  ]
}

/** The links to the published report of each programme year. */
function downloads(context: ProgrammeContext) {
  return context.programmeYears.map(programmeYear => ({
    programmeYear,
    surveyRound: surveyRoundOf(programmeYear),
    pdf: paths.publishedReport(context.code, programmeYear, 'pdf'),
    xlsx: paths.publishedReport(context.code, programmeYear, 'xlsx'),
    csv: paths.publishedReport(context.code, programmeYear, 'csv'),
  }))
}

/** The breakdown of one survey round: a column per group, the group sizes, and a chart when it stays readable. */
function breakdownView(breakdown: DistributionBreakdown, surveyRound: number, locale: Locale, dimensionLabel: string) {
  const groups = breakdown.groups.map(group => {
    const round = group.report.rounds.find(r => r.surveyRound === surveyRound)
    return {
      label: groupLabel(group.group, locale),
      municipalities: group.municipalitiesByRound[surveyRound] ?? 0,
      n: round ? roundBase(round) : 0,
      round,
    }
  })
  const options = groups.find(group => group.round)?.round?.options ?? []
  const rows = options.map((option, index) => ({
    label: locale === 'en' ? option.labelEn : option.labelSv,
    cells: groups.map(group => {
      const cell = group.round?.options[index]
      return {
        offered: cell !== undefined && cell.count !== null,
        hasBase: cell !== undefined && cell.pct !== null,
        pct: cell?.pct ?? null,
        count: cell?.count ?? null,
        offeredTo: cell?.offeredTo ?? null,
      }
    }),
  }))
  const title = translate(locale, 'analysis.breakdownChartTitle', {
    dimension: dimensionLabel,
    surveyRound,
    by: translate(locale, `analysis.by.${breakdown.by}`).toLowerCase(),
  })
  const chart =
    groups.length <= MAX_CHART_SERIES && rows.length > 0
      ? groupedBarChartFigure({
          id: 'breakdown-chart',
          title,
          description: translate(locale, 'analysis.chartDescription'),
          series: groups.map(group => group.label),
          max: 100,
          categories: rows.map(row => ({
            label: row.label,
            values: row.cells.map(cell => cell.pct),
            displays: row.cells.map(cell => formatPercent(cell.pct)),
          })),
        })
      : undefined
  return {
    groups: groups.map(({ label, municipalities, n }) => ({ label, municipalities, n })),
    rows,
    chart,
    anyNotOffered: rows.some(row => row.cells.some(cell => !cell.offered)),
    anyNoBase: rows.some(row => row.cells.some(cell => cell.offered && !cell.hasBase)),
  }
}

/** The parts of the address (express types them loosely once a middleware stands before the handler). */
const params = (req: Request) => req.params as Record<string, string>

function sendFile(res: Response, body: Buffer | string, contentType: string, fileName: string) {
  res.set('Content-Type', contentType)
  res.set('Content-Disposition', `attachment; filename="${fileName}"`)
  res.send(body)
}

export function analysisRoutes(services: AnalysisServices): Router {
  const router = Router()
  const readers = requireRole(...READ_ALL)

  router.get('/programmes/:code/years/:year/summary', readers, async (req, res) => {
    const locale: Locale = res.locals.locale
    const context = await loadProgrammeYearContext(services, params(req).code, params(req).year, locale, req.path)
    const backHref = paths.summary(context.code, context.programmeYear)
    const by = byQuery(req.query.by)
    if (!by.ok) throw badQuery(locale, by, backHref)
    const bounds = boundsQuery(req.query.bounds, by.value)
    if (!bounds.ok) throw badQuery(locale, bounds, backHref)
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
    let breakdown
    if (by.value) {
      const result = await services.analysis.summaryBreakdown(
        context.code,
        context.programmeYear,
        by.value,
        bounds.value,
      )
      if (!result) throw createError(404, translate(locale, 'error.message.404'))
      const groups = result.groups.map(group => ({ label: groupLabel(group.group, locale), ...group }))
      breakdown = {
        by: by.value,
        groupHeading: translate(locale, `analysis.group.${by.value}`),
        totalMunicipalities: groups.reduce((sum, group) => sum + group.municipalities, 0),
        caption: translate(locale, `analysis.summaryBy.${by.value}`, { programmeYear: context.programmeYear }),
        groups,
        chart: barChartFigure({
          id: 'summary-breakdown-chart',
          title: translate(locale, `analysis.spentBy.${by.value}`, { programmeYear: context.programmeYear }),
          description: translate(locale, 'analysis.spentByDescription'),
          unit: translate(locale, 'analysis.kronor'),
          bars: groups.map(group => ({
            label: group.label,
            value: group.report.survey.spentOre,
            display: formatSek(group.report.survey.spentOre),
          })),
        }),
        bounds: result.bounds?.map(bound => formatNumber(bound)).join(', '),
      }
    }
    res.render('pages/analysis/summary', {
      title: `${translate(locale, 'summary.title')} ${context.programmeYear} – ${context.name}`,
      programme: context,
      report,
      reasons,
      difference: report.survey.requisitionedOre - report.ledger.paidOre,
      reconciliationHref: paths.reconciliation(context.code, context.programmeYear),
      breakdownNav: breakdownNav(locale, by.value, value =>
        paths.summaryQuery(context.code, context.programmeYear, { by: value }),
      ),
      breakdown,
      download: downloads(context).find(d => d.programmeYear === context.programmeYear),
    })
  })

  router.get('/programmes/:code/distributions/:dimension', readers, async (req, res) => {
    const locale: Locale = res.locals.locale
    const dimension = dimensionParam(params(req).dimension)
    if (!dimension)
      throw createError(404, translate(locale, 'error.unknownDimension', { dimension: params(req).dimension }))
    const context = await loadProgrammeContext(services, params(req).code, locale, req.path)
    const backHref = paths.distribution(context.code, dimension)
    const by = byQuery(req.query.by)
    if (!by.ok) throw badQuery(locale, by, backHref)
    const bounds = boundsQuery(req.query.bounds, by.value)
    if (!bounds.ok) throw badQuery(locale, bounds, backHref)
    const report = await services.reports.distribution(context.code, dimension)
    if (!report) throw createError(404, translate(locale, 'error.unknownProgramme', { code: context.code }))
    const rounds = report.rounds.map(round => round.surveyRound)
    const round = roundQuery(req.query.round, rounds)
    if (!round.ok) throw badQuery(locale, round, backHref)

    const dimensionLabel = translate(locale, `dimension.${dimension}`)
    const table = PUBLISHED_TABLE[dimension]
    const query = (extra: Record<string, string | undefined>) => ({
      by: by.value,
      round: round.value === undefined ? undefined : String(round.value),
      bounds: bounds.value?.join(','),
      ...extra,
    })
    const view: Record<string, unknown> = {
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
        href: paths.distributionQuery(context.code, d, { by: by.value, bounds: bounds.value?.join(',') }),
        text: translate(locale, `dimension.${d}`),
        current: d === dimension,
      })),
      breakdownNav: breakdownNav(locale, by.value, value =>
        paths.distributionQuery(context.code, dimension, { by: value }),
      ),
      by: by.value,
      downloads: downloads(context),
    }

    if (by.value === undefined) {
      const otherTexts = await services.analysis.otherTexts(context.code, dimension)
      view.table = distributionTable(report, locale, otherTexts)
      view.changes = report.rounds.length > 1 ? changeTable(report, locale) : undefined
      view.chart =
        report.rounds.length > 0
          ? groupedBarChartFigure({
              id: 'distribution-chart',
              title: translate(locale, 'analysis.chartTitle', { dimension: dimensionLabel }),
              description: translate(locale, 'analysis.chartDescription'),
              series: report.rounds.map(r => String(r.surveyRound)),
              max: 100,
              categories: (report.rounds[0]?.options ?? []).map((option, index) => ({
                label: locale === 'en' ? option.labelEn : option.labelSv,
                values: report.rounds.map(r => r.options[index].pct),
                displays: report.rounds.map(r => formatPercent(r.options[index].pct)),
              })),
            })
          : undefined
    } else {
      const surveyRound = round.value ?? rounds.at(-1)
      const breakdown = await services.analysis.distributionBreakdown(context.code, dimension, by.value, bounds.value)
      if (!breakdown) throw createError(404, translate(locale, 'error.unknownProgramme', { code: context.code }))
      view.breakdown =
        surveyRound === undefined
          ? { empty: true }
          : {
              by: by.value,
              surveyRound,
              programmeYear: surveyRound - 1,
              groupHeading: translate(locale, `analysis.group.${by.value}`),
              caption: translate(locale, `analysis.breakdownCaption.${by.value}`, {
                dimension: dimensionLabel,
                surveyRound,
              }),
              roundNav: rounds.map(r => ({
                href: paths.distributionQuery(context.code, dimension, query({ round: String(r) })),
                text: String(r),
                current: r === surveyRound,
              })),
              bounds: breakdown.bounds?.join(','),
              boundsText: breakdown.bounds?.map(bound => formatNumber(bound)).join(', '),
              formAction: req.path,
              roundValue: round.value === undefined ? undefined : String(round.value),
              ...breakdownView(breakdown, surveyRound, locale, dimensionLabel),
            }
      view.sizeGroupsHref = paths.sizeGroups()
    }
    res.render('pages/analysis/distribution', view)
  })

  // the published report: the tables of the programme year's survey round and the earlier rounds side by side
  const reportData = async (req: Request, res: Response) => {
    const locale: Locale = res.locals.locale
    const context = await loadProgrammeYearContext(services, params(req).code, params(req).year, locale, req.path)
    const data = await services.analysis.publishedReport(context.code, context.programmeYear)
    if (!data) throw createError(404, translate(locale, 'error.message.404'))
    return { locale, context, data, fileBase: `stimulansmedel-${context.code}-${context.programmeYear}` }
  }

  router.get('/programmes/:code/years/:year/report.pdf', readers, async (req, res) => {
    const { locale, context, data, fileBase } = await reportData(req, res)
    const pdf = await publishedReportPdf({
      locale,
      title: translate(locale, 'published.title', { programmeYear: context.programmeYear }),
      programmeName: context.name,
      subtitle: translate(locale, 'common.yearHeading', {
        programmeYear: context.programmeYear,
        surveyRound: context.surveyRound,
      }),
      intro: translate(locale, 'published.intro', {
        programmeYear: context.programmeYear,
        surveyRound: context.surveyRound,
      }),
      tables: publishedTables(data, locale),
    })
    sendFile(res, pdf, 'application/pdf', `${fileBase}.pdf`)
  })

  router.get('/programmes/:code/years/:year/report.xlsx', readers, async (req, res) => {
    const { locale, data, fileBase } = await reportData(req, res)
    const xlsx = await publishedXlsx(publishedTables(data, locale), locale)
    sendFile(res, xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `${fileBase}.xlsx`)
  })

  router.get('/programmes/:code/years/:year/report.csv', readers, async (req, res) => {
    const { locale, data, fileBase } = await reportData(req, res)
    sendFile(res, publishedCsv(data, locale), 'text/csv; charset=utf-8', `${fileBase}.csv`)
  })

  const renderSizeGroups = async (
    req: Request,
    res: Response,
    status = 200,
    form?: { value: string; error: string },
  ) => {
    const locale: Locale = res.locals.locale
    const [setting, years] = await Promise.all([
      services.analysis.sizeGroupSetting(),
      services.analysis.populationYears(),
    ])
    res.status(status).render('pages/analysis/size-groups', {
      title: translate(locale, 'analysis.sizeGroups.title'),
      setting: {
        ...setting,
        boundsText: setting.bounds.map(bound => formatNumber(bound)).join(', '),
      },
      years: years.map(year => ({
        year: year.year,
        municipalities: year.municipalities,
        groups: year.groups.map(group => ({ label: groupLabel(group.group, locale), count: group.count })),
      })),
      groupHeadings: (years[0]?.groups ?? []).map(group => groupLabel(group.group, locale)),
      canEdit: currentUser(req).role === 'evaluator',
      formValue: form?.value ?? setting.bounds.join(', '),
      error: form?.error,
      saved: req.query.saved === '1',
      formAction: paths.sizeGroups(),
    })
  }

  router.get('/analysis/size-groups', readers, async (req, res) => renderSizeGroups(req, res))

  router.post('/analysis/size-groups', requireRole('evaluator'), async (req, res) => {
    const locale: Locale = res.locals.locale
    const text = singleQueryValue((req.body as Record<string, unknown> | undefined)?.bounds) ?? ''
    const parsed = parseBounds(text ?? '')
    if (!parsed.ok) {
      return renderSizeGroups(req, res, 400, {
        value: text ?? '',
        error: translate(locale, 'analysis.sizeGroups.invalid', { message: parsed.message }),
      })
    }
    await services.analysis.saveSizeGroupBounds(parsed.bounds, currentUser(req).email)
    res.redirect(303, `${paths.sizeGroups()}?saved=1`)
  })

  return router
}
