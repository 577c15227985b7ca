// One survey-response CSV record checked against the reference data and the options offered in its survey
// round: a ResponseRow or its problems. Also the content hash that tells a changed answer from the same one.
import { createHash } from 'node:crypto'
import { surveyRoundOf, type MultiDimension, type ResponseRow } from './types.ts'
import {
  readAmount,
  readDate,
  readMunicipalityCode,
  readProgramme,
  readProgrammeYear,
  RowCheck,
  type ImportContext,
  type RowResult,
} from './rowFields.ts'

export const RESPONSE_COLUMNS = [
  'programme_code',
  'programme_year',
  'municipality_code',
  'submitted_on',
  'requisitioned_sek',
  'spent_sek',
  'remaining_sek',
  'unspent_reasons',
  'purposes',
  'areas',
  'usage_areas',
  'goal_fulfilment',
  'other_reason',
  'other_purpose',
  'other_area',
  'other_usage',
  'comment',
] as const

/** Separates the option codes of a multi-select cell. */
export const CHOICE_SEPARATOR = '|'

export function validateResponseRecord(
  line: number,
  record: Readonly<Record<string, string>>,
  context: ImportContext,
): RowResult<ResponseRow> {
  const check = new RowCheck(line, record)
  const programme = readProgramme(check, context)
  const programmeYear = readProgrammeYear(check, programme)
  // without a valid year there is no survey round: the codes are then checked only for existence
  const surveyRound = programmeYear === undefined ? undefined : surveyRoundOf(programmeYear)
  const municipalityCode = readMunicipalityCode(check, context)
  const submittedOn = readDate(check, 'submitted_on', { required: false })
  const requisitionedOre = readAmount(check, 'requisitioned_sek', { required: false })
  const spentOre = readAmount(check, 'spent_sek', { required: false })
  const remainingOre = readAmount(check, 'remaining_sek', { required: false })
  const choices = (dimension: MultiDimension) => readChoices(check, dimension, surveyRound, context)
  const unspentReasons = choices('unspent_reasons')
  const purposes = choices('purposes')
  const areas = choices('areas')
  const usageAreas = choices('usage_areas')
  const goalFulfilment = readGoalFulfilment(check, surveyRound, context)
  return check.result(() => ({
    programmeCode: programme!.code,
    programmeYear: programmeYear!,
    municipalityCode: municipalityCode!,
    submittedOn: submittedOn ?? null,
    requisitionedOre: requisitionedOre ?? null,
    spentOre: spentOre ?? null,
    remainingOre: remainingOre ?? null,
    unspentReasons,
    purposes,
    areas,
    usageAreas,
    goalFulfilment: goalFulfilment ?? null,
    otherReason: check.text('other_reason'),
    otherPurpose: check.text('other_purpose'),
    otherArea: check.text('other_area'),
    otherUsage: check.text('other_usage'),
    comment: check.text('comment'),
  }))
}

/** A known option, offered in the survey round (when the round is known); the message names the code. */
function optionProblem(
  dimension: string,
  code: string,
  surveyRound: number | undefined,
  context: ImportContext,
): string | undefined {
  const options = context.taxonomy.get(dimension)
  if (!options?.has(code)) {
    const hint = /[,;]/.test(code) ? ` (separate options with ${CHOICE_SEPARATOR})` : ''
    return `unknown option "${code}"${hint}`
  }
  const rounds = options.get(code)
  if (rounds && surveyRound !== undefined && !rounds.includes(surveyRound)) {
    return `"${code}" not offered in survey round ${surveyRound} (offered in ${rounds.join(', ')})`
  }
  return undefined
}

/** Codes separated by |; empty pieces are ignored and a code given twice counts once. */
function readChoices(
  check: RowCheck,
  dimension: MultiDimension,
  surveyRound: number | undefined,
  context: ImportContext,
): string[] {
  const codes = [
    ...new Set(
      check
        .cell(dimension)
        .split(CHOICE_SEPARATOR)
        .map(code => code.trim())
        .filter(code => code !== ''),
    ),
  ]
  for (const code of codes) {
    const problem = optionProblem(dimension, code, surveyRound, context)
    if (problem) check.problem(dimension, problem)
  }
  return codes
}

function readGoalFulfilment(
  check: RowCheck,
  surveyRound: number | undefined,
  context: ImportContext,
): string | null | undefined {
  const code = check.cell('goal_fulfilment')
  if (code === '') return null
  if (code.includes(CHOICE_SEPARATOR)) return check.problem('goal_fulfilment', `one code only, got "${code}"`)
  const problem = optionProblem('goal_fulfilment', code, surveyRound, context)
  return problem ? check.problem('goal_fulfilment', problem) : code
}

/**
 * sha-256 of the answer's content (not its key: programme, year, municipality). Choices are sorted and line
 * breaks normalised, so the same answer saved by another program is recognised as the same.
 */
export function responseContentHash(row: ResponseRow): string {
  const sorted = (codes: readonly string[]) => [...codes].sort()
  const text = (value: string) => value.replace(/\r\n?/g, '\n')
  const content = [
    row.submittedOn,
    row.requisitionedOre,
    row.spentOre,
    row.remainingOre,
    sorted(row.unspentReasons),
    sorted(row.purposes),
    sorted(row.areas),
    sorted(row.usageAreas),
    row.goalFulfilment,
    text(row.otherReason),
    text(row.otherPurpose),
    text(row.otherArea),
    text(row.otherUsage),
    text(row.comment),
  ]
  return createHash('sha256').update(JSON.stringify(content)).digest('hex')
}
