// Reading the cells that ledger and response rows share (programme, year, municipality, dates, amounts),
// each into a value or a Problem naming the line, the column and the bad value.
import { parseAmountOre } from './amount.ts'
import type { Ore, Problem } from './types.ts'

/** What a row is checked against: the reference data, loaded once per import. */
export interface ImportContext {
  municipalityCodes: ReadonlySet<string>
  /** programme code → its id and programme years */
  programmes: ReadonlyMap<string, { id: number; years: readonly number[] }>
  /** dimension → option code → the survey rounds it was offered in, or null when offered in every round */
  taxonomy: ReadonlyMap<string, ReadonlyMap<string, readonly number[] | null>>
}

export type RowResult<T> =
  { ok: true; row: T; warnings: Problem[] } | { ok: false; problems: Problem[]; warnings: Problem[] }

/** Collects the problems and warnings of one row while its cells are read. */
export class RowCheck {
  readonly problems: Problem[] = []
  readonly warnings: Problem[] = []
  private readonly line: number
  private readonly record: Readonly<Record<string, string>>

  constructor(line: number, record: Readonly<Record<string, string>>) {
    this.line = line
    this.record = record
  }

  /** The cell, trimmed; '' when the column is absent. */
  cell(column: string): string {
    return (this.record[column] ?? '').trim()
  }

  /** The cell exactly as written: free text keeps its spaces and line breaks. */
  text(column: string): string {
    return this.record[column] ?? ''
  }

  problem(column: string, message: string): undefined {
    this.problems.push({ line: this.line, column, message })
    return undefined
  }

  warn(column: string, message: string): void {
    this.warnings.push({ line: this.line, column, message })
  }

  result<T>(row: () => T): RowResult<T> {
    return this.problems.length > 0
      ? { ok: false, problems: this.problems, warnings: this.warnings }
      : { ok: true, row: row(), warnings: this.warnings }
  }
}

export function readRequired(check: RowCheck, column: string): string | undefined {
  const value = check.cell(column)
  return value === '' ? check.problem(column, 'missing value') : value
}

export interface ProgrammeRef {
  code: string
  id: number
  years: readonly number[]
}

export function readProgramme(check: RowCheck, context: ImportContext): ProgrammeRef | undefined {
  const code = readRequired(check, 'programme_code')
  if (code === undefined) return undefined
  const programme = context.programmes.get(code)
  return programme ? { code, ...programme } : check.problem('programme_code', `unknown programme "${code}"`)
}

/** The year must be one of the programme's years; without a known programme only its form is checked. */
export function readProgrammeYear(check: RowCheck, programme: ProgrammeRef | undefined): number | undefined {
  const text = readRequired(check, 'programme_year')
  if (text === undefined) return undefined
  if (!/^\d{4}$/.test(text)) return check.problem('programme_year', `"${text}" is not a year (YYYY)`)
  const year = Number(text)
  if (programme && !programme.years.includes(year)) {
    return check.problem(
      'programme_year',
      `${year} is not a year of ${programme.code} (${programme.years.join(', ') || 'no years'})`,
    )
  }
  return year
}

/** 4 digits; 3 digits are Excel having dropped the leading zero: padded, with a warning. */
export function readMunicipalityCode(check: RowCheck, context: ImportContext): string | undefined {
  const text = readRequired(check, 'municipality_code')
  if (text === undefined) return undefined
  let code = text
  if (/^\d{3}$/.test(text)) {
    code = `0${text}`
    if (context.municipalityCodes.has(code)) check.warn('municipality_code', `${text} read as ${code}`)
  } else if (!/^\d{4}$/.test(text)) {
    return check.problem('municipality_code', `"${text}" is not a 4-digit municipality code`)
  }
  return context.municipalityCodes.has(code)
    ? code
    : check.problem('municipality_code', `unknown municipality code "${text}"`)
}

export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (year < 1 || month < 1 || month > 12 || day < 1) return false
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
  return day <= daysInMonth
}

/** A YYYY-MM-DD date; null when empty and allowed to be. */
export function readDate(check: RowCheck, column: string, options: { required: boolean }): string | null | undefined {
  const text = check.cell(column)
  if (text === '') return options.required ? check.problem(column, 'missing value') : null
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return check.problem(column, `"${text}" is not a date in the form YYYY-MM-DD`)
  return isCalendarDate(text) ? text : check.problem(column, `"${text}" is not a calendar date`)
}

/** An amount in kronor as öre; null when empty and allowed to be. */
export function readAmount(check: RowCheck, column: string, options: { required: boolean }): Ore | null | undefined {
  const text = check.cell(column)
  if (text === '') return options.required ? check.problem(column, 'missing value') : null
  const parsed = parseAmountOre(text)
  return parsed.ok ? parsed.ore : check.problem(column, parsed.message)
}
