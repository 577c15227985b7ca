// Whole-percent shares as the published tables print them: 100·count/base, rounded half up, in integers.

/** floor(100·count/base + 1/2) without floating point; null when there is no base to divide by. */
export function percentHalfUp(count: number, base: number): number | null {
  if (!Number.isInteger(count) || !Number.isInteger(base) || count < 0 || base < 0) {
    throw new RangeError(`percentHalfUp needs whole non-negative numbers, got ${count}/${base}`)
  }
  if (base === 0) return null
  return Math.floor((200 * count + base) / (2 * base))
}
