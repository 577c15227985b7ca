// The spending report (återrapportering) a municipality fills in the browser: a draft it may save and discard,
// submitting (the same rules as a row of the response file, plus the form's own), correcting (a new version), the
// history of versions with what changed, the receipt of each version, and who has submitted (the overview).
import type { Knex } from 'knex'
import { recordAudit } from '../data/auditRepository.ts'
import * as draftRepository from '../data/draftRepository.ts'
import * as referenceRepository from '../data/referenceRepository.ts'
import * as reportRepository from '../data/reportRepository.ts'
import { lockMunicipalityYear } from '../data/requisitionRepository.ts'
import * as responseRepository from '../data/responseRepository.ts'
import type { ResponseVersion } from '../data/responseRepository.ts'
import * as submissionRepository from '../data/submissionRepository.ts'
import { NO_LEDGER, type LedgerTotals } from '../domain/reconciliation.ts'
import { diffResponseVersions, responseHistory, type ResponseChange } from '../domain/responseDiff.ts'
import { responseContentHash } from '../domain/responseRow.ts'
import {
  draftProblems,
  emptyReportForm,
  offeredIn,
  readReportForm,
  reportFormFromResponse,
  validateReportForm,
  type FormProblem,
  type PersonalDataWarning,
  type ReportField,
  type ReportFormValues,
  type ReportKey,
} from '../domain/spendingReportForm.ts'
import { stockholmDate } from '../domain/stockholmTime.ts'
import { surveyRoundOf, type Dimension } from '../domain/types.ts'
import { renderReceipt, type ReceiptData } from '../pdf/receipt.ts'
import type { Clock } from './requisitionService.ts'

type Db = Knex | Knex.Transaction

export interface ReportTarget {
  programmeCode: string
  programmeYear: number
  municipalityCode: string
}

export interface OfferedOption {
  dimension: Dimension
  code: string
  labelSv: string
  labelEn: string
  freeText: boolean
}

export interface ReportPage {
  key: ReportKey
  municipality: { code: string; name: string }
  programmeName: { sv: string; en: string }
  surveyRound: number
  reportDeadline: string | null
  /** the options of the survey round, by dimension, in the survey's order */
  options: Record<Dimension, OfferedOption[]>
  draft: { values: ReportFormValues; updatedAt: Date; updatedBy: string } | null
  /** oldest first, each with what changed since the one before (null for the first) */
  versions: { version: ResponseVersion; changes: ResponseChange[] | null }[]
  current: ResponseVersion | null
  ledger: LedgerTotals
}

export type DraftResult = { ok: true } | { ok: false; problems: FormProblem<ReportField>[] }

export type SubmitReportResult =
  | { ok: true; version: number; unchanged: boolean }
  | {
      ok: false
      problems: FormProblem<ReportField>[]
      warnings: PersonalDataWarning[]
      /** the only thing in the way is text that looks like a personal identity number, not yet confirmed */
      needsConfirmation: boolean
    }

export interface SubmissionRow {
  municipalityCode: string
  municipality: string
  /** requisitioned according to the ledger: whoever requisitioned must report */
  requisitionedOre: number
  paidOre: number
  required: boolean
  status: 'submitted' | 'draft' | 'missing'
  draftUpdatedAt: Date | null
  versions: { version: number; createdAt: Date; createdBy: string; viaImport: boolean; late: boolean }[]
}

export interface SubmissionsOverview {
  programmeCode: string
  programmeName: { sv: string; en: string }
  programmeYear: number
  surveyRound: number
  reportDeadline: string | null
  rows: SubmissionRow[]
  counts: { municipalities: number; submitted: number; draft: number; missing: number; missingRequired: number }
}

const DIMENSION_LIST: Dimension[] = ['purposes', 'areas', 'usage_areas', 'unspent_reasons', 'goal_fulfilment']

