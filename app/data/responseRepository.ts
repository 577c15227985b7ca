// Survey responses (återrapportering): staging an import, finding what changed, adding new versions with their
// choices, and reading a response's history. A version is never changed; the current one is the highest.
import type { Knex } from 'knex'
import type { MultiDimension, ResponseRow } from '../domain/types.ts'
import { surveyRoundOf } from '../domain/types.ts'
import { firstByLine, repeatedKeysQuery, stageJsonRows } from './staging.ts'

type Db = Knex | Knex.Transaction

export interface StagedResponse extends ResponseRow {
  line: number
  programmeId: number
  contentHash: string
}

export interface DuplicateResponse {
  line: number
  firstLine: number
  municipalityCode: string
  programmeYear: number
}

export interface ResponseVersion extends Omit<ResponseRow, 'programmeCode'> {
  id: number
  programmeId: number
  surveyRound: number
  version: number
  importId: number | null
  createdBy: string
  createdAt: Date
}

const STAGING = 'response_staging'

/** The staging column of each multi-select dimension. */
const CHOICE_COLUMNS: Record<MultiDimension, string> = {
  unspent_reasons: 'unspent_reasons',
  purposes: 'purposes',
  areas: 'areas',
  usage_areas: 'usage_areas',
}

export async function createResponseStaging(trx: Knex.Transaction): Promise<void> {
  await trx.raw(`
    CREATE TEMPORARY TABLE ${STAGING} (
      line integer NOT NULL,
      programme_id integer NOT NULL,
      programme_year integer NOT NULL,
      municipality_code char(4) NOT NULL,
      submitted_on date,
      requisitioned_ore bigint,
      spent_ore bigint,
      remaining_ore bigint,
      unspent_reasons text[] NOT NULL,
      purposes text[] NOT NULL,
      areas text[] NOT NULL,
      usage_areas text[] NOT NULL,
      goal_fulfilment text,
      other_reason text NOT NULL,
      other_purpose text NOT NULL,
      other_area text NOT NULL,
      other_usage text NOT NULL,
      comment text NOT NULL,
      content_hash char(64) NOT NULL
    ) ON COMMIT DROP`)
}

export async function stageResponses(trx: Knex.Transaction, rows: StagedResponse[]): Promise<void> {
  if (rows.length === 0) return
  const json = rows.map(r => ({
    line: r.line,
    programme_id: r.programmeId,
    programme_year: r.programmeYear,
    municipality_code: r.municipalityCode,
    submitted_on: r.submittedOn,
    requisitioned_ore: r.requisitionedOre,
    spent_ore: r.spentOre,
    remaining_ore: r.remainingOre,
    unspent_reasons: r.unspentReasons,
    purposes: r.purposes,
    areas: r.areas,
    usage_areas: r.usageAreas,
    goal_fulfilment: r.goalFulfilment,
    other_reason: r.otherReason,
    other_purpose: r.otherPurpose,
    other_area: r.otherArea,
    other_usage: r.otherUsage,
    comment: r.comment,
    content_hash: r.contentHash,
  }))
  await stageJsonRows(trx, STAGING, json)
}

export async function finishResponseStaging(trx: Knex.Transaction): Promise<void> {
  await trx.raw(`CREATE INDEX ON ${STAGING} (programme_id, programme_year, municipality_code, line)`)
  await trx.raw(`ANALYZE ${STAGING}`)
}

/** A second row for the same municipality and programme year in one file. */
export async function findDuplicateResponses(
  trx: Knex.Transaction,
  limit: number,
): Promise<{ duplicates: DuplicateResponse[]; total: number }> {
  const query = repeatedKeysQuery(
    STAGING,
    ['programme_id', 'programme_year', 'municipality_code'],
    ['municipality_code', 'programme_year'],
  )
  const { rows, total } = await firstByLine<Record<string, unknown>>(trx, query, limit)
  return {
    duplicates: rows.map(row => ({
      line: row.line as number,
      firstLine: row.first_line as number,
      municipalityCode: row.municipality_code as string,
      programmeYear: row.programme_year as number,
    })),
    total: total as number,
  }
}

