// In Chromium: the dashboard, the reconciliation table and a municipality page pass axe in both languages; the
// table is filtered and sorted with the keyboard through its GET form and header links; a CSV downloads.
import { expect } from 'chai'
import type { Knex } from 'knex'
import { startBrowserApp, signInPage, expectNoAxeViolations, type BrowserApp } from '../helpers/browser.ts'
import { createTestUser } from '../helpers/session.ts'
import { resetData, testKnex } from '../helpers/testDatabase.ts'
import { loadAdminFixtures, PROGRAMME } from '../integration/admin/helpers.ts'

const year = `/programmes/${PROGRAMME}/years/2022`

describe('browser: administrator workspace', function () {
  this.timeout(120_000)
  let knex: Knex
  let app: BrowserApp

  before(async () => {
    knex = await testKnex()
    await resetData(knex)
    await loadAdminFixtures(knex)
    app = await startBrowserApp(knex)
  })
  after(async () => {
    await app?.close()
    await resetData(knex)
  })

  it('the dashboard, the reconciliation and a municipality page pass axe, in Swedish and in English', async () => {
    const page = await signInPage(app, await createTestUser(knex, { role: 'admin' }))
    for (const locale of ['sv', 'en']) {
      if (locale === 'en') {
        await page.getByRole('button', { name: 'In English' }).click()
        await page.waitForSelector('html[lang="en"]')
      }
      for (const path of [year, `${year}/reconciliation?sort=paid&dir=desc`, `${year}/municipalities/2584`]) {
        await page.goto(`${app.baseUrl}${path}`)
        await expectNoAxeViolations(page, `${path} (${locale})`)
      }
    }
    await page.context().close()
  })

  it('filters and sorts the table with the keyboard, and opens a municipality from it', async () => {
    const page = await signInPage(app, await createTestUser(knex, { role: 'evaluator' }))
    await page.goto(`${app.baseUrl}${year}/reconciliation`)
    await page.getByLabel('Län').selectOption({ label: 'Stockholms län' })
    await page.getByLabel('Sök kommun').fill('v')
    await Promise.all([page.waitForURL(/county=01/), page.getByLabel('Sök kommun').press('Enter')])
    const names = () => page.locator('table.reconciliation tbody th').allInnerTexts()
    expect(await names()).to.deep.equal(['Upplands Väsby', 'Vallentuna', 'Värmdö'])
    await page.getByRole('link', { name: 'Utbetalt (sortera stigande)' }).click()
    expect(await names()).to.deep.equal(['Värmdö', 'Vallentuna', 'Upplands Väsby'])
    await page.getByRole('link', { name: 'Utbetalt (sortera fallande)' }).click()
    expect(await names()).to.deep.equal(['Upplands Väsby', 'Vallentuna', 'Värmdö'])
    expect(await page.locator('th[aria-sort="descending"]').innerText()).to.contain('Utbetalt')
    expect(new URL(page.url()).searchParams.get('q')).to.equal('v')
    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Tabellen som CSV (med filtren)' }).click()
    expect((await download).suggestedFilename()).to.equal(`avstamning-${PROGRAMME}-2022.csv`)
    await page.getByRole('link', { name: 'Vallentuna' }).click()
    await page.waitForURL(url => url.pathname.endsWith('/municipalities/0115'))
    expect(await page.locator('h1').innerText()).to.contain('Vallentuna (0115)')
    await page.context().close()
  })
})
