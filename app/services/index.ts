// Builds every service over one knex instance: the CLI and the web are two doors into these.
import type { Knex } from 'knex'
import { demoService } from './demoService.ts'
import { importService } from './importService.ts'
import { referenceService } from './referenceService.ts'
import { reportService } from './reportService.ts'

export function services(knex: Knex) {
  const imports = importService(knex)
  return {
    reference: referenceService(knex),
    reports: reportService(knex),
    imports,
    demo: demoService(knex, imports),
  }
}

export type Services = ReturnType<typeof services>