/** What the audit log keeps of a submitted version. */
const versionAudit = (key: ReportKey, version: number, values: ReportFormValues) => ({
  programme: key.programmeCode,
  programmeYear: key.programmeYear,
  surveyRound: surveyRoundOf(key.programmeYear),
  municipalityCode: key.municipalityCode,
  version,
  answers: values,
})

export function spendingReportService(knex: Knex, clock: Clock = { now: () => new Date() }) {
  async function resolve(db: Db, target: ReportTarget) {
    const programme = await referenceRepository.findProgramme(db, target.programmeCode)
    if (!programme) return undefined
    const year = (await referenceRepository.listProgrammeYears(db, programme.id)).find(
      y => y.programmeYear === target.programmeYear,
    )
    if (!year) return undefined
    const municipality = (await referenceRepository.listMunicipalities(db)).find(
      m => m.code === target.municipalityCode,
    )
    if (!municipality) return undefined
    const key: ReportKey = {
      programmeCode: programme.code,
      programmeId: programme.id,
      programmeYear: target.programmeYear,
      municipalityCode: municipality.code,
    }
    return { programme, year, municipality, key }
  }

  /** The taxonomy as the form checks it: every option, with the rounds it was offered in. */
  const taxonomy = (db: Db) => referenceRepository.listTaxonomy(db)

  async function offeredOptions(db: Db, surveyRound: number): Promise<Record<Dimension, OfferedOption[]>> {
    const all = await taxonomy(db)
    const grouped = {} as Record<Dimension, OfferedOption[]>
    for (const dimension of DIMENSION_LIST) {
      grouped[dimension] = all
        .filter(option => option.dimension === dimension && offeredIn(option, surveyRound))
        .map(({ dimension: d, code, labelSv, labelEn, freeText }) => ({
          dimension: d,
          code,
          labelSv,
          labelEn,
          freeText,
        }))
    }
    return grouped
  }

  /** Everything the report pages show; undefined when the programme year or the municipality does not exist. */
  async function load(target: ReportTarget): Promise<ReportPage | undefined> {
    const resolved = await resolve(knex, target)
    if (!resolved) return undefined
    const { programme, year, municipality, key } = resolved
    const surveyRound = surveyRoundOf(key.programmeYear)
    const [options, draft, versions, totals] = await Promise.all([
      offeredOptions(knex, surveyRound),
      draftRepository.findDraft(knex, key),
      responseRepository.listResponseVersions(knex, key),
      reportRepository.ledgerTotalsByMunicipality(knex, key.programmeId, key.programmeYear),
    ])
    const ledger = totals.find(row => row.municipalityCode === key.municipalityCode)
    return {
      key,
      municipality: { code: municipality.code, name: municipality.name },
      programmeName: { sv: programme.nameSv, en: programme.nameEn },
      surveyRound,
      reportDeadline: year.reportDeadline,
      options,
      draft: draft
        ? { values: readReportForm(draft.answers), updatedAt: draft.updatedAt, updatedBy: draft.updatedBy }
        : null,
      versions: responseHistory(versions),
      current: versions.at(-1) ?? null,
      ledger: ledger ?? NO_LEDGER,
    }
  }

  return {
    load,

    /** What the form starts from: the draft, else the current version (to correct it), else nothing. */
    formValues(page: ReportPage): ReportFormValues {
      if (page.draft) return page.draft.values
      if (page.current) return reportFormFromResponse(page.current)
      return emptyReportForm()
    },

    /** Saves the form as it is as the draft; only unknown options and over-long texts are refused. */
    async saveDraft(target: ReportTarget, values: ReportFormValues, actor: string): Promise<DraftResult | undefined> {
      return knex.transaction(async trx => {
        const resolved = await resolve(trx, target)
        if (!resolved) return undefined
        const problems = draftProblems(values, await taxonomy(trx), resolved.key.programmeYear)
        if (problems.length > 0) return { ok: false as const, problems }
        await lockMunicipalityYear(trx, resolved.key)
        const before = await draftRepository.findDraft(trx, resolved.key)
        const draft = await draftRepository.saveDraft(trx, resolved.key, values, actor)
        await recordAudit(trx, {
          actor,
          action: 'report.draft_saved',
          entity: 'response_drafts',
          entityId: draft.id,
          before: before ? before.answers : undefined,
          after: {
            programme: resolved.key.programmeCode,
            programmeYear: resolved.key.programmeYear,
            municipalityCode: resolved.key.municipalityCode,
            answers: values,
          },
        })
        return { ok: true as const }
      })
    },

    /** Discards the draft; false when there was none. */
    async deleteDraft(target: ReportTarget, actor: string): Promise<boolean | undefined> {
      return knex.transaction(async trx => {
        const resolved = await resolve(trx, target)
        if (!resolved) return undefined
        await lockMunicipalityYear(trx, resolved.key)
        const deleted = await draftRepository.deleteDraft(trx, resolved.key)
        if (!deleted) return false
        await recordAudit(trx, {
          actor,
          action: 'report.draft_discarded',
          entity: 'response_drafts',
          entityId: deleted.id,
          before: deleted.answers,
        })
        return true
      })
    },

    /**
     * Submits the report: every rule of the form and of the response file; text that looks like a personal
     * identity number must be confirmed. A new version is written (the first, or a correction) and the draft
     * removed; an answer the same as the current version writes no version. Nothing is written on a problem.
     */
    async submit(
      target: ReportTarget,
      values: ReportFormValues,
      options: { actor: string; confirmedPersonalData: boolean },
    ): Promise<SubmitReportResult | undefined> {
      return knex.transaction(async trx => {
        const resolved = await resolve(trx, target)
        if (!resolved) return undefined
        const { key } = resolved
        const submittedOn = stockholmDate(clock.now())
        const checked = validateReportForm(values, key, await taxonomy(trx), submittedOn)
        if (!checked.ok) {
          return {
            ok: false as const,
            problems: checked.problems,
            warnings: checked.warnings,
            needsConfirmation: false,
          }
        }
        if (checked.warnings.length > 0 && !options.confirmedPersonalData) {
          return { ok: false as const, problems: [], warnings: checked.warnings, needsConfirmation: true }
        }
        await lockMunicipalityYear(trx, key)
        const current = (await responseRepository.listResponseVersions(trx, key)).at(-1)
        const draft = await draftRepository.deleteDraft(trx, key)
        // the same answers as the current version, only on another day: not a new version
        const unchanged =
          current !== undefined &&
          diffResponseVersions(current, checked.row).every(change => change.field === 'submittedOn')
        if (unchanged) {
          if (draft) {
            await recordAudit(trx, {
              actor: options.actor,
              action: 'report.draft_discarded',
              entity: 'response_drafts',
              entityId: draft.id,
              before: draft.answers,
              after: { reason: 'submitted unchanged', version: current.version },
            })
          }
          return { ok: true as const, version: current.version, unchanged: true }
        }
        const inserted = await responseRepository.insertResponseVersion(
          trx,
          { ...checked.row, line: 0, programmeId: key.programmeId, contentHash: responseContentHash(checked.row) },
          options.actor,
        )
        await recordAudit(trx, {
          actor: options.actor,
          action: inserted.version === 1 ? 'report.submitted' : 'report.corrected',
          entity: 'survey_responses',
          entityId: inserted.id,
          before: current ? { version: current.version, responseId: current.id } : undefined,
          after: { ...versionAudit(key, inserted.version, values), draftRemoved: draft !== undefined },
        })
        return { ok: true as const, version: inserted.version, unchanged: false }
      })
    },

    /** The receipt of one version as a PDF; undefined when there is no such version. */
    async receipt(target: ReportTarget, versionNumber: number): Promise<Buffer | undefined> {
      const page = await load(target)
      const entry = page?.versions.find(v => v.version.version === versionNumber)
      if (!page || !entry) return undefined
      const all = await taxonomy(knex)
      const label = (dimension: Dimension, code: string) =>
        all.find(o => o.dimension === dimension && o.code === code)?.labelSv ?? code
      // in the order the survey asks them (the taxonomy is sorted so)
      const labels = (dimension: Dimension, codes: readonly string[]) =>
        all.filter(o => o.dimension === dimension && codes.includes(o.code)).map(o => o.labelSv)
      const v = entry.version
      const data: ReceiptData = {
        municipality: page.municipality,
        programme: { code: page.key.programmeCode, name: page.programmeName.sv },
        programmeYear: page.key.programmeYear,
        surveyRound: page.surveyRound,
        version: v.version,
        createdAt: v.createdAt,
        createdBy: v.createdBy,
        viaImport: v.importId !== null,
        requisitionedOre: v.requisitionedOre,
        spentOre: v.spentOre,
        remainingOre: v.remainingOre,
        unspentReasons: labels('unspent_reasons', v.unspentReasons),
        otherReason: v.otherReason,
        purposes: labels('purposes', v.purposes),
        otherPurpose: v.otherPurpose,
        areas: labels('areas', v.areas),
        otherArea: v.otherArea,
        usageAreas: labels('usage_areas', v.usageAreas),
        otherUsage: v.otherUsage,
        goalFulfilment: v.goalFulfilment === null ? null : label('goal_fulfilment', v.goalFulfilment),
        comment: v.comment,
        changedFields: entry.changes?.map(change => change.column) ?? null,
      }
      return renderReceipt(data)
    },

    /** Every municipality, whether it has submitted for the programme year, and when each version came. */
    async submissions(programmeCode: string, programmeYear: number): Promise<SubmissionsOverview | undefined> {
      const programme = await referenceRepository.findProgramme(knex, programmeCode)
      if (!programme) return undefined
      const year = (await referenceRepository.listProgrammeYears(knex, programme.id)).find(
        y => y.programmeYear === programmeYear,
      )
      if (!year) return undefined
      const [municipalities, versions, drafts, ledger] = await Promise.all([
        referenceRepository.listMunicipalities(knex),
        submissionRepository.listSubmittedVersions(knex, programme.id, programmeYear),
        draftRepository.listDrafts(knex, programme.id, programmeYear),
        reportRepository.ledgerTotalsByMunicipality(knex, programme.id, programmeYear),
      ])
      const late = (createdAt: Date) => year.reportDeadline !== null && stockholmDate(createdAt) > year.reportDeadline
      const rows: SubmissionRow[] = municipalities.map(m => {
        const own = versions.filter(v => v.municipalityCode === m.code)
        const draft = drafts.find(d => d.municipalityCode === m.code)
        const totals = ledger.find(row => row.municipalityCode === m.code) ?? NO_LEDGER
        return {
          municipalityCode: m.code,
          municipality: m.name,
          requisitionedOre: totals.requisitionedOre,
          paidOre: totals.paidOre,
          required: totals.requisitionedOre > 0 || totals.paidOre > 0,
          status: own.length > 0 ? 'submitted' : draft ? 'draft' : 'missing',
          draftUpdatedAt: draft?.updatedAt ?? null,
          versions: own.map(v => ({
            version: v.version,
            createdAt: v.createdAt,
            createdBy: v.createdBy,
            viaImport: v.importId !== null,
            late: late(v.createdAt),
          })),
        }
      })
      const count = (predicate: (row: SubmissionRow) => boolean) => rows.filter(predicate).length
      return {
        programmeCode: programme.code,
        programmeName: { sv: programme.nameSv, en: programme.nameEn },
        programmeYear,
        surveyRound: surveyRoundOf(programmeYear),
        reportDeadline: year.reportDeadline,
        rows,
        counts: {
          municipalities: rows.length,
          submitted: count(row => row.status === 'submitted'),
          draft: count(row => row.status === 'draft'),
          missing: count(row => row.status !== 'submitted'),
          missingRequired: count(row => row.status !== 'submitted' && row.required),
        },
      }
    },
  }
}

export type SpendingReportService = ReturnType<typeof spendingReportService>
