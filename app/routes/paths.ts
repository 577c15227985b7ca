// The addresses of the pages, built in one place so that links and routes cannot drift apart.
import type { Dimension } from '../domain/types.ts'

const programme = (code: string) => `/programmes/${encodeURIComponent(code)}`
const municipalityArea = (municipalityCode: string) => `/municipalities/${encodeURIComponent(municipalityCode)}`
const municipalityYear = (municipalityCode: string, code: string, programmeYear: number) =>
  `${municipalityArea(municipalityCode)}${programme(code)}/years/${programmeYear}`

type Query = Record<string, string | undefined>
export type ExportFormat = 'csv' | 'xlsx'

/** `?a=1&b=2` from the values that are set, or nothing. */
function search(query: Query): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(name, value)
  const text = params.toString()
  return text === '' ? '' : `?${text}`
}

export const paths = {
  overview: () => '/',
  summary: (code: string, programmeYear: number) => `${programme(code)}/years/${programmeYear}/summary`,
  distribution: (code: string, dimension: Dimension) => `${programme(code)}/distributions/${dimension}`,
  reconciliation: (code: string, programmeYear: number, query: Query = {}) =>
    `${programme(code)}/years/${programmeYear}/reconciliation${search(query)}`,
  /** the reconciliation table as a file, with the page's filters */
  reconciliationExport: (code: string, programmeYear: number, format: ExportFormat, query: Query = {}) =>
    `${programme(code)}/years/${programmeYear}/reconciliation.${format}${search(query)}`,
  /** the administrator's dashboard of one programme year */
  dashboard: (code: string, programmeYear: number, query: Query = {}) =>
    `${programme(code)}/years/${programmeYear}${search(query)}`,
  /** one of the dashboard's tables as CSV, or all of them as one XLSX workbook (table undefined) */
  dashboardExport: (code: string, programmeYear: number, format: ExportFormat, table?: string, query: Query = {}) =>
    `${programme(code)}/years/${programmeYear}/dashboard${table ? `/${table}` : ''}.${format}${search(query)}`,
  /** one municipality's programme year: ledger entries, response versions, issues */
  municipalityYear: (code: string, programmeYear: number, municipalityCode: string, query: Query = {}) =>
    `${programme(code)}/years/${programmeYear}/municipalities/${encodeURIComponent(municipalityCode)}${search(query)}`,
  /** a table of the municipality page as CSV, or all of them as one XLSX workbook (table undefined) */
  municipalityYearExport: (
    code: string,
    programmeYear: number,
    municipalityCode: string,
    format: ExportFormat,
    table?: string,
    query: Query = {},
  ) =>
    `${programme(code)}/years/${programmeYear}/municipalities/${encodeURIComponent(municipalityCode)}${table ? `/${table}` : ''}.${format}${search(query)}`,
  /** upload of a ledger or response file (CSV or XLSX): the form, and the preview it posts to */
  imports: () => '/imports',
  /** confirm (POST) or discard (POST) a previewed upload */
  importConfirm: (uploadId: string) => `/imports/${encodeURIComponent(uploadId)}/confirm`,
  importDiscard: (uploadId: string) => `/imports/${encodeURIComponent(uploadId)}/discard`,
  /** what a confirmed upload wrote */
  importResult: (importId: number) => `/imports/results/${importId}`,
  /** a ledger transaction entered by hand; `municipality` preselects one */
  newLedgerEntry: (code: string, programmeYear: number, query: Query = {}) =>
    `${programme(code)}/years/${programmeYear}/ledger/new${search(query)}`,
  /** one ledger entry, with its reversal if any */
  ledgerEntry: (entryId: number) => `/ledger/${entryId}`,
  /** the reversal of one entry: GET the form (reason required), POST to reverse it */
  reverseLedgerEntry: (entryId: number) => `/ledger/${entryId}/reverse`,
  /** the audit log, searched */
  audit: (query: Query = {}) => `/audit${search(query)}`,
  auditExport: (query: Query = {}) => `/audit/export.csv${search(query)}`,
  /** a municipality's own page: what it was allocated, paid and reported, and its deadlines (its users' home) */
  municipalityHome: (municipalityCode: string) => municipalityArea(municipalityCode),
  /** the same, under the name the home redirect uses */
  myMunicipality: (municipalityCode: string) => municipalityArea(municipalityCode),
  /** a municipality's requisitions for one programme year, and the form for a new one */
  municipalityRequisitions: (municipalityCode: string, code: string, programmeYear: number, query: Query = {}) =>
    `${municipalityYear(municipalityCode, code, programmeYear)}/requisitions${search(query)}`,
  municipalityRequisitionNew: (municipalityCode: string, code: string, programmeYear: number) =>
    `${municipalityYear(municipalityCode, code, programmeYear)}/requisitions/new`,
  /** the administrator's decision on a requisition (POST) */
  municipalityRequisitionDecision: (
    municipalityCode: string,
    code: string,
    programmeYear: number,
    requisitionId: number,
    decision: 'approve' | 'return',
  ) => `${municipalityYear(municipalityCode, code, programmeYear)}/requisitions/${requisitionId}/${decision}`,
  /** a municipality's spending report for one programme year: its versions; POST saves or submits the form */
  municipalityReport: (municipalityCode: string, code: string, programmeYear: number, query: Query = {}) =>
    `${municipalityYear(municipalityCode, code, programmeYear)}/report${search(query)}`,
  municipalityReportEdit: (municipalityCode: string, code: string, programmeYear: number) =>
    `${municipalityYear(municipalityCode, code, programmeYear)}/report/edit`,
  municipalityReportDraftDelete: (municipalityCode: string, code: string, programmeYear: number) =>
    `${municipalityYear(municipalityCode, code, programmeYear)}/report/draft/delete`,
  municipalityReportVersion: (municipalityCode: string, code: string, programmeYear: number, version: number) =>
    `${municipalityYear(municipalityCode, code, programmeYear)}/report/versions/${version}`,
  municipalityReceipt: (municipalityCode: string, code: string, programmeYear: number, version: number) =>
    `${municipalityYear(municipalityCode, code, programmeYear)}/report/versions/${version}/receipt.pdf`,
  /** who has submitted a spending report for a programme year (administrator, evaluator, auditor) */
  submissions: (code: string, programmeYear: number, query: Query = {}) =>
    `${programme(code)}/years/${programmeYear}/submissions${search(query)}`,
  /** every municipality's requisitions, for the administrator's decisions */
  allRequisitions: (query: Query = {}) => `/requisitions${search(query)}`,
  /** a distribution with a breakdown (`by=size_group|county`), a survey round and size-group bounds */
  distributionQuery: (code: string, dimension: Dimension, query: Query = {}) =>
    `${programme(code)}/distributions/${dimension}${search(query)}`,
  /** the summary of a programme year, broken down (`by=size_group|county`) */
  summaryQuery: (code: string, programmeYear: number, query: Query = {}) =>
    `${programme(code)}/years/${programmeYear}/summary${search(query)}`,
  /** the published report of a programme year: tables 34–37 and the appendices */
  publishedReport: (code: string, programmeYear: number, format: 'pdf' | 'xlsx' | 'csv') =>
    `${programme(code)}/years/${programmeYear}/report.${format}`,
  /** the size-group bounds the evaluator keeps */
  sizeGroups: () => '/analysis/size-groups',
  /** the data-quality review of two consecutive survey rounds, and its contact list */
  quality: (code: string, query: Query = {}) => `${programme(code)}/quality${search(query)}`,
  qualityContacts: (code: string, query: Query = {}) => `${programme(code)}/quality/contacts.csv${search(query)}`,
  /** record the flags found (POST), and note the follow-up of one flag (POST) */
  qualityRecord: (code: string) => `${programme(code)}/quality/flags`,
  qualityFollowUp: (code: string, flagId: number) => `${programme(code)}/quality/flags/${flagId}`,
}
