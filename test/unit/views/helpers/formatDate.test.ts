// formatDate: ISO dates as they are.
import { expect } from 'chai'
import { formatDate } from '../../../../app/views/helpers/formatDate.ts'

describe('formatDate', () => {
  it('leaves YYYY-MM-DD as it is', () => {
    expect(formatDate('2023-02-06')).to.equal('2023-02-06')
  })

  it('writes a Date as its UTC day', () => {
    expect(formatDate(new Date(Date.UTC(2023, 0, 9, 23, 30)))).to.equal('2023-01-09')
  })

  it('shows "–" for nothing and refuses other text', () => {
    expect(formatDate(null)).to.equal('\u2013')
    expect(formatDate('')).to.equal('\u2013')
    expect(() => formatDate('6 februari 2023')).to.throw(TypeError)
    expect(() => formatDate(new Date(Number.NaN))).to.throw(TypeError)
  })
})
