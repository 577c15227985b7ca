// The demo data set behind `db seed-demo`: a payout ledger and survey answers for aldreomsorg-2020-2022 that
// reproduce the published tables 34–37, with a handful of planted discrepancies for the reconciliation to find.
//
// The story. Each programme year Kammarkollegiet allocates the requisitionable pool (168.7 MSEK in 2020 and 2021,
// 167.1 MSEK in 2022) to all 290 municipalities by population, pays 1.5 MSEK directly to each of the ten model
// municipalities, and pays out what the others requisition in spring. In the survey the following winter every
// municipality that requisitioned must say what it requisitioned, spent and has left, and why money was left.
// - 2020 (survey round 2021): the pandemic year. Two municipalities do not requisition; three are paid but never
//   answer; nineteen requisition but spend nothing, which leaves the 266 users of the published tables.
// - 2021 (survey round 2022): one does not requisition but answers anyway; one is paid and does not answer; three
//   spend nothing (285 users).
// - 2022 (survey round 2023): all 290 answer, 287 requisitioned (3 did not and leave the amounts empty), 2 spent
//   nothing, 38 spent part (285 users): table 34 to the krona. The survey says 169.2 MSEK was requisitioned while
//   only 167.1 MSEK could be, chiefly because two model municipalities counted their 1.5 MSEK direct grant as
//   requisitioned; a dozen or so others requisitioned a little less than their allocation, which brings the survey
//   total to exactly 169 201 599 kr. The overspent municipality's surplus is matched by the slip of one that reports
//   too little remaining, so requisitioned − spent = remaining still holds for the totals.
// For every other municipality and year the ledger's payout equals the requisitioned amount the municipality
// reports. `CAST` names who plays which part (and `planted` lists the discrepancies with their issue codes);
// everything else (who spends part, who picks which purpose) comes from a seeded generator, so the files are the
// same byte for byte on every run.
import { LEDGER_COLUMNS } from '../../app/domain/ledgerRow.ts'
import { mulberry32 } from '../../app/domain/random.ts'
import { RESPONSE_COLUMNS } from '../../app/domain/responseRow.ts'
import type { IssueCode } from '../../app/domain/reportTypes.ts'
import type { LedgerType } from '../../app/domain/types.ts'
import type { MunicipalitySeed, PublishedFigures, TaxonomyOptionSeed } from '../reference/index.ts'
import { programmes } from '../reference/programmes.ts'

export const DEMO_PROGRAMME = 'aldreomsorg-2020-2022'
export const DEMO_PROGRAMME_YEARS = [2020, 2021, 2022] as const
type DemoYear = (typeof DEMO_PROGRAMME_YEARS)[number]

export const LEDGER_HEADER = LEDGER_COLUMNS

export const RESPONSES_HEADER = RESPONSE_COLUMNS

export interface DemoInput {
  municipalities: MunicipalitySeed[]
  /** inhabitants by municipality code: the allocation key */
  population: Map<string, number>
  taxonomy: TaxonomyOptionSeed[]
  published: PublishedFigures
}

/** One municipality and programme year where the demo data disagrees with itself on purpose. */
export interface PlantedDiscrepancy {
  programmeYear: number
  municipalityCode: string
  municipality: string
  /** every issue the reconciliation (tolerance 0) lists for this row, most severe first; the status is the first */
  issues: IssueCode[]
  /** what happened, in one sentence */
  story: string
}

export interface DemoOutput {
  ledgerCsv: string
  responsesCsv: string
  planted: PlantedDiscrepancy[]
}

/** Who plays which part of the story, by name (the 290 names are unique). */
const CAST = {
  2020: {
    notRequisitioned: ['Dorotea', 'Malå'],
    missingResponse: ['Ljusnarsberg', 'Pajala', 'Haparanda'],
    amountsInThousands: 'Vimmerby',
  },
  2021: {
    notRequisitionedButAnswered: ['Åsele'],
    missingResponse: ['Dals-Ed'],
    reportedAllocation: 'Hylte',
    overspentRemainingEmpty: 'Skövde',
    remainingSlip: 'Nora',
  },
  2022: {
    notRequisitionedButAnswered: ['Bjurholm', 'Ydre', 'Storfors'],
    directGrantCountedAsRequisitioned: ['Grästorp', 'Kramfors'],
    unpaidLateRequisition: 'Tanum',
    overspent: 'Piteå',
    remainingSlip: 'Falkenberg',
    lastYearsAllocation: 'Sandviken',
    revisedRequisition: 'Östersund',
    spentNothing: ['Överkalix', 'Munkfors'],
  },
} as const

