// Who has submitted a spending report for a programme year, and when each version came: the submissions overview.
import type { Knex } from 'knex'

type Db = Knex | Knex.Transaction

export interface SubmittedVersion {
  municipalityCode: string
  version: number
  createdAt: Date
  createdBy: string
  /** set when the version came from a response file rather than the form */
  importId: number | null
}

/** Every version of every response for the programme year, by municipality and version. */
export async function listSubmittedVersions(
  db: Db,
  programmeId: number,
  programmeYear: number,
): Promise<SubmittedVersion[]> {
  const rows = await db('survey_responses')
    .where({ programme_id: programmeId, programme_year: programmeYear })
    .orderBy([{ column: 'municipality_code' }, { column: 'version' }])
    .select('municipality_code', 'version', 'created_at', 'created_by', 'import_id')
  return rows.map(row => ({
    municipalityCode: row.municipality_code,
    version: row.version,
    createdAt: row.created_at,
    createdBy: row.created_by,
    importId: row.import_id === null ? null : Number(row.import_id),
  }))
}
