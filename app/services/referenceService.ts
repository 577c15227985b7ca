// `db setup`: migrate, then load the reference data; safe to run again.
import type { Knex } from 'knex'
import { migrateLatest } from '../db/database.ts'
import { recordAudit } from '../data/auditRepository.ts'
import * as referenceRepository from '../data/referenceRepository.ts'
import { readReferenceData } from '../../seeds/reference/index.ts'

export function referenceService(knex: Knex) {
  return {
    /** Migrates and loads reference data; returns how many reference rows changed (0 the second time). */
    async setup(actor: string): Promise<{ changed: number }> {
      await migrateLatest(knex)
      const data = readReferenceData()
      return knex.transaction(async trx => {
        const changed = await referenceRepository.upsertReferenceData(trx, data)
        if (changed > 0) {
          await recordAudit(trx, {
            actor,
            action: 'reference.load',
            entity: 'reference_data',
            after: {
              changed,
              municipalities: data.municipalities.length,
              taxonomyOptions: data.taxonomy.length,
              programmes: data.programmes.map(p => p.code),
            },
          })
        }
        return { changed }
      })
    },
    listMunicipalities: () => referenceRepository.listMunicipalities(knex),
    listTaxonomy: () => referenceRepository.listTaxonomy(knex),
    listProgrammes: () => referenceRepository.listProgrammes(knex),
    findProgramme: (code: string) => referenceRepository.findProgramme(knex, code),
    listProgrammeYears: (programmeId: number) => referenceRepository.listProgrammeYears(knex, programmeId),
  }
}

export type ReferenceService = ReturnType<typeof referenceService>
