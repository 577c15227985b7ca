// Size groups of the published report (by population): under 10 000, 10–20 000, 20–50 000, 50–100 000, over
// 100 000. The boundaries are data, so an evaluator can choose others.
export interface SizeGroup {
  code: string
  labelSv: string
  /** inclusive */
  min: number
  /** inclusive; null: no upper bound */
  max: number | null
}

/** The group a population falls in, or undefined when none covers it (or the population is unknown). */
export function sizeGroupOf(population: number | undefined, groups: readonly SizeGroup[]): SizeGroup | undefined {
  if (population === undefined) return undefined
  return groups.find(group => population >= group.min && (group.max === null || population <= group.max))
}

/**
 * Groups from ascending lower bounds, e.g. [10000, 20000, 50000, 100000] → 0–9 999, 10 000–19 999, …, 100 000–.
 * Throws when the bounds are not whole, positive and strictly ascending.
 */
export function sizeGroupsFromBounds(bounds: readonly number[]): SizeGroup[] {
  bounds.forEach((bound, index) => {
    if (!Number.isSafeInteger(bound) || bound <= 0 || (index > 0 && bound <= bounds[index - 1])) {
      throw new RangeError(`size-group bounds must be whole, positive and ascending: ${bounds.join(', ')}`)
    }
  })
  const lows = [0, ...bounds]
  return lows.map((min, index) => {
    const max = index + 1 < lows.length ? lows[index + 1] - 1 : null
    const label = max === null ? `${min}–` : `${min}–${max}`
    return { code: max === null ? `${min}-` : `${min}-${max}`, labelSv: label, min, max }
  })
}
