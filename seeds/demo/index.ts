// Writes the demo ledger, survey answers (see generateDemo.ts) and population as the CSV files `db seed-demo` imports.
import fs from 'node:fs/promises'
import path from 'node:path'
import { readDemoPopulation, readMunicipalities, readPublishedFigures, readTaxonomy } from '../reference/index.ts'
import { generateDemo, type PlantedDiscrepancy } from './generateDemo.ts'

export type { PlantedDiscrepancy } from './generateDemo.ts'

export const DEMO_LEDGER_FILE = 'demo-ledger.csv'
export const DEMO_RESPONSES_FILE = 'demo-responses.csv'
export const DEMO_POPULATION_FILE = 'demo-population.csv'
/** The programme years of the demo data: each gets the (approximate, see SOURCES.md) demo population. */
export const DEMO_POPULATION_YEARS = [2020, 2021, 2022] as const

/** The demo population as a population CSV (`municipality_code,year,population`), one row per municipality and year. */
export function demoPopulationCsv(population: Map<string, number> = readDemoPopulation()): string {
  const codes = [...population.keys()].sort()
  const rows = DEMO_POPULATION_YEARS.flatMap(year => codes.map(code => `${code},${year},${population.get(code)}`))
  return ['municipality_code,year,population', ...rows].join('\n') + '\n'
}

/**
 * Writes demo-ledger.csv, demo-responses.csv and demo-population.csv into dir (which must exist); import the ledger
 * before the responses.
 */
export async function writeDemoFiles(
  dir: string,
): Promise<{ ledgerPath: string; responsesPath: string; populationPath: string; planted: PlantedDiscrepancy[] }> {
  const population = readDemoPopulation()
  const demo = generateDemo({
    municipalities: readMunicipalities(),
    population,
    taxonomy: readTaxonomy(),
    published: readPublishedFigures(),
  })
  const ledgerPath = path.join(dir, DEMO_LEDGER_FILE)
  const responsesPath = path.join(dir, DEMO_RESPONSES_FILE)
  await fs.writeFile(ledgerPath, demo.ledgerCsv, 'utf8')
  await fs.writeFile(responsesPath, demo.responsesCsv, 'utf8')
  const populationPath = path.join(dir, DEMO_POPULATION_FILE)
  await fs.writeFile(populationPath, demoPopulationCsv(population), 'utf8')
  return { ledgerPath, responsesPath, populationPath, planted: demo.planted }
}
