// The evaluator's analysis on plain data: shares from individual answers (so that any subset of municipalities can
// be counted the same way as all of them), breakdowns by size group and county, and the change between rounds.
import { buildDistribution, buildSummary, type OptionInfo, type ResponseAmounts, type RoundInput } from './reports.ts'
import type { LedgerTotals } from './reconciliation.ts'
import type { DistributionReport, SummaryReport } from './reportTypes.ts'
import { sizeGroupOf, sizeGroupsFromBounds, type SizeGroup } from './sizeGroups.ts'
import { programmeYearOf, type Dimension, type MultiDimension, type Ore } from './types.ts'

/** One municipality's current answer in one survey round, with every choice it made. */
export interface Answer {
  municipalityCode: string
  surveyRound: number
  programmeYear: number
  requisitionedOre: Ore | null
  spentOre: Ore | null
  remainingOre: Ore | null
  choices: Record<MultiDimension, string[]>
  goalFulfilment: string | null
}

const amount = (value: Ore | null) => value ?? 0

/** Used the money: asked about purposes, areas, usage areas and goal fulfilment (the n of tables 35–37). */
export const usedFunds = (answer: Answer) => amount(answer.spentOre) > 0
/** Spent part but not all: asked why (the base of the unspent reasons). */
export const partiallySpent = (answer: Answer) =>
  amount(answer.spentOre) > 0 && amount(answer.spentOre) < amount(answer.requisitionedOre)

/** Whether the answer was asked the dimension's question, i.e. is counted in its shares. */
export const askedAbout = (answer: Answer, dimension: Dimension) =>
  dimension === 'unspent_reasons' ? partiallySpent(answer) : usedFunds(answer)

export const chosenOptions = (answer: Answer, dimension: Dimension): string[] =>
  dimension === 'goal_fulfilment'
    ? answer.goalFulfilment === null
      ? []
      : [answer.goalFulfilment]
    : answer.choices[dimension]

export interface RoundRef {
  surveyRound: number
  programmeYear: number
}

/**
 * The counts of each round, from answers: the same numbers the database aggregates for all municipalities
 * (reportRepository.choiceCountsByRound), for any subset. Every round in `rounds` is returned, empty or not.
 */
export function roundInputsFromAnswers(
  answers: readonly Answer[],
  dimension: Dimension,
  rounds: readonly RoundRef[],
): RoundInput[] {
  return rounds.map(round => {
    const inRound = answers.filter(answer => answer.surveyRound === round.surveyRound)
    const counts = new Map<string, number>()
    for (const answer of inRound.filter(a => askedAbout(a, dimension))) {
      for (const code of chosenOptions(answer, dimension)) counts.set(code, (counts.get(code) ?? 0) + 1)
    }
    return {
      surveyRound: round.surveyRound,
      programmeYear: round.programmeYear,
      usedFunds: inRound.filter(usedFunds).length,
      partiallySpent: inRound.filter(partiallySpent).length,
      counts,
    }
  })
}

export const BREAKDOWNS = ['size_group', 'county'] as const
export type Breakdown = (typeof BREAKDOWNS)[number]
export const isBreakdown = (value: unknown): value is Breakdown => (BREAKDOWNS as readonly unknown[]).includes(value)

/** The code of the group of municipalities whose population is not known for the year. */
export const UNKNOWN_GROUP = 'unknown'

export interface GroupInfo {
  code: string
  /** the county's name; for a size group its bounds say what it is (min/max), the page words the label */
  name: string | null
  minPopulation: number | null
  maxPopulation: number | null
}

export interface MunicipalityRef {
  code: string
  name: string
  countyCode: string
  county: string
}

/** Sorts each municipality of a year into a group, and lists the groups in their order. */
export interface Grouping {
  by: Breakdown
  /** for size groups: the lower bounds the groups were made from */
  bounds: number[] | null
  groups: GroupInfo[]
  /** the group of a municipality in a programme year (population changes from year to year) */
  groupOf: (municipalityCode: string, programmeYear: number) => string
}

/**
 * Size groups from lower bounds, over each programme year's population (`populationByYear.get(year)`); a
 * municipality without a figure goes to the group `unknown`, listed last and only when someone is in it.
 */
export function sizeGrouping(
  bounds: readonly number[],
  populationByYear: ReadonlyMap<number, ReadonlyMap<string, number>>,
  municipalities: readonly MunicipalityRef[],
): Grouping {
  const sizeGroups = sizeGroupsFromBounds(bounds)
  const groupOf = (code: string, programmeYear: number) =>
    sizeGroupOf(populationByYear.get(programmeYear)?.get(code), sizeGroups)?.code ?? UNKNOWN_GROUP
  const anyUnknown = [...populationByYear.keys()].some(year =>
    municipalities.some(m => groupOf(m.code, year) === UNKNOWN_GROUP),
  )
  const groups: GroupInfo[] = sizeGroups.map((group: SizeGroup) => ({
    code: group.code,
    name: null,
    minPopulation: group.min,
    maxPopulation: group.max,
  }))
  if (anyUnknown) groups.push({ code: UNKNOWN_GROUP, name: null, minPopulation: null, maxPopulation: null })
  return { by: 'size_group', bounds: [...bounds], groups, groupOf }
}

/** The counties (län) in code order. */
export function countyGrouping(municipalities: readonly MunicipalityRef[]): Grouping {
  const countyOf = new Map(municipalities.map(m => [m.code, m.countyCode]))
  const counties = new Map<string, string>()
  for (const m of [...municipalities].sort((a, b) => a.countyCode.localeCompare(b.countyCode))) {
    counties.set(m.countyCode, m.county)
  }
  return {
    by: 'county',
    bounds: null,
    groups: [...counties].map(([code, name]) => ({ code, name, minPopulation: null, maxPopulation: null })),
    groupOf: code => countyOf.get(code) ?? UNKNOWN_GROUP,
  }
}