/** Counts that the published tables leave open, chosen to tell a plausible story. */
const PARTIALLY_SPENT = { 2020: 52, 2021: 41 } as const
const UNDER_REQUISITIONS = { 2020: 14, 2021: 9 } as const
const REPAYMENTS = { 2020: { spentNothing: 6, partiallySpent: 3 }, 2021: { spentNothing: 1, partiallySpent: 3 } }
/** Unspent reasons in the unpublished rounds: share (%) of the partially spent who gave each. */
const REASON_SHARES: Record<2020 | 2021, Record<string, number>> = {
  2020: { tidsbrist: 50, personalbrist: 30, annat: 45 },
  2021: { tidsbrist: 45, personalbrist: 30, annat: 45 },
}
/** Goal fulfilment (%) in the rounds the report does not publish; round 2023 comes from the published figures. */
const GOAL_SHARES: Record<number, Record<string, number>> = {
  2021: { hog: 60, viss: 38, inte: 2 },
  2022: { hog: 62, viss: 36, inte: 2 },
}
// When the answers came in: round 2023 opened on 9 January and closed on 17 February 2023 (published-2023.json);
// the earlier windows are plausible guesses.
const SURVEY_WINDOWS: Record<number, [string, string]> = {
  2021: ['2021-01-11', '2021-02-26'],
  2022: ['2022-01-10', '2022-02-25'],
  2023: ['2023-01-09', '2023-02-17'],
}
const SEED = 20_230_331 // the day the respondent list went to Kammarkollegiet

const OTHER_PURPOSES = [
  'Projektledare för införande',
  'Minskad ofrivillig ensamhet',
  'Ökad kontinuitet i hemtjänsten',
  'Stöd till anhöriga',
  'Säkrare läkemedelshantering',
  'Digital kompetens hos chefer',
]
const OTHER_AREAS = [
  'Socialpsykiatri',
  'LSS-verksamhet',
  'Dagverksamhet för äldre',
  'Korttidsboende',
  'Biståndshandläggning',
  'Anhörigstöd',
]
const OTHER_USAGES = [
  'Aktivitetsskärmar',
  'Digitala whiteboards i personalrum',
  'Sensorer för fallrisk',
  'Interaktiva spel för äldre',
  'Cykelsimulator',
  'Taligenkänning för dokumentation',
  'Digitala hjälpmedel för syn och hörsel',
  'Ljud- och ljusmiljö på demensboende',
  'Wifi för personal i hemtjänsten',
  'Digital fotvårdsbokning',
]
const OTHER_REASONS = [
  'Lägre kostnader än förväntat',
  'Tidskrävande upphandling',
  'Leveransförseningar av utrustning',
  'Beslut om användning fattades sent på året',
  'Installationen hann inte slutföras',
  'Pandemin försenade införandet',
]
/** General comments: å/ä/ö, a comma, a line break, quotes and a semicolon, to exercise the CSV path. */
const COMMENTS = [
  'Medlen har använts till välfärdsteknik i både hemtjänst och särskilt boende.',
  'Vi har köpt in läsplattor, robotkatter och digitala lås.',
  'Införandet av nattillsyn med kamera fortsätter.\nUtvärdering planeras till hösten.',
  'Personalen kallar nattkamerorna för "tysta ronden".',
  'Satsningen har ökat tryggheten för brukarna och förbättrat arbetsmiljön.',
  'Samverkan med grannkommunerna i länet kring upphandling av trygghetslarm.',
  'Stort intresse från anhöriga för videosamtal med sina närstående.',
  'Medarbetarna har utbildats i välfärdsteknik; fler utbildningar planeras.',
]

/** Builds the demo ledger and survey answers. Pure: the same input gives the same files. */
export function generateDemo(input: DemoInput): DemoOutput {
  const context = buildContext(input)
  const books = [writeYear2020(context), writeYear2021(context), writeYear2022(context)]
  for (const book of books) answerQuestions(book, context)
  return {
    ledgerCsv: toCsv(
      LEDGER_HEADER,
      books.flatMap(book => ledgerRows(book, context)),
    ),
    responsesCsv: toCsv(RESPONSES_HEADER, books.flatMap(responseRows)),
    planted: books.flatMap(book => book.planted),
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Pure helpers, exported for their own tests

export class Random {
  private readonly next: () => number

  constructor(seed: number) {
    this.next = mulberry32(seed)
  }

  /** a whole number in [min, max] */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items]
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(0, i)
      ;[copy[i], copy[j]] = [copy[j], copy[i]]
    }
    return copy
  }

  /** k distinct items, in random order */
  sample<T>(items: readonly T[], k: number): T[] {
    if (k > items.length) throw new RangeError(`cannot pick ${k} of ${items.length}`)
    return this.shuffle(items).slice(0, k)
  }
}

/**
 * Splits a whole amount in proportion to whole-number weights: everyone gets floor(total·w/W), and the kronor left
 * over go one each to the largest remainders (ties by key). Exact, in BigInt; the parts always sum to the total.
 */
export function allocateProportionally(total: number, weights: { key: string; weight: number }[]): Map<string, number> {
  const weightSum = weights.reduce((sum, w) => sum + BigInt(w.weight), 0n)
  if (weightSum <= 0n) throw new RangeError('allocateProportionally needs a positive total weight')
  const parts = weights.map(w => {
    const product = BigInt(total) * BigInt(w.weight)
    return { key: w.key, amount: product / weightSum, remainder: product % weightSum }
  })
  let leftOver = BigInt(total) - parts.reduce((sum, part) => sum + part.amount, 0n)
  const byRemainder = [...parts].sort((a, b) =>
    a.remainder === b.remainder ? a.key.localeCompare(b.key) : a.remainder > b.remainder ? -1 : 1,
  )
  for (const part of byRemainder) {
    if (leftOver === 0n) break
    part.amount += 1n
    leftOver -= 1n
  }
  return new Map(parts.map(part => [part.key, Number(part.amount)]))
}

