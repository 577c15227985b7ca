// "My municipality": for each programme and programme year what the municipality was allocated, requisitioned,
// was paid, was paid directly, repaid, reported and may have to pay back; the deadlines that apply, and a calendar
// across every programme with what is due next on top.
import type { Knex } from 'knex'
import * as draftRepository from '../data/draftRepository.ts'
import * as referenceRepository from '../data/referenceRepository.ts'
import * as reportRepository from '../data/reportRepository.ts'
import * as requisitionRepository from '../data/requisitionRepository.ts'
import type { Requisition } from '../data/requisitionRepository.ts'
import * as responseRepository from '../data/responseRepository.ts'
import { deadlineCalendar, type CalendarEntry, type Deadline } from '../domain/deadlines.ts'
import { NO_LEDGER, reconcile, type LedgerTotals } from '../domain/reconciliation.ts'
import { availableOre, requisitionBlockers } from '../domain/requisitionForm.ts'
import { stockholmDate } from '../domain/stockholmTime.ts'
import { surveyRoundOf } from '../domain/types.ts'
import type { Clock } from './requisitionService.ts'

export interface MunicipalityYear extends LedgerTotals {
  programmeYear: number
  surveyRound: number
  requisitionDeadline: string | null
  reportDeadline: string | null
  /** the current version of the report, or null */
  reported: {
    version: number
    requisitionedOre: number | null
    spentOre: number | null
    remainingOre: number | null
    createdAt: Date
  } | null
  hasDraft: boolean
  /** what the administrator may claim back, as the reconciliation computes it */
  toReclaimOre: number
  availableOre: number
  openRequisition: Requisition | null
  /** a requisition may be sent now */
  canRequisition: boolean
  /** the municipality requisitioned, so it must report */
  reportRequired: boolean
}

export interface MunicipalityProgramme {
  code: string
  name: { sv: string; en: string }
  years: MunicipalityYear[]
}

export interface MunicipalityOverview {
  municipality: { code: string; name: string; county: string }
  today: string
  calendar: CalendarEntry[]
  programmes: MunicipalityProgramme[]
  requisitions: Requisition[]
}

export function municipalityService(knex: Knex, clock: Clock = { now: () => new Date() }) {
  return {
    /** The municipality's page; undefined when there is no such municipality. */
    async overview(municipalityCode: string): Promise<MunicipalityOverview | undefined> {
      const municipality = (await referenceRepository.listMunicipalities(knex)).find(m => m.code === municipalityCode)
      if (!municipality) return undefined
      const today = stockholmDate(clock.now())
      const requisitions = await requisitionRepository.listRequisitions(knex, { municipalityCode })
      const deadlines: Deadline[] = []
      const programmes: MunicipalityProgramme[] = []
      for (const programme of await referenceRepository.listProgrammes(knex)) {
        const years: MunicipalityYear[] = []
        for (const year of await referenceRepository.listProgrammeYears(knex, programme.id)) {
          const key = { programmeId: programme.id, programmeYear: year.programmeYear, municipalityCode }
          const [totals, versions, draft] = await Promise.all([
            reportRepository.ledgerTotalsByMunicipality(knex, programme.id, year.programmeYear),
            responseRepository.listResponseVersions(knex, key),
            draftRepository.findDraft(knex, key),
          ])
          const ledger = totals.find(row => row.municipalityCode === municipalityCode) ?? NO_LEDGER
          const current = versions.at(-1)
          const openRequisition =
            requisitions.find(
              r => r.programmeId === programme.id && r.programmeYear === year.programmeYear && r.status === 'submitted',
            ) ?? null
          const limits = {
            allocatedOre: ledger.allocatedOre,
            requisitionedOre: ledger.requisitionedOre,
            deadline: year.requisitionDeadline,
            today,
            hasOpenRequisition: openRequisition !== null,
          }
          const reportRequired = ledger.requisitionedOre > 0 || ledger.paidOre > 0
          years.push({
            ...ledger,
            programmeYear: year.programmeYear,
            surveyRound: surveyRoundOf(year.programmeYear),
            requisitionDeadline: year.requisitionDeadline,
            reportDeadline: year.reportDeadline,
            reported: current
              ? {
                  version: current.version,
                  requisitionedOre: current.requisitionedOre,
                  spentOre: current.spentOre,
                  remainingOre: current.remainingOre,
                  createdAt: current.createdAt,
                }
              : null,
            hasDraft: draft !== undefined,
            toReclaimOre: reconcile(ledger, current ?? null, 0).toReclaimOre,
            availableOre: availableOre(limits),
            openRequisition,
            canRequisition: requisitionBlockers(limits).length === 0,
            reportRequired,
          })
          const name = { programmeCode: programme.code, programmeName: programme.nameSv }
          if (year.requisitionDeadline !== null && ledger.allocatedOre > 0) {
            deadlines.push({
              ...name,
              programmeYear: year.programmeYear,
              kind: 'requisition',
              date: year.requisitionDeadline,
              done: ledger.requisitionedOre > 0 || openRequisition !== null,
              required: false,
            })
          }
          if (year.reportDeadline !== null) {
            deadlines.push({
              ...name,
              programmeYear: year.programmeYear,
              kind: 'report',
              date: year.reportDeadline,
              done: current !== undefined,
              required: reportRequired,
            })
          }
        }
        programmes.push({ code: programme.code, name: { sv: programme.nameSv, en: programme.nameEn }, years })
      }
      return {
        municipality: { code: municipality.code, name: municipality.name, county: municipality.county },
        today,
        calendar: deadlineCalendar(deadlines, today),
        programmes,
        requisitions,
      }
    },
  }
}

export type MunicipalityService = ReturnType<typeof municipalityService>
