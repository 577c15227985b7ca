// Times in Stockholm with their UTC offset: winter +01:00, summer +02:00, and the day as Stockholm sees it.
import { expect } from 'chai'
import { formatStockholmDateTime, stockholmDate } from '../../../app/domain/stockholmTime.ts'

describe('Stockholm time', () => {
  it('writes the local clock and the offset', () => {
    expect(formatStockholmDateTime(new Date('2023-02-01T13:03:05Z'))).to.equal('2023-02-01 14:03:05 (UTC+01:00)')
    expect(formatStockholmDateTime(new Date('2023-07-01T22:30:00Z'))).to.equal('2023-07-02 00:30:00 (UTC+02:00)')
  })

  it('gives the day in Stockholm, not in UTC', () => {
    expect(stockholmDate(new Date('2024-09-30T22:30:00Z'))).to.equal('2024-10-01')
    expect(stockholmDate(new Date('2024-09-30T21:30:00Z'))).to.equal('2024-09-30')
  })
})