/** The allocation key: the pool split by population with largest-remainder rounding to whole kronor. */
export function allocateByPopulation(
  poolSek: number,
  municipalities: MunicipalitySeed[],
  population: Map<string, number>,
): Map<string, number> {
  return allocateProportionally(
    poolSek,
    municipalities.map(m => {
      const inhabitants = population.get(m.code)
      if (inhabitants === undefined) throw new Error(`no population for ${m.code} ${m.name}`)
      return { key: m.code, weight: inhabitants }
    }),
  )
}

/** The whole percent the reports print: floor(100·count/base + 1/2), in integers. */
export const sharePct = (count: number, base: number): number => Math.floor((200 * count + base) / (2 * base))

/** Every count out of n that prints as pct. */
export function countsForPct(pct: number, n: number): number[] {
  const counts: number[] = []
  for (let count = 0; count <= n; count++) if (sharePct(count, n) === pct) counts.push(count)
  if (counts.length === 0) throw new RangeError(`no count out of ${n} rounds to ${pct} %`)
  return counts
}

/** The count out of n nearest to pct % that prints as pct. */
export function countForPct(pct: number, n: number): number {
  const candidates = countsForPct(pct, n)
  const distance = (count: number) => Math.abs(100 * count - pct * n)
  return candidates.reduce((best, count) => (distance(count) < distance(best) ? count : best))
}

/** Counts for a single-choice question: each prints as its pct, and together they are exactly n. */
export function countsSummingTo(pcts: { code: string; pct: number }[], n: number): Map<string, number> {
  const ranges = pcts.map(({ code, pct }) => ({ code, counts: countsForPct(pct, n), count: countForPct(pct, n) }))
  let missing = n - ranges.reduce((sum, range) => sum + range.count, 0)
  for (const range of ranges) {
    const low = range.counts[0]
    const high = range.counts[range.counts.length - 1]
    const step = missing > 0 ? Math.min(missing, high - range.count) : Math.max(missing, low - range.count)
    range.count += step
    missing -= step
  }
  if (missing !== 0) throw new RangeError(`no counts out of ${n} give ${JSON.stringify(pcts)}`)
  return new Map(ranges.map(range => [range.code, range.count]))
}

/** Picks exactly k of the candidates, in their original order. */
export function chooseExactly<T>(candidates: readonly T[], k: number, random: Random): T[] {
  const chosen = new Set(random.sample(candidates, k))
  return candidates.filter(candidate => chosen.has(candidate))
}

/**
 * Multi-select answers with exact counts: option o is chosen by exactly quota(o) members. With `atLeastOne`, every
 * member first gets one option (drawn in proportion to the quotas left), then the rest of each quota goes to
 * members who do not have that option yet.
 */
export function chooseOptions(
  members: readonly string[],
  quotas: { code: string; count: number }[],
  random: Random,
  atLeastOne: boolean,
): Map<string, Set<string>> {
  const chosen = new Map(members.map(member => [member, new Set<string>()]))
  const left = new Map(quotas.map(q => [q.code, q.count]))
  if (quotas.some(q => q.count > members.length)) throw new RangeError('a quota is larger than the members')
  if (atLeastOne) {
    if (quotas.reduce((sum, q) => sum + q.count, 0) < members.length) {
      throw new RangeError('the quotas cannot give every member an option')
    }
    for (const member of random.shuffle(members)) {
      const code = drawByQuota(left, random)
      chosen.get(member)!.add(code)
      left.set(code, left.get(code)! - 1)
    }
  }
  for (const { code } of quotas) {
    const without = members.filter(member => !chosen.get(member)!.has(code))
    for (const member of chooseExactly(without, left.get(code)!, random)) chosen.get(member)!.add(code)
  }
  return chosen
}

function drawByQuota(left: Map<string, number>, random: Random): string {
  const total = [...left.values()].reduce((sum, count) => sum + count, 0)
  let ticket = random.int(1, total)
  for (const [code, count] of left) {
    if (ticket <= count) return code
    ticket -= count
  }
  throw new Error('drawByQuota: no quota left')
}

/** Adds days to a YYYY-MM-DD date (UTC, so no time zone can move it). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number)
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10)
}

function daysFrom(first: string, last: string): number {
  const utc = (date: string) => {
    const [year, month, day] = date.split('-').map(Number)
    return Date.UTC(year, month - 1, day)
  }
  return Math.round((utc(last) - utc(first)) / 86_400_000)
}

const randomDate = (random: Random, first: string, last: string) => addDays(first, random.int(0, daysFrom(first, last)))

/** Rounds an amount down to whole tens of thousands, as people do when they requisition less than they may. */
const roundDown = (amount: number, unit = 10_000) => Math.floor(amount / unit) * unit

// ---------------------------------------------------------------------------------------------------------------
// One programme year at a time

interface Context {
  input: DemoInput
  byName: Map<string, MunicipalitySeed>
  allocations: Map<number, Map<string, number>>
  modelMunicipalities: Set<string>
  directGrantSek: number
}

