// formatPercent: whole-number shares as Swedish text.
import { expect } from 'chai'
import { formatPercent } from '../../../../app/views/helpers/formatPercent.ts'

describe('formatPercent', () => {
  it('puts a no-break space before the sign', () => {
    expect(formatPercent(78)).to.equal('78\u00a0%')
    expect(formatPercent(0)).to.equal('0\u00a0%')
    expect(formatPercent(100)).to.equal('100\u00a0%')
  })

  it('shows "–" when there is no share, and refuses fractions', () => {
    expect(formatPercent(null)).to.equal('\u2013')
    expect(formatPercent(undefined)).to.equal('\u2013')
    expect(() => formatPercent(77.5)).to.throw(TypeError)
  })
})
