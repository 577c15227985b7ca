// A requisition (rekvisition) as a web form, and the rules that decide whether a municipality may requisition:
// up to what is left of its allocation, by the programme year's requisition deadline, one open request at a time.
import { parseAmountOre } from './amount.ts'
import { parseBankgiro } from './bankgiro.ts'
import type { FormProblem } from './spendingReportForm.ts'
import type { Ore } from './types.ts'

export const REQUISITION_FIELDS = ['amount_sek', 'contact_name', 'contact_email', 'contact_phone', 'bankgiro'] as const
export type RequisitionField = (typeof REQUISITION_FIELDS)[number]
export type RequisitionFormValues = Record<RequisitionField, string>

export interface RequisitionInput {
  amountOre: Ore
  contactName: string
  contactEmail: string
  contactPhone: string
  /** digits only */
  bankgiro: string
}

/** Where the municipality stands for the programme year when it asks. */
export interface RequisitionLimits {
  /** the sum of the effective allocation entries */
  allocatedOre: Ore
  /** the sum of the effective requisition entries: what has already been granted */
  requisitionedOre: Ore
  /** YYYY-MM-DD, the last day a requisition is accepted; null: no deadline */
  deadline: string | null
  /** today in Stockholm, YYYY-MM-DD */
  today: string
  /** a requisition already submitted and not yet decided */
  hasOpenRequisition: boolean
}

const CONTACT_NAME_MAX = 200
const CONTACT_PHONE_MAX = 50
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/

export function readRequisitionForm(body: unknown): RequisitionFormValues {
  const source = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  const values = {} as RequisitionFormValues
  for (const field of REQUISITION_FIELDS) {
    const value = source[field]
    values[field] = typeof value === 'string' ? value.trim() : ''
  }
  return values
}

/** What may still be requisitioned: the allocation less what has been granted, never below 0. */
export const availableOre = (limits: Pick<RequisitionLimits, 'allocatedOre' | 'requisitionedOre'>): Ore =>
  Math.max(0, limits.allocatedOre - limits.requisitionedOre)

/**
 * Why no requisition can be made at all (no allocation left, the deadline passed, one already open), before any
 * field is looked at; an empty list when one may be made.
 */
export function requisitionBlockers(limits: RequisitionLimits): FormProblem<RequisitionField>[] {
  const blockers: FormProblem<RequisitionField>[] = []
  if (limits.deadline !== null && limits.today > limits.deadline) {
    blockers.push({ field: null, code: 'deadlinePassed', params: { deadline: limits.deadline } })
  }
  if (limits.hasOpenRequisition) blockers.push({ field: null, code: 'openExists' })
  if (limits.allocatedOre === 0) blockers.push({ field: null, code: 'noAllocation' })
  else if (availableOre(limits) === 0) {
    blockers.push({ field: null, code: 'allocationUsed', params: { allocatedOre: limits.allocatedOre } })
  }
  return blockers
}

export type RequisitionValidation =
  { ok: true; input: RequisitionInput } | { ok: false; problems: FormProblem<RequisitionField>[] }

export function validateRequisitionForm(
  values: RequisitionFormValues,
  limits: RequisitionLimits,
): RequisitionValidation {
  const problems: FormProblem<RequisitionField>[] = [...requisitionBlockers(limits)]
  const problem = (field: RequisitionField, code: string, params?: Record<string, string | number>) =>
    problems.push({ field, code, ...(params ? { params } : {}) })

  let amountOre: Ore | undefined
  if (values.amount_sek === '') problem('amount_sek', 'amountRequired')
  else {
    const parsed = parseAmountOre(values.amount_sek)
    if (!parsed.ok) problem('amount_sek', 'amountInvalid', { value: values.amount_sek })
    else if (parsed.ore === 0) problem('amount_sek', 'amountZero')
    else if (limits.allocatedOre > 0 && parsed.ore > availableOre(limits)) {
      problem('amount_sek', 'amountOverAllocation', {
        amountOre: parsed.ore,
        availableOre: availableOre(limits),
        allocatedOre: limits.allocatedOre,
      })
    } else amountOre = parsed.ore
  }

  if (values.contact_name === '') problem('contact_name', 'contactNameRequired')
  else if (values.contact_name.length > CONTACT_NAME_MAX) problem('contact_name', 'tooLong', { max: CONTACT_NAME_MAX })

  if (values.contact_email === '') problem('contact_email', 'contactEmailRequired')
  else if (!EMAIL.test(values.contact_email)) problem('contact_email', 'contactEmailInvalid')

  if (values.contact_phone.length > CONTACT_PHONE_MAX) problem('contact_phone', 'tooLong', { max: CONTACT_PHONE_MAX })
  else if (values.contact_phone !== '' && !/^[\d\s()+-]+$/.test(values.contact_phone)) {
    problem('contact_phone', 'contactPhoneInvalid')
  }

  const bankgiro = parseBankgiro(values.bankgiro)
  if (!bankgiro.ok) problem('bankgiro', `bankgiro.${bankgiro.problem}`)

  if (problems.length > 0 || amountOre === undefined || !bankgiro.ok) return { ok: false, problems }
  return {
    ok: true,
    input: {
      amountOre,
      contactName: values.contact_name,
      contactEmail: values.contact_email.toLowerCase(),
      contactPhone: values.contact_phone,
      bankgiro: bankgiro.digits,
    },
  }
}
