// Text that looks like a personal identity number is found (so the form can warn); other numbers are not.
import { expect } from 'chai'
import { findPersonnummer } from '../../../app/domain/personnummer.ts'

const found = (text: string) => findPersonnummer(text).map(match => match.text)

describe('findPersonnummer', () => {
  it('finds the usual forms with a valid check digit', () => {
    expect(found('Kontakta 811218-9876 om detta')).to.deep.equal(['811218-9876'])
    expect(found('personnummer 19811218-9876.')).to.deep.equal(['19811218-9876'])
    expect(found('198112189876')).to.deep.equal(['198112189876'])
    expect(found('8112189876')).to.deep.equal(['8112189876'])
    expect(found('hundraåring 121212+1212')).to.deep.equal(['121212+1212'])
  })

  it('finds a samordningsnummer (the day plus 60)', () => {
    // 811278: day 18 + 60; check digit computed for 811278987x
    expect(found('811278-9873')).to.deep.equal(['811278-9873'])
  })

  it('finds every one, with where it is', () => {
    const matches = findPersonnummer('a 811218-9876 b 121212-1212')
    expect(matches).to.deep.equal([
      { text: '811218-9876', index: 2 },
      { text: '121212-1212', index: 16 },
    ])
  })

  it('leaves numbers alone that fail the check digit or the date', () => {
    expect(found('811218-9875')).to.deep.equal([])
    expect(found('811318-9876')).to.deep.equal([]) // month 13
    expect(found('811200-9876')).to.deep.equal([]) // day 0
  })

  it('leaves amounts, dates, bankgiro and longer digit runs alone', () => {
    expect(found('Vi rekvirerade 1 000 000 kr den 2022-03-01, bankgiro 5050-1055.')).to.deep.equal([])
    expect(found('169201599')).to.deep.equal([])
    expect(found('98112189876')).to.deep.equal([])
    expect(found('81121898761')).to.deep.equal([])
  })
})