/** One municipality in one programme year: the ledger's side and the answer's side. */
interface MunicipalityYear {
  code: string
  name: string
  allocationSek: number
  /** the ledger's requisition; 0 when the municipality did not requisition */
  requisitionedSek: number
  paidSek: number
  requisitionDate: string
  payoutDate: string
  repaidSek: number
  repaymentDate: string
  /** named in CAST: random parts of the story pass it by */
  cast: boolean
  answered: boolean
  reportedRequisitionedSek: number | null
  spentSek: number | null
  remainingSek: number | null
  unspentReasons: string[]
  purposes: string[]
  areas: string[]
  usageAreas: string[]
  goalFulfilment: string | null
  otherReason: string
  otherPurpose: string
  otherArea: string
  otherUsage: string
  comment: string
  submittedOn: string
}

interface YearBook {
  programmeYear: DemoYear
  surveyRound: number
  random: Random
  rows: MunicipalityYear[]
  byName: Map<string, MunicipalityYear>
  planted: PlantedDiscrepancy[]
}

function buildContext(input: DemoInput): Context {
  const programme = programmes.find(p => p.code === DEMO_PROGRAMME)
  if (!programme) throw new Error(`programme ${DEMO_PROGRAMME} is missing from the reference data`)
  const budgetLine = (programmeYear: number, kind: string) => {
    const line = programme.years
      .find(year => year.programmeYear === programmeYear)
      ?.budgetLines.find(budget => budget.kind === kind)
    if (!line) throw new Error(`no ${kind} budget line for ${programmeYear}`)
    return line.amountOre / 100
  }
  const municipalities = [...input.municipalities].sort((a, b) => a.code.localeCompare(b.code))
  const byName = new Map(municipalities.map(m => [m.name, m]))
  const modelNames = input.published.programme.year_2022.model_municipalities
  const modelMunicipalities = new Set(
    modelNames.map(name => {
      const municipality = byName.get(name)
      if (!municipality) throw new Error(`model municipality ${name} is not in the municipality list`)
      return municipality.code
    }),
  )
  return {
    input: { ...input, municipalities },
    byName,
    allocations: new Map(
      DEMO_PROGRAMME_YEARS.map(year => [
        year,
        allocateByPopulation(budgetLine(year, 'requisitionable'), municipalities, input.population),
      ]),
    ),
    modelMunicipalities,
    directGrantSek: budgetLine(2022, 'direct_grants') / modelNames.length,
  }
}

/** Everyone requisitions its allocation in spring, is paid a few weeks later, answers and spent it all. */
function openYear(programmeYear: DemoYear, context: Context): YearBook {
  const random = new Random(SEED + programmeYear)
  const allocations = context.allocations.get(programmeYear)!
  const rows = context.input.municipalities.map((m): MunicipalityYear => {
    const allocationSek = allocations.get(m.code)!
    const requisitionDate = randomDate(random, `${programmeYear}-03-01`, `${programmeYear}-05-31`)
    return {
      code: m.code,
      name: m.name,
      allocationSek,
      requisitionedSek: allocationSek,
      paidSek: allocationSek,
      requisitionDate,
      payoutDate: addDays(requisitionDate, random.int(14, 42)),
      repaidSek: 0,
      repaymentDate: '',
      cast: false,
      answered: true,
      reportedRequisitionedSek: allocationSek,
      spentSek: allocationSek,
      remainingSek: 0,
      unspentReasons: [],
      purposes: [],
      areas: [],
      usageAreas: [],
      goalFulfilment: null,
      otherReason: '',
      otherPurpose: '',
      otherArea: '',
      otherUsage: '',
      comment: '',
      submittedOn: '',
    }
  })
  return {
    programmeYear,
    surveyRound: programmeYear + 1,
    random,
    rows,
    byName: new Map(rows.map(row => [row.name, row])),
    planted: [],
  }
}

function cast(book: YearBook, name: string): MunicipalityYear {
  const row = book.byName.get(name)
  if (!row) throw new Error(`demo cast: no municipality named ${name}`)
  if (row.cast) throw new Error(`demo cast: ${name} already plays a part in ${book.programmeYear}`)
  row.cast = true
  return row
}

function plant(book: YearBook, name: string, issues: IssueCode[], story: string): MunicipalityYear {
  const row = cast(book, name)
  book.planted.push({
    programmeYear: book.programmeYear,
    municipalityCode: row.code,
    municipality: name,
    issues,
    story,
  })
  return row
}

const requisitioned = (row: MunicipalityYear) => (row.reportedRequisitionedSek ?? 0) > 0
const usedFunds = (row: MunicipalityYear) => row.answered && (row.spentSek ?? 0) > 0
const partiallySpent = (row: MunicipalityYear) =>
  row.answered && (row.spentSek ?? 0) > 0 && (row.spentSek ?? 0) < (row.reportedRequisitionedSek ?? 0)

/** Municipalities free for a random part: not cast, requisitioned, answered and spent everything so far. */
const freeRows = (book: YearBook) =>
  book.rows.filter(row => !row.cast && row.requisitionedSek > 0 && row.answered && row.remainingSek === 0)

