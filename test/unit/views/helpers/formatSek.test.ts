// formatSek: integer öre as Swedish kronor, the one money format of the pages.
import { expect } from 'chai'
import { formatSek } from '../../../../app/views/helpers/formatSek.ts'

const NBSP = '\u00a0'
const MINUS = '\u2212'

describe('formatSek', () => {
  it('formats zero and one krona', () => {
    expect(formatSek(0)).to.equal(`0${NBSP}kr`)
    expect(formatSek(100)).to.equal(`1${NBSP}kr`)
  })

  it('groups thousands with no-break spaces: 169 201 599 kr', () => {
    expect(formatSek(169_201_599_00)).to.equal(`169${NBSP}201${NBSP}599${NBSP}kr`)
    expect(formatSek(100_000_00)).to.equal(`100${NBSP}000${NBSP}kr`)
    expect(formatSek(999_00)).to.equal(`999${NBSP}kr`)
    expect(formatSek(1_000_00)).to.equal(`1${NBSP}000${NBSP}kr`)
  })

  it('shows öre only when there are some, with a decimal comma and two digits', () => {
    expect(formatSek(1_234_50)).to.equal(`1${NBSP}234,50${NBSP}kr`)
    expect(formatSek(5)).to.equal(`0,05${NBSP}kr`)
    expect(formatSek(1_000_000_01)).to.equal(`1${NBSP}000${NBSP}000,01${NBSP}kr`)
  })

  it('writes negative amounts with a real minus sign', () => {
    expect(formatSek(-1_234_00)).to.equal(`${MINUS}1${NBSP}234${NBSP}kr`)
    expect(formatSek(-50)).to.equal(`${MINUS}0,50${NBSP}kr`)
  })

  it('shows "–" for no amount', () => {
    expect(formatSek(null)).to.equal('\u2013')
    expect(formatSek(undefined)).to.equal('\u2013')
  })

  it('stays exact up to the largest safe integer (no float division)', () => {
    expect(formatSek(Number.MAX_SAFE_INTEGER)).to.equal(`90${NBSP}071${NBSP}992${NBSP}547${NBSP}409,91${NBSP}kr`)
  })

  it('refuses what is not a whole number of öre', () => {
    expect(() => formatSek(1.5)).to.throw(TypeError)
    expect(() => formatSek('100')).to.throw(TypeError)
    expect(() => formatSek(Number.NaN)).to.throw(TypeError)
  })
})
