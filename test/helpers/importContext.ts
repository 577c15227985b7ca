// The reference data the row validators are tested against: the real municipalities and taxonomy, read from seeds/.
import type { ImportContext } from '../../app/domain/rowFields.ts'
import { readMunicipalities, readTaxonomy } from '../../seeds/reference/index.ts'

export function importContext(): ImportContext {
  const taxonomy = new Map<string, Map<string, readonly number[] | null>>()
  for (const option of readTaxonomy()) {
    if (!taxonomy.has(option.dimension)) taxonomy.set(option.dimension, new Map())
    taxonomy.get(option.dimension)!.set(option.code, option.surveyRounds)
  }
  return {
    municipalityCodes: new Set(readMunicipalities().map(m => m.code)),
    programmes: new Map([
      ['aldreomsorg-2020-2022', { id: 1, years: [2020, 2021, 2022] }],
      ['valfardsteknik-2018', { id: 2, years: [2018] }],
    ]),
    taxonomy,
  }
}
