// Counties, municipalities, the taxonomy and the programmes: loaded by `db setup`, read by everything else.
import type { Knex } from 'knex'
import type { Dimension } from '../domain/types.ts'
import { DIMENSIONS } from '../domain/types.ts'
import type { ReferenceData } from '../../seeds/reference/index.ts'

type Db = Knex | Knex.Transaction

export interface Municipality {
  code: string
  name: string
  countyCode: string
  county: string
}

export interface TaxonomyOption {
  dimension: Dimension
  code: string
  labelSv: string
  labelEn: string
  freeText: boolean
  sortOrder: number
  /** null: offered in every survey round */
  surveyRounds: number[] | null
}

export interface Programme {
  id: number
  code: string
  nameSv: string
  nameEn: string
  currency: string
  source: string
}

export interface BudgetLine {
  kind: string
  labelSv: string
  labelEn: string
  amountOre: number
}

export interface ProgrammeYear {
  id: number
  programmeYear: number
  budgetOre: number
  requisitionDeadline: string | null
  reportDeadline: string | null
  budgetLines: BudgetLine[]
}

/**
 * Inserts what is missing and updates what differs; returns how many rows changed (0 when all is as in the seeds).
 * `IS DISTINCT FROM` in the WHERE of the upsert keeps unchanged rows out of RETURNING.
 */
async function upsert(
  trx: Knex.Transaction,
  table: string,
  rows: Record<string, unknown>[],
  conflict: string[],
): Promise<number> {
  if (rows.length === 0) return 0
  const columns = Object.keys(rows[0]).filter(column => !conflict.includes(column))
  const differs = columns.map(column => `${table}.${column} IS DISTINCT FROM excluded.${column}`).join(' OR ')
  const set = columns.map(column => `${column} = excluded.${column}`).join(', ')
  const insert = trx(table).insert(rows).toSQL()
  const sql = `${insert.sql} ON CONFLICT (${conflict.join(', ')}) DO UPDATE SET ${set} WHERE ${differs} RETURNING 1`
  const result = await trx.raw(sql, insert.bindings)
  return (result as { rowCount: number }).rowCount
}

export async function upsertReferenceData(trx: Knex.Transaction, data: ReferenceData): Promise<number> {
  let changed = 0
  const counties = new Map(data.municipalities.map(m => [m.countyCode, m.county]))
  changed += await upsert(
    trx,
    'counties',
    [...counties].map(([code, name]) => ({ code, name })),
    ['code'],
  )
  changed += await upsert(
    trx,
    'municipalities',
    data.municipalities.map(m => ({ code: m.code, name: m.name, county_code: m.countyCode })),
    ['code'],
  )
  changed += await upsert(
    trx,
    'taxonomy_options',
    data.taxonomy.map(o => ({
      dimension: o.dimension,
      code: o.code,
      label_sv: o.labelSv,
      label_en: o.labelEn,
      free_text: o.freeText,
      sort_order: o.sortOrder,
      every_round: o.surveyRounds === null,
    })),
    ['dimension', 'code'],
  )
  const rounds = data.taxonomy.flatMap(o =>
    (o.surveyRounds ?? []).map(round => ({ dimension: o.dimension, code: o.code, survey_round: round })),
  )
  const inserted = await trx('taxonomy_option_rounds').insert(rounds).onConflict().ignore().returning('code')
  changed += inserted.length
  const existing = await trx('taxonomy_option_rounds').select('dimension', 'code', 'survey_round')
  const wanted = new Set(rounds.map(r => `${r.dimension}/${r.code}/${r.survey_round}`))
  for (const row of existing as { dimension: string; code: string; survey_round: number }[]) {
    if (wanted.has(`${row.dimension}/${row.code}/${row.survey_round}`)) continue
    changed += await trx('taxonomy_option_rounds').where(row).delete()
  }

  for (const programme of data.programmes) {
    changed += await upsert(
      trx,
      'programmes',
      [
        {
          code: programme.code,
          name_sv: programme.nameSv,
          name_en: programme.nameEn,
          currency: programme.currency,
          source: programme.source,
        },
      ],
      ['code'],
    )
    const { id: programmeId } = await trx('programmes').where({ code: programme.code }).first('id')
    for (const year of programme.years) {
      changed += await upsert(
        trx,
        'programme_years',
        [
          {
            programme_id: programmeId,
            programme_year: year.programmeYear,
            budget_ore: year.budgetOre,
            requisition_deadline: year.requisitionDeadline,
            report_deadline: year.reportDeadline,
          },
        ],
        ['programme_id', 'programme_year'],
      )
      const { id: programmeYearId } = await trx('programme_years')
        .where({ programme_id: programmeId, programme_year: year.programmeYear })
        .first('id')
      changed += await upsert(
        trx,
        'budget_lines',
        year.budgetLines.map(line => ({
          programme_year_id: programmeYearId,
          kind: line.kind,
          label_sv: line.labelSv,
          label_en: line.labelEn,
          amount_ore: line.amountOre,
        })),
        ['programme_year_id', 'kind'],
      )
    }
  }
  return changed
}

