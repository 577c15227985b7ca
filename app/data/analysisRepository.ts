// What the evaluator's analysis reads beyond the contract's aggregates: every current answer with its choices (for
// breakdowns and data-quality rules), the "other" free texts, and the stored size-group bounds.
import type { Knex } from 'knex'
import type { Answer } from '../domain/analysis.ts'
import type { MultiDimension } from '../domain/types.ts'

type Db = Knex | Knex.Transaction

/**
 * Every current response of a programme with all its choices, in survey-round and municipality order; only the
 * given survey rounds when `surveyRounds` is set.
 */
export async function currentAnswers(db: Db, programmeId: number, surveyRounds?: readonly number[]): Promise<Answer[]> {
  const roundFilter = surveyRounds ? 'AND c.survey_round = ANY(?)' : ''
  const bindings: Knex.RawBinding[] = [programmeId]
  if (surveyRounds) bindings.push([...surveyRounds] as unknown as Knex.RawBinding)
  const { rows } = await db.raw(
    `SELECT c.municipality_code, c.survey_round, c.programme_year, c.requisitioned_ore, c.spent_ore, c.remaining_ore,
            c.goal_fulfilment,
            coalesce(array_agg(ch.option_code ORDER BY ch.option_code) FILTER (WHERE ch.dimension = 'purposes'), '{}')
              AS purposes,
            coalesce(array_agg(ch.option_code ORDER BY ch.option_code) FILTER (WHERE ch.dimension = 'areas'), '{}')
              AS areas,
            coalesce(array_agg(ch.option_code ORDER BY ch.option_code) FILTER (WHERE ch.dimension = 'usage_areas'), '{}')
              AS usage_areas,
            coalesce(array_agg(ch.option_code ORDER BY ch.option_code) FILTER (WHERE ch.dimension = 'unspent_reasons'),
              '{}') AS unspent_reasons
     FROM current_survey_responses c
     LEFT JOIN survey_response_choices ch ON ch.response_id = c.id
     WHERE c.programme_id = ? ${roundFilter}
     GROUP BY c.id, c.municipality_code, c.survey_round, c.programme_year, c.requisitioned_ore, c.spent_ore,
              c.remaining_ore, c.goal_fulfilment
     ORDER BY c.survey_round, c.municipality_code`,
    bindings,
  )
  const ore = (value: unknown) => (value === null ? null : Number(value))
  return rows.map((row: Record<string, unknown>) => ({
    municipalityCode: row.municipality_code as string,
    surveyRound: row.survey_round as number,
    programmeYear: row.programme_year as number,
    requisitionedOre: ore(row.requisitioned_ore),
    spentOre: ore(row.spent_ore),
    remainingOre: ore(row.remaining_ore),
    goalFulfilment: row.goal_fulfilment as string | null,
    choices: {
      purposes: row.purposes as string[],
      areas: row.areas as string[],
      usage_areas: row.usage_areas as string[],
      unspent_reasons: row.unspent_reasons as string[],
    },
  }))
}

/** The survey rounds (and their programme years) that have current responses, in order. */
export async function roundsWithResponses(
  db: Db,
  programmeId: number,
): Promise<{ surveyRound: number; programmeYear: number }[]> {
  const rows = await db('current_survey_responses')
    .where({ programme_id: programmeId })
    .distinct('survey_round', 'programme_year')
    .orderBy('survey_round')
  return rows.map(row => ({ surveyRound: row.survey_round as number, programmeYear: row.programme_year as number }))
}

/** The free-text column that goes with the "other" option of each multi-select dimension. */
const OTHER_TEXT_COLUMNS: Record<MultiDimension, string> = {
  purposes: 'other_purpose',
  areas: 'other_area',
  usage_areas: 'other_usage',
  unspent_reasons: 'other_reason',
}

export interface OtherText {
  surveyRound: number
  municipalityCode: string
  municipality: string
  text: string
}

/**
 * The "other" free texts of a dimension, from the respondents its shares count (who used the money; for the
 * unspent reasons those who spent part of it) and who chose the option `otherCode`, by round and municipality.
 */
export async function otherTexts(
  db: Db,
  programmeId: number,
  dimension: MultiDimension,
  otherCode: string,
): Promise<OtherText[]> {
  const column = OTHER_TEXT_COLUMNS[dimension]
  const counted =
    dimension === 'unspent_reasons'
      ? 'coalesce(c.spent_ore, 0) > 0 AND coalesce(c.spent_ore, 0) < coalesce(c.requisitioned_ore, 0)'
      : 'coalesce(c.spent_ore, 0) > 0'
  const { rows } = await db.raw(
    `SELECT c.survey_round, c.municipality_code, m.name AS municipality, c.${column} AS text
     FROM current_survey_responses c
     JOIN municipalities m ON m.code = c.municipality_code
     JOIN survey_response_choices ch ON ch.response_id = c.id AND ch.dimension = ? AND ch.option_code = ?
     WHERE c.programme_id = ? AND ${counted} AND btrim(c.${column}) <> ''
     ORDER BY c.survey_round, c.municipality_code`,
    [dimension, otherCode, programmeId],
  )
  return rows.map((row: Record<string, unknown>) => ({
    surveyRound: row.survey_round as number,
    municipalityCode: row.municipality_code as string,
    municipality: row.municipality as string,
    text: (row.text as string).trim(),
  }))
}

export interface StoredBounds {
  bounds: number[]
  updatedBy: string
  updatedAt: Date
}

export async function findSizeGroupBounds(db: Db): Promise<StoredBounds | undefined> {
  const row = await db('size_group_settings').where({ id: 1 }).first('bounds', 'updated_by', 'updated_at')
  return row ? { bounds: row.bounds as number[], updatedBy: row.updated_by, updatedAt: row.updated_at } : undefined
}

export async function saveSizeGroupBounds(trx: Knex.Transaction, bounds: readonly number[], actor: string): Promise<void> {
  await trx('size_group_settings')
    .insert({ id: 1, bounds: [...bounds], updated_by: actor, updated_at: trx.fn.now() })
    .onConflict('id')
    .merge()
}

