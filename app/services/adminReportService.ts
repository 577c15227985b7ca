// The administrator's workspace, read side: the programme-year dashboard, the reconciliation table with county and
// size group, and one municipality's year (every ledger entry, every response version and what changed, its issues).
// Nothing here writes.
import type { Knex } from 'knex'
import { importFileNames } from '../data/importRepository.ts'
import { listLedgerEntries, type LedgerEntry } from '../data/ledgerRepository.ts'
import { populationFor } from '../data/populationRepository.ts'
import * as referenceRepository from '../data/referenceRepository.ts'
import type { Municipality, ProgrammeYear, TaxonomyOption } from '../data/referenceRepository.ts'
import { listResponseVersions, type ResponseVersion } from '../data/responseRepository.ts'
import { dashboardFigures, type DashboardFigures } from '../domain/dashboard.ts'
import { UNKNOWN_SIZE_GROUP, type ReconciliationTableRow } from '../domain/reconciliationTable.ts'
import type { ReconciliationRow, ReconciliationStatus, SummaryReport } from '../domain/reportTypes.ts'
import { responseHistory, type ResponseChange } from '../domain/responseDiff.ts'
import { sizeGroupOf, type SizeGroup } from '../domain/sizeGroups.ts'
import { surveyRoundOf } from '../domain/types.ts'
import { readSizeGroups } from '../../seeds/reference/index.ts'
import { reportService } from './reportService.ts'

export interface County {
  code: string
  name: string
}

export interface ProgrammeYearDashboard extends DashboardFigures {
  programme: string
  programmeYear: number
  surveyRound: number
  toleranceOre: number
  budgetOre: number
  summary: SummaryReport
  /** municipalities in the reconciliation (with a ledger entry or a response for the year) */
  municipalityCount: number
  countsByStatus: Partial<Record<ReconciliationStatus, number>>
}

export interface ReconciliationTable {
  programme: string
  programmeYear: number
  toleranceOre: number
  rows: ReconciliationTableRow[]
  countsByStatus: Partial<Record<ReconciliationStatus, number>>
  counties: County[]
  sizeGroups: SizeGroup[]
}

export interface MunicipalityYear {
  programme: string
  programmeYear: number
  surveyRound: number
  toleranceOre: number
  municipality: Municipality
  population: number | null
  sizeGroup: SizeGroup | null
  entries: LedgerEntry[]
  /** oldest first, each with what changed since the one before (null for the first) and the file it came in */
  versions: { version: ResponseVersion; changes: ResponseChange[] | null; importFileName: string | null }[]
  /** null when the municipality has neither a ledger entry nor a response for the year */
  reconciliation: ReconciliationRow | null
  taxonomy: TaxonomyOption[]
}

/** The evaluator's size groups of the published report (seeds/reference/taxonomy.json). */
export function defaultSizeGroups(): SizeGroup[] {
  return readSizeGroups().map(group => ({ code: group.code, labelSv: group.labelSv, min: group.min, max: group.max }))
}

export function adminReportService(knex: Knex) {
  const reports = reportService(knex)

  async function programmeYearOf(
    programmeCode: string,
    programmeYear: number,
  ): Promise<{ id: number; code: string; year: ProgrammeYear } | undefined> {
    const programme = await referenceRepository.findProgramme(knex, programmeCode)
    if (!programme) return undefined
    const years = await referenceRepository.listProgrammeYears(knex, programme.id)
    const year = years.find(y => y.programmeYear === programmeYear)
    return year ? { id: programme.id, code: programme.code, year } : undefined
  }

  return {
    async dashboard(
      programmeCode: string,
      programmeYear: number,
      toleranceOre: number,
    ): Promise<ProgrammeYearDashboard | undefined> {
      const found = await programmeYearOf(programmeCode, programmeYear)
      if (!found) return undefined
      const [summary, reconciliation] = await Promise.all([
        reports.summary(found.code, programmeYear),
        reports.reconciliation(found.code, programmeYear, toleranceOre),
      ])
      if (!summary || !reconciliation) return undefined
      const toReclaimOre = reconciliation.rows.reduce((sum, row) => sum + row.toReclaimOre, 0)
      return {
        programme: found.code,
        programmeYear,
        surveyRound: surveyRoundOf(programmeYear),
        toleranceOre,
        budgetOre: found.year.budgetOre,
        summary,
        municipalityCount: reconciliation.rows.length,
        countsByStatus: reconciliation.countsByStatus,
        ...dashboardFigures({
          budgetOre: found.year.budgetOre,
          budgetLines: found.year.budgetLines,
          summary,
          toReclaimOre,
        }),
      }
    },

    async reconciliationTable(
      programmeCode: string,
      programmeYear: number,
      toleranceOre: number,
    ): Promise<ReconciliationTable | undefined> {
      const report = await reports.reconciliation(programmeCode, programmeYear, toleranceOre)
      if (!report) return undefined
      const [municipalities, population] = await Promise.all([
        referenceRepository.listMunicipalities(knex),
        populationFor(knex, programmeYear),
      ])
      const groups = defaultSizeGroups()
      const byCode = new Map(municipalities.map(m => [m.code, m]))
      const counties = new Map(municipalities.map(m => [m.countyCode, m.county]))
      return {
        programme: report.programme,
        programmeYear,
        toleranceOre,
        rows: report.rows.map(row => {
          const inhabitants = population.get(row.municipalityCode)
          return {
            ...row,
            county: byCode.get(row.municipalityCode)?.county ?? '',
            population: inhabitants ?? null,
            sizeGroup: sizeGroupOf(inhabitants, groups)?.code ?? UNKNOWN_SIZE_GROUP,
          }
        }),
        countsByStatus: report.countsByStatus,
        counties: [...counties].map(([code, name]) => ({ code, name })).sort((a, b) => (a.code < b.code ? -1 : 1)),
        sizeGroups: groups,
      }
    },

    async municipalityYear(
      programmeCode: string,
      programmeYear: number,
      municipalityCode: string,
      toleranceOre: number,
    ): Promise<MunicipalityYear | undefined> {
      const found = await programmeYearOf(programmeCode, programmeYear)
      if (!found) return undefined
      const municipalities = await referenceRepository.listMunicipalities(knex)
      const municipality = municipalities.find(m => m.code === municipalityCode)
      if (!municipality) return undefined
      const key = { programmeId: found.id, programmeYear, municipalityCode }
      const [entries, versions, report, population, taxonomy] = await Promise.all([
        listLedgerEntries(knex, found.id, programmeYear, municipalityCode),
        listResponseVersions(knex, key),
        reports.reconciliation(found.code, programmeYear, toleranceOre),
        populationFor(knex, programmeYear),
        referenceRepository.listTaxonomy(knex),
      ])
      const inhabitants = population.get(municipalityCode)
      const fileNames = await importFileNames(
        knex,
        versions.flatMap(v => (v.importId === null ? [] : [Number(v.importId)])),
      )
      return {
        programme: found.code,
        programmeYear,
        surveyRound: surveyRoundOf(programmeYear),
        toleranceOre,
        municipality,
        population: inhabitants ?? null,
        sizeGroup: sizeGroupOf(inhabitants, defaultSizeGroups()) ?? null,
        entries,
        versions: responseHistory(versions).map(item => ({
          ...item,
          importFileName:
            item.version.importId === null ? null : (fileNames.get(Number(item.version.importId)) ?? null),
        })),
        reconciliation: report?.rows.find(row => row.municipalityCode === municipalityCode) ?? null,
        taxonomy,
      }
    },
  }
}

export type AdminReportService = ReturnType<typeof adminReportService>
