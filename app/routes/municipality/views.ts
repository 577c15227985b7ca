// What the municipality area's templates are given: problems as messages with their field's anchor, the report
// form's fields with their options, and versions and their changes as text, in the page's language.
import type { ResponseVersion } from '../../data/responseRepository.ts'
import { formatBankgiro } from '../../domain/bankgiro.ts'
import type { ResponseChange } from '../../domain/responseDiff.ts'
import {
  AMOUNT_FIELDS,
  OTHER_TEXT_OF,
  type FormProblem,
  type PersonalDataWarning,
  type ReportField,
  type ReportFormValues,
} from '../../domain/spendingReportForm.ts'
import type { Dimension } from '../../domain/types.ts'
import { translate, type Locale } from '../../i18n/index.ts'
import type { ReportPage } from '../../services/spendingReportService.ts'
import { formatSek } from '../../views/helpers/formatSek.ts'

export interface ProblemView {
  field: string | null
  /** the link target in the error summary: the field's input, or its first option */
  anchor: string | null
  /** the message beside the field */
  text: string
  /** the message in the error summary, naming the field */
  summary: string
}

/** Amount parameters (…Ore) are written as the pages write money. */
function messageParams(params: Record<string, string | number> = {}): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => [
      name,
      name.endsWith('Ore') && typeof value === 'number' ? formatSek(value) : value,
    ]),
  )
}

export function problemViews(
  locale: Locale,
  prefix: string,
  problems: readonly FormProblem[],
  label: (field: string) => string,
  anchorOf: (field: string) => string = field => field,
): ProblemView[] {
  return problems.map(problem => {
    const text = translate(locale, `${prefix}.${problem.code}`, messageParams(problem.params))
    return {
      field: problem.field,
      anchor: problem.field === null ? null : anchorOf(problem.field),
      text,
      summary:
        problem.field === null
          ? text
          : translate(locale, 'municipality.errorSummary.item', { field: label(problem.field), message: text }),
    }
  })
}

export const bankgiroText = (digits: string) => formatBankgiro(digits)

const fieldLabel = (locale: Locale, field: string) => translate(locale, `municipality.report.field.${field}`)
const optionLabel = (locale: Locale, option: { labelSv: string; labelEn: string }) =>
  locale === 'en' ? option.labelEn : option.labelSv

const CHOICE_GROUPS = ['unspent_reasons', 'purposes', 'areas', 'usage_areas'] as const

export interface ReportFormState {
  values?: ReportFormValues
  problems?: FormProblem<ReportField>[]
  warnings?: PersonalDataWarning[]
  needsConfirmation?: boolean
}

/** The report form's fields, each with its value, its options and its problem; the error summary; the warning. */
export function reportFormView(locale: Locale, page: ReportPage, values: ReportFormValues, state: ReportFormState) {
  const options = page.options
  // a group of options is reached through its first option, as a label reaches its input
  const anchorOf = (field: string) => {
    if ((CHOICE_GROUPS as readonly string[]).includes(field) || field === 'goal_fulfilment') {
      const first = options[field as Dimension][0]
      return first ? `${field}-${first.code}` : field
    }
    return field
  }
  const problems = problemViews(
    locale,
    'municipality.report.error',
    state.problems ?? [],
    field => fieldLabel(locale, field),
    anchorOf,
  )
  const errorOf = (field: string) => problems.find(p => p.field === field)
  const textField = (name: ReportField, hintKey: string | undefined, multiline = false) => ({
    name,
    label: fieldLabel(locale, name),
    hint: hintKey ? translate(locale, hintKey) : undefined,
    value: values[name as keyof ReportFormValues] as string,
    error: errorOf(name),
    multiline,
  })
  const warnings = (state.warnings ?? []).map(warning =>
    translate(locale, 'municipality.report.personalData.item', {
      field: fieldLabel(locale, warning.field),
      matches: warning.matches.join(', '),
    }),
  )
  return {
    problems,
    warnings,
    needsConfirmation: state.needsConfirmation === true || warnings.length > 0,
    amounts: AMOUNT_FIELDS.map(name =>
      textField(
        name,
        name === 'remaining_sek' ? 'municipality.report.hint.remaining' : 'municipality.report.hint.amount',
      ),
    ),
    groups: CHOICE_GROUPS.map(name => ({
      name,
      legend: fieldLabel(locale, name),
      hint: translate(
        locale,
        name === 'unspent_reasons' ? 'municipality.report.hint.unspent_reasons' : 'municipality.report.hint.multi',
      ),
      error: errorOf(name),
      options: options[name].map(option => ({
        id: `${name}-${option.code}`,
        value: option.code,
        label: optionLabel(locale, option),
        checked: values[name].includes(option.code),
      })),
      other: textField(OTHER_TEXT_OF[name], 'municipality.report.hint.other'),
    })),
    goal: {
      name: 'goal_fulfilment',
      legend: fieldLabel(locale, 'goal_fulfilment'),
      error: errorOf('goal_fulfilment'),
      options: options.goal_fulfilment.map(option => ({
        id: `goal_fulfilment-${option.code}`,
        value: option.code,
        label: optionLabel(locale, option),
        checked: values.goal_fulfilment === option.code,
      })),
    },
    comment: textField('comment', 'municipality.report.hint.comment', true),
  }
}