function doesNotRequisition(row: MunicipalityYear, answers: boolean) {
  row.requisitionedSek = 0
  row.paidSek = 0
  row.requisitionDate = ''
  row.payoutDate = ''
  row.answered = answers
  row.reportedRequisitionedSek = null
  row.spentSek = null
  row.remainingSek = null
}

/** Requisitions (and is paid, and reports) less than its allocation. */
function requisitionsLess(row: MunicipalityYear, amountSek: number) {
  if (amountSek <= 0 || amountSek >= row.allocationSek) throw new RangeError(`${row.name}: ${amountSek} kr`)
  row.requisitionedSek = amountSek
  row.paidSek = amountSek
  row.reportedRequisitionedSek = amountSek
  row.spentSek = amountSek
}

function spendsNothing(row: MunicipalityYear) {
  row.spentSek = 0
  row.remainingSek = row.reportedRequisitionedSek
}

function spendsPart(row: MunicipalityYear, unspentSek: number) {
  const reported = row.reportedRequisitionedSek ?? 0
  if (unspentSek < 1 || unspentSek >= reported) throw new RangeError(`${row.name}: ${unspentSek} of ${reported} kr`)
  row.spentSek = reported - unspentSek
  row.remainingSek = unspentSek
}

function repays(book: YearBook, row: MunicipalityYear) {
  row.repaidSek = row.remainingSek ?? 0
  const next = book.programmeYear + 1
  row.repaymentDate = randomDate(book.random, `${next}-03-15`, `${next}-06-30`)
}

/** A few municipalities requisition a round amount below their allocation. */
function someRequisitionLess(book: YearBook, count: number) {
  for (const row of chooseExactly(freeRows(book), count, book.random)) {
    requisitionsLess(row, roundDown((row.allocationSek * book.random.int(550, 950)) / 1000))
  }
}

/** Municipalities requisition less than their allocation until the survey's total is cut by exactly cutSek. */
function requisitionLessBy(book: YearBook, cutSek: number) {
  let left = cutSek
  for (const row of book.random.shuffle(
    freeRows(book).filter(row => row.allocationSek >= 100_000 && row.allocationSek <= 700_000),
  )) {
    if (left === 0) break
    const rounded = roundDown((row.allocationSek * book.random.int(750, 950)) / 1000)
    const cut = row.allocationSek - rounded
    if (cut < left) {
      requisitionsLess(row, rounded)
      left -= cut
    } else {
      requisitionsLess(row, row.allocationSek - left)
      left = 0
    }
  }
  if (left !== 0) throw new Error(`demo ${book.programmeYear}: could not cut the requisitions by ${cutSek} kr`)
}

/** Unspent amounts for partially spent municipalities: a random share of what each requisitioned. */
function someSpendPart(book: YearBook, count: number): MunicipalityYear[] {
  const rows = chooseExactly(freeRows(book), count, book.random)
  for (const row of rows) {
    const reported = row.reportedRequisitionedSek ?? 0
    spendsPart(row, Math.max(1, Math.floor((reported * book.random.int(40, 650)) / 1000)))
  }
  return rows
}

function someRepay(book: YearBook, rows: MunicipalityYear[], count: number) {
  for (const row of chooseExactly(rows, count, book.random)) repays(book, row)
}

// 2020, survey round 2021: the pandemic year
function writeYear2020(context: Context): YearBook {
  const book = openYear(2020, context)
  const roles = CAST[2020]
  for (const name of roles.notRequisitioned) doesNotRequisition(cast(book, name), false)
  for (const name of roles.missingResponse) {
    plant(
      book,
      name,
      ['missing_response'],
      'Paid in full but never answered the survey despite five reminders.',
    ).answered = false
  }
  const thousands = plant(
    book,
    roles.amountsInThousands,
    ['amount_mismatch'],
    'Reported its amounts in thousands of kronor (tkr) instead of kronor.',
  )
  thousands.reportedRequisitionedSek = Math.floor((thousands.paidSek + 500) / 1000)
  thousands.spentSek = thousands.reportedRequisitionedSek

  someRequisitionLess(book, UNDER_REQUISITIONS[2020])
  const answering = book.rows.filter(row => row.answered && requisitioned(row)).length
  const nothingSpent = chooseExactly(freeRows(book), answering - usersPublished(context, book), book.random)
  for (const row of nothingSpent) {
    spendsNothing(row)
    row.comment = 'Medlen kunde inte användas under 2020 på grund av pandemin.'
  }
  const partial = someSpendPart(book, PARTIALLY_SPENT[2020])
  someRepay(book, nothingSpent, REPAYMENTS[2020].spentNothing)
  someRepay(book, partial, REPAYMENTS[2020].partiallySpent)
  return book
}

