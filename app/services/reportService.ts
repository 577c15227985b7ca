// The reports of the contract (summary, distribution, reconciliation) and the programme overview.
import type { Knex } from 'knex'
import * as referenceRepository from '../data/referenceRepository.ts'
import * as reportRepository from '../data/reportRepository.ts'
import { buildDistribution, buildReconciliation, buildSummary } from '../domain/reports.ts'
import type {
  DistributionReport,
  ProgrammeOverview,
  ReconciliationReport,
  SummaryReport,
} from '../domain/reportTypes.ts'
import { surveyRoundOf, type Dimension } from '../domain/types.ts'

export function reportService(knex: Knex) {
  /** The programme and, when asked for, one of its years; undefined when either does not exist. */
  async function findProgrammeYear(programmeCode: string, programmeYear?: number) {
    const programme = await referenceRepository.findProgramme(knex, programmeCode)
    if (!programme) return undefined
    if (programmeYear === undefined) return programme
    const exists = await knex('programme_years')
      .where({ programme_id: programme.id, programme_year: programmeYear })
      .first('id')
    return exists ? programme : undefined
  }

  async function options(dimension: Dimension) {
    return (await referenceRepository.listTaxonomy(knex)).filter(option => option.dimension === dimension)
  }

  return {
    async summary(programmeCode: string, programmeYear: number): Promise<SummaryReport | undefined> {
      const programme = await findProgrammeYear(programmeCode, programmeYear)
      if (!programme) return undefined
      const [responses, ledger, unspentReasons] = await Promise.all([
        reportRepository.currentResponseAmounts(knex, programme.id, programmeYear),
        reportRepository.ledgerTotalsByMunicipality(knex, programme.id, programmeYear),
        options('unspent_reasons'),
      ])
      return buildSummary({ programme: programme.code, programmeYear, responses, ledger, unspentReasons })
    },

    async distribution(programmeCode: string, dimension: Dimension): Promise<DistributionReport | undefined> {
      const programme = await findProgrammeYear(programmeCode)
      if (!programme) return undefined
      const [rounds, dimensionOptions] = await Promise.all([
        reportRepository.choiceCountsByRound(knex, programme.id, dimension),
        options(dimension),
      ])
      return buildDistribution({ programme: programme.code, dimension, options: dimensionOptions, rounds })
    },

    async reconciliation(
      programmeCode: string,
      programmeYear: number,
      toleranceOre: number,
    ): Promise<ReconciliationReport | undefined> {
      const programme = await findProgrammeYear(programmeCode, programmeYear)
      if (!programme) return undefined
      const [municipalities, ledger, responses] = await Promise.all([
        referenceRepository.listMunicipalities(knex),
        reportRepository.ledgerTotalsByMunicipality(knex, programme.id, programmeYear),
        reportRepository.currentResponseAmounts(knex, programme.id, programmeYear),
      ])
      return buildReconciliation({
        programme: programme.code,
        programmeYear,
        toleranceOre,
        municipalities,
        ledger,
        responses,
      })
    },

    async overview(): Promise<ProgrammeOverview[]> {
      const programmes = await referenceRepository.listProgrammes(knex)
      return Promise.all(
        programmes.map(async programme => {
          const [years, totals] = await Promise.all([
            referenceRepository.listProgrammeYears(knex, programme.id),
            reportRepository.totalsByYear(knex, programme.id),
          ])
          return {
            code: programme.code,
            nameSv: programme.nameSv,
            nameEn: programme.nameEn,
            currency: programme.currency,
            years: years.map(year => {
              const t = totals.find(row => row.programmeYear === year.programmeYear)
              return {
                programmeYear: year.programmeYear,
                surveyRound: surveyRoundOf(year.programmeYear),
                budgetOre: year.budgetOre,
                budgetLines: year.budgetLines,
                allocatedOre: t?.allocatedOre ?? 0,
                requisitionedOre: t?.requisitionedOre ?? 0,
                paidOre: t?.paidOre ?? 0,
                directGrantOre: t?.directGrantOre ?? 0,
                repaidOre: t?.repaidOre ?? 0,
                reportedRequisitionedOre: t?.reportedRequisitionedOre ?? 0,
                reportedSpentOre: t?.reportedSpentOre ?? 0,
                respondents: t?.respondents ?? 0,
              }
            }),
          }
        }),
      )
    },
  }
}

export type ReportService = ReturnType<typeof reportService>
