// One row of a population CSV (`municipality_code,year,population`, from SCB) checked against the reference data.
import { readMunicipalityCode, readRequired, RowCheck, type ImportContext, type RowResult } from './rowFields.ts'

export const POPULATION_COLUMNS = ['municipality_code', 'year', 'population'] as const

/** The database accepts these years (a CHECK on the population table). */
export const MIN_POPULATION_YEAR = 1900
export const MAX_POPULATION_YEAR = 2100
/** Larger than any Swedish municipality (Stockholm: about a million) by far, and inside a PostgreSQL integer. */
export const MAX_POPULATION = 100_000_000

export interface PopulationRow {
  municipalityCode: string
  year: number
  population: number
}

export function validatePopulationRecord(
  line: number,
  record: Readonly<Record<string, string>>,
  context: ImportContext,
): RowResult<PopulationRow> {
  const check = new RowCheck(line, record)
  const municipalityCode = readMunicipalityCode(check, context)
  const year = readYear(check)
  const population = readPopulation(check)
  return check.result(() => ({ municipalityCode: municipalityCode!, year: year!, population: population! }))
}

function readYear(check: RowCheck): number | undefined {
  const text = readRequired(check, 'year')
  if (text === undefined) return undefined
  if (!/^\d{4}$/.test(text)) return check.problem('year', `"${text}" is not a year (YYYY)`)
  const year = Number(text)
  if (year < MIN_POPULATION_YEAR || year > MAX_POPULATION_YEAR) {
    return check.problem('year', `${year} is outside ${MIN_POPULATION_YEAR}–${MAX_POPULATION_YEAR}`)
  }
  return year
}

/** A whole number of inhabitants; digits may be grouped by thousands with a space or a no-break space. */
function readPopulation(check: RowCheck): number | undefined {
  const text = readRequired(check, 'population')
  if (text === undefined) return undefined
  if (/^-|^\u2212/.test(text)) return check.problem('population', `negative population "${text}"`)
  if (/[.,]/.test(text)) return check.problem('population', `"${text}" is not a whole number of inhabitants`)
  if (!/^\d+$/.test(text) && !/^\d{1,3}(?:[ \u00A0\u202F]\d{3})+$/.test(text)) {
    return check.problem('population', `"${text}" is not a number of inhabitants`)
  }
  const population = Number(text.replace(/\D/g, ''))
  return population > MAX_POPULATION
    ? check.problem('population', `${population} is more than ${MAX_POPULATION}`)
    : population
}
