// The evaluator's analysis: breakdowns of the distributions and of the money by size group and county, the
// "other" free texts, the size-group bounds (stored by the evaluator, audited) and the data of the published report.
import type { Knex } from 'knex'
import * as analysisRepository from '../data/analysisRepository.ts'
import { recordAudit } from '../data/auditRepository.ts'
import { populationFor, populationYears } from '../data/populationRepository.ts'
import * as referenceRepository from '../data/referenceRepository.ts'
import * as reportRepository from '../data/reportRepository.ts'
import {
  buildDistributionBreakdown,
  buildSummaryBreakdown,
  countyGrouping,
  MAX_BOUNDS,
  sizeGrouping,
  type Breakdown,
  type DistributionBreakdown,
  type GroupInfo,
  type Grouping,
  type SummaryBreakdown,
} from '../domain/analysis.ts'
import { buildDistribution, buildSummary } from '../domain/reports.ts'
import { sizeGroupsFromBounds } from '../domain/sizeGroups.ts'
import type { DistributionReport, SummaryReport } from '../domain/reportTypes.ts'
import { DIMENSIONS, MULTI_DIMENSIONS, surveyRoundOf, type Dimension, type MultiDimension } from '../domain/types.ts'
import { readSizeGroups } from '../../seeds/reference/index.ts'

/** The lower bounds of the published report's groups: 10 000, 20 000, 50 000, 100 000 (from taxonomy.json). */
export function publishedBounds(): number[] {
  return readSizeGroups()
    .map(group => group.min)
    .filter(min => min > 0)
}

export interface SizeGroupSetting {
  bounds: number[]
  /** 'stored': chosen by an evaluator; 'published': the bounds of the published report, nothing stored */
  source: 'stored' | 'published'
  updatedBy: string | null
  updatedAt: Date | null
}

export interface OtherTextsByOption {
  /** the option (its code) the texts explain, e.g. "annat" */
  option: string
  texts: analysisRepository.OtherText[]
}

/** Everything the published report of one programme year shows. */
export interface PublishedReportData {
  programme: { code: string; nameSv: string; nameEn: string }
  programmeYear: number
  surveyRound: number
  summary: SummaryReport
  /** labels of the unspent reasons counted in the summary */
  reasonLabels: { code: string; labelSv: string; labelEn: string }[]
  /** every dimension, the survey rounds up to the report's, side by side */
  distributions: Record<Dimension, DistributionReport>
  /** the appendices: the report's survey round only */
  breakdowns: Record<Breakdown, { summary: SummaryBreakdown; distributions: Record<Dimension, DistributionBreakdown> }>
}

