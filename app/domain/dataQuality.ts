// Data-quality rules of the evaluator (appendix 5 of the 2023 follow-up): answers that flip between two
// consecutive survey rounds, reported amounts that rise or fall sharply, and a reproducible random sample of the
// flagged municipalities for follow-up. Pure: the same answers, threshold and seed give the same result.
import { mulberry32 } from './random.ts'
import { askedAbout, chosenOptions, type Answer } from './analysis.ts'
import { percentHalfUp } from './percent.ts'
import { DIMENSIONS, type Dimension, type Ore } from './types.ts'

export const QUALITY_RULES = ['flip', 'amount_change'] as const
export type QualityRule = (typeof QUALITY_RULES)[number]

export const FOLLOW_UP_OUTCOMES = ['pending', 'confirmed', 'corrected'] as const
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number]
export const isFollowUpOutcome = (value: unknown): value is FollowUpOutcome =>
  (FOLLOW_UP_OUTCOMES as readonly unknown[]).includes(value)

/** The measures whose rise or fall is checked. */
export const AMOUNT_MEASURES = ['requisitioned', 'spent'] as const
export type AmountMeasure = (typeof AMOUNT_MEASURES)[number]

export const DEFAULT_THRESHOLD_PCT = 50
export const MAX_THRESHOLD_PCT = 1000
export const DEFAULT_SAMPLE_SIZE = 10
export const DEFAULT_SEED = 1

/**
 * An option chosen in one round and not in the next ('dropped': yes → no, the flip appendix 5 found mostly to be a
 * wrong answer) or the reverse ('added'). For goal fulfilment, a single choice, a changed answer is one flip
 * ('changed') from the option before to the option after.
 */
export interface FlipDetail {
  dimension: Dimension
  option: string
  direction: 'dropped' | 'added' | 'changed'
  /** goal fulfilment only: the answer of the earlier round */
  fromOption?: string
}

export interface AmountChangeDetail {
  measure: AmountMeasure
  fromOre: Ore
  toOre: Ore
  /** whole percent, rounded half up, signed; null when the earlier amount was 0 (a rise from nothing) */
  changePct: number | null
  direction: 'rise' | 'fall'
  thresholdPct: number
}

export type QualityFlag =
  | { municipalityCode: string; rule: 'flip'; key: string; detail: FlipDetail }
  | { municipalityCode: string; rule: 'amount_change'; key: string; detail: AmountChangeDetail }

const amount = (value: Ore | null) => value ?? 0

/**
 * Flips between two rounds, per municipality, dimension and option. Only municipalities that answered in both
 * rounds and were asked the question in both (used the money; for the unspent reasons: spent part of it) are
 * compared, and only options offered in both rounds: an option new in the later round, or dropped from it, is
 * no flip. `offeredIn(dimension, option, round)` says whether an option was offered.
 */
export function findFlips(
  from: readonly Answer[],
  to: readonly Answer[],
  offeredIn: (dimension: Dimension, option: string, surveyRound: number) => boolean,
  options: ReadonlyMap<Dimension, readonly string[]>,
): QualityFlag[] {
  const later = new Map(to.map(answer => [answer.municipalityCode, answer]))
  const flags: QualityFlag[] = []
  for (const before of [...from].sort((a, b) => a.municipalityCode.localeCompare(b.municipalityCode))) {
    const after = later.get(before.municipalityCode)
    if (!after) continue
    for (const dimension of DIMENSIONS) {
      if (!askedAbout(before, dimension) || !askedAbout(after, dimension)) continue
      const offered = (options.get(dimension) ?? []).filter(
        option => offeredIn(dimension, option, before.surveyRound) && offeredIn(dimension, option, after.surveyRound),
      )
      const chosenBefore = new Set(chosenOptions(before, dimension))
      const chosenAfter = new Set(chosenOptions(after, dimension))
      if (dimension === 'goal_fulfilment') {
        const [was] = chosenBefore
        const [is] = chosenAfter
        if (was !== undefined && is !== undefined && was !== is && offered.includes(was) && offered.includes(is)) {
          flags.push({
            municipalityCode: before.municipalityCode,
            rule: 'flip',
            key: `${dimension}:${is}`,
            detail: { dimension, option: is, direction: 'changed', fromOption: was },
          })
        }
        continue
      }
      for (const option of offered) {
        const direction =
          chosenBefore.has(option) && !chosenAfter.has(option)
            ? 'dropped'
            : !chosenBefore.has(option) && chosenAfter.has(option)
              ? 'added'
              : undefined
        if (direction === undefined) continue
        flags.push({
          municipalityCode: before.municipalityCode,
          rule: 'flip',
          key: `${dimension}:${option}`,
          detail: { dimension, option, direction },
        })
      }
    }
  }
  return flags
}

