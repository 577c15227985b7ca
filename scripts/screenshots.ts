// Takes the README's screenshots: the app with the demo data on a temporary embedded PostgreSQL, Debian's
// Chromium, one PNG per page in docs/screenshots/. Run: npx tsx scripts/screenshots.ts
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase } from '../app/db/database.ts'
import { DEMO_USERS } from '../app/services/demoService.ts'
import { services } from '../app/services/index.ts'
import { signInPage, startBrowserApp } from '../test/helpers/browser.ts'

const PAGES: { role: string; file: string; url: string }[] = [
  { role: 'admin', file: 'overview.png', url: '/' },
  { role: 'admin', file: 'dashboard.png', url: '/programmes/aldreomsorg-2020-2022/years/2022' },
  { role: 'admin', file: 'reconciliation.png', url: '/programmes/aldreomsorg-2020-2022/years/2022/reconciliation' },
  { role: 'admin', file: 'municipality.png', url: '/programmes/aldreomsorg-2020-2022/years/2022/municipalities/0114' },
  { role: 'admin', file: 'upload.png', url: '/imports' },
  { role: 'auditor', file: 'audit.png', url: '/audit' },
  { role: 'evaluator', file: 'distribution.png', url: '/programmes/aldreomsorg-2020-2022/distributions/purposes' },
  { role: 'municipality', file: 'my-municipality.png', url: '/municipalities/0114' },
]

const out = path.resolve('docs/screenshots')
fs.mkdirSync(out, { recursive: true })
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stimulans-shots-'))
fs.chmodSync(dataDir, 0o755)
const db = await openDatabase({ databaseUrl: undefined, dataDir })
try {
  const app = services(db.knex)
  await app.reference.setup('screenshots')
  await app.demo.seedDemo('screenshots')
  const browserApp = await startBrowserApp(db.knex)
  try {
    for (const shot of PAGES) {
      const user = DEMO_USERS.find(u => u.role === shot.role)!
      const page = await signInPage(browserApp, user)
      await page.setViewportSize({ width: 1280, height: 900 })
      const response = await page.goto(`${browserApp.baseUrl}${shot.url}`)
      if (!response?.ok()) console.warn(`${shot.url}: ${response?.status()}`)
      await page.screenshot({ path: path.join(out, shot.file), fullPage: false })
      console.log(`${shot.file} ← ${shot.url}`)
      await page.context().close()
    }
  } finally {
    await browserApp.close()
  }
} finally {
  await db.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
}
