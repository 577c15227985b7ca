// The spending report form's rules: each problem on its field, in page order; the survey round's options only;
// the import's own row check behind them; drafts refused only for what could never be saved.
import { expect } from 'chai'
import {
  draftProblems,
  emptyReportForm,
  formatFormAmount,
  personalDataWarnings,
  readReportForm,
  reportFormFromResponse,
  validateReportForm,
  type ReportFormValues,
  type ReportKey,
} from '../../../app/domain/spendingReportForm.ts'
import { readTaxonomy } from '../../../seeds/reference/index.ts'

const OPTIONS = readTaxonomy()
const KEY: ReportKey = {
  programmeCode: 'aldreomsorg-2020-2022',
  programmeId: 1,
  programmeYear: 2022,
  municipalityCode: '0114',
}

const complete = (changes: Partial<ReportFormValues> = {}): ReportFormValues => ({
  ...emptyReportForm(),
  requisitioned_sek: '1 000 000',
  spent_sek: '800 000,50',
  remaining_sek: '199999,50',
  unspent_reasons: ['tidsbrist'],
  purposes: ['kvalitet'],
  areas: ['hsl'],
  usage_areas: ['appar'],
  goal_fulfilment: 'hog',
  ...changes,
})

const validate = (values: ReportFormValues, key = KEY) => validateReportForm(values, key, OPTIONS, '2023-02-01')
const problemsOf = (values: ReportFormValues, key = KEY) => {
  const result = validate(values, key)
  return result.ok ? [] : result.problems.map(p => `${p.field}:${p.code}`)
}

