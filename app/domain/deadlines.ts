// A municipality's deadline calendar across every programme: the requisition and report deadlines of each
// programme year, what is due next on top, then what is overdue, then what is done.

export type DeadlineKind = 'requisition' | 'report'
export type DeadlineState = 'due' | 'overdue' | 'done' | 'passed'

export interface Deadline {
  programmeCode: string
  programmeName: string
  programmeYear: number
  kind: DeadlineKind
  /** YYYY-MM-DD, the last day */
  date: string
  /** the municipality has done it (requisitioned; submitted its report) */
  done: boolean
  /** it has to: a report is due from everyone who requisitioned; a requisition is never a duty */
  required: boolean
}

export interface CalendarEntry extends Deadline {
  state: DeadlineState
  /** days from today to the date (negative when passed) */
  daysLeft: number
  /** the first entry still due: what the municipality should do next */
  next: boolean
}

const dayNumber = (date: string) =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000

const STATE_ORDER: Record<DeadlineState, number> = { due: 0, overdue: 1, done: 2, passed: 3 }

/**
 * The state of each deadline on `today` (YYYY-MM-DD, the last day counts as in time), sorted: due soonest first,
 * then overdue (a duty not done), then done, then passed without being a duty.
 */
export function deadlineCalendar(deadlines: readonly Deadline[], today: string): CalendarEntry[] {
  const entries = deadlines.map(deadline => {
    const daysLeft = dayNumber(deadline.date) - dayNumber(today)
    const state: DeadlineState = deadline.done
      ? 'done'
      : daysLeft >= 0
        ? 'due'
        : deadline.required
          ? 'overdue'
          : 'passed'
    return { ...deadline, daysLeft, state, next: false }
  })
  entries.sort(
    (a, b) =>
      STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
      (a.state === 'due' ? a.daysLeft - b.daysLeft : b.daysLeft - a.daysLeft) ||
      a.programmeCode.localeCompare(b.programmeCode) ||
      a.programmeYear - b.programmeYear,
  )
  if (entries[0]?.state === 'due') entries[0].next = true
  return entries
}
