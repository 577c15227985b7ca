import { expect } from 'chai'
import { formatOreAsKronor, parseAmountOre } from '../../../app/domain/amount.ts'

const ore = (text: string) => {
  const result = parseAmountOre(text)
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.message}`)
  return result.ore
}
const rejection = (text: string) => {
  const result = parseAmountOre(text)
  if (result.ok) throw new Error(`expected "${text}" to be rejected, got ${result.ore} öre`)
  return result.message
}

describe('parseAmountOre', () => {
  it('reads whole kronor', () => {
    expect(ore('169201599')).to.equal(16_920_159_900)
    expect(ore('0')).to.equal(0)
    expect(ore('7')).to.equal(700)
  })

  it('reads thousands separated by a space, a no-break space or a narrow no-break space', () => {
    expect(ore('169 201 599')).to.equal(16_920_159_900)
    expect(ore('169\u00A0201\u00A0599')).to.equal(16_920_159_900)
    expect(ore('169\u202F201\u202F599')).to.equal(16_920_159_900)
    expect(ore('1 000')).to.equal(100_000)
    expect(ore('12 345,50')).to.equal(1_234_550)
  })

  it('reads a decimal comma or a decimal period with one or two decimals', () => {
    expect(ore('169201599,00')).to.equal(16_920_159_900)
    expect(ore('169201599.00')).to.equal(16_920_159_900)
    expect(ore('1234567,5')).to.equal(123_456_750)
    expect(ore('20000,50')).to.equal(2_000_050)
    expect(ore('0.07')).to.equal(7)
    expect(ore('0,1')).to.equal(10)
  })

  it('is exact where binary floating point is not (0.29 kr is 29 öre, not 28.999…)', () => {
    expect(ore('0.29')).to.equal(29)
    expect(ore('1.15')).to.equal(115)
    expect(ore('9999999999999,99')).to.equal(999_999_999_999_999)
    expect(Number.isSafeInteger(ore('9999999999999,99'))).to.equal(true)
  })

  it('ignores spaces around the amount, as a spreadsheet cell may have them', () => {
    expect(ore(' 1500 ')).to.equal(150_000)
    expect(ore('\u00A01 500\u00A0')).to.equal(150_000)
  })

  it('rejects negative amounts', () => {
    expect(rejection('-5')).to.equal('negative amount "-5"')
    expect(rejection('\u22125')).to.contain('negative')
    expect(rejection('-1 000,00')).to.contain('negative')
  })

  it('rejects more than two decimals', () => {
    expect(rejection('12.345')).to.equal('"12.345" has more than 2 decimals')
    expect(rejection('1 234,567')).to.contain('more than 2 decimals')
  })

  it('rejects letters, units and other signs', () => {
    expect(rejection('12kr')).to.equal('"12kr" is not an amount')
    expect(rejection('169 201 599 kr')).to.contain('is not an amount')
    expect(rejection('abc')).to.contain('is not an amount')
    expect(rejection('1e5')).to.contain('is not an amount')
    expect(rejection('+5')).to.contain('is not an amount')
    expect(rejection('12\t000')).to.contain('is not an amount')
  })

  it('rejects an empty value (the caller decides whether empty is allowed)', () => {
    expect(rejection('')).to.equal('empty amount')
    expect(rejection('   ')).to.equal('empty amount')
  })

  it('rejects thousands not grouped by three', () => {
    expect(rejection('1 23 456')).to.contain('not grouped in thousands')
    expect(rejection('1234 567')).to.contain('not grouped in thousands')
    expect(rejection('12 34')).to.contain('not grouped in thousands')
    expect(rejection('1  000')).to.contain('not grouped in thousands')
    expect(rejection('12 3456')).to.contain('not grouped in thousands')
  })

  it('rejects a comma and a period together, and two decimal marks', () => {
    expect(rejection('1,234.50')).to.contain('both a comma and a period')
    expect(rejection('1.234,50')).to.contain('both a comma and a period')
    expect(rejection('1.234.567')).to.contain('more than one decimal mark')
    expect(rejection('1,2,3')).to.contain('more than one decimal mark')
  })

  it('rejects a decimal mark with no decimals after it, and amounts too large to hold exactly', () => {
    expect(rejection('12,')).to.contain('ends in a decimal mark')
    expect(rejection('12345678901234')).to.contain('too large')
  })
})

describe('formatOreAsKronor', () => {
  it('writes whole kronor without decimals and öre with two', () => {
    expect(formatOreAsKronor(16_920_159_900)).to.equal('169201599')
    expect(formatOreAsKronor(2_000_050)).to.equal('20000.50')
    expect(formatOreAsKronor(7)).to.equal('0.07')
    expect(formatOreAsKronor(0)).to.equal('0')
    expect(formatOreAsKronor(-150)).to.equal('-1.50')
  })

  it('refuses fractions of an öre', () => {
    expect(() => formatOreAsKronor(1.5)).to.throw(TypeError)
  })
})
