// Writes the published report of the demo data (programme year 2022) as a PDF: a throwaway embedded PostgreSQL,
// the reference and demo data, the same service and renderer as GET /programmes/…/years/2022/report.pdf.
// Usage: npx tsx scripts/renderReport.ts OUT.pdf [PROGRAMME_YEAR]
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase } from '../app/db/database.ts'
import { translate } from '../app/i18n/index.ts'
import { publishedReportPdf } from '../app/pdf/publishedReport.ts'
import { publishedTables } from '../app/reports/publishedTables.ts'
import { services as buildServices } from '../app/services/index.ts'

const PROGRAMME = 'aldreomsorg-2020-2022'

async function main(out: string, programmeYear: number): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stimulans-report-'))
  fs.chmodSync(dataDir, 0o755)
  const db = await openDatabase({ databaseUrl: undefined, dataDir }, { database: 'stimulans_report' })
  try {
    const services = buildServices(db.knex)
    await services.reference.setup('render-report')
    await services.demo.seedDemo('render-report')
    const data = await services.analysis.publishedReport(PROGRAMME, programmeYear)
    if (!data) throw new Error(`no programme year ${programmeYear}`)
    const locale = 'sv'
    const pdf = await publishedReportPdf({
      locale,
      title: translate(locale, 'published.title', { programmeYear }),
      programmeName: data.programme.nameSv,
      subtitle: translate(locale, 'common.yearHeading', { programmeYear, surveyRound: data.surveyRound }),
      intro: translate(locale, 'published.intro', { programmeYear, surveyRound: data.surveyRound }),
      tables: publishedTables(data, locale),
    })
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true })
    fs.writeFileSync(out, pdf)
    process.stdout.write(`${out}: ${pdf.length} bytes\n`)
  } finally {
    await db.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

const [out, year] = process.argv.slice(2)
if (!out) {
  process.stderr.write('usage: npx tsx scripts/renderReport.ts OUT.pdf [PROGRAMME_YEAR]\n')
  process.exit(2)
}
await main(out, year ? Number(year) : 2022)
