// eq: strict equality for templates.
import { expect } from 'chai'
import { eq } from '../../../../app/views/helpers/eq.ts'

describe('eq', () => {
  it('compares strictly', () => {
    expect(eq('overview', 'overview')).to.equal(true)
    expect(eq(1, '1')).to.equal(false)
    expect(eq(null, undefined)).to.equal(false)
  })
})
