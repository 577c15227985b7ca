// Reads the reference data kept beside this file: municipalities, counties, taxonomy, programmes.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'
import type { Dimension } from '../../app/domain/types.ts'
import { programmes, type ProgrammeSeed } from './programmes.ts'

const here = path.dirname(fileURLToPath(import.meta.url))

export interface MunicipalitySeed {
  code: string
  name: string
  countyCode: string
  county: string
}

export interface TaxonomyOptionSeed {
  dimension: Dimension
  code: string
  labelSv: string
  labelEn: string
  freeText: boolean
  sortOrder: number
  /** null: asked in every survey round */
  surveyRounds: number[] | null
}

export interface ReferenceData {
  municipalities: MunicipalitySeed[]
  taxonomy: TaxonomyOptionSeed[]
  programmes: ProgrammeSeed[]
}

interface TaxonomyFileOption {
  code: string
  sv: string
  en: string
  survey_years?: number[]
  free_text?: boolean
}

export function readMunicipalities(): MunicipalitySeed[] {
  const rows: Record<string, string>[] = parse(fs.readFileSync(path.join(here, 'municipalities.csv')), {
    columns: true,
    bom: true,
  })
  return rows.map(row => ({ code: row.code, name: row.name, countyCode: row.county_code, county: row.county }))
}

export function readTaxonomy(): TaxonomyOptionSeed[] {
  const file = JSON.parse(fs.readFileSync(path.join(here, 'taxonomy.json'), 'utf8')) as Record<string, unknown>
  const dimensions: Dimension[] = ['purposes', 'areas', 'usage_areas', 'unspent_reasons', 'goal_fulfilment']
  return dimensions.flatMap(dimension =>
    (file[dimension] as TaxonomyFileOption[]).map((option, index) => ({
      dimension,
      code: option.code,
      labelSv: option.sv,
      labelEn: option.en,
      freeText: option.free_text === true,
      sortOrder: index + 1,
      surveyRounds: option.survey_years ?? null,
    })),
  )
}

export interface SizeGroupSeed {
  code: string
  labelSv: string
  min: number
  max: number | null
}

export function readSizeGroups(): SizeGroupSeed[] {
  const file = JSON.parse(fs.readFileSync(path.join(here, 'taxonomy.json'), 'utf8')) as {
    size_groups: { code: string; sv: string; min: number; max: number | null }[]
  }
  return file.size_groups.map(group => ({ code: group.code, labelSv: group.sv, min: group.min, max: group.max }))
}

/** Approximate populations, for demonstration only (see SOURCES.md). */
export function readDemoPopulation(): Map<string, number> {
  const rows: Record<string, string>[] = parse(fs.readFileSync(path.join(here, 'population-demo.csv')), {
    columns: true,
    bom: true,
  })
  return new Map(rows.map(row => [row.code, Number(row.population)]))
}

export interface PublishedFigures {
  source: string
  programme: { year_2022: { model_municipalities: string[]; requisitionable_from_kammarkollegiet_sek: number } }
  table34_survey_2023: {
    municipalities_requisitioned: number
    municipalities_used_funds: number
    requisitioned_sek: number
    spent_sek: number
    remaining_sek: number
    partially_spent_municipalities: number
    partially_spent_reason_counts: Record<string, number>
    municipalities_surveyed_total: number
    municipalities_not_requisitioned: number
  }
  n: Record<string, number>
  table35_purposes_pct: Record<string, (number | null)[]>
  table36_areas_pct: Record<string, (number | null)[]>
  table37_usage_areas_pct: Record<string, (number | null)[]>
  goal_fulfilment_pct_survey_2023: Record<string, number>
  columns: number[]
}

/** The figures Socialstyrelsen published in 2023 (tables 34–37): what the demo data must reproduce. */
export function readPublishedFigures(): PublishedFigures {
  return JSON.parse(fs.readFileSync(path.join(here, 'published-2023.json'), 'utf8')) as PublishedFigures
}

export function readReferenceData(): ReferenceData {
  return { municipalities: readMunicipalities(), taxonomy: readTaxonomy(), programmes }
}
