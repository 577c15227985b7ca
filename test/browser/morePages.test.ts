// In Chromium: the pages no other journey covers pass axe (WCAG 2.0 A/AA, 2.1 AA): the audit log, the manual
// ledger entry form (empty and with its error summary), a ledger entry, the reversal form, the programme
// overview in English, the 404 page.
import { expect } from 'chai'
import type { Knex } from 'knex'
import { startBrowserApp, signInPage, expectNoAxeViolations, type BrowserApp } from '../helpers/browser.ts'
import { createTestUser } from '../helpers/session.ts'
import { resetData, testKnex } from '../helpers/testDatabase.ts'
import { loadRouteFixtures, PROGRAMME } from '../integration/routes/fixtures.ts'

describe('browser: the other pages pass axe', function () {
  this.timeout(180_000)
  let knex: Knex
  let app: BrowserApp

  before(async () => {
    knex = await testKnex()
    await resetData(knex)
    await loadRouteFixtures(knex)
    app = await startBrowserApp(knex)
  })
  after(async () => {
    await app?.close()
    await resetData(knex)
  })

  it('audit log, ledger entry form with errors, a ledger entry, the reversal form, 404', async () => {
    const page = await signInPage(app, await createTestUser(knex, { role: 'admin' }))
    const entryId = (await knex('ledger_entries').orderBy('id').first('id')).id as number
    for (const path of [
      '/audit',
      `/programmes/${PROGRAMME}/years/2022/ledger/new`,
      `/ledger/${entryId}`,
      `/ledger/${entryId}/reverse`,
    ]) {
      const response = await page.goto(`${app.baseUrl}${path}`)
      expect(response?.status(), path).to.equal(200)
      await expectNoAxeViolations(page, path)
    }
    // the entry form sent empty: the error summary and the marked fields
    await page.goto(`${app.baseUrl}/programmes/${PROGRAMME}/years/2022/ledger/new`)
    await page.locator('main form button[type="submit"]').first().click()
    await page.waitForSelector('.error-summary')
    await expectNoAxeViolations(page, 'ledger entry form with errors')
    const missing = await page.goto(`${app.baseUrl}/no-such-page`)
    expect(missing?.status()).to.equal(404)
    await expectNoAxeViolations(page, '404')
    await page.context().close()
  })

  it('the programme overview and the audit log in English, for the auditor', async () => {
    const page = await signInPage(app, await createTestUser(knex, { role: 'auditor' }))
    await page.getByRole('button', { name: 'In English' }).click()
    await page.waitForSelector('html[lang="en"]')
    await expectNoAxeViolations(page, 'overview (en)')
    await page.goto(`${app.baseUrl}/audit`)
    await expectNoAxeViolations(page, 'audit (en)')
    await page.context().close()
  })
})
