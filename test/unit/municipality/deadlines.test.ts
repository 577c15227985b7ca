// The deadline calendar: due soonest first, the first of them marked as next; overdue duties before what is done.
import { expect } from 'chai'
import { deadlineCalendar, type Deadline } from '../../../app/domain/deadlines.ts'

const deadline = (changes: Partial<Deadline>): Deadline => ({
  programmeCode: 'p',
  programmeName: 'P',
  programmeYear: 2024,
  kind: 'report',
  date: '2025-02-06',
  done: false,
  required: true,
  ...changes,
})

describe('deadlineCalendar', () => {
  it('orders: due (soonest first, the first is next), overdue, done, passed', () => {
    const calendar = deadlineCalendar(
      [
        deadline({ programmeYear: 2020, date: '2021-02-06', done: true }),
        deadline({ programmeYear: 2021, date: '2022-02-06' }),
        deadline({ programmeYear: 2022, date: '2023-02-06', required: false }),
        deadline({ kind: 'requisition', date: '2024-12-01', required: false }),
        deadline({ date: '2025-02-06' }),
      ],
      '2024-11-20',
    )
    expect(calendar.map(e => [e.kind, e.date, e.state, e.next, e.daysLeft])).to.deep.equal([
      ['requisition', '2024-12-01', 'due', true, 11],
      ['report', '2025-02-06', 'due', false, 78],
      ['report', '2022-02-06', 'overdue', false, -1018],
      ['report', '2021-02-06', 'done', false, -1383],
      ['report', '2023-02-06', 'passed', false, -653],
    ])
  })

  it('counts the last day as in time, and marks nothing next when nothing is due', () => {
    expect(deadlineCalendar([deadline({ date: '2025-02-06' })], '2025-02-06')[0]).to.include({
      state: 'due',
      daysLeft: 0,
    })
    expect(deadlineCalendar([deadline({ date: '2025-02-06' })], '2025-02-07')[0]).to.include({
      state: 'overdue',
      next: false,
    })
  })
})
