// The query values of the analysis pages and the JSON API: the breakdown (`by`), the size-group bounds
// (`bounds`) and a survey round (`round`). Each parser answers a value, undefined (absent), or the message key of
// what is wrong; the route turns that into a 400.
import { isBreakdown, parseBounds, type Breakdown } from '../../domain/analysis.ts'
import { singleQueryValue } from '../params.ts'

export type QueryResult<T> =
  { ok: true; value: T | undefined } | { ok: false; key: string; value: string; detail?: string }

const bad = (
  key: string,
  value: unknown,
  detail?: string,
): { ok: false; key: string; value: string; detail?: string } => ({
  ok: false,
  key,
  value: typeof value === 'string' ? value : String(value),
  detail,
})

export function byQuery(value: unknown): QueryResult<Breakdown> {
  const text = singleQueryValue(value)
  if (text === undefined || text === '') return { ok: true, value: undefined }
  if (text === null || !isBreakdown(text)) return bad('analysis.byInvalid', value)
  return { ok: true, value: text }
}

/** `bounds` goes with `by=size_group` only. */
export function boundsQuery(value: unknown, by: Breakdown | undefined): QueryResult<number[]> {
  const text = singleQueryValue(value)
  if (text === undefined || text === '') return { ok: true, value: undefined }
  if (text === null) return bad('analysis.boundsInvalid', value)
  if (by !== 'size_group') return bad('analysis.boundsWithoutSizeGroup', text)
  const parsed = parseBounds(text)
  return parsed.ok ? { ok: true, value: parsed.bounds } : bad('analysis.boundsInvalid', text, parsed.message)
}

/** A survey round among those given. */
export function roundQuery(value: unknown, rounds: readonly number[]): QueryResult<number> {
  const text = singleQueryValue(value)
  if (text === undefined || text === '') return { ok: true, value: undefined }
  if (text === null || !/^\d{4}$/.test(text) || !rounds.includes(Number(text)))
    return bad('analysis.roundInvalid', value)
  return { ok: true, value: Number(text) }
}
