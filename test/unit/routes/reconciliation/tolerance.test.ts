// The tolerance field: whole kronor only, into öre.
import { expect } from 'chai'
import { parseToleranceOre } from '../../../../app/routes/reconciliation/tolerance.ts'

describe('parseToleranceOre', () => {
  it('reads whole kronor, plain or grouped as Swedes write them', () => {
    expect(parseToleranceOre('0')).to.equal(0)
    expect(parseToleranceOre('500')).to.equal(50_000)
    expect(parseToleranceOre(' 1000 ')).to.equal(100_000)
    expect(parseToleranceOre('1 000')).to.equal(100_000)
    expect(parseToleranceOre('1\u00a0000\u00a0000')).to.equal(100_000_000)
  })

  it('refuses signs, decimals, exponents, letters and bad grouping', () => {
    for (const text of ['-5', '+5', '1.5', '12,50', '1e3', 'abc', '', ' ', '1 00', '10 000 0', '0x10', '١٢']) {
      expect(parseToleranceOre(text), text).to.equal(undefined)
    }
  })

  it('refuses amounts too large to hold exactly in öre', () => {
    expect(parseToleranceOre('99999999999999')).to.equal(undefined)
  })
})