/**
 * Whether `toOre` differs from `fromOre` by more than `thresholdPct` percent of `fromOre` (strictly more: exactly
 * 50 % is not over a 50 % threshold). Integer arithmetic only. From 0 to anything above 0 is always over.
 */
export function changeOverThreshold(fromOre: Ore, toOre: Ore, thresholdPct: number): boolean {
  if (fromOre === toOre) return false
  if (fromOre === 0) return true
  return Math.abs(toOre - fromOre) * 100 > thresholdPct * fromOre
}

/** The signed change in whole percent, rounded half up (away from zero for falls); null from 0. */
export function changePct(fromOre: Ore, toOre: Ore): number | null {
  if (fromOre === 0) return null
  const pct = percentHalfUp(Math.abs(toOre - fromOre), fromOre)
  return pct === null ? null : toOre < fromOre ? -pct : pct
}

/**
 * Requisitioned and spent amounts that rise or fall by more than the threshold between the two rounds, for every
 * municipality that answered in both (an empty amount counts as 0, as in the reports).
 */
export function findAmountChanges(from: readonly Answer[], to: readonly Answer[], thresholdPct: number): QualityFlag[] {
  const later = new Map(to.map(answer => [answer.municipalityCode, answer]))
  const flags: QualityFlag[] = []
  for (const before of [...from].sort((a, b) => a.municipalityCode.localeCompare(b.municipalityCode))) {
    const after = later.get(before.municipalityCode)
    if (!after) continue
    for (const measure of AMOUNT_MEASURES) {
      const fromOre = amount(measure === 'spent' ? before.spentOre : before.requisitionedOre)
      const toOre = amount(measure === 'spent' ? after.spentOre : after.requisitionedOre)
      if (!changeOverThreshold(fromOre, toOre, thresholdPct)) continue
      flags.push({
        municipalityCode: before.municipalityCode,
        rule: 'amount_change',
        key: measure,
        detail: {
          measure,
          fromOre,
          toOre,
          changePct: changePct(fromOre, toOre),
          direction: toOre > fromOre ? 'rise' : 'fall',
          thresholdPct,
        },
      })
    }
  }
  return flags
}

/**
 * A reproducible random sample: the items sorted (so the order they came in does not matter), shuffled by
 * Fisher–Yates with mulberry32(seed), the first `size` taken and returned sorted again. All items when size is
 * at least their number.
 */
export function seededSample(items: readonly string[], size: number, seed: number): string[] {
  const pool = [...new Set(items)].sort()
  const random = mulberry32(seed)
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[pool[i], pool[j]] = [pool[j], pool[i]]
  }
  return pool.slice(0, Math.max(0, size)).sort()
}

export interface StoredFlag {
  id: number
  municipalityCode: string
  rule: QualityRule
  key: string
  detail: unknown
  stillFlagged: boolean
}

export interface FlagSyncPlan {
  insert: QualityFlag[]
  /** stored flags found again: their detail is refreshed (and a retired one flagged again) */
  update: { id: number; flag: QualityFlag }[]
  /** stored flags no longer found (the answer was corrected, or the threshold changed): kept, marked retired */
  retire: number[]
}

const identity = (flag: { municipalityCode: string; rule: string; key: string }) =>
  `${flag.municipalityCode}/${flag.rule}/${flag.key}`

const sameJson = (a: unknown, b: unknown) => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b))
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, sortKeys(v)]),
  )
}

/**
 * What recording the flags changes: new flags are added, stored ones refreshed only when their detail differs or
 * they were retired, and stored ones not found any more are retired (never deleted: a follow-up may be recorded
 * on them). Recording the same flags twice changes nothing.
 */
export function planFlagSync(found: readonly QualityFlag[], stored: readonly StoredFlag[]): FlagSyncPlan {
  const storedById = new Map(stored.map(flag => [identity(flag), flag]))
  const foundIds = new Set(found.map(identity))
  const plan: FlagSyncPlan = { insert: [], update: [], retire: [] }
  for (const flag of found) {
    const existing = storedById.get(identity(flag))
    if (!existing) plan.insert.push(flag)
    else if (!existing.stillFlagged || !sameJson(existing.detail, flag.detail))
      plan.update.push({ id: existing.id, flag })
  }
  for (const flag of stored) if (flag.stillFlagged && !foundIds.has(identity(flag))) plan.retire.push(flag.id)
  return plan
}

/** Reads a whole number within [min, max]; undefined when absent or empty, null when it is not such a number. */
export function parseWholeNumber(text: string | undefined, min: number, max: number): number | undefined | null {
  if (text === undefined || text.trim() === '') return undefined
  const trimmed = text.trim()
  if (!/^\d{1,10}$/.test(trimmed)) return null
  const value = Number(trimmed)
  return value < min || value > max ? null : value
}

export { mulberry32 }
