// Bankgiro numbers: 7 or 8 digits with a Luhn check digit, written with or without hyphen and spaces.
import { expect } from 'chai'
import { formatBankgiro, parseBankgiro } from '../../../app/domain/bankgiro.ts'
import { hasValidLuhnCheckDigit } from '../../../app/domain/luhn.ts'

describe('bankgiro', () => {
  it('reads 7 and 8 digit numbers with a valid check digit, as written in any usual way', () => {
    expect(parseBankgiro('5050-1055')).to.deep.equal({ ok: true, digits: '50501055' })
    expect(parseBankgiro(' 5050 1055 ')).to.deep.equal({ ok: true, digits: '50501055' })
    expect(parseBankgiro('123-4566')).to.deep.equal({ ok: true, digits: '1234566' })
    expect(parseBankgiro('12345674')).to.deep.equal({ ok: true, digits: '12345674' })
  })

  it('refuses a wrong check digit', () => {
    expect(parseBankgiro('5050-1056')).to.deep.equal({ ok: false, problem: 'checkDigit' })
    expect(parseBankgiro('123-4567')).to.deep.equal({ ok: false, problem: 'checkDigit' })
  })

  it('refuses too few or too many digits, other characters, and nothing', () => {
    expect(parseBankgiro('12-3455')).to.deep.equal({ ok: false, problem: 'length' })
    expect(parseBankgiro('123-456-789')).to.deep.equal({ ok: false, problem: 'length' })
    expect(parseBankgiro('BG 5050-1055')).to.deep.equal({ ok: false, problem: 'format' })
    expect(parseBankgiro('5050.1055')).to.deep.equal({ ok: false, problem: 'format' })
    expect(parseBankgiro('  ')).to.deep.equal({ ok: false, problem: 'missing' })
  })

  it('is written with the hyphen before the last four digits', () => {
    expect(formatBankgiro('1234566')).to.equal('123-4566')
    expect(formatBankgiro('50501055')).to.equal('5050-1055')
  })

  it('Luhn: the last digit makes the weighted sum a multiple of 10', () => {
    expect(hasValidLuhnCheckDigit('8112189876')).to.equal(true)
    expect(hasValidLuhnCheckDigit('8112189875')).to.equal(false)
    expect(hasValidLuhnCheckDigit('')).to.equal(false)
    expect(hasValidLuhnCheckDigit('12a4')).to.equal(false)
  })
})
