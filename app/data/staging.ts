// What every import's staging table shares: rows go in as one JSON parameter per batch, and a problem that only
// the whole file shows (a key used twice) is found by SQL, the first `limit` by line plus how many in all.
import type { Knex } from 'knex'

/** Inserts a batch into a temporary staging table whose columns the objects' keys name. */
export async function stageJsonRows(trx: Knex.Transaction, table: string, rows: object[]): Promise<void> {
  if (rows.length === 0) return
  // one statement per batch: no limit on bind parameters, no round trip per row
  await trx.raw(`INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, ?)`, [JSON.stringify(rows)])
}

/** The first `limit` rows of a query that has a `line` column, by line, and how many rows it has in all. */
export async function firstByLine<Row>(
  trx: Knex.Transaction,
  query: string,
  limit: number,
): Promise<{ rows: Row[]; total: number }> {
  const rows = (await trx.raw(`SELECT * FROM (${query}) q ORDER BY line LIMIT ?`, [limit])).rows as Row[]
  const [{ total }] = (await trx.raw(`SELECT count(*)::int AS total FROM (${query}) q`)).rows
  return { rows, total: total as number }
}

/** Rows of the staging table whose key an earlier line already has: each with `line` and `first_line`. */
export function repeatedKeysQuery(table: string, key: readonly string[], columns: readonly string[]): string {
  return `
    SELECT line, first_line, ${columns.join(', ')} FROM (
      SELECT *, min(line) OVER (PARTITION BY ${key.join(', ')}) AS first_line FROM ${table}
    ) numbered
    WHERE line > first_line`
}
