// Drafts of spending reports: the form's fields as typed, one draft per municipality and programme year,
// changed in place until the report is submitted.
import type { Knex } from 'knex'

type Db = Knex | Knex.Transaction

export interface DraftKey {
  programmeId: number
  programmeYear: number
  municipalityCode: string
}

export interface Draft extends DraftKey {
  id: number
  answers: Record<string, unknown>
  updatedBy: string
  createdAt: Date
  updatedAt: Date
}

const toDraft = (row: Record<string, unknown>): Draft => ({
  id: Number(row.id),
  programmeId: row.programme_id as number,
  programmeYear: row.programme_year as number,
  municipalityCode: row.municipality_code as string,
  answers: row.answers as Record<string, unknown>,
  updatedBy: row.updated_by as string,
  createdAt: row.created_at as Date,
  updatedAt: row.updated_at as Date,
})

const keyOf = (key: DraftKey) => ({
  programme_id: key.programmeId,
  programme_year: key.programmeYear,
  municipality_code: key.municipalityCode,
})

export async function findDraft(db: Db, key: DraftKey): Promise<Draft | undefined> {
  const row = await db('response_drafts').where(keyOf(key)).first()
  return row ? toDraft(row) : undefined
}

/** Creates or replaces the draft; returns it as stored. */
export async function saveDraft(
  trx: Knex.Transaction,
  key: DraftKey,
  answers: Record<string, unknown>,
  actor: string,
): Promise<Draft> {
  const [row] = await trx('response_drafts')
    .insert({ ...keyOf(key), answers: JSON.stringify(answers), updated_by: actor })
    .onConflict(['programme_id', 'programme_year', 'municipality_code'])
    .merge({ answers: JSON.stringify(answers), updated_by: actor, updated_at: trx.fn.now() })
    .returning('*')
  return toDraft(row)
}

/** Removes the draft; returns it, or undefined when there was none. */
export async function deleteDraft(trx: Knex.Transaction, key: DraftKey): Promise<Draft | undefined> {
  const [row] = await trx('response_drafts').where(keyOf(key)).delete().returning('*')
  return row ? toDraft(row) : undefined
}

/** The municipalities with a draft for a programme year, and when each was last saved. */
export async function listDrafts(
  db: Db,
  programmeId: number,
  programmeYear: number,
): Promise<{ municipalityCode: string; updatedAt: Date }[]> {
  const rows = await db('response_drafts')
    .where({ programme_id: programmeId, programme_year: programmeYear })
    .select('municipality_code', 'updated_at')
  return rows.map(row => ({ municipalityCode: row.municipality_code, updatedAt: row.updated_at }))
}
