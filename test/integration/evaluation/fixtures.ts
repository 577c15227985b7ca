// Answers of two consecutive survey rounds (2022 and 2023) and populations, built so that each data-quality rule
// has a case, loaded through the same imports as any user's file.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Knex } from 'knex'
import { services } from '../../../app/services/index.ts'

export const PROGRAMME = 'aldreomsorg-2020-2022'

export const RESPONSE_HEADER =
  'programme_code,programme_year,municipality_code,submitted_on,requisitioned_sek,spent_sek,remaining_sek,unspent_reasons,purposes,areas,usage_areas,goal_fulfilment,other_reason,other_purpose,other_area,other_usage,comment'

const row = (year: number, code: string, amounts: string, choices: string, other = ',,,') =>
  `${PROGRAMME},${year},${code},${year + 1}-02-01,${amounts},${choices},${other},`

/**
 * Programme year 2021 (survey round 2022) against 2022 (survey round 2023):
 * - 0114 Upplands Väsby: drops the purpose "annat" (a flip yes → no); goal fulfilment high → some.
 * - 0115 Vallentuna: adds the purpose "kvalitet" (no → yes); requisitioned and spent double (+100 %).
 * - 0117 Österåker: spends 40 000 of 100 000 kr (−60 %), lack of time.
 * - 0120 Värmdö: spends 20 % more (under the threshold); chose incontinence sensors in 2022 (not offered in 2023)
 *   and digital medicine cabinets in 2023 (new in 2023): no flip.
 * - 0125 Ekerö answers only in 2023: not compared.
 */
export const QUALITY_RESPONSES = [
  RESPONSE_HEADER,
  row(2021, '0114', '100000,100000,0', ',kvalitet|annat,hsl,appar,hog', ',Mer jämlik tillgång,,'),
  row(2021, '0115', '100000,100000,0', ',arbetsmiljo,hsl,appar,hog'),
  row(2021, '0117', '100000,100000,0', ',kvalitet,hsl,appar,hog'),
  row(2021, '0120', '100000,100000,0', ',kvalitet,hsl,inkontinenssensorer,hog'),
  row(2022, '0114', '100000,100000,0', ',kvalitet,hsl,appar,viss'),
  row(2022, '0115', '200000,200000,0', ',arbetsmiljo|kvalitet,hsl,appar,hog'),
  row(2022, '0117', '100000,40000,60000', 'tidsbrist,kvalitet,hsl,appar,hog'),
  row(2022, '0120', '100000,120000,0', ',kvalitet,hsl,medicinskap,hog'),
  row(2022, '0125', '50000,50000,0', ',kvalitet,hsl,appar,hog'),
]

export const POPULATION = [
  'municipality_code,year,population',
  '0114,2021,48000',
  '0114,2022,48500',
  '0115,2022,9500',
  '0117,2022,"12 000"',
  '0120,2022,105000',
]

export function writeCsv(dir: string, name: string, lines: string[]): string {
  const file = path.join(dir, name)
  fs.writeFileSync(file, lines.join('\n') + '\n')
  return file
}

export async function loadQualityFixtures(knex: Knex): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stimulans-quality-'))
  try {
    const { imports } = services(knex)
    const responses = await imports.importResponses(writeCsv(dir, 'responses.csv', QUALITY_RESPONSES), {
      actor: 'test',
    })
    if (!responses.ok) throw new Error(`responses did not import: ${JSON.stringify(responses.problems)}`)
    const population = await imports.importPopulation(writeCsv(dir, 'population.csv', POPULATION), { actor: 'test' })
    if (!population.ok) throw new Error(`population did not import: ${JSON.stringify(population.problems)}`)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
