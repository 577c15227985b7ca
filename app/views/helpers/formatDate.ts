// Dates as ISO `YYYY-MM-DD` (the Swedish way): a date string stays as it is, a Date becomes its UTC day.
import { NO_VALUE } from './formatNumber.ts'

export function formatDate(value: unknown): string {
  if (value === null || value === undefined || value === '') return NO_VALUE
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10)
  throw new TypeError(`formatDate needs YYYY-MM-DD or a Date, got ${String(value)}`)
}