// 2021, survey round 2022
function writeYear2021(context: Context): YearBook {
  const book = openYear(2021, context)
  const roles = CAST[2021]
  for (const name of roles.notRequisitionedButAnswered) {
    doesNotRequisition(cast(book, name), true)
    book.byName.get(name)!.comment = 'Kommunen rekvirerade inte medlen för 2021.'
  }
  for (const name of roles.missingResponse) {
    plant(book, name, ['missing_response'], 'Paid in full but never answered the survey.').answered = false
  }
  const allocationReported = plant(
    book,
    roles.reportedAllocation,
    ['amount_mismatch'],
    'Requisitioned and was paid a round amount below its allocation, but reported the allocation as requisitioned and spent.',
  )
  requisitionsLess(allocationReported, roundDown((allocationReported.allocationSek * 940) / 1000))
  allocationReported.reportedRequisitionedSek = allocationReported.allocationSek
  allocationReported.spentSek = allocationReported.allocationSek

  const overspent = plant(
    book,
    roles.overspentRemainingEmpty,
    ['overspent', 'inconsistent_remaining'],
    'Reported spending more than it requisitioned (own money on top) and left the remaining amount empty.',
  )
  overspent.spentSek = overspent.paidSek + Math.floor((overspent.paidSek * 83) / 1000)
  overspent.remainingSek = null
  overspent.comment = 'Kommunen har skjutit till egna medel utöver statsbidraget.'

  const slip = plant(
    book,
    roles.remainingSlip,
    ['inconsistent_remaining'],
    'Spent part of the money; the remaining amount it reported is 10 000 kr more than requisitioned minus spent.',
  )

  someRequisitionLess(book, UNDER_REQUISITIONS[2021])
  const answering = book.rows.filter(row => row.answered && requisitioned(row)).length
  const nothingSpent = chooseExactly(freeRows(book), answering - usersPublished(context, book), book.random)
  for (const row of nothingSpent) spendsNothing(row)

  spendsPart(slip, Math.floor((slip.paidSek * 270) / 1000))
  const partial = [slip, ...someSpendPart(book, PARTIALLY_SPENT[2021] - 1)]
  slip.remainingSek = (slip.remainingSek ?? 0) + 10_000
  someRepay(book, nothingSpent, REPAYMENTS[2021].spentNothing)
  someRepay(book, partial.slice(1), REPAYMENTS[2021].partiallySpent)
  return book
}

// 2022, survey round 2023: table 34 to the krona
function writeYear2022(context: Context): YearBook {
  const book = openYear(2022, context)
  const roles = CAST[2022]
  const table34 = context.input.published.table34_survey_2023
  for (const name of roles.notRequisitionedButAnswered) {
    doesNotRequisition(cast(book, name), true)
    book.byName.get(name)!.comment = 'Kommunen rekvirerade inte medlen för 2022.'
  }

  for (const name of roles.directGrantCountedAsRequisitioned) {
    const row = plant(
      book,
      name,
      ['amount_mismatch'],
      `A model municipality that counted its ${context.directGrantSek} kr direct grant as requisitioned.`,
    )
    row.reportedRequisitionedSek = row.paidSek + context.directGrantSek
    row.spentSek = row.reportedRequisitionedSek
    row.comment = 'Beloppet omfattar även medlen vi fick som modellkommun.'
  }

  const unpaid = plant(
    book,
    roles.unpaidLateRequisition,
    ['response_without_payout', 'amount_mismatch', 'payout_mismatch'],
    'Requisitioned late in November; no payout is booked, yet it reports the amount as requisitioned and spent.',
  )
  unpaid.requisitionDate = '2022-11-28'
  unpaid.paidSek = 0
  unpaid.payoutDate = ''
  unpaid.comment = 'Rekvisitionen skickades först i november.'

  const lastYears = plant(
    book,
    roles.lastYearsAllocation,
    ['over_allocation'],
    "Requisitioned last year's allocation, which was larger than this year's; it was paid and reported in full.",
  )
  const allocation2021 = context.allocations.get(2021)!.get(lastYears.code)!
  lastYears.requisitionedSek = allocation2021
  lastYears.paidSek = allocation2021
  lastYears.reportedRequisitionedSek = allocation2021
  lastYears.spentSek = allocation2021

  const revised = plant(
    book,
    roles.revisedRequisition,
    ['payout_mismatch'],
    'Revised its requisition downwards; the payout and its answer follow the revision, the ledger still holds the original.',
  )
  revised.paidSek = roundDown((revised.allocationSek * 880) / 1000)
  revised.reportedRequisitionedSek = revised.paidSek
  revised.spentSek = revised.paidSek

  const overspent = plant(
    book,
    roles.overspent,
    ['overspent', 'inconsistent_remaining'],
    'Reported spending more than it requisitioned (own money on top) and 0 kr remaining.',
  )
  const overspentBySek = Math.floor((overspent.paidSek * 57) / 1000)
  overspent.spentSek = overspent.paidSek + overspentBySek
  overspent.remainingSek = 0
  overspent.comment = 'Kostnaderna blev högre än rekvirerat belopp, mellanskillnaden har finansierats med egna medel.'

  const slip = plant(
    book,
    roles.remainingSlip,
    ['inconsistent_remaining'],
    `Spent part of the money; the remaining amount it reported is ${overspentBySek} kr less than requisitioned minus spent.`,
  )

  const nothingSpent = roles.spentNothing.map(name => cast(book, name))
  for (const row of nothingSpent) {
    spendsNothing(row)
    row.comment = 'Upphandlingen blev försenad och medlen hann inte användas.'
  }

  // The survey's requisitioned total: whatever the cast reported above it, others requisitioned less.
  const reportedTotal = () => book.rows.reduce((sum, row) => sum + (row.reportedRequisitionedSek ?? 0), 0)
  requisitionLessBy(book, reportedTotal() - table34.requisitioned_sek)

  // What was left: the two who spent nothing, and 38 who spent part. The overspent municipality's answer claims
  // overspentBySek more spent than requisitioned; the slip reports exactly that much less remaining, so the three
  // totals of table 34 still add up (requisitioned − spent = remaining).
  const partial = [slip, ...chooseExactly(freeRows(book), table34.partially_spent_municipalities - 1, book.random)]
  const nothingSpentSek = nothingSpent.reduce((sum, row) => sum + (row.remainingSek ?? 0), 0)
  const unspent = allocateProportionally(
    table34.remaining_sek - nothingSpentSek + overspentBySek,
    partial.map(row => ({
      key: row.code,
      weight: (row.reportedRequisitionedSek ?? 0) * (row === slip ? 400 : book.random.int(80, 700)),
    })),
  )
  for (const row of partial) spendsPart(row, unspent.get(row.code)!)
  slip.remainingSek = (slip.remainingSek ?? 0) - overspentBySek
  if (slip.remainingSek < 0) throw new Error('demo 2022: the slip would report a negative remaining amount')

  for (const row of nothingSpent) repays(book, row)
  someRepay(book, partial.slice(1), 3)
  checkTable34(book, context)
  return book
}

