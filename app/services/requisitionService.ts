// Requisitions (rekvisitioner) in the browser: a municipality asks for up to what is left of its allocation, by
// the requisition deadline, one open request at a time; the administrator approves (which writes a requisition
// entry in the ledger) or returns it with a reason. Every write leaves an audit row in its transaction.
import type { Knex } from 'knex'
import { recordAudit } from '../data/auditRepository.ts'
import * as referenceRepository from '../data/referenceRepository.ts'
import * as reportRepository from '../data/reportRepository.ts'
import * as requisitionRepository from '../data/requisitionRepository.ts'
import type { Requisition, RequisitionKey, RequisitionStatus } from '../data/requisitionRepository.ts'
import {
  availableOre,
  requisitionBlockers,
  validateRequisitionForm,
  type RequisitionField,
  type RequisitionFormValues,
  type RequisitionLimits,
} from '../domain/requisitionForm.ts'
import type { FormProblem } from '../domain/spendingReportForm.ts'
import { stockholmDate } from '../domain/stockholmTime.ts'

type Db = Knex | Knex.Transaction

export interface RequisitionTarget {
  programmeCode: string
  programmeYear: number
  municipalityCode: string
}

export interface RequisitionContext {
  key: RequisitionKey
  programmeCode: string
  programmeName: { sv: string; en: string }
  requisitionDeadline: string | null
  limits: RequisitionLimits
  availableOre: number
  /** why a requisition cannot be made now; empty when it can */
  blockers: FormProblem<RequisitionField>[]
  /** this municipality's requisitions for the programme year, newest first */
  requisitions: Requisition[]
}

export type SubmitResult =
  { ok: true; requisition: Requisition } | { ok: false; problems: FormProblem<RequisitionField>[] }

export type DecisionResult =
  | { ok: true; requisition: Requisition }
  | { ok: false; code: 'notOpen' | 'amountOverAllocation' | 'reasonRequired' | 'reasonTooLong' }

const REASON_MAX = 1000

export interface Clock {
  now: () => Date
}

const toAuditView = (r: Requisition) => ({
  programme: r.programmeCode,
  programmeYear: r.programmeYear,
  municipalityCode: r.municipalityCode,
  amountOre: r.amountOre,
  contactName: r.contactName,
  contactEmail: r.contactEmail,
  contactPhone: r.contactPhone,
  bankgiro: r.bankgiro,
  status: r.status,
  decisionReason: r.decisionReason,
  ledgerEntryId: r.ledgerEntryId,
})

