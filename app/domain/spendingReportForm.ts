// The spending report (återrapportering) as a web form: the fields as typed, the checks that give each field its
// message, and the same checks as a row of the survey-response CSV (validateResponseRecord), so that a form
// answer and an imported answer obey one set of rules.
import { formatOreAsKronor, parseAmountOre } from './amount.ts'
import { findPersonnummer } from './personnummer.ts'
import { CHOICE_SEPARATOR, validateResponseRecord } from './responseRow.ts'
import type { ImportContext } from './rowFields.ts'
import { surveyRoundOf, type Ore, type ResponseRow } from './types.ts'

export const AMOUNT_FIELDS = ['requisitioned_sek', 'spent_sek', 'remaining_sek'] as const
export const CHOICE_FIELDS = ['unspent_reasons', 'purposes', 'areas', 'usage_areas'] as const
export const OTHER_TEXT_FIELDS = ['other_reason', 'other_purpose', 'other_area', 'other_usage'] as const

/** The form's fields, in the order of the page (and of the error summary); named as the CSV columns. */
export const REPORT_FIELDS = [
  'requisitioned_sek',
  'spent_sek',
  'remaining_sek',
  'unspent_reasons',
  'other_reason',
  'purposes',
  'other_purpose',
  'areas',
  'other_area',
  'usage_areas',
  'other_usage',
  'goal_fulfilment',
  'comment',
] as const

export type ReportField = (typeof REPORT_FIELDS)[number]
type AmountField = (typeof AMOUNT_FIELDS)[number]
type ChoiceField = (typeof CHOICE_FIELDS)[number]
type OtherTextField = (typeof OTHER_TEXT_FIELDS)[number]

/** The "other, describe" text that belongs to each multi-select question. */
export const OTHER_TEXT_OF: Record<ChoiceField, OtherTextField> = {
  unspent_reasons: 'other_reason',
  purposes: 'other_purpose',
  areas: 'other_area',
  usage_areas: 'other_usage',
}

export const COMMENT_MAX_CHARACTERS = 2000
export const OTHER_TEXT_MAX_CHARACTERS = 500
/** An amount field of a draft may hold anything typed, but not a novel. */
const DRAFT_AMOUNT_MAX_CHARACTERS = 40

/** The form as typed: amounts as text, choices as option codes. */
export type ReportFormValues = Record<AmountField | OtherTextField | 'goal_fulfilment' | 'comment', string> &
  Record<ChoiceField, string[]>

/** A problem with one field (or with the whole form when field is null); code names the message. */
export interface FormProblem<F extends string = string> {
  field: F | null
  code: string
  params?: Record<string, string | number>
}

/** Text that looks like a personal identity number, by field. */
export interface PersonalDataWarning {
  field: ReportField
  matches: string[]
}

/** What the form needs to know about an answer option (referenceRepository's TaxonomyOption has it). */
export interface ReportOption {
  dimension: string
  code: string
  freeText: boolean
  /** null: offered in every survey round */
  surveyRounds: readonly number[] | null
}

export interface ReportKey {
  programmeCode: string
  programmeId: number
  programmeYear: number
  municipalityCode: string
}

export const offeredIn = (option: ReportOption, surveyRound: number): boolean =>
  option.surveyRounds === null || option.surveyRounds.includes(surveyRound)

export function emptyReportForm(): ReportFormValues {
  return {
    requisitioned_sek: '',
    spent_sek: '',
    remaining_sek: '',
    unspent_reasons: [],
    purposes: [],
    areas: [],
    usage_areas: [],
    goal_fulfilment: '',
    other_reason: '',
    other_purpose: '',
    other_area: '',
    other_usage: '',
    comment: '',
  }
}

const normaliseLineBreaks = (text: string) => text.replace(/\r\n?/g, '\n')
/** Characters as a person counts them: a line break is one, an emoji is one. */
export const characterCount = (text: string): number => [...normaliseLineBreaks(text)].length

/**
 * The form's fields from a request body (or a stored draft); anything else in it (a municipality code, a status)
 * is not read. A single field sent twice is not a single value and reads as empty.
 */
export function readReportForm(body: unknown): ReportFormValues {
  const source = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  const text = (name: string) => {
    const value = source[name]
    return typeof value === 'string' ? normaliseLineBreaks(value).trim() : ''
  }
  const codes = (name: string) => {
    const value = source[name]
    const list = Array.isArray(value) ? value : value === undefined ? [] : [value]
    return [
      ...new Set(list.filter((code): code is string => typeof code === 'string').map(code => code.trim())),
    ].filter(code => code !== '')
  }
  const values = emptyReportForm()
  for (const field of AMOUNT_FIELDS) values[field] = text(field)
  for (const field of OTHER_TEXT_FIELDS) values[field] = text(field)
  values.goal_fulfilment = text('goal_fulfilment')
  values.comment = text('comment')
  for (const field of CHOICE_FIELDS) values[field] = codes(field)
  return values
}

