// The reconciliation table's query: strict parsing of every filter and the sort, and the links that keep them.
import { expect } from 'chai'
import {
  parseTableQuery,
  parseToleranceQuery,
  tableQueryParams,
} from '../../../app/routes/reconciliation/tableQuery.ts'

const known = { countyCodes: ['01', '25'], sizeGroups: ['lt10k', 'gt100k', 'okand'] }

describe('parseTableQuery', () => {
  it('gives the defaults for an empty query: no filter, code ascending, no tolerance', () => {
    expect(parseTableQuery({}, known)).to.deep.equal({
      ok: true,
      value: { toleranceOre: 0, filter: {}, sort: 'code', direction: 'asc' },
    })
    expect(parseTableQuery({ status: '', county: '', size: '', q: '  ', sort: '', dir: '' }, known)).to.deep.equal(
      parseTableQuery({}, known),
    )
  })

  it('reads every filter, the sort and the tolerance', () => {
    const parsed = parseTableQuery(
      { status: 'ok', county: '25', size: 'okand', q: ' Kiruna ', sort: 'paid', dir: 'desc', tolerance: '1 000' },
      known,
    )
    expect(parsed).to.deep.equal({
      ok: true,
      value: {
        toleranceOre: 1000_00,
        filter: { status: 'ok', countyCode: '25', sizeGroup: 'okand', text: 'Kiruna' },
        sort: 'paid',
        direction: 'desc',
      },
    })
  })

  it('names the field of a bad value', () => {
    const field = (query: Record<string, unknown>) => {
      const parsed = parseTableQuery(query, known)
      return parsed.ok ? 'ok' : `${parsed.field}: ${parsed.value}`
    }
    expect(field({ status: 'bogus' })).to.equal('status: bogus')
    expect(field({ county: '99' })).to.equal('county: 99')
    expect(field({ size: 'huge' })).to.equal('size: huge')
    expect(field({ sort: 'colour' })).to.equal('sort: colour')
    expect(field({ dir: 'up' })).to.equal('dir: up')
    expect(field({ tolerance: '-1' })).to.equal('tolerance: -1')
    expect(field({ q: 'x'.repeat(101) })).to.equal(`q: ${'x'.repeat(101)}`)
    expect(field({ county: ['01', '25'] })).to.equal('county: ["01","25"]')
    expect(field({ q: 'x'.repeat(100) })).to.equal('ok')
  })
})

describe('parseToleranceQuery', () => {
  it('reads whole kronor into öre and refuses the rest', () => {
    expect(parseToleranceQuery({})).to.deep.equal({ ok: true, value: 0 })
    expect(parseToleranceQuery({ tolerance: '500' })).to.deep.equal({ ok: true, value: 500_00 })
    expect(parseToleranceQuery({ tolerance: '1,5' }).ok).to.equal(false)
  })
})

describe('tableQueryParams', () => {
  const parsed = parseTableQuery(
    { status: 'ok', county: '01', q: 'by', sort: 'paid', dir: 'desc', tolerance: '100' },
    known,
  )
  if (!parsed.ok) throw new Error('fixture')
  const query = parsed.value

  it('carries every filter, leaving the defaults out', () => {
    expect(tableQueryParams(query)).to.deep.equal({
      tolerance: '100',
      status: 'ok',
      county: '01',
      size: undefined,
      q: 'by',
      sort: 'paid',
      dir: 'desc',
    })
    const plain = parseTableQuery({}, known)
    if (!plain.ok) throw new Error('fixture')
    expect(Object.values(tableQueryParams(plain.value)).filter(v => v !== undefined)).to.deep.equal([])
  })

  it('changes the status or the sort for a link, and clears the status when asked', () => {
    expect(tableQueryParams(query, { status: 'overspent' }).status).to.equal('overspent')
    expect(tableQueryParams(query, { status: undefined }).status).to.equal(undefined)
    const resorted = tableQueryParams(query, { sort: 'municipality', direction: 'asc' })
    expect([resorted.sort, resorted.dir]).to.deep.equal(['municipality', undefined])
    const byCode = tableQueryParams(query, { sort: 'code', direction: 'asc' })
    expect([byCode.sort, byCode.dir]).to.deep.equal([undefined, undefined])
    const byCodeDown = tableQueryParams(query, { sort: 'code', direction: 'desc' })
    expect([byCodeDown.sort, byCodeDown.dir]).to.deep.equal([undefined, 'desc'])
  })
})
