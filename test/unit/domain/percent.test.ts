import { expect } from 'chai'
import { percentHalfUp } from '../../../app/domain/percent.ts'

describe('percentHalfUp', () => {
  it('rounds exact halves up', () => {
    expect(percentHalfUp(1, 8)).to.equal(13) // 12.5
    expect(percentHalfUp(1, 200)).to.equal(1) // 0.5
    expect(percentHalfUp(3, 8)).to.equal(38) // 37.5
  })

  it('rounds below a half down and above a half up', () => {
    expect(percentHalfUp(222, 285)).to.equal(78) // 77.89
    expect(percentHalfUp(188, 285)).to.equal(66) // 65.96
    expect(percentHalfUp(97, 285)).to.equal(34) // 34.04
    expect(percentHalfUp(1, 3)).to.equal(33)
    expect(percentHalfUp(2, 3)).to.equal(67)
  })

  it('computes exact halves in integers', () => {
    expect(percentHalfUp(29, 200)).to.equal(15)
    expect(percentHalfUp(57, 200)).to.equal(29) // 28.5
  })

  it('gives 0 and 100 at the ends and null without a base', () => {
    expect(percentHalfUp(0, 285)).to.equal(0)
    expect(percentHalfUp(285, 285)).to.equal(100)
    expect(percentHalfUp(0, 0)).to.equal(null)
  })

  it('refuses fractions and negative numbers', () => {
    expect(() => percentHalfUp(1.5, 10)).to.throw(RangeError)
    expect(() => percentHalfUp(-1, 10)).to.throw(RangeError)
  })
})