describe('spending report form', () => {
  describe('readReportForm', () => {
    it('reads only the known fields; choices as lists, texts trimmed with their line breaks normalised', () => {
      const values = readReportForm({
        requisitioned_sek: ' 1 000 ',
        purposes: ['kvalitet', 'kvalitet', ' aktivitet '],
        areas: 'hsl',
        comment: 'rad 1\r\nrad 2  ',
        municipality_code: '0115',
        status: 'approved',
      })
      expect(values.requisitioned_sek).to.equal('1 000')
      expect(values.purposes).to.deep.equal(['kvalitet', 'aktivitet'])
      expect(values.areas).to.deep.equal(['hsl'])
      expect(values.comment).to.equal('rad 1\nrad 2')
      expect(values).not.to.have.property('municipality_code')
      expect(values).not.to.have.property('status')
    })

    it('reads a single field sent twice as empty', () => {
      expect(readReportForm({ spent_sek: ['1', '2'] }).spent_sek).to.equal('')
    })
  })

  describe('validateReportForm', () => {
    it('accepts a complete answer in Swedish number format and gives the row the import would give', () => {
      const result = validate(complete())
      expect(result.ok).to.equal(true)
      if (!result.ok) return
      expect(result.row).to.include({
        programmeCode: 'aldreomsorg-2020-2022',
        programmeYear: 2022,
        municipalityCode: '0114',
        submittedOn: '2023-02-01',
        requisitionedOre: 100_000_000,
        spentOre: 80_000_050,
        remainingOre: 19_999_950,
        goalFulfilment: 'hog',
      })
      expect(result.row.unspentReasons).to.deep.equal(['tidsbrist'])
    })

    it('needs remaining = requisitioned − spent, on the remaining field', () => {
      const result = validate(complete({ remaining_sek: '200 000' }))
      expect(result.ok).to.equal(false)
      if (result.ok) return
      expect(result.problems).to.deep.equal([
        {
          field: 'remaining_sek',
          code: 'remainingMismatch',
          params: { expectedOre: 19_999_950, requisitionedOre: 100_000_000, spentOre: 80_000_050 },
        },
      ])
    })

    it('names each missing or unreadable amount, and more spent than requisitioned', () => {
      expect(problemsOf(complete({ requisitioned_sek: '', spent_sek: '12 34', remaining_sek: 'x' }))).to.deep.equal([
        'requisitioned_sek:amountRequired',
        'spent_sek:amountInvalid',
        'remaining_sek:amountInvalid',
      ])
      expect(problemsOf(complete({ spent_sek: '1 000 001', remaining_sek: '0', unspent_reasons: [] }))).to.deep.equal([
        'spent_sek:spentOverRequisitioned',
      ])
    })

    it('asks for the reasons only when not all was spent', () => {
      expect(problemsOf(complete({ unspent_reasons: [] }))).to.deep.equal(['unspent_reasons:reasonsRequired'])
      expect(problemsOf(complete({ spent_sek: '1 000 000', remaining_sek: '0' }))).to.deep.equal([
        'unspent_reasons:reasonsNotAsked',
      ])
      expect(problemsOf(complete({ spent_sek: '1 000 000', remaining_sek: '0', unspent_reasons: [] }))).to.deep.equal(
        [],
      )
    })

    it('asks how the money was used when some was spent, and nothing of it when none was', () => {
      expect(problemsOf(complete({ purposes: [], areas: [], usage_areas: [], goal_fulfilment: '' }))).to.deep.equal([
        'purposes:choiceRequired',
        'areas:choiceRequired',
        'usage_areas:choiceRequired',
        'goal_fulfilment:goalRequired',
      ])
      const nothingSpent = complete({
        spent_sek: '0',
        remaining_sek: '1 000 000',
        purposes: [],
        areas: [],
        usage_areas: [],
        goal_fulfilment: '',
      })
      expect(problemsOf(nothingSpent)).to.deep.equal([])
    })

    it('needs the text of an "other" option, and no such text without the option', () => {
      expect(problemsOf(complete({ purposes: ['kvalitet', 'annat'] }))).to.deep.equal([
        'other_purpose:otherTextRequired',
      ])
      expect(problemsOf(complete({ purposes: ['kvalitet', 'annat'], other_purpose: 'Utbildning' }))).to.deep.equal([])
      expect(problemsOf(complete({ other_area: 'Något' }))).to.deep.equal(['other_area:otherTextWithoutOption'])
      expect(problemsOf(complete({ unspent_reasons: ['annat'] }))).to.deep.equal(['other_reason:otherTextRequired'])
    })

    it('accepts only the options offered in the survey round of the programme year', () => {
      // "aktivitet" came in survey round 2022; programme year 2020 is survey round 2021
      const year2020 = { ...KEY, programmeYear: 2020 }
      const result = validate(complete({ purposes: ['aktivitet'] }), year2020)
      expect(result.ok).to.equal(false)
      if (result.ok) return
      expect(result.problems).to.deep.equal([
        { field: 'purposes', code: 'optionNotOffered', params: { option: 'aktivitet', surveyRound: 2021 } },
      ])
      // "medicinskap" only in round 2023, "inkontinenssensorer" not any more in 2023
      expect(problemsOf(complete({ usage_areas: ['medicinskap'] }))).to.deep.equal([])
      expect(problemsOf(complete({ usage_areas: ['inkontinenssensorer'] }))).to.deep.equal([
        'usage_areas:optionNotOffered',
      ])
      expect(problemsOf(complete({ areas: ['nonsense'] }))).to.deep.equal(['areas:optionUnknown'])
      expect(problemsOf(complete({ goal_fulfilment: 'kanske' }))).to.deep.equal(['goal_fulfilment:optionUnknown'])
    })

    it('refuses a comment over 2 000 characters, counting a line break as one', () => {
      expect(problemsOf(complete({ comment: 'a'.repeat(2000) }))).to.deep.equal([])
      expect(problemsOf(complete({ comment: `${'a'.repeat(1000)}\r\n${'b'.repeat(999)}` }))).to.deep.equal([])
      const result = validate(complete({ comment: 'å'.repeat(2001) }))
      expect(result.ok).to.equal(false)
      if (result.ok) return
      expect(result.problems).to.deep.equal([
        { field: 'comment', code: 'textTooLong', params: { max: 2000, length: 2001 } },
      ])
    })

    it('lists the problems in the order of the page', () => {
      const fields = problemsOf(
        complete({
          comment: 'x'.repeat(2001),
          remaining_sek: '1',
          goal_fulfilment: '',
          requisitioned_sek: '1 000 000',
        }),
      )
      expect(fields).to.deep.equal([
        'remaining_sek:remainingMismatch',
        'goal_fulfilment:goalRequired',
        'comment:textTooLong',
      ])
    })

    it('warns about text that looks like a personal identity number, without refusing it', () => {
      const result = validate(complete({ comment: 'Fråga 811218-9876', other_reason: '' }))
      expect(result.ok).to.equal(true)
      expect(result.warnings).to.deep.equal([{ field: 'comment', matches: ['811218-9876'] }])
      expect(personalDataWarnings(complete({ other_area: '121212-1212' }))).to.deep.equal([
        { field: 'other_area', matches: ['121212-1212'] },
      ])
    })
  })

  describe('drafts', () => {
    it('may be incomplete and inconsistent', () => {
      expect(
        draftProblems({ ...emptyReportForm(), spent_sek: 'ungefär 5', remaining_sek: '7' }, OPTIONS, 2022),
      ).to.deep.equal([])
    })

    it('may not hold options of another round or over-long texts', () => {
      const problems = draftProblems(
        { ...emptyReportForm(), purposes: ['aktivitet'], comment: 'x'.repeat(2001) },
        OPTIONS,
        2020,
      ).map(p => `${p.field}:${p.code}`)
      expect(problems).to.deep.equal(['purposes:optionNotOffered', 'comment:textTooLong'])
    })
  })

  describe('a stored answer back in the form', () => {
    it('shows the amounts in Swedish format, which read back to the same öre', () => {
      expect(formatFormAmount(100_000_000)).to.equal('1 000 000')
      expect(formatFormAmount(2_000_050)).to.equal('20 000,50')
      expect(formatFormAmount(5)).to.equal('0,05')
      expect(formatFormAmount(null)).to.equal('')
      const result = validate(complete())
      if (!result.ok) throw new Error('expected a valid answer')
      const again = validate(reportFormFromResponse(result.row))
      expect(again.ok && again.row).to.deep.equal(result.row)
    })
  })
})
