// Browser tests: the whole app on a free port over the test database, Debian's Chromium driven by
// playwright-core, and axe-core for accessibility (WCAG 2.0 A and AA, WCAG 2.1 AA).
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { AxeBuilder } from '@axe-core/playwright'
import { expect } from 'chai'
import type { Knex } from 'knex'
import { chromium, type Browser, type Page } from 'playwright-core'
import { appWithAllRoutes } from './appWithAllRoutes.ts'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export interface BrowserApp {
  baseUrl: string
  browser: Browser
  close: () => Promise<void>
}

/** Starts the app on 127.0.0.1 with a free port and launches Chromium. */
export async function startBrowserApp(knex: Knex): Promise<BrowserApp> {
  const app = appWithAllRoutes(knex)
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', error => (error ? reject(error) : resolve(listening)))
  })
  const { port } = server.address() as AddressInfo
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    close: async () => {
      await browser.close()
      server.closeAllConnections()
      await new Promise(resolve => server.close(resolve))
    },
  }
}

/** A new browser context (its own cookies), signed in through the login form. */
export async function signInPage(
  app: BrowserApp,
  credentials: { email: string; password: string },
  options: { acceptDownloads?: boolean } = {},
): Promise<Page> {
  const context = await app.browser.newContext({ acceptDownloads: options.acceptDownloads ?? true, locale: 'sv-SE' })
  const page = await context.newPage()
  await page.goto(`${app.baseUrl}/login`)
  await page.getByLabel('E-postadress').fill(credentials.email)
  await page.getByLabel('Lösenord').fill(credentials.password)
  // submitted with the keyboard (Enter in the password field), as a user without a mouse does
  await Promise.all([
    page.waitForURL(url => !url.pathname.startsWith('/login')),
    page.getByLabel('Lösenord').press('Enter'),
  ])
  return page
}

/** Fails with the list of violations when axe finds any (wcag2a, wcag2aa, wcag21aa) on the page as it is now. */
export async function expectNoAxeViolations(page: Page, label = page.url()): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze()
  const violations = results.violations.map(
    v =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map(n => n.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  )
  expect(violations, `axe on ${label}`).to.deep.equal([])
}
