// The reconciliation table's filters and sorting: pure functions over the rows, Swedish rules for text.
import { expect } from 'chai'
import {
  filterRows,
  foldText,
  matchesText,
  sortRows,
  SORT_COLUMNS,
  UNKNOWN_SIZE_GROUP,
  type ReconciliationTableRow,
} from '../../../app/domain/reconciliationTable.ts'

function row(overrides: Partial<ReconciliationTableRow>): ReconciliationTableRow {
  return {
    municipalityCode: '0000',
    municipality: 'X',
    countyCode: '01',
    county: 'Stockholms län',
    population: 10_000,
    sizeGroup: '10-20k',
    allocatedOre: 0,
    requisitionedOre: 0,
    paidOre: 0,
    directGrantOre: 0,
    repaidOre: 0,
    reportedRequisitionedOre: 0,
    reportedSpentOre: 0,
    reportedRemainingOre: 0,
    differenceOre: 0,
    toReclaimOre: 0,
    status: 'ok',
    issues: [],
    ...overrides,
  }
}

const rows = [
  row({
    municipalityCode: '0114',
    municipality: 'Upplands Väsby',
    population: 48_000,
    sizeGroup: '20-50k',
    paidOre: 100,
  }),
  row({
    municipalityCode: '2584',
    municipality: 'Kiruna',
    countyCode: '25',
    county: 'Norrbottens län',
    population: 22_000,
    sizeGroup: '20-50k',
    paidOre: 300,
    status: 'missing_response',
    reportedRequisitionedOre: null,
    differenceOre: null,
  }),
  row({
    municipalityCode: '1280',
    municipality: 'Malmö',
    countyCode: '12',
    county: 'Skåne län',
    population: null,
    sizeGroup: UNKNOWN_SIZE_GROUP,
    paidOre: 200,
    status: 'amount_mismatch',
    differenceOre: -50,
  }),
  row({
    municipalityCode: '0180',
    municipality: 'Stockholm',
    population: 980_000,
    sizeGroup: 'gt100k',
    paidOre: 200,
    differenceOre: 25,
  }),
  row({
    municipalityCode: '2321',
    municipality: 'Åre',
    countyCode: '23',
    county: 'Jämtlands län',
    population: 11_000,
    sizeGroup: '10-20k',
    status: 'over_allocation',
    differenceOre: 0,
  }),
  row({
    municipalityCode: '0884',
    municipality: 'Vimmerby',
    countyCode: '08',
    county: 'Kalmar län',
    population: 15_000,
    sizeGroup: '10-20k',
    status: 'ok',
    differenceOre: 10,
  }),
]
const codes = (list: ReconciliationTableRow[]) => list.map(r => r.municipalityCode)

describe('reconciliation table filters', () => {
  it('keeps everything without a filter', () => {
    expect(codes(filterRows(rows, {}))).to.deep.equal(codes(rows))
  })

  it('filters by status, county and size group, each alone and together', () => {
    expect(codes(filterRows(rows, { status: 'ok' }))).to.deep.equal(['0114', '0180', '0884'])
    expect(codes(filterRows(rows, { countyCode: '01' }))).to.deep.equal(['0114', '0180'])
    expect(codes(filterRows(rows, { sizeGroup: '20-50k' }))).to.deep.equal(['0114', '2584'])
    expect(codes(filterRows(rows, { sizeGroup: UNKNOWN_SIZE_GROUP }))).to.deep.equal(['1280'])
    expect(codes(filterRows(rows, { status: 'ok', countyCode: '01', sizeGroup: 'gt100k' }))).to.deep.equal(['0180'])
    expect(filterRows(rows, { status: 'overspent' })).to.deep.equal([])
  })

  it('finds a municipality by part of its name in any case, Swedish letters included, or by its code', () => {
    expect(codes(filterRows(rows, { text: 'väsby' }))).to.deep.equal(['0114'])
    expect(codes(filterRows(rows, { text: 'VÄSBY' }))).to.deep.equal(['0114'])
    expect(codes(filterRows(rows, { text: 'åre' }))).to.deep.equal(['2321'])
    expect(codes(filterRows(rows, { text: 'ÅRE' }))).to.deep.equal(['2321'])
    expect(codes(filterRows(rows, { text: 'malmö' }))).to.deep.equal(['1280'])
    expect(codes(filterRows(rows, { text: '  stock  ' }))).to.deep.equal(['0180'])
    expect(codes(filterRows(rows, { text: '258' }))).to.deep.equal(['2584'])
    expect(codes(filterRows(rows, { text: 'are' })), 'å is a letter of its own').to.deep.equal([])
  })

  it('folds decomposed and composed letters alike', () => {
    const decomposed = 'A\u030Are' // "Åre" with a combining ring
    expect(foldText(decomposed)).to.equal('åre')
    expect(matchesText({ municipality: 'Åre', municipalityCode: '2321' }, decomposed)).to.equal(true)
  })
})

describe('reconciliation table sorting', () => {
  it('sorts by code, name (Swedish order: å, ä, ö last) and county', () => {
    expect(codes(sortRows(rows, 'code', 'asc'))).to.deep.equal(['0114', '0180', '0884', '1280', '2321', '2584'])
    expect(codes(sortRows(rows, 'code', 'desc'))).to.deep.equal(['2584', '2321', '1280', '0884', '0180', '0114'])
    expect(sortRows(rows, 'municipality', 'asc').map(r => r.municipality)).to.deep.equal([
      'Kiruna',
      'Malmö',
      'Stockholm',
      'Upplands Väsby',
      'Vimmerby',
      'Åre',
    ])
    expect(sortRows(rows, 'county', 'asc').map(r => r.county)).to.deep.equal([
      'Jämtlands län',
      'Kalmar län',
      'Norrbottens län',
      'Skåne län',
      'Stockholms län',
      'Stockholms län',
    ])
  })

  it('sorts amounts as numbers, ties by code, and empty amounts last in either direction', () => {
    expect(codes(sortRows(rows, 'paid', 'desc'))).to.deep.equal(['2584', '0180', '1280', '0114', '0884', '2321'])
    expect(codes(sortRows(rows, 'difference', 'asc'))).to.deep.equal(['1280', '0114', '2321', '0884', '0180', '2584'])
    expect(codes(sortRows(rows, 'difference', 'desc'))).to.deep.equal(['0180', '0884', '0114', '2321', '1280', '2584'])
  })

  it('sorts the size groups by population, unknown last', () => {
    expect(codes(sortRows(rows, 'sizeGroup', 'asc'))).to.deep.equal(['2321', '0884', '2584', '0114', '0180', '1280'])
    expect(codes(sortRows(rows, 'sizeGroup', 'desc'))).to.deep.equal(['0180', '0114', '2584', '0884', '2321', '1280'])
  })

  it('sorts the status by severity, as the contract orders the issues', () => {
    expect(sortRows(rows, 'status', 'asc').map(r => r.status)).to.deep.equal([
      'missing_response',
      'amount_mismatch',
      'over_allocation',
      'ok',
      'ok',
      'ok',
    ])
    expect(sortRows(rows, 'status', 'desc')[0].status).to.equal('ok')
  })

  it('sorts by every column without changing the rows given', () => {
    const before = codes(rows)
    for (const column of SORT_COLUMNS) {
      const sorted = sortRows(rows, column, 'asc')
      expect(sorted, column).to.have.length(rows.length)
      expect(new Set(codes(sorted)), column).to.deep.equal(new Set(before))
    }
    expect(codes(rows)).to.deep.equal(before)
  })
})
