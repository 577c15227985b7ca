// What changed between two versions of one municipality's survey response: field by field, in the order of the
// response file's columns. Pages show it under each version; exports list it one change a row.
import type { Ore, ResponseRow } from './types.ts'

/** The part of a response that a new version may change (the key fields name the response itself). */
export type ResponseContent = Omit<ResponseRow, 'programmeCode' | 'programmeYear' | 'municipalityCode'>

export type AmountField = 'requisitionedOre' | 'spentOre' | 'remainingOre'
export type ChoicesField = 'unspentReasons' | 'purposes' | 'areas' | 'usageAreas'
export type TextField = 'otherReason' | 'otherPurpose' | 'otherArea' | 'otherUsage' | 'comment'
export type ResponseField = 'submittedOn' | AmountField | ChoicesField | 'goalFulfilment' | TextField

interface ChangeOf<F extends ResponseField, K extends string, V> {
  field: F
  /** the column of the survey-response CSV (INTERCHANGE.md) that holds the field */
  column: string
  kind: K
  before: V
  after: V
}

export type ResponseChange =
  | ChangeOf<'submittedOn', 'date', string | null>
  | ChangeOf<AmountField, 'amount', Ore | null>
  | (ChangeOf<ChoicesField, 'choices', string[]> & { added: string[]; removed: string[] })
  | ChangeOf<'goalFulfilment', 'choice', string | null>
  | ChangeOf<TextField, 'text', string>

/** Every field a diff looks at, in the order of the columns of the survey-response CSV. */
export const RESPONSE_FIELDS: readonly { field: ResponseField; column: string; kind: ResponseChange['kind'] }[] = [
  { field: 'submittedOn', column: 'submitted_on', kind: 'date' },
  { field: 'requisitionedOre', column: 'requisitioned_sek', kind: 'amount' },
  { field: 'spentOre', column: 'spent_sek', kind: 'amount' },
  { field: 'remainingOre', column: 'remaining_sek', kind: 'amount' },
  { field: 'unspentReasons', column: 'unspent_reasons', kind: 'choices' },
  { field: 'purposes', column: 'purposes', kind: 'choices' },
  { field: 'areas', column: 'areas', kind: 'choices' },
  { field: 'usageAreas', column: 'usage_areas', kind: 'choices' },
  { field: 'goalFulfilment', column: 'goal_fulfilment', kind: 'choice' },
  { field: 'otherReason', column: 'other_reason', kind: 'text' },
  { field: 'otherPurpose', column: 'other_purpose', kind: 'text' },
  { field: 'otherArea', column: 'other_area', kind: 'text' },
  { field: 'otherUsage', column: 'other_usage', kind: 'text' },
  { field: 'comment', column: 'comment', kind: 'text' },
]

// the code point order, not a locale's: option codes are identifiers
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const sortedCodes = (codes: readonly string[] | undefined) => [...new Set(codes ?? [])].sort(byCode)

/** A date as YYYY-MM-DD, whether the database gave a string or a Date. */
function dateText(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return String(value)
}

/**
 * The fields whose value differs between an older and a newer version, each with both values. Choices compare as
 * sets (their order means nothing) and list what was added and removed; an empty text and a missing one are equal.
 */
export function diffResponseVersions(older: ResponseContent, newer: ResponseContent): ResponseChange[] {
  const changes: ResponseChange[] = []
  for (const { field, column, kind } of RESPONSE_FIELDS) {
    switch (kind) {
      case 'date': {
        const before = dateText(older.submittedOn)
        const after = dateText(newer.submittedOn)
        if (before !== after) changes.push({ field: 'submittedOn', column, kind, before, after })
        break
      }
      case 'amount': {
        const f = field as AmountField
        const before = older[f] ?? null
        const after = newer[f] ?? null
        if (before !== after) changes.push({ field: f, column, kind, before, after })
        break
      }
      case 'choices': {
        const f = field as ChoicesField
        const before = sortedCodes(older[f])
        const after = sortedCodes(newer[f])
        const added = after.filter(code => !before.includes(code))
        const removed = before.filter(code => !after.includes(code))
        if (added.length > 0 || removed.length > 0)
          changes.push({ field: f, column, kind, before, after, added, removed })
        break
      }
      case 'choice': {
        const before = older.goalFulfilment || null
        const after = newer.goalFulfilment || null
        if (before !== after) changes.push({ field: 'goalFulfilment', column, kind, before, after })
        break
      }
      case 'text': {
        const f = field as TextField
        const before = older[f] ?? ''
        const after = newer[f] ?? ''
        if (before !== after) changes.push({ field: f, column, kind, before, after })
        break
      }
    }
  }
  return changes
}

/** Each version paired with what changed since the one before it; the first version has no changes (null). */
export function responseHistory<V extends ResponseContent>(
  versions: readonly V[],
): { version: V; changes: ResponseChange[] | null }[] {
  return versions.map((version, index) => ({
    version,
    changes: index === 0 ? null : diffResponseVersions(versions[index - 1], version),
  }))
}