/** An amount as the form shows it: `1 000 000`, `20 000,50`. */
export function formatFormAmount(ore: Ore | null): string {
  if (ore === null) return ''
  const [kronor, decimals] = formatOreAsKronor(ore).split('.')
  const grouped = kronor.replace(/\B(?=(\d{3})+(?!\d))/g, ' ')
  return decimals === undefined ? grouped : `${grouped},${decimals}`
}

/** A stored answer as the form shows it, to be corrected. */
export function reportFormFromResponse(row: Omit<ResponseRow, 'programmeCode'>): ReportFormValues {
  return {
    requisitioned_sek: formatFormAmount(row.requisitionedOre),
    spent_sek: formatFormAmount(row.spentOre),
    remaining_sek: formatFormAmount(row.remainingOre),
    unspent_reasons: [...row.unspentReasons],
    purposes: [...row.purposes],
    areas: [...row.areas],
    usage_areas: [...row.usageAreas],
    goal_fulfilment: row.goalFulfilment ?? '',
    other_reason: row.otherReason,
    other_purpose: row.otherPurpose,
    other_area: row.otherArea,
    other_usage: row.otherUsage,
    comment: row.comment,
  }
}

/** Collects at most one problem per field: the first found is the one the person needs to fix first. */
class Problems {
  readonly list: FormProblem<ReportField>[] = []

  /** field null: a problem with the whole form, listed last */
  add(field: ReportField | null, code: string, params?: Record<string, string | number>): void {
    if (field === null || !this.has(field)) this.list.push({ field, code, ...(params ? { params } : {}) })
  }

  has(field: ReportField): boolean {
    return this.list.some(problem => problem.field === field)
  }

  /** In the order of the fields on the page. */
  sorted(): FormProblem<ReportField>[] {
    const position = (field: ReportField | null) =>
      field === null ? REPORT_FIELDS.length : REPORT_FIELDS.indexOf(field)
    return [...this.list].sort((a, b) => position(a.field) - position(b.field))
  }
}

/** Unknown options and options not offered in the survey round, and texts that are too long. */
function checkShape(
  values: ReportFormValues,
  options: readonly ReportOption[],
  surveyRound: number,
  problems: Problems,
) {
  const checkCode = (field: ChoiceField | 'goal_fulfilment', code: string) => {
    const option = options.find(o => o.dimension === field && o.code === code)
    if (!option) problems.add(field, 'optionUnknown', { option: code })
    else if (!offeredIn(option, surveyRound)) problems.add(field, 'optionNotOffered', { option: code, surveyRound })
  }
  for (const field of CHOICE_FIELDS) for (const code of values[field]) checkCode(field, code)
  if (values.goal_fulfilment !== '') checkCode('goal_fulfilment', values.goal_fulfilment)
  for (const field of OTHER_TEXT_FIELDS) {
    const length = characterCount(values[field])
    if (length > OTHER_TEXT_MAX_CHARACTERS) {
      problems.add(field, 'textTooLong', { max: OTHER_TEXT_MAX_CHARACTERS, length })
    }
  }
  const commentLength = characterCount(values.comment)
  if (commentLength > COMMENT_MAX_CHARACTERS) {
    problems.add('comment', 'textTooLong', { max: COMMENT_MAX_CHARACTERS, length: commentLength })
  }
}

/** What a draft must satisfy to be saved: known options of the round, texts within their limits. */
export function draftProblems(
  values: ReportFormValues,
  options: readonly ReportOption[],
  programmeYear: number,
): FormProblem<ReportField>[] {
  const problems = new Problems()
  checkShape(values, options, surveyRoundOf(programmeYear), problems)
  for (const field of AMOUNT_FIELDS) {
    if (values[field].length > DRAFT_AMOUNT_MAX_CHARACTERS)
      problems.add(field, 'amountInvalid', { value: values[field] })
  }
  return problems.sorted()
}

/** Free texts that look like they hold a personal identity number. */
export function personalDataWarnings(values: ReportFormValues): PersonalDataWarning[] {
  const fields: ReportField[] = [...OTHER_TEXT_FIELDS, 'comment']
  return fields.flatMap(field => {
    const matches = findPersonnummer(values[field as OtherTextField | 'comment']).map(match => match.text)
    return matches.length > 0 ? [{ field, matches }] : []
  })
}