/** Fails fast if the 2022 answers drift from table 34 (the tests check it again, independently). */
function checkTable34(book: YearBook, context: Context) {
  const table34 = context.input.published.table34_survey_2023
  const answers = book.rows.filter(row => row.answered)
  const sum = (pick: (row: MunicipalityYear) => number | null) => answers.reduce((s, row) => s + (pick(row) ?? 0), 0)
  const actual = {
    respondents: answers.length,
    requisitioned: answers.filter(requisitioned).length,
    used: answers.filter(usedFunds).length,
    requisitionedSek: sum(row => row.reportedRequisitionedSek),
    spentSek: sum(row => row.spentSek),
    remainingSek: sum(row => row.remainingSek),
    partiallySpent: answers.filter(partiallySpent).length,
  }
  const expected = {
    respondents: table34.municipalities_surveyed_total,
    requisitioned: table34.municipalities_requisitioned,
    used: table34.municipalities_used_funds,
    requisitionedSek: table34.requisitioned_sek,
    spentSek: table34.spent_sek,
    remainingSek: table34.remaining_sek,
    partiallySpent: table34.partially_spent_municipalities,
  }
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`demo 2022 does not match table 34: ${JSON.stringify(actual)}`)
  }
}

const usersPublished = (context: Context, book: YearBook) => {
  const n = context.input.published.n[String(book.surveyRound)]
  if (n === undefined) throw new Error(`no published n for survey round ${book.surveyRound}`)
  return n
}

// ---------------------------------------------------------------------------------------------------------------
// The questions: purposes, areas, usage areas and goal fulfilment for those who used the money; reasons for those
// who did not use all of it; free texts and comments

const PUBLISHED_TABLES = {
  purposes: 'table35_purposes_pct',
  areas: 'table36_areas_pct',
  usage_areas: 'table37_usage_areas_pct',
} as const

function offeredOptions(context: Context, dimension: string, surveyRound: number): TaxonomyOptionSeed[] {
  return context.input.taxonomy.filter(
    option =>
      option.dimension === dimension && (option.surveyRounds === null || option.surveyRounds.includes(surveyRound)),
  )
}

function answerQuestions(book: YearBook, context: Context) {
  const users = book.rows.filter(usedFunds)
  if (users.length !== usersPublished(context, book)) {
    throw new Error(
      `demo ${book.programmeYear}: ${users.length} used the money, published n is ${usersPublished(context, book)}`,
    )
  }
  for (const dimension of ['purposes', 'areas', 'usage_areas'] as const)
    choosePublishedShares(book, context, users, dimension)
  chooseGoalFulfilment(book, context, users)
  chooseUnspentReasons(book, context)
  writeFreeTexts(book, users)
}

/** Purposes, areas and usage areas: each option chosen by exactly the count that prints as the published share. */
function choosePublishedShares(
  book: YearBook,
  context: Context,
  users: MunicipalityYear[],
  dimension: keyof typeof PUBLISHED_TABLES,
) {
  const { published } = context.input
  const table = published[PUBLISHED_TABLES[dimension]]
  const roundIndex = published.columns.indexOf(book.surveyRound)
  const options = offeredOptions(context, dimension, book.surveyRound)
  const quotas = options.map(option => {
    const pct = table[option.code]?.[roundIndex]
    if (pct === null || pct === undefined) throw new Error(`${dimension}.${option.code}: no published share`)
    return { code: option.code, count: countForPct(pct, users.length) }
  })
  const chosen = chooseOptions(
    users.map(row => row.code),
    quotas,
    book.random,
    true,
  )
  for (const row of users) {
    const codes = options.map(o => o.code).filter(code => chosen.get(row.code)!.has(code))
    if (dimension === 'purposes') row.purposes = codes
    if (dimension === 'areas') row.areas = codes
    if (dimension === 'usage_areas') row.usageAreas = codes
  }
}

