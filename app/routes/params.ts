// Parsing of the addresses' parts and query values: anything unexpected is undefined, and the route answers 404/400.
import { DIMENSIONS, type Dimension } from '../domain/types.ts'

/** A programme year in an address: four digits, nothing else. */
export function programmeYearParam(text: string): number | undefined {
  return /^\d{4}$/.test(text) ? Number(text) : undefined
}

export function dimensionParam(text: string): Dimension | undefined {
  return (DIMENSIONS as readonly string[]).includes(text) ? (text as Dimension) : undefined
}

/**
 * One query value: undefined when absent, the string when given once, null when it is not a single string
 * (`?a=1&a=2`), which is bad input.
 */
export function singleQueryValue(value: unknown): string | undefined | null {
  if (value === undefined) return undefined
  return typeof value === 'string' ? value : null
}
