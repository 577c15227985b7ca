// Benchmark: loads the demo data into a fresh embedded PostgreSQL and times each report (median of runs).
// Run: npm run bench:reports [-- RUNS]
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { openDatabase } from '../app/db/database.ts'
import { DIMENSIONS } from '../app/domain/types.ts'
import { services } from '../app/services/index.ts'

const runs = Number(process.argv[2] ?? 20)
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stimulans-bench-'))
fs.chmodSync(dataDir, 0o755)
const db = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL, dataDir })

async function time<T>(label: string, fn: () => Promise<T>, times = runs): Promise<void> {
  const samples: number[] = []
  for (let i = 0; i < times; i++) {
    const start = performance.now()
    await fn()
    samples.push(performance.now() - start)
  }
  samples.sort((a, b) => a - b)
  const median = samples[Math.floor(samples.length / 2)]
  console.log(
    `${label.padEnd(40)} median ${median.toFixed(1).padStart(8)} ms   max ${samples.at(-1)!.toFixed(1).padStart(8)} ms   (${times} runs)`,
  )
}

try {
  const app = services(db.knex)
  await app.reference.setup('bench')
  await time('db seed-demo (first load)', () => app.demo.seedDemo('bench'), 1)
  await time('db seed-demo (again: no-op)', () => app.demo.seedDemo('bench'), 1)
  await time('report summary 2022', () => app.reports.summary('aldreomsorg-2020-2022', 2022))
  for (const dimension of DIMENSIONS) {
    await time(`report distribution ${dimension}`, () => app.reports.distribution('aldreomsorg-2020-2022', dimension))
  }
  await time('report reconciliation 2022', () => app.reports.reconciliation('aldreomsorg-2020-2022', 2022, 0))
  await time('programme overview', () => app.reports.overview())
} finally {
  await db.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
}