/** The labels of the chosen options, in the order the survey asks them; "–" for none. */
function labelsOf(locale: Locale, page: ReportPage, dimension: Dimension, codes: readonly string[]): string {
  if (codes.length === 0) return '\u2013'
  const position = (code: string) => {
    const index = page.options[dimension].findIndex(o => o.code === code)
    return index === -1 ? Number.MAX_SAFE_INTEGER : index
  }
  return [...codes]
    .sort((a, b) => position(a) - position(b))
    .map(code => {
      const option = page.options[dimension].find(o => o.code === code)
      return option ? optionLabel(locale, option) : code
    })
    .join(', ')
}

const DIMENSION_OF: Record<string, Dimension> = {
  unspentReasons: 'unspent_reasons',
  purposes: 'purposes',
  areas: 'areas',
  usageAreas: 'usage_areas',
}

/** What changed between two versions, as rows of question, before and after. */
export function versionChanges(locale: Locale, changes: readonly ResponseChange[], page: ReportPage) {
  const text = (value: string) => (value === '' ? '\u2013' : value)
  return changes.map(change => {
    const label = fieldLabel(locale, change.column)
    switch (change.kind) {
      case 'amount':
        return { label, before: formatSek(change.before), after: formatSek(change.after) }
      case 'choices': {
        const dimension = DIMENSION_OF[change.field]
        return {
          label,
          before: labelsOf(locale, page, dimension, change.before),
          after: labelsOf(locale, page, dimension, change.after),
        }
      }
      case 'choice':
        return {
          label,
          before: labelsOf(locale, page, 'goal_fulfilment', change.before ? [change.before] : []),
          after: labelsOf(locale, page, 'goal_fulfilment', change.after ? [change.after] : []),
        }
      case 'date':
        return { label, before: text(change.before ?? ''), after: text(change.after ?? '') }
      case 'text':
        return { label, before: text(change.before), after: text(change.after) }
    }
  })
}

/** Every answer of a version, as rows of question and answer. */
export function versionAnswers(locale: Locale, version: ResponseVersion, page: ReportPage) {
  const text = (value: string) => (value === '' ? '\u2013' : value)
  const row = (field: string, value: string) => ({ label: fieldLabel(locale, field), value })
  return [
    row('submitted_on', text(version.submittedOn ?? '')),
    row('requisitioned_sek', formatSek(version.requisitionedOre)),
    row('spent_sek', formatSek(version.spentOre)),
    row('remaining_sek', formatSek(version.remainingOre)),
    row('unspent_reasons', labelsOf(locale, page, 'unspent_reasons', version.unspentReasons)),
    row('other_reason', text(version.otherReason)),
    row('purposes', labelsOf(locale, page, 'purposes', version.purposes)),
    row('other_purpose', text(version.otherPurpose)),
    row('areas', labelsOf(locale, page, 'areas', version.areas)),
    row('other_area', text(version.otherArea)),
    row('usage_areas', labelsOf(locale, page, 'usage_areas', version.usageAreas)),
    row('other_usage', text(version.otherUsage)),
    row(
      'goal_fulfilment',
      labelsOf(locale, page, 'goal_fulfilment', version.goalFulfilment ? [version.goalFulfilment] : []),
    ),
    row('comment', text(version.comment)),
  ]
}
