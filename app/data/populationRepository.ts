// Population per municipality and year: what the size groups are computed from.
import type { Knex } from 'knex'
import { firstByLine, repeatedKeysQuery, stageJsonRows } from './staging.ts'

type Db = Knex | Knex.Transaction

/**
 * Each municipality's population for a year: that year's figure, or else the latest earlier one, or else the
 * earliest later one. Municipalities with no figure at all are left out.
 */
export async function populationFor(db: Db, year: number): Promise<Map<string, number>> {
  const { rows } = await db.raw(
    `SELECT DISTINCT ON (municipality_code) municipality_code, population
     FROM population
     ORDER BY municipality_code, (year > ?), abs(year - ?)`,
    [year, year],
  )
  return new Map(rows.map((row: { municipality_code: string; population: number }) => [row.municipality_code, row.population]))
}

/** One staged row of a population import: a validated CSV row and its line. */
export interface StagedPopulationRow {
  line: number
  municipalityCode: string
  year: number
  population: number
}

export interface DuplicatePopulationRow {
  line: number
  firstLine: number
  municipalityCode: string
  year: number
}

const STAGING = 'population_staging'

export async function createPopulationStaging(trx: Knex.Transaction): Promise<void> {
  await trx.raw(`
    CREATE TEMPORARY TABLE ${STAGING} (
      line integer NOT NULL,
      municipality_code char(4) NOT NULL,
      year integer NOT NULL,
      population integer NOT NULL
    ) ON COMMIT DROP`)
}

export async function stagePopulationRows(trx: Knex.Transaction, rows: StagedPopulationRow[]): Promise<void> {
  if (rows.length === 0) return
  const json = rows.map(r => ({ line: r.line, municipality_code: r.municipalityCode, year: r.year, population: r.population }))
  await stageJsonRows(trx, STAGING, json)
}

export async function finishPopulationStaging(trx: Knex.Transaction): Promise<void> {
  await trx.raw(`CREATE INDEX ON ${STAGING} (municipality_code, year, line)`)
  await trx.raw(`ANALYZE ${STAGING}`)
}

/** A second row for the same municipality and year in one file, even with the same figure: which one is meant? */
export async function findDuplicatePopulationRows(
  trx: Knex.Transaction,
  limit: number,
): Promise<{ duplicates: DuplicatePopulationRow[]; total: number }> {
  const query = repeatedKeysQuery(STAGING, ['municipality_code', 'year'], ['municipality_code', 'year'])
  const { rows, total } = await firstByLine<Record<string, unknown>>(trx, query, limit)
  return {
    duplicates: rows.map(row => ({
      line: row.line as number,
      firstLine: row.first_line as number,
      municipalityCode: row.municipality_code as string,
      year: row.year as number,
    })),
    total: total as number,
  }
}

// staged figures that are new or differ from the stored figure of that municipality and year
const CHANGED = `
  SELECT s.* FROM ${STAGING} s
  LEFT JOIN population p ON p.municipality_code = s.municipality_code AND p.year = s.year
  WHERE p.population IS DISTINCT FROM s.population`

export async function countChangedPopulationRows(trx: Knex.Transaction): Promise<{ changed: number; replaced: number }> {
  const [row] = (
    await trx.raw(
      `SELECT count(*)::int AS changed,
              count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM population p WHERE p.municipality_code = c.municipality_code AND p.year = c.year))::int
                AS replaced
       FROM (${CHANGED}) c`,
    )
  ).rows
  return { changed: row.changed as number, replaced: row.replaced as number }
}

/** Writes the new and changed figures (a revised figure replaces the stored one); returns how many rows. */
export async function upsertChangedPopulationRows(trx: Knex.Transaction, importId: number): Promise<number> {
  const result = await trx.raw(
    `INSERT INTO population (municipality_code, year, population, import_id)
     SELECT municipality_code, year, population, ? FROM (${CHANGED}) c ORDER BY line
     ON CONFLICT (municipality_code, year) DO UPDATE
       SET population = excluded.population, import_id = excluded.import_id
       WHERE population.population IS DISTINCT FROM excluded.population`,
    [importId],
  )
  return (result as { rowCount: number }).rowCount
}

/** How many municipalities have a figure, per year. */
export async function populationYears(db: Db): Promise<{ year: number; municipalities: number }[]> {
  const rows = await db('population').groupBy('year').orderBy('year').select('year', db.raw('count(*)::int AS n'))
  return rows.map(row => ({ year: row.year as number, municipalities: row.n as number }))
}