/** The form as a survey-response CSV record, for the import's own row check. */
function toCsvRecord(values: ReportFormValues, key: ReportKey, submittedOn: string): Record<string, string> {
  const record: Record<string, string> = {
    programme_code: key.programmeCode,
    programme_year: String(key.programmeYear),
    municipality_code: key.municipalityCode,
    submitted_on: submittedOn,
    goal_fulfilment: values.goal_fulfilment,
    comment: values.comment,
  }
  for (const field of AMOUNT_FIELDS) record[field] = values[field]
  for (const field of OTHER_TEXT_FIELDS) record[field] = values[field]
  for (const field of CHOICE_FIELDS) record[field] = values[field].join(CHOICE_SEPARATOR)
  return record
}

function importContextFor(key: ReportKey, options: readonly ReportOption[]): ImportContext {
  const taxonomy = new Map<string, Map<string, readonly number[] | null>>()
  for (const option of options) {
    if (!taxonomy.has(option.dimension)) taxonomy.set(option.dimension, new Map())
    taxonomy.get(option.dimension)!.set(option.code, option.surveyRounds)
  }
  return {
    municipalityCodes: new Set([key.municipalityCode]),
    programmes: new Map([[key.programmeCode, { id: key.programmeId, years: [key.programmeYear] }]]),
    taxonomy,
  }
}

export type ReportValidation =
  | { ok: true; row: ResponseRow; warnings: PersonalDataWarning[] }
  | { ok: false; problems: FormProblem<ReportField>[]; warnings: PersonalDataWarning[] }

/**
 * Every rule a submitted report must meet: all three amounts, remaining = requisitioned − spent, the reasons when
 * not all was spent, the use of the money when some was, "other" with its text, the texts within their limits,
 * only the options of the survey round; then the CSV row's own checks. `submittedOn` is the day of submitting.
 */
export function validateReportForm(
  values: ReportFormValues,
  key: ReportKey,
  options: readonly ReportOption[],
  submittedOn: string,
): ReportValidation {
  const surveyRound = surveyRoundOf(key.programmeYear)
  const problems = new Problems()
  const warnings = personalDataWarnings(values)

  const amount = (field: AmountField): Ore | undefined => {
    const text = values[field]
    if (text === '') {
      problems.add(field, 'amountRequired')
      return undefined
    }
    const parsed = parseAmountOre(text)
    if (!parsed.ok) {
      problems.add(field, 'amountInvalid', { value: text })
      return undefined
    }
    return parsed.ore
  }
  const requisitioned = amount('requisitioned_sek')
  const spent = amount('spent_sek')
  const remaining = amount('remaining_sek')
  if (requisitioned !== undefined && spent !== undefined && spent > requisitioned) {
    problems.add('spent_sek', 'spentOverRequisitioned', { spentOre: spent, requisitionedOre: requisitioned })
  } else if (
    requisitioned !== undefined &&
    spent !== undefined &&
    remaining !== undefined &&
    remaining !== requisitioned - spent
  ) {
    problems.add('remaining_sek', 'remainingMismatch', {
      expectedOre: requisitioned - spent,
      requisitionedOre: requisitioned,
      spentOre: spent,
    })
  }

  checkShape(values, options, surveyRound, problems)

  const amountsKnown = requisitioned !== undefined && spent !== undefined
  if (amountsKnown) {
    const allSpent = spent >= requisitioned
    if (!allSpent && values.unspent_reasons.length === 0) problems.add('unspent_reasons', 'reasonsRequired')
    if (allSpent && values.unspent_reasons.length > 0) problems.add('unspent_reasons', 'reasonsNotAsked')
    if (spent > 0) {
      for (const field of ['purposes', 'areas', 'usage_areas'] as const) {
        if (values[field].length === 0) problems.add(field, 'choiceRequired')
      }
      if (values.goal_fulfilment === '') problems.add('goal_fulfilment', 'goalRequired')
    }
  }

  for (const field of CHOICE_FIELDS) {
    const textField = OTHER_TEXT_OF[field]
    const freeTextChosen = values[field].some(code =>
      options.some(o => o.dimension === field && o.code === code && o.freeText),
    )
    if (freeTextChosen && values[textField] === '') problems.add(textField, 'otherTextRequired')
    if (!freeTextChosen && values[textField] !== '') problems.add(textField, 'otherTextWithoutOption')
  }

  // the import's own rules over the same answer: whatever they find that the form's checks did not is shown too
  const checked = validateResponseRecord(1, toCsvRecord(values, key, submittedOn), importContextFor(key, options))
  if (!checked.ok) {
    for (const problem of checked.problems) {
      const field = (REPORT_FIELDS as readonly string[]).includes(problem.column)
        ? (problem.column as ReportField)
        : null
      problems.add(field, 'invalid', { message: `${problem.column}: ${problem.message}` })
    }
  }

  if (problems.list.length > 0 || !checked.ok) return { ok: false, problems: problems.sorted(), warnings }
  return { ok: true, row: checked.row, warnings }
}