export function requisitionService(knex: Knex, clock: Clock = { now: () => new Date() }) {
  /** The programme and year of the address, or undefined when the programme has no such year. */
  async function resolve(db: Db, target: RequisitionTarget) {
    const programme = await referenceRepository.findProgramme(db, target.programmeCode)
    if (!programme) return undefined
    const year = (await referenceRepository.listProgrammeYears(db, programme.id)).find(
      y => y.programmeYear === target.programmeYear,
    )
    if (!year) return undefined
    const municipalities = await referenceRepository.listMunicipalities(db)
    if (!municipalities.some(m => m.code === target.municipalityCode)) return undefined
    const key: RequisitionKey = {
      programmeId: programme.id,
      programmeYear: target.programmeYear,
      municipalityCode: target.municipalityCode,
    }
    return { programme, year, key }
  }

  async function limitsFor(db: Db, key: RequisitionKey, deadline: string | null): Promise<RequisitionLimits> {
    const totals = (await reportRepository.ledgerTotalsByMunicipality(db, key.programmeId, key.programmeYear)).find(
      row => row.municipalityCode === key.municipalityCode,
    )
    return {
      allocatedOre: totals?.allocatedOre ?? 0,
      requisitionedOre: totals?.requisitionedOre ?? 0,
      deadline,
      today: stockholmDate(clock.now()),
      hasOpenRequisition: await requisitionRepository.hasOpenRequisition(db, key),
    }
  }

  return {
    /** What the requisition page shows; undefined when the programme has no such year. */
    async context(target: RequisitionTarget): Promise<RequisitionContext | undefined> {
      const resolved = await resolve(knex, target)
      if (!resolved) return undefined
      const { programme, year, key } = resolved
      const limits = await limitsFor(knex, key, year.requisitionDeadline)
      return {
        key,
        programmeCode: programme.code,
        programmeName: { sv: programme.nameSv, en: programme.nameEn },
        requisitionDeadline: year.requisitionDeadline,
        limits,
        availableOre: availableOre(limits),
        blockers: requisitionBlockers(limits),
        requisitions: await requisitionRepository.listRequisitions(knex, key),
      }
    },

    /**
     * Checks the form against the allocation, the deadline and any open requisition, and stores the requisition.
     * Undefined when the programme has no such year; nothing is written when there is a problem.
     */
    async submit(
      target: RequisitionTarget,
      values: RequisitionFormValues,
      actor: string,
    ): Promise<SubmitResult | undefined> {
      return knex.transaction(async trx => {
        const resolved = await resolve(trx, target)
        if (!resolved) return undefined
        await requisitionRepository.lockMunicipalityYear(trx, resolved.key)
        const limits = await limitsFor(trx, resolved.key, resolved.year.requisitionDeadline)
        const checked = validateRequisitionForm(values, limits)
        if (!checked.ok) return checked
        const requisition = await requisitionRepository.insertRequisition(trx, {
          ...resolved.key,
          ...checked.input,
          submittedBy: actor,
        })
        await recordAudit(trx, {
          actor,
          action: 'requisition.submitted',
          entity: 'requisitions',
          entityId: requisition.id,
          after: toAuditView(requisition),
        })
        return { ok: true as const, requisition }
      })
    },

    /** One requisition, when it belongs to the municipality and programme year of the address. */
    async find(target: RequisitionTarget, id: number): Promise<Requisition | undefined> {
      const requisition = await requisitionRepository.findRequisition(knex, id)
      return requisition && belongsTo(requisition, target) ? requisition : undefined
    },

    /**
     * Approves an open requisition: a requisition entry (reference REQ-<id>, dated today) goes into the ledger in
     * the same transaction. Refused when it is no longer open or no longer fits the allocation.
     * Undefined when there is no such requisition for the address.
     */
    async approve(target: RequisitionTarget, id: number, actor: string): Promise<DecisionResult | undefined> {
      return knex.transaction(async trx => {
        const requisition = await requisitionRepository.findRequisitionForUpdate(trx, id)
        if (!requisition || !belongsTo(requisition, target)) return undefined
        if (requisition.status !== 'submitted') return { ok: false as const, code: 'notOpen' as const }
        await requisitionRepository.lockMunicipalityYear(trx, requisition)
        // the allocation may have changed since the municipality asked
        const totals = (
          await reportRepository.ledgerTotalsByMunicipality(trx, requisition.programmeId, requisition.programmeYear)
        ).find(row => row.municipalityCode === requisition.municipalityCode)
        const available = availableOre({
          allocatedOre: totals?.allocatedOre ?? 0,
          requisitionedOre: totals?.requisitionedOre ?? 0,
        })
        if (requisition.amountOre > available) {
          return { ok: false as const, code: 'amountOverAllocation' as const }
        }
        const reference = `REQ-${requisition.id}`
        const entryDate = stockholmDate(clock.now())
        const ledgerEntryId = await requisitionRepository.insertLedgerEntry(trx, {
          programmeId: requisition.programmeId,
          programmeYear: requisition.programmeYear,
          municipalityCode: requisition.municipalityCode,
          type: 'requisition',
          amountOre: requisition.amountOre,
          entryDate,
          reference,
          createdBy: actor,
        })
        await recordAudit(trx, {
          actor,
          action: 'ledger.entry_created',
          entity: 'ledger_entries',
          entityId: ledgerEntryId,
          after: {
            programme: requisition.programmeCode,
            programmeYear: requisition.programmeYear,
            municipalityCode: requisition.municipalityCode,
            type: 'requisition',
            amountOre: requisition.amountOre,
            date: entryDate,
            reference,
            requisitionId: requisition.id,
          },
        })
        const decided = await requisitionRepository.decideRequisition(trx, id, {
          status: 'approved',
          decidedBy: actor,
          reason: null,
          ledgerEntryId,
        })
        if (!decided) throw new Error(`requisition ${id} changed while it was being approved`)
        const after = (await requisitionRepository.findRequisition(trx, id))!
        await recordAudit(trx, {
          actor,
          action: 'requisition.approved',
          entity: 'requisitions',
          entityId: id,
          before: toAuditView(requisition),
          after: toAuditView(after),
        })
        return { ok: true as const, requisition: after }
      })
    },

    /** Returns an open requisition to the municipality with a reason; it may then send a new one. */
    async returnToMunicipality(
      target: RequisitionTarget,
      id: number,
      reasonText: string,
      actor: string,
    ): Promise<DecisionResult | undefined> {
      const reason = reasonText.trim()
      return knex.transaction(async trx => {
        const requisition = await requisitionRepository.findRequisitionForUpdate(trx, id)
        if (!requisition || !belongsTo(requisition, target)) return undefined
        if (requisition.status !== 'submitted') return { ok: false as const, code: 'notOpen' as const }
        if (reason === '') return { ok: false as const, code: 'reasonRequired' as const }
        if (reason.length > REASON_MAX) return { ok: false as const, code: 'reasonTooLong' as const }
        await requisitionRepository.decideRequisition(trx, id, {
          status: 'returned',
          decidedBy: actor,
          reason,
          ledgerEntryId: null,
        })
        const after = (await requisitionRepository.findRequisition(trx, id))!
        await recordAudit(trx, {
          actor,
          action: 'requisition.returned',
          entity: 'requisitions',
          entityId: id,
          before: toAuditView(requisition),
          after: toAuditView(after),
        })
        return { ok: true as const, requisition: after }
      })
    },

    /** Requisitions across every programme and municipality, newest first; by status when asked. */
    list: (filter: { status?: RequisitionStatus } = {}) => requisitionRepository.listRequisitions(knex, filter),

    /** This municipality's requisitions across every programme and year. */
    listForMunicipality: (municipalityCode: string) =>
      requisitionRepository.listRequisitions(knex, { municipalityCode }),
  }
}

function belongsTo(requisition: Requisition, target: RequisitionTarget): boolean {
  return (
    requisition.programmeCode === target.programmeCode &&
    requisition.programmeYear === target.programmeYear &&
    requisition.municipalityCode === target.municipalityCode
  )
}

export type RequisitionService = ReturnType<typeof requisitionService>