export async function listMunicipalities(db: Db): Promise<Municipality[]> {
  const rows = await db('municipalities as m')
    .join('counties as c', 'c.code', 'm.county_code')
    .orderBy('m.code')
    .select('m.code', 'm.name', 'm.county_code', 'c.name as county')
  return rows.map(row => ({ code: row.code, name: row.name, countyCode: row.county_code, county: row.county }))
}

export async function listTaxonomy(db: Db): Promise<TaxonomyOption[]> {
  const rows = await db('taxonomy_options as o')
    .leftJoin('taxonomy_option_rounds as r', function () {
      this.on('r.dimension', 'o.dimension').andOn('r.code', 'o.code')
    })
    .groupBy('o.dimension', 'o.code')
    .select(
      'o.dimension',
      'o.code',
      'o.label_sv',
      'o.label_en',
      'o.free_text',
      'o.sort_order',
      'o.every_round',
      db.raw('array_remove(array_agg(r.survey_round ORDER BY r.survey_round), NULL) AS rounds'),
    )
  const order = (dimension: string) => DIMENSIONS.indexOf(dimension as Dimension)
  return rows
    .map(row => ({
      dimension: row.dimension as Dimension,
      code: row.code as string,
      labelSv: row.label_sv as string,
      labelEn: row.label_en as string,
      freeText: row.free_text as boolean,
      sortOrder: row.sort_order as number,
      surveyRounds: row.every_round ? null : (row.rounds as number[]),
    }))
    .sort((a, b) => order(a.dimension) - order(b.dimension) || a.sortOrder - b.sortOrder)
}

const toProgramme = (row: Record<string, unknown>): Programme => ({
  id: row.id as number,
  code: row.code as string,
  nameSv: row.name_sv as string,
  nameEn: row.name_en as string,
  currency: row.currency as string,
  source: row.source as string,
})

export async function listProgrammes(db: Db): Promise<Programme[]> {
  return (await db('programmes').orderBy('code').select('*')).map(toProgramme)
}

export async function findProgramme(db: Db, code: string): Promise<Programme | undefined> {
  const row = await db('programmes').where({ code }).first('*')
  return row ? toProgramme(row) : undefined
}

export async function listProgrammeYears(db: Db, programmeId: number): Promise<ProgrammeYear[]> {
  const years = await db('programme_years').where({ programme_id: programmeId }).orderBy('programme_year')
  const lines = await db('budget_lines')
    .whereIn(
      'programme_year_id',
      years.map(year => year.id),
    )
    .orderBy('id')
  return years.map(year => ({
    id: year.id,
    programmeYear: year.programme_year,
    budgetOre: year.budget_ore,
    requisitionDeadline: year.requisition_deadline,
    reportDeadline: year.report_deadline,
    budgetLines: lines
      .filter(line => line.programme_year_id === year.id)
      .map(line => ({ kind: line.kind, labelSv: line.label_sv, labelEn: line.label_en, amountOre: line.amount_ore })),
  }))
}
