// One ledger CSV record (a transaction) checked against the reference data: a LedgerRow or its problems.
import { formatOreAsKronor } from './amount.ts'
import { LEDGER_TYPES, type LedgerRow, type LedgerType } from './types.ts'
import {
  readAmount,
  readDate,
  readMunicipalityCode,
  readProgramme,
  readProgrammeYear,
  readRequired,
  RowCheck,
  type ImportContext,
  type RowResult,
} from './rowFields.ts'

export const LEDGER_COLUMNS = [
  'programme_code',
  'programme_year',
  'municipality_code',
  'type',
  'amount_sek',
  'date',
  'reference',
] as const

/** The database allows references of 1 to 200 characters. */
export const MAX_REFERENCE_LENGTH = 200

export function validateLedgerRecord(
  line: number,
  record: Readonly<Record<string, string>>,
  context: ImportContext,
): RowResult<LedgerRow> {
  const check = new RowCheck(line, record)
  const programme = readProgramme(check, context)
  const programmeYear = readProgrammeYear(check, programme)
  const municipalityCode = readMunicipalityCode(check, context)
  const type = readType(check)
  const amountOre = readAmount(check, 'amount_sek', { required: true })
  const date = readDate(check, 'date', { required: true })
  const reference = readReference(check)
  return check.result(() => ({
    programmeCode: programme!.code,
    programmeYear: programmeYear!,
    municipalityCode: municipalityCode!,
    type: type!,
    amountOre: amountOre!,
    date: date!,
    reference: reference!,
  }))
}

function readType(check: RowCheck): LedgerType | undefined {
  const text = readRequired(check, 'type')
  if (text === undefined) return undefined
  return (LEDGER_TYPES as readonly string[]).includes(text)
    ? (text as LedgerType)
    : check.problem('type', `unknown type "${text}" (expected ${LEDGER_TYPES.join(', ')})`)
}

function readReference(check: RowCheck): string | undefined {
  const text = readRequired(check, 'reference')
  if (text === undefined) return undefined
  return text.length > MAX_REFERENCE_LENGTH
    ? check.problem('reference', `longer than ${MAX_REFERENCE_LENGTH} characters (${text.length})`)
    : text
}

/** What a reference stands for: the same reference must always come with the same content. */
export type LedgerContent = Omit<LedgerRow, 'programmeCode' | 'reference'>

/** Names the line (or the ledger) that already has the reference, and each column that differs. */
export function ledgerConflictMessage(
  reference: string,
  otherLine: number | null,
  existing: LedgerContent,
  incoming: LedgerContent,
): string {
  const columns: [string, (content: LedgerContent) => string][] = [
    ['programme_year', c => String(c.programmeYear)],
    ['municipality_code', c => c.municipalityCode],
    ['type', c => c.type],
    ['amount_sek', c => formatOreAsKronor(c.amountOre)],
    ['date', c => c.date],
  ]
  const differences = columns
    .filter(([, value]) => value(existing) !== value(incoming))
    .map(([column, value]) => `${column} ${value(existing)} there, ${value(incoming)} here`)
  const where = otherLine === null ? 'in the ledger' : `on line ${otherLine}`
  return `"${reference}" is already ${where} with other content: ${differences.join('; ')}`
}