export function analysisService(knex: Knex) {
  async function programmeOf(code: string) {
    return referenceRepository.findProgramme(knex, code)
  }

  async function sizeGroupSetting(): Promise<SizeGroupSetting> {
    const stored = await analysisRepository.findSizeGroupBounds(knex)
    return stored
      ? { bounds: stored.bounds, source: 'stored', updatedBy: stored.updatedBy, updatedAt: stored.updatedAt }
      : { bounds: publishedBounds(), source: 'published', updatedBy: null, updatedAt: null }
  }

  /** The grouping of municipalities for the programme years given (size groups need each year's population). */
  async function groupingFor(by: Breakdown, programmeYears: readonly number[], bounds?: number[]): Promise<Grouping> {
    const municipalities = await referenceRepository.listMunicipalities(knex)
    if (by === 'county') return countyGrouping(municipalities)
    const populationByYear = new Map<number, Map<string, number>>()
    for (const year of programmeYears) populationByYear.set(year, await populationFor(knex, year))
    return sizeGrouping(bounds ?? (await sizeGroupSetting()).bounds, populationByYear, municipalities)
  }

  async function dimensionOptions(dimension: Dimension) {
    return (await referenceRepository.listTaxonomy(knex)).filter(option => option.dimension === dimension)
  }

  async function distributionBreakdown(
    programmeId: number,
    programmeCode: string,
    dimension: Dimension,
    by: Breakdown,
    options: { bounds?: number[]; surveyRounds?: number[] },
  ): Promise<DistributionBreakdown> {
    const allRounds = await analysisRepository.roundsWithResponses(knex, programmeId)
    const rounds = options.surveyRounds
      ? allRounds.filter(round => options.surveyRounds!.includes(round.surveyRound))
      : allRounds
    const [answers, municipalities, dimensionOpts] = await Promise.all([
      analysisRepository.currentAnswers(
        knex,
        programmeId,
        rounds.map(round => round.surveyRound),
      ),
      referenceRepository.listMunicipalities(knex),
      dimensionOptions(dimension),
    ])
    const grouping = await groupingFor(
      by,
      rounds.map(round => round.programmeYear),
      options.bounds,
    )
    return buildDistributionBreakdown({
      programme: programmeCode,
      dimension,
      options: dimensionOpts,
      rounds,
      answers,
      municipalities,
      grouping,
    })
  }

  async function summaryBreakdown(
    programmeId: number,
    programmeCode: string,
    programmeYear: number,
    by: Breakdown,
    bounds?: number[],
  ): Promise<SummaryBreakdown> {
    const [responses, ledger, unspentReasons, municipalities, grouping] = await Promise.all([
      reportRepository.currentResponseAmounts(knex, programmeId, programmeYear),
      reportRepository.ledgerTotalsByMunicipality(knex, programmeId, programmeYear),
      dimensionOptions('unspent_reasons'),
      referenceRepository.listMunicipalities(knex),
      groupingFor(by, [programmeYear], bounds),
    ])
    return buildSummaryBreakdown({
      programme: programmeCode,
      programmeYear,
      responses,
      ledger,
      unspentReasons,
      municipalities,
      grouping,
    })
  }

  async function hasProgrammeYear(programmeId: number, programmeYear: number): Promise<boolean> {
    const years = await referenceRepository.listProgrammeYears(knex, programmeId)
    return years.some(year => year.programmeYear === programmeYear)
  }

  return {
    sizeGroupSetting,

    /** The years with population figures, how many municipalities have one, and the size groups they make. */
    async populationYears(): Promise<
      { year: number; municipalities: number; groups: { group: GroupInfo; count: number }[] }[]
    > {
      const years = await populationYears(knex)
      const municipalities = await referenceRepository.listMunicipalities(knex)
      const result = []
      for (const { year, municipalities: count } of years) {
        const grouping = await groupingFor('size_group', [year], undefined)
        result.push({
          year,
          municipalities: count,
          groups: grouping.groups.map(group => ({
            group,
            count: municipalities.filter(m => grouping.groupOf(m.code, year) === group.code).length,
          })),
        })
      }
      return result
    },

    /**
     * Stores the evaluator's bounds, with an audit row; the same bounds again write nothing. Throws a RangeError
     * for bounds that are not whole, positive and ascending (the form checks them first).
     */
    async saveSizeGroupBounds(bounds: number[], actor: string): Promise<{ changed: boolean }> {
      sizeGroupsFromBounds(bounds)
      if (bounds.length > MAX_BOUNDS) throw new RangeError(`at most ${MAX_BOUNDS} size-group bounds`)
      return knex.transaction(async trx => {
        const before = await analysisRepository.findSizeGroupBounds(trx)
        if (before && before.bounds.join(',') === bounds.join(',')) return { changed: false }
        await analysisRepository.saveSizeGroupBounds(trx, bounds, actor)
        await recordAudit(trx, {
          actor,
          action: 'analysis.size_group_bounds',
          entity: 'size_group_settings',
          entityId: 1,
          before: before ? { bounds: before.bounds } : { bounds: publishedBounds(), source: 'published' },
          after: { bounds },
        })
        return { changed: true }
      })
    },

    /** The distribution of a dimension for each group; undefined for an unknown programme. */
    async distributionBreakdown(
      programmeCode: string,
      dimension: Dimension,
      by: Breakdown,
      bounds?: number[],
    ): Promise<DistributionBreakdown | undefined> {
      const programme = await programmeOf(programmeCode)
      if (!programme) return undefined
      return distributionBreakdown(programme.id, programme.code, dimension, by, { bounds })
    },

    /** Table 34 for each group in a programme year; undefined for an unknown programme or year. */
    async summaryBreakdown(
      programmeCode: string,
      programmeYear: number,
      by: Breakdown,
      bounds?: number[],
    ): Promise<SummaryBreakdown | undefined> {
      const programme = await programmeOf(programmeCode)
      if (!programme || !(await hasProgrammeYear(programme.id, programmeYear))) return undefined
      return summaryBreakdown(programme.id, programme.code, programmeYear, by, bounds)
    },

    /** The "other" free texts of a dimension, one list per option that takes a text (none for goal fulfilment). */
    async otherTexts(programmeCode: string, dimension: Dimension): Promise<OtherTextsByOption[]> {
      const programme = await programmeOf(programmeCode)
      if (!programme || !(MULTI_DIMENSIONS as readonly string[]).includes(dimension)) return []
      const freeTextOptions = (await dimensionOptions(dimension)).filter(option => option.freeText)
      return Promise.all(
        freeTextOptions.map(async option => ({
          option: option.code,
          texts: await analysisRepository.otherTexts(knex, programme.id, dimension as MultiDimension, option.code),
        })),
      )
    },

    /** What the published report of a programme year shows; undefined for an unknown programme or year. */
    async publishedReport(programmeCode: string, programmeYear: number): Promise<PublishedReportData | undefined> {
      const programme = await programmeOf(programmeCode)
      if (!programme || !(await hasProgrammeYear(programme.id, programmeYear))) return undefined
      const surveyRound = surveyRoundOf(programmeYear)
      const [responses, ledger, taxonomy] = await Promise.all([
        reportRepository.currentResponseAmounts(knex, programme.id, programmeYear),
        reportRepository.ledgerTotalsByMunicipality(knex, programme.id, programmeYear),
        referenceRepository.listTaxonomy(knex),
      ])
      const unspentReasons = taxonomy.filter(option => option.dimension === 'unspent_reasons')
      const summary = buildSummary({ programme: programme.code, programmeYear, responses, ledger, unspentReasons })
      const distributions = {} as Record<Dimension, DistributionReport>
      for (const dimension of DIMENSIONS) {
        const rounds = (await reportRepository.choiceCountsByRound(knex, programme.id, dimension)).filter(
          round => round.surveyRound <= surveyRound,
        )
        distributions[dimension] = buildDistribution({
          programme: programme.code,
          dimension,
          options: taxonomy.filter(option => option.dimension === dimension),
          rounds,
        })
      }
      const breakdowns = {} as PublishedReportData['breakdowns']
      for (const by of ['size_group', 'county'] as const) {
        const byDimension = {} as Record<Dimension, DistributionBreakdown>
        for (const dimension of DIMENSIONS) {
          byDimension[dimension] = await distributionBreakdown(programme.id, programme.code, dimension, by, {
            surveyRounds: [surveyRound],
          })
        }
        breakdowns[by] = {
          summary: await summaryBreakdown(programme.id, programme.code, programmeYear, by),
          distributions: byDimension,
        }
      }
      return {
        programme: { code: programme.code, nameSv: programme.nameSv, nameEn: programme.nameEn },
        programmeYear,
        surveyRound,
        summary,
        reasonLabels: unspentReasons
          .filter(option => option.code in summary.survey.partiallySpentReasonCounts)
          .map(option => ({ code: option.code, labelSv: option.labelSv, labelEn: option.labelEn })),
        distributions,
        breakdowns,
      }
    },
  }
}

export type AnalysisService = ReturnType<typeof analysisService>
