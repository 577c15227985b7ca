// Benchmark: writes a ledger CSV of N valid rows (default 100 000) and imports it into a fresh embedded PostgreSQL,
// printing wall time, rows/s and the peak memory of this process. Run: npm run bench:import [-- ROWS]
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { once } from 'node:events'
import { performance } from 'node:perf_hooks'
import { openDatabase } from '../app/db/database.ts'
import { importService } from '../app/services/importService.ts'
import { referenceService } from '../app/services/referenceService.ts'
import { readMunicipalities } from '../seeds/reference/index.ts'

const rows = Number(process.argv[2] ?? 100_000)
if (!Number.isSafeInteger(rows) || rows < 1) {
  console.error('Usage: npx tsx bench/importLedger.ts [ROWS]')
  process.exit(2)
}

const PROGRAMME = 'aldreomsorg-2020-2022'
const TYPES = ['allocation', 'requisition', 'payout', 'direct_grant', 'repayment']
const MB = 1024 * 1024

/** Streams the file to disk, so that the benchmark itself does not hold the rows in memory either. */
async function writeLedger(file: string, count: number): Promise<void> {
  const codes = readMunicipalities().map(m => m.code)
  const out = fs.createWriteStream(file)
  out.write('programme_code,programme_year,municipality_code,type,amount_sek,date,reference\n')
  let chunk = ''
  for (let i = 0; i < count; i++) {
    const year = 2020 + (i % 3)
    const kronor = 1000 + ((i * 7919) % 5_000_000)
    // a mix of the amount forms the contract allows
    const amount =
      i % 4 === 0 ? `"${kronor.toLocaleString('sv-SE')},50"` : i % 4 === 1 ? `${kronor}.25` : String(kronor)
    const date = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`
    chunk += `${PROGRAMME},${year},${codes[i % codes.length]},${TYPES[i % TYPES.length]},${amount},${date},BENCH-${i}\n`
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain')
      chunk = ''
    }
  }
  out.end(chunk)
  await once(out, 'finish')
}

/** Samples this process's memory while `fn` runs. */
async function measure<T>(fn: () => Promise<T>) {
  let peakRss = process.memoryUsage().rss
  let peakHeap = process.memoryUsage().heapUsed
  const timer = setInterval(() => {
    const usage = process.memoryUsage()
    peakRss = Math.max(peakRss, usage.rss)
    peakHeap = Math.max(peakHeap, usage.heapUsed)
  }, 20)
  const start = performance.now()
  try {
    const value = await fn()
    return { value, seconds: (performance.now() - start) / 1000, peakRss, peakHeap }
  } finally {
    clearInterval(timer)
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stimulans-bench-import-'))
fs.chmodSync(dir, 0o755)
const dataDir = path.join(dir, 'data')
fs.mkdirSync(dataDir)
const db = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL, dataDir })
try {
  await referenceService(db.knex).setup('bench')
  const file = path.join(dir, 'ledger.csv')
  await writeLedger(file, rows)
  const imports = importService(db.knex)
  const before = process.memoryUsage()
  console.log(`ledger CSV: ${rows} rows, ${(fs.statSync(file).size / MB).toFixed(1)} MB`)
  console.log(`before import: rss ${(before.rss / MB).toFixed(0)} MB, heapUsed ${(before.heapUsed / MB).toFixed(0)} MB`)
  for (const label of ['import', 'same file again (no-op)']) {
    const run = await measure(() => imports.importLedger(file, { actor: 'bench' }))
    const result = run.value
    if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.problems.slice(0, 5))}`)
    console.log(
      `${label.padEnd(24)} ${run.seconds.toFixed(1).padStart(7)} s  ${Math.round(rows / run.seconds)
        .toString()
        .padStart(8)} rows/s  written ${result.writtenCount}  peak rss ${(run.peakRss / MB).toFixed(0)} MB` +
        `  peak heapUsed ${(run.peakHeap / MB).toFixed(0)} MB`,
    )
  }
} finally {
  await db.close()
  fs.rmSync(dir, { recursive: true, force: true })
}