/** One goal-fulfilment answer per user, split as published for round 2023 (GOAL_SHARES before that). */
function chooseGoalFulfilment(book: YearBook, context: Context, users: MunicipalityYear[]) {
  const shares =
    book.surveyRound === 2023 ? context.input.published.goal_fulfilment_pct_survey_2023 : GOAL_SHARES[book.surveyRound]
  const goals = offeredOptions(context, 'goal_fulfilment', book.surveyRound)
  const counts = countsSummingTo(
    goals.map(option => ({ code: option.code, pct: shares[option.code] })),
    users.length,
  )
  const shuffled = book.random.shuffle(users)
  for (const option of goals) {
    for (const row of shuffled.splice(0, counts.get(option.code)!)) row.goalFulfilment = option.code
  }
}

/** Reasons from exactly the partially spent, at least one each: table 34's counts in 2022, REASON_SHARES before. */
function chooseUnspentReasons(book: YearBook, context: Context) {
  const partial = book.rows.filter(partiallySpent)
  const reasons = offeredOptions(context, 'unspent_reasons', book.surveyRound)
  const count = (code: string) =>
    book.programmeYear === 2022
      ? context.input.published.table34_survey_2023.partially_spent_reason_counts[code]
      : Math.floor((partial.length * REASON_SHARES[book.programmeYear][code]) / 100)
  const given = chooseOptions(
    partial.map(row => row.code),
    reasons.map(option => ({ code: option.code, count: count(option.code) })),
    book.random,
    true,
  )
  for (const row of partial) {
    row.unspentReasons = reasons.map(o => o.code).filter(code => given.get(row.code)!.has(code))
  }
}

/** The "other" texts that go with each 'annat', the general comments, and the day each answer came in. */
function writeFreeTexts(book: YearBook, users: MunicipalityYear[]) {
  const random = book.random
  const answered = book.rows.filter(row => row.answered)
  for (const row of answered) {
    if (row.purposes.includes('annat')) row.otherPurpose = random.pick(OTHER_PURPOSES)
    if (row.areas.includes('annat')) row.otherArea = random.pick(OTHER_AREAS)
    if (row.usageAreas.includes('annat')) row.otherUsage = random.pick(OTHER_USAGES)
    if (row.unspentReasons.includes('annat')) row.otherReason = random.pick(OTHER_REASONS)
  }
  const withoutComment = users.filter(row => row.comment === '')
  chooseExactly(withoutComment, COMMENTS.length, random).forEach((row, index) => (row.comment = COMMENTS[index]))
  const [opened, closed] = SURVEY_WINDOWS[book.surveyRound]
  for (const row of answered) row.submittedOn = randomDate(random, opened, closed)
}

// ---------------------------------------------------------------------------------------------------------------
// The two files

type LedgerLine = [string, number, string, LedgerType, number, string, string]

function ledgerRows(book: YearBook, context: Context): LedgerLine[] {
  const year = book.programmeYear
  const lines: LedgerLine[] = []
  const line = (row: MunicipalityYear, type: LedgerType, amountSek: number, date: string, prefix: string) =>
    lines.push([DEMO_PROGRAMME, year, row.code, type, amountSek, date, `${prefix}-${year}-${row.code}`])
  for (const row of book.rows) {
    line(row, 'allocation', row.allocationSek, `${year}-01-20`, 'ALLOC')
    if (context.modelMunicipalities.has(row.code))
      line(row, 'direct_grant', context.directGrantSek, `${year}-02-15`, 'DG')
    if (row.requisitionedSek > 0) line(row, 'requisition', row.requisitionedSek, row.requisitionDate, 'REQ')
    if (row.paidSek > 0) line(row, 'payout', row.paidSek, row.payoutDate, 'PAY')
    if (row.repaidSek > 0) line(row, 'repayment', row.repaidSek, row.repaymentDate, 'REP')
  }
  // as a ledger export lists them: by date, then reference
  return lines.sort((a, b) => a[5].localeCompare(b[5]) || a[6].localeCompare(b[6]))
}

function responseRows(book: YearBook): (string | number | null)[][] {
  return book.rows
    .filter(row => row.answered)
    .map(row => [
      DEMO_PROGRAMME,
      book.programmeYear,
      row.code,
      row.submittedOn,
      row.reportedRequisitionedSek,
      row.spentSek,
      row.remainingSek,
      row.unspentReasons.join('|'),
      row.purposes.join('|'),
      row.areas.join('|'),
      row.usageAreas.join('|'),
      row.goalFulfilment,
      row.otherReason,
      row.otherPurpose,
      row.otherArea,
      row.otherUsage,
      row.comment,
    ])
}

/** A CSV field: quoted when it holds a separator (comma or semicolon), a quote or a line break. */
export function csvField(value: string | number | null): string {
  if (value === null) return ''
  const text = String(value)
  return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return [header, ...rows].map(fields => fields.map(csvField).join(',')).join('\n') + '\n'
}