// staged responses whose content differs from the current version (or that have none)
const CHANGED = `
  SELECT s.*, coalesce(c.version, 0) + 1 AS version
  FROM ${STAGING} s
  LEFT JOIN current_survey_responses c
    ON c.programme_id = s.programme_id AND c.programme_year = s.programme_year
   AND c.municipality_code = s.municipality_code
  WHERE c.content_hash IS DISTINCT FROM s.content_hash`

export async function countChangedResponses(trx: Knex.Transaction): Promise<number> {
  const [{ count }] = (await trx.raw(`SELECT count(*)::int AS count FROM (${CHANGED}) c`)).rows
  return count as number
}

/** Adds a new version of every changed response, with its choices; returns how many versions were added. */
export async function insertChangedResponses(trx: Knex.Transaction, importId: number, actor: string): Promise<number> {
  const inserted = await trx.raw(
    `INSERT INTO survey_responses
       (programme_id, programme_year, municipality_code, version, submitted_on, requisitioned_ore, spent_ore,
        remaining_ore, goal_fulfilment, other_reason, other_purpose, other_area, other_usage, comment, content_hash,
        import_id, created_by)
     SELECT programme_id, programme_year, municipality_code, version, submitted_on, requisitioned_ore, spent_ore,
        remaining_ore, goal_fulfilment, other_reason, other_purpose, other_area, other_usage, comment, content_hash, ?, ?
     FROM (${CHANGED}) c ORDER BY line`,
    [importId, actor],
  )
  const choices = Object.entries(CHOICE_COLUMNS)
    .map(
      ([dimension, column]) =>
        `SELECT r.id, '${dimension}', unnest(s.${column}) FROM survey_responses r
         JOIN ${STAGING} s ON s.programme_id = r.programme_id AND s.programme_year = r.programme_year
          AND s.municipality_code = r.municipality_code
         WHERE r.import_id = ?`,
    )
    .join(' UNION ')
  await trx.raw(
    `INSERT INTO survey_response_choices (response_id, dimension, option_code) ${choices}`,
    Object.keys(CHOICE_COLUMNS).map(() => importId),
  )
  return (inserted as { rowCount: number }).rowCount
}

/** Adds one version of one response, written by hand (a form), with its choices; returns the new version's id. */
export async function insertResponseVersion(
  trx: Knex.Transaction,
  response: StagedResponse,
  actor: string,
): Promise<{ id: number; version: number; unchanged: boolean }> {
  const current = await trx('current_survey_responses')
    .where({
      programme_id: response.programmeId,
      programme_year: response.programmeYear,
      municipality_code: response.municipalityCode,
    })
    .first('id', 'version', 'content_hash')
  if (current && current.content_hash === response.contentHash) {
    return { id: Number(current.id), version: current.version as number, unchanged: true }
  }
  const version = ((current?.version as number | undefined) ?? 0) + 1
  const [{ id }] = await trx('survey_responses')
    .insert({
      programme_id: response.programmeId,
      programme_year: response.programmeYear,
      municipality_code: response.municipalityCode,
      version,
      submitted_on: response.submittedOn,
      requisitioned_ore: response.requisitionedOre,
      spent_ore: response.spentOre,
      remaining_ore: response.remainingOre,
      goal_fulfilment: response.goalFulfilment,
      other_reason: response.otherReason,
      other_purpose: response.otherPurpose,
      other_area: response.otherArea,
      other_usage: response.otherUsage,
      comment: response.comment,
      content_hash: response.contentHash,
      created_by: actor,
    })
    .returning('id')
  const choices = (Object.keys(CHOICE_COLUMNS) as MultiDimension[]).flatMap(dimension =>
    choicesOf(response, dimension).map(code => ({ response_id: id, dimension, option_code: code })),
  )
  if (choices.length > 0) await trx('survey_response_choices').insert(choices)
  return { id: Number(id), version, unchanged: false }
}

