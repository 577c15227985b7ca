// Whole-number shares as Swedish text: `78 %` (no-break space before the sign), "–" when there is no share.
import { formatNumber, NO_BREAK_SPACE, NO_VALUE } from './formatNumber.ts'

export function formatPercent(pct: unknown): string {
  if (pct === null || pct === undefined) return NO_VALUE
  return `${formatNumber(pct)}${NO_BREAK_SPACE}%`
}
