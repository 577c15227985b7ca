// The administrator's reconciliation table: each municipality's row with its county and size group, filtered by
// status, county, size group and free text, and sorted by any column. Pure: the page, the CSV and the XLSX share it.
import type { ReconciliationRow, ReconciliationStatus } from './reportTypes.ts'
import { ISSUE_CODES } from './reportTypes.ts'

/** The size group of a municipality without a population figure for the year. */
export const UNKNOWN_SIZE_GROUP = 'okand'

export interface ReconciliationTableRow extends ReconciliationRow {
  county: string
  /** null: no population figure for the year */
  population: number | null
  /** the size group's code, or UNKNOWN_SIZE_GROUP */
  sizeGroup: string
}

export interface RowFilter {
  status?: ReconciliationStatus
  countyCode?: string
  sizeGroup?: string
  /** part of the municipality's name or code, in any case */
  text?: string
}

/** Most severe first, as the contract orders the issues; ok last. */
export const STATUS_ORDER: readonly ReconciliationStatus[] = [...ISSUE_CODES, 'ok']

export const SORT_COLUMNS = [
  'code',
  'municipality',
  'county',
  'sizeGroup',
  'allocated',
  'requisitioned',
  'paid',
  'directGrant',
  'repaid',
  'reportedRequisitioned',
  'reportedSpent',
  'reportedRemaining',
  'difference',
  'toReclaim',
  'status',
] as const
export type SortColumn = (typeof SORT_COLUMNS)[number]
export type SortDirection = 'asc' | 'desc'

export const isSortColumn = (text: string): text is SortColumn => (SORT_COLUMNS as readonly string[]).includes(text)

const AMOUNT_OF: Partial<Record<SortColumn, (row: ReconciliationTableRow) => number | null>> = {
  allocated: row => row.allocatedOre,
  requisitioned: row => row.requisitionedOre,
  paid: row => row.paidOre,
  directGrant: row => row.directGrantOre,
  repaid: row => row.repaidOre,
  reportedRequisitioned: row => row.reportedRequisitionedOre,
  reportedSpent: row => row.reportedSpentOre,
  reportedRemaining: row => row.reportedRemainingOre,
  difference: row => row.differenceOre,
  toReclaim: row => row.toReclaimOre,
  // the groups follow the population, so sorting by the population sorts by the group too
  sizeGroup: row => row.population,
}

const collator = new Intl.Collator('sv', { sensitivity: 'base', numeric: true })

/** Text folded for a search: Unicode NFC and lower case by Swedish rules (å, ä and ö stay letters of their own). */
export function foldText(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('sv').replace(/\s+/g, ' ').trim()
}

export function matchesText(row: Pick<ReconciliationRow, 'municipality' | 'municipalityCode'>, text: string): boolean {
  const wanted = foldText(text)
  if (wanted === '') return true
  return foldText(row.municipality).includes(wanted) || row.municipalityCode.includes(wanted)
}

export function filterRows<R extends ReconciliationTableRow>(rows: readonly R[], filter: RowFilter): R[] {
  return rows.filter(
    row =>
      (filter.status === undefined || row.status === filter.status) &&
      (filter.countyCode === undefined || row.countyCode === filter.countyCode) &&
      (filter.sizeGroup === undefined || row.sizeGroup === filter.sizeGroup) &&
      (filter.text === undefined || matchesText(row, filter.text)),
  )
}

/**
 * The rows sorted by one column. Empty amounts (no response, no population) come last in either direction; rows
 * that tie keep the order of their municipality codes.
 */
export function sortRows<R extends ReconciliationTableRow>(
  rows: readonly R[],
  column: SortColumn,
  direction: SortDirection,
): R[] {
  const sign = direction === 'asc' ? 1 : -1
  const byCode = (a: R, b: R) =>
    a.municipalityCode < b.municipalityCode ? -1 : a.municipalityCode > b.municipalityCode ? 1 : 0
  const amount = AMOUNT_OF[column]
  const compare = (a: R, b: R): number => {
    if (amount) {
      const x = amount(a)
      const y = amount(b)
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1
      return sign * (x - y)
    }
    switch (column) {
      case 'code':
        return sign * byCode(a, b)
      case 'municipality':
        return sign * collator.compare(a.municipality, b.municipality)
      case 'county':
        return sign * (collator.compare(a.county, b.county) || collator.compare(a.municipality, b.municipality))
      case 'status':
        return sign * (STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status))
      default:
        return 0
    }
  }
  return [...rows].sort((a, b) => compare(a, b) || byCode(a, b))
}
