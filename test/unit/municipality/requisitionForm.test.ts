// The requisition form: up to what is left of the allocation, by the deadline, one open at a time, a valid
// bankgiro number and a contact person.
import { expect } from 'chai'
import {
  availableOre,
  readRequisitionForm,
  requisitionBlockers,
  validateRequisitionForm,
  type RequisitionFormValues,
  type RequisitionLimits,
} from '../../../app/domain/requisitionForm.ts'

const LIMITS: RequisitionLimits = {
  allocatedOre: 100_000_000,
  requisitionedOre: 40_000_000,
  deadline: '2024-09-30',
  today: '2024-09-30',
  hasOpenRequisition: false,
}

const form = (changes: Partial<RequisitionFormValues> = {}): RequisitionFormValues => ({
  amount_sek: '600 000',
  contact_name: 'Anna Andersson',
  contact_email: 'Anna.Andersson@kommun.example',
  contact_phone: '08-123 456 78',
  bankgiro: '5050-1055',
  ...changes,
})

const codes = (values: RequisitionFormValues, limits = LIMITS) => {
  const result = validateRequisitionForm(values, limits)
  return result.ok ? [] : result.problems.map(p => `${p.field ?? 'form'}:${p.code}`)
}

describe('requisition form', () => {
  it('accepts what is left of the allocation on the last day', () => {
    const result = validateRequisitionForm(form(), LIMITS)
    expect(result).to.deep.equal({
      ok: true,
      input: {
        amountOre: 60_000_000,
        contactName: 'Anna Andersson',
        contactEmail: 'anna.andersson@kommun.example',
        contactPhone: '08-123 456 78',
        bankgiro: '50501055',
      },
    })
  })

  it('refuses more than is left of the allocation', () => {
    const result = validateRequisitionForm(form({ amount_sek: '600 000,01' }), LIMITS)
    expect(result).to.deep.equal({
      ok: false,
      problems: [
        {
          field: 'amount_sek',
          code: 'amountOverAllocation',
          params: { amountOre: 60_000_001, availableOre: 60_000_000, allocatedOre: 100_000_000 },
        },
      ],
    })
  })

  it('refuses after the deadline, a second open requisition, and without an allocation', () => {
    expect(codes(form(), { ...LIMITS, today: '2024-10-01' })).to.deep.equal(['form:deadlinePassed'])
    expect(codes(form(), { ...LIMITS, hasOpenRequisition: true })).to.deep.equal(['form:openExists'])
    expect(codes(form(), { ...LIMITS, allocatedOre: 0, requisitionedOre: 0 })).to.deep.equal(['form:noAllocation'])
    expect(codes(form(), { ...LIMITS, requisitionedOre: 100_000_000 })[0]).to.equal('form:allocationUsed')
    expect(codes(form(), { ...LIMITS, deadline: null, today: '2099-01-01' })).to.deep.equal([])
  })

  it('names every field that is wrong', () => {
    expect(
      codes(
        form({
          amount_sek: '0',
          contact_name: '',
          contact_email: 'anna',
          contact_phone: 'ring mig',
          bankgiro: '5050-1056',
        }),
      ),
    ).to.deep.equal([
      'amount_sek:amountZero',
      'contact_name:contactNameRequired',
      'contact_email:contactEmailInvalid',
      'contact_phone:contactPhoneInvalid',
      'bankgiro:bankgiro.checkDigit',
    ])
    expect(codes(form({ amount_sek: '', contact_email: '', bankgiro: '' }))).to.deep.equal([
      'amount_sek:amountRequired',
      'contact_email:contactEmailRequired',
      'bankgiro:bankgiro.missing',
    ])
    expect(codes(form({ amount_sek: '-5' }))).to.deep.equal(['amount_sek:amountInvalid'])
  })

  it('blockers and what is available', () => {
    expect(requisitionBlockers(LIMITS)).to.deep.equal([])
    expect(availableOre({ allocatedOre: 5, requisitionedOre: 7 })).to.equal(0)
  })

  it('reads only its own fields from a request body', () => {
    const values = readRequisitionForm({ amount_sek: ' 5 ', municipality_code: '0115', status: 'approved' })
    expect(values).to.deep.equal({
      amount_sek: '5',
      contact_name: '',
      contact_email: '',
      contact_phone: '',
      bankgiro: '',
    })
  })
})
