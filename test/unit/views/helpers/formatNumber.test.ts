// formatNumber: counts as Swedish text.
import { expect } from 'chai'
import { formatNumber, groupDigits } from '../../../../app/views/helpers/formatNumber.ts'

describe('formatNumber', () => {
  it('groups thousands with no-break spaces', () => {
    expect(formatNumber(0)).to.equal('0')
    expect(formatNumber(290)).to.equal('290')
    expect(formatNumber(1234)).to.equal('1\u00a0234')
    expect(formatNumber(1_234_567)).to.equal('1\u00a0234\u00a0567')
    expect(groupDigits(100000)).to.equal('100\u00a0000')
  })

  it('writes a negative number with a real minus sign', () => {
    expect(formatNumber(-1234)).to.equal('\u22121\u00a0234')
  })

  it('shows "–" for nothing and refuses fractions', () => {
    expect(formatNumber(null)).to.equal('\u2013')
    expect(formatNumber(undefined)).to.equal('\u2013')
    expect(() => formatNumber(0.5)).to.throw(TypeError)
  })
})
