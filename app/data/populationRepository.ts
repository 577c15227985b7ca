// Population per municipality and year: what the size groups are computed from.
import type { Knex } from 'knex'

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
