// The breakdowns (by size group or county) as JSON, in the shapes of the contract's summary and distribution:
// the same keys for each group, plus the group's code and what defines it. Used by the CLI and the JSON API alike.
import type { DistributionBreakdown, GroupInfo, SummaryBreakdown } from '../domain/analysis.ts'
import { distributionJson, summaryJson, type JsonValue } from './json.ts'

function groupJson(group: GroupInfo, by: 'size_group' | 'county'): { [key: string]: JsonValue } {
  return by === 'county'
    ? { code: group.code, name: group.name }
    : { code: group.code, min_population: group.minPopulation, max_population: group.maxPopulation }
}

const boundsJson = (bounds: number[] | null): { [key: string]: JsonValue } =>
  bounds === null ? {} : { size_group_bounds: bounds }

export function distributionBreakdownJson(breakdown: DistributionBreakdown): JsonValue {
  return {
    programme: breakdown.programme,
    dimension: breakdown.dimension,
    by: breakdown.by,
    ...boundsJson(breakdown.bounds),
    groups: breakdown.groups.map(({ group, municipalitiesByRound, report }) => {
      const { rounds } = distributionJson(report) as { rounds: { [key: string]: JsonValue }[] }
      return {
        ...groupJson(group, breakdown.by),
        rounds: rounds.map(round => {
          const { survey_round, programme_year, ...rest } = round
          return {
            survey_round,
            programme_year,
            municipalities: municipalitiesByRound[survey_round as number] ?? 0,
            ...rest,
          }
        }),
      }
    }),
  }
}

export function summaryBreakdownJson(breakdown: SummaryBreakdown): JsonValue {
  return {
    programme: breakdown.programme,
    programme_year: breakdown.programmeYear,
    survey_round: breakdown.surveyRound,
    by: breakdown.by,
    ...boundsJson(breakdown.bounds),
    groups: breakdown.groups.map(({ group, municipalities, report }) => {
      const { survey, ledger } = summaryJson(report) as { survey: JsonValue; ledger: JsonValue }
      return { ...groupJson(group, breakdown.by), municipalities, survey, ledger }
    }),
  }
}
