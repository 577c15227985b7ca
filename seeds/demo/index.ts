// Writes the demo ledger and survey answers (see generateDemo.ts) as the two CSV files `db seed-demo` imports.
import fs from 'node:fs/promises'
import path from 'node:path'
import { readDemoPopulation, readMunicipalities, readPublishedFigures, readTaxonomy } from '../reference/index.ts'
import { generateDemo, type PlantedDiscrepancy } from './generateDemo.ts'

export type { PlantedDiscrepancy } from './generateDemo.ts'

export const DEMO_LEDGER_FILE = 'demo-ledger.csv'
export const DEMO_RESPONSES_FILE = 'demo-responses.csv'

/** Writes demo-ledger.csv and demo-responses.csv into dir (which must exist); import the ledger first. */
export async function writeDemoFiles(
  dir: string,
): Promise<{ ledgerPath: string; responsesPath: string; planted: PlantedDiscrepancy[] }> {
  const demo = generateDemo({
    municipalities: readMunicipalities(),
    population: readDemoPopulation(),
    taxonomy: readTaxonomy(),
    published: readPublishedFigures(),
  })
  const ledgerPath = path.join(dir, DEMO_LEDGER_FILE)
  const responsesPath = path.join(dir, DEMO_RESPONSES_FILE)
  await fs.writeFile(ledgerPath, demo.ledgerCsv, 'utf8')
  await fs.writeFile(responsesPath, demo.responsesCsv, 'utf8')
  return { ledgerPath, responsesPath, planted: demo.planted }
}
