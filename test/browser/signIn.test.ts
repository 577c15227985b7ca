// In Chromium: every role signs in through the form, lands on its home page and signs out; the pages pass axe.
import { expect } from 'chai'
import type { Knex } from 'knex'
import { startBrowserApp, signInPage, expectNoAxeViolations, type BrowserApp } from '../helpers/browser.ts'
import { createTestUser } from '../helpers/session.ts'
import { resetData, testKnex } from '../helpers/testDatabase.ts'

describe('browser: sign-in', function () {
  this.timeout(120_000)
  let knex: Knex
  let app: BrowserApp

  before(async () => {
    knex = await testKnex()
    await resetData(knex)
    app = await startBrowserApp(knex)
  })
  after(async () => app?.close())

  it('the login page passes axe, in Swedish and in English', async () => {
    const page = await (await app.browser.newContext()).newPage()
    await page.goto(`${app.baseUrl}/login`)
    expect(await page.getAttribute('html', 'lang')).to.equal('sv')
    await expectNoAxeViolations(page, 'login (sv)')
    await page.getByRole('button', { name: 'In English' }).click()
    await page.waitForSelector('html[lang="en"]')
    await expectNoAxeViolations(page, 'login (en)')
    await page.context().close()
  })

  for (const role of ['admin', 'evaluator', 'auditor', 'municipality'] as const) {
    it(`${role}: signs in with the keyboard, sees its home page, signs out`, async () => {
      const user = await createTestUser(knex, { role, municipalityCode: role === 'municipality' ? '0114' : undefined })
      const page = await signInPage(app, user)
      expect(await page.locator('.site-header__user').innerText()).to.contain(`Test ${role}`)
      if (role === 'municipality') expect(new URL(page.url()).pathname).to.equal('/municipalities/0114')
      else await expectNoAxeViolations(page, `home (${role})`)
      await page.getByRole('button', { name: 'Logga ut' }).click()
      await page.waitForURL(url => url.pathname === '/login')
      await page.goto(`${app.baseUrl}/`)
      expect(new URL(page.url()).pathname).to.equal('/login')
      await page.context().close()
    })
  }
})
