import { expect } from 'chai'
import { Kronor, stringify } from '../../../app/reports/json.ts'

describe('report JSON', () => {
  it('writes whole kronor as integers and öre as two decimals', () => {
    expect(
      stringify({ a: new Kronor(16920159900), b: new Kronor(12350), c: new Kronor(5), d: new Kronor(-250) }, 0),
    ).to.equal('{"a":169201599,"b":123.50,"c":0.05,"d":-2.50}')
  })

  it('is valid JSON that parses back to the same numbers', () => {
    const text = stringify({ rows: [{ x: new Kronor(100), y: null, s: 'Å "q"', issues: [] }], empty: {} })
    expect(JSON.parse(text)).to.deep.equal({ rows: [{ x: 1, y: null, s: 'Å "q"', issues: [] }], empty: {} })
  })
})
