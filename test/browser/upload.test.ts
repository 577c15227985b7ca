// In Chromium, with the keyboard alone: the administrator uploads a ledger file with two errors, reads them
// (line and column), uploads the corrected file, checks the preview and confirms; nothing is written before
// the confirmation. Every page of the journey passes axe.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect } from 'chai'
import type { Knex } from 'knex'
import type { Locator, Page } from 'playwright-core'
import { startBrowserApp, signInPage, expectNoAxeViolations, type BrowserApp } from '../helpers/browser.ts'
import { createTestUser } from '../helpers/session.ts'
import { resetData, testKnex } from '../helpers/testDatabase.ts'

const HEADER = 'programme_code,programme_year,municipality_code,type,amount_sek,date,reference'
const P = 'aldreomsorg-2020-2022'

/** Presses Tab until the element has the focus: it is reachable by keyboard, in tab order. */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  const handle = await target.elementHandle()
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate(element => element === document.activeElement, handle)) return
  }
  throw new Error(`could not reach ${target} with Tab`)
}

describe('browser: upload with the keyboard', function () {
  this.timeout(120_000)
  let knex: Knex
  let app: BrowserApp
  let dir: string

  before(async () => {
    knex = await testKnex()
    await resetData(knex)
    app = await startBrowserApp(knex)
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stimulans-upload-'))
  })
  after(async () => {
    await app?.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  async function upload(page: Page, file: string) {
    // a file chooser opens only from the page that has the focus
    await page.bringToFront()
    await tabTo(page, page.getByLabel('Utbetalningsliggaren'))
    await page.keyboard.press('Space')
    await tabTo(page, page.getByLabel('Fil', { exact: true }))
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')])
    await chooser.setFiles(file)
    await tabTo(page, page.getByRole('button', { name: 'Förhandsgranska' }))
    await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')])
    await page.waitForSelector('h1')
  }

  it('errors → fix → preview → confirm', async () => {
    const bad = path.join(dir, 'ledger-bad.csv')
    fs.writeFileSync(
      bad,
      [
        HEADER,
        `${P},2022,0114,allocation,1000000,2022-01-15,A-1`,
        `${P},2022,9999,allocation,1000000,2022-01-15,A-2`,
        `${P},2022,0115,payout,12.345,2022-02-01,P-1`,
      ].join('\n'),
    )
    const good = path.join(dir, 'ledger-good.csv')
    fs.writeFileSync(
      good,
      [
        HEADER,
        `${P},2022,0114,allocation,1000000,2022-01-15,A-1`,
        `${P},2022,0117,allocation,1000000,2022-01-15,A-2`,
        `${P},2022,0115,payout,12.34,2022-02-01,P-1`,
      ].join('\n'),
    )
    const page = await signInPage(app, await createTestUser(knex, { role: 'admin' }))
    await page.goto(`${app.baseUrl}/imports`)
    await expectNoAxeViolations(page, 'upload form')

    await upload(page, bad)
    const problems = await page.locator('table.problems tbody tr').allInnerTexts()
    expect(problems.map(row => row.split('\t').slice(0, 2).join(' '))).to.deep.equal([
      '3 municipality_code',
      '4 amount_sek',
    ])
    await expectNoAxeViolations(page, 'preview with problems')
    expect(await knex('ledger_entries').count<{ count: number }[]>('* as count')).to.deep.equal([{ count: 0 }])

    await tabTo(page, page.getByRole('link', { name: /Läs in den rättade filen|rättade/ }))
    await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')])
    await upload(page, good)
    expect(await page.locator('table.preview tbody tr').count()).to.equal(3)
    await expectNoAxeViolations(page, 'preview ready')
    expect(await knex('ledger_entries').count<{ count: number }[]>('* as count')).to.deep.equal([{ count: 0 }])

    await tabTo(page, page.getByRole('button', { name: /Bekräfta/ }))
    await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')])
    await page.waitForSelector('h1')
    expect(await page.locator('main').innerText()).to.contain('3 nya rader')
    await expectNoAxeViolations(page, 'import result')
    expect(await knex('ledger_entries').orderBy('id').pluck('reference')).to.deep.equal(['A-1', 'A-2', 'P-1'])
    await page.context().close()
  })
})
