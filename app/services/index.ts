// Builds every service over one knex instance: the CLI and the web are two doors into these.
import type { Knex } from 'knex'
import { adminReportService } from './adminReportService.ts'
import { analysisService } from './analysisService.ts'
import { auditService } from './auditService.ts'
import { demoService } from './demoService.ts'
import { importService } from './importService.ts'
import { ledgerService } from './ledgerService.ts'
import { municipalityService } from './municipalityService.ts'
import { qualityService } from './qualityService.ts'
import { referenceService } from './referenceService.ts'
import { reportService } from './reportService.ts'
import { requisitionService } from './requisitionService.ts'
import { spendingReportService } from './spendingReportService.ts'
import { uploadService } from './uploadService.ts'
import { userService } from './userService.ts'

export function services(knex: Knex) {
  const imports = importService(knex)
  const users = userService(knex)
  return {
    reference: referenceService(knex),
    reports: reportService(knex),
    adminReports: adminReportService(knex),
    analysis: analysisService(knex),
    quality: qualityService(knex),
    imports,
    users,
    demo: demoService(knex, imports, users),
    uploads: uploadService(knex, imports),
    ledger: ledgerService(knex),
    auditLog: auditService(knex),
    municipalities: municipalityService(knex),
    requisitions: requisitionService(knex),
    spendingReports: spendingReportService(knex),
  }
}

export type Services = ReturnType<typeof services>