const choicesOf = (row: ResponseRow, dimension: MultiDimension): string[] =>
  ({
    unspent_reasons: row.unspentReasons,
    purposes: row.purposes,
    areas: row.areas,
    usage_areas: row.usageAreas,
  })[dimension]

/** Every version of one municipality's response for one programme year, oldest first; choices sorted by code. */
export async function listResponseVersions(
  db: Db,
  key: { programmeId: number; programmeYear: number; municipalityCode: string },
): Promise<ResponseVersion[]> {
  const rows = await db('survey_responses')
    .where({
      programme_id: key.programmeId,
      programme_year: key.programmeYear,
      municipality_code: key.municipalityCode,
    })
    .orderBy('version')
  const choices = await db('survey_response_choices')
    .whereIn(
      'response_id',
      rows.map(row => row.id),
    )
    .orderByRaw('option_code COLLATE "C"')
  const chosen = (id: number, dimension: MultiDimension) =>
    choices.filter(c => c.response_id === id && c.dimension === dimension).map(c => c.option_code as string)
  return rows.map(row => ({
    id: row.id,
    programmeId: row.programme_id,
    programmeYear: row.programme_year,
    surveyRound: row.survey_round,
    municipalityCode: row.municipality_code,
    version: row.version,
    submittedOn: row.submitted_on,
    requisitionedOre: row.requisitioned_ore,
    spentOre: row.spent_ore,
    remainingOre: row.remaining_ore,
    unspentReasons: chosen(row.id, 'unspent_reasons'),
    purposes: chosen(row.id, 'purposes'),
    areas: chosen(row.id, 'areas'),
    usageAreas: chosen(row.id, 'usage_areas'),
    goalFulfilment: row.goal_fulfilment,
    otherReason: row.other_reason,
    otherPurpose: row.other_purpose,
    otherArea: row.other_area,
    otherUsage: row.other_usage,
    comment: row.comment,
    importId: row.import_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
  }))
}

/** A response an import would add as a new version, as its preview shows it. */
export interface ResponsePreviewRow {
  line: number
  programmeCode: string
  programmeYear: number
  surveyRound: number
  municipalityCode: string
  municipality: string
  /** the version it would become: 1 for a first answer, more when it replaces one */
  version: number
  submittedOn: string | null
  requisitionedOre: number | null
  spentOre: number | null
  remainingOre: number | null
}

/** The first `limit` responses that insertChangedResponses would add, by line (for a dry run). */
export async function previewChangedResponses(trx: Knex.Transaction, limit: number): Promise<ResponsePreviewRow[]> {
  const { rows } = await trx.raw(
    `SELECT c.line, p.code AS programme_code, c.programme_year, c.municipality_code, m.name AS municipality,
            c.version, c.submitted_on, c.requisitioned_ore, c.spent_ore, c.remaining_ore
     FROM (${CHANGED}) c
     JOIN programmes p ON p.id = c.programme_id
     JOIN municipalities m ON m.code = c.municipality_code
     ORDER BY c.line LIMIT ?`,
    [limit],
  )
  const amount = (value: unknown) => (value === null ? null : Number(value))
  return (rows as Record<string, unknown>[]).map(row => ({
    line: row.line as number,
    programmeCode: row.programme_code as string,
    programmeYear: row.programme_year as number,
    surveyRound: surveyRoundOf(row.programme_year as number),
    municipalityCode: row.municipality_code as string,
    municipality: row.municipality as string,
    version: row.version as number,
    submittedOn: (row.submitted_on as string | null) ?? null,
    requisitionedOre: amount(row.requisitioned_ore),
    spentOre: amount(row.spent_ore),
    remainingOre: amount(row.remaining_ore),
  }))
}