export interface GroupDistribution {
  group: GroupInfo
  /** municipalities in the group, per survey round (the population of its programme year decides) */
  municipalitiesByRound: Record<number, number>
  report: DistributionReport
}

export interface DistributionBreakdown {
  programme: string
  dimension: Dimension
  by: Breakdown
  bounds: number[] | null
  groups: GroupDistribution[]
}

/** One distribution per group, every group with every round (n = 0 where the group had no respondents). */
export function buildDistributionBreakdown(input: {
  programme: string
  dimension: Dimension
  options: OptionInfo[]
  rounds: RoundRef[]
  answers: Answer[]
  municipalities: MunicipalityRef[]
  grouping: Grouping
}): DistributionBreakdown {
  const { grouping } = input
  const groups = grouping.groups.map(group => {
    const answers = input.answers.filter(
      answer => grouping.groupOf(answer.municipalityCode, answer.programmeYear) === group.code,
    )
    const municipalitiesByRound: Record<number, number> = {}
    for (const round of input.rounds) {
      municipalitiesByRound[round.surveyRound] = input.municipalities.filter(
        m => grouping.groupOf(m.code, programmeYearOf(round.surveyRound)) === group.code,
      ).length
    }
    const report = buildDistribution({
      programme: input.programme,
      dimension: input.dimension,
      options: input.options,
      rounds: roundInputsFromAnswers(answers, input.dimension, input.rounds),
    })
    return { group, municipalitiesByRound, report }
  })
  return {
    programme: input.programme,
    dimension: input.dimension,
    by: grouping.by,
    bounds: grouping.bounds,
    groups,
  }
}

export interface GroupSummary {
  group: GroupInfo
  municipalities: number
  report: SummaryReport
}

export interface SummaryBreakdown {
  programme: string
  programmeYear: number
  surveyRound: number
  by: Breakdown
  bounds: number[] | null
  groups: GroupSummary[]
}

/** Table 34 (and the ledger beside it) for each group of municipalities in one programme year. */
export function buildSummaryBreakdown(input: {
  programme: string
  programmeYear: number
  responses: ResponseAmounts[]
  ledger: (LedgerTotals & { municipalityCode: string })[]
  unspentReasons: OptionInfo[]
  municipalities: MunicipalityRef[]
  grouping: Grouping
}): SummaryBreakdown {
  const { grouping, programmeYear } = input
  const inGroup = (code: string, group: GroupInfo) => grouping.groupOf(code, programmeYear) === group.code
  const groups = grouping.groups.map(group => ({
    group,
    municipalities: input.municipalities.filter(m => inGroup(m.code, group)).length,
    report: buildSummary({
      programme: input.programme,
      programmeYear,
      responses: input.responses.filter(r => inGroup(r.municipalityCode, group)),
      ledger: input.ledger.filter(l => inGroup(l.municipalityCode, group)),
      unspentReasons: input.unspentReasons,
    }),
  }))
  return {
    programme: input.programme,
    programmeYear,
    surveyRound: programmeYear + 1,
    by: grouping.by,
    bounds: grouping.bounds,
    groups,
  }
}

/**
 * The change of each option's share from one round to the next, in percentage points; null where either round
 * has no share (not offered, or nobody to count). `changes[i]` is from round i to round i+1.
 */
export function shareChanges(report: DistributionReport): { code: string; changes: (number | null)[] }[] {
  const options = report.rounds[0]?.options ?? []
  return options.map((option, index) => ({
    code: option.code,
    changes: report.rounds.slice(1).map((round, r) => {
      const before = report.rounds[r].options[index].pct
      const after = round.options[index].pct
      return before === null || after === null ? null : after - before
    }),
  }))
}

/** A change in percentage points as text: "+3", "−2" (a real minus), "0"; "–" for none. */
export function formatChange(change: number | null): string {
  if (change === null) return '\u2013'
  if (change === 0) return '0'
  return change > 0 ? `+${change}` : `\u2212${-change}`
}

/**
 * Size-group bounds from text, e.g. "10000,20000,50000,100000" (spaces and no-break spaces inside a number are
 * allowed: "10 000"). Returns the bounds or a message saying what is wrong.
 */
export function parseBounds(text: string): { ok: true; bounds: number[] } | { ok: false; message: string } {
  const parts = text.split(/[,;]/).map(part => part.replace(/[\s\u00a0\u202f]/g, ''))
  if (parts.length === 0 || parts.every(part => part === '')) return { ok: false, message: 'no bounds given' }
  if (parts.length > MAX_BOUNDS)
    return { ok: false, message: `at most ${MAX_BOUNDS} bounds (${MAX_BOUNDS + 1} groups)` }
  const bounds: number[] = []
  for (const part of parts) {
    if (!/^\d{1,9}$/.test(part)) return { ok: false, message: `"${part}" is not a whole number of inhabitants` }
    const bound = Number(part)
    if (bound <= 0) return { ok: false, message: 'a bound must be more than 0' }
    if (bounds.length > 0 && bound <= bounds[bounds.length - 1]) {
      return { ok: false, message: 'the bounds must be in ascending order, each larger than the one before' }
    }
    bounds.push(bound)
  }
  return { ok: true, bounds }
}

/** More groups than this make neither a readable table nor a meaningful comparison. */
export const MAX_BOUNDS = 9
