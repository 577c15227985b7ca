// In Chromium: a municipality signs in, requisitions, fills in its spending report with the keyboard alone, makes
// two mistakes and sees both in the error summary, fixes them, submits, corrects, downloads the receipt; the
// administrator sees the new version in the reconciliation. Every page on the way passes axe.
import fs from 'node:fs'
import { expect } from 'chai'
import type { Knex } from 'knex'
import type { Page } from 'playwright-core'
import { expectNoAxeViolations, signInPage, startBrowserApp, type BrowserApp } from '../helpers/browser.ts'
import { resetData, testKnex } from '../helpers/testDatabase.ts'
import { area, createUsers, loadLedger, PROGRAMME, type Users } from '../integration/municipality/fixtures.ts'

/** Presses Tab until the element matching selector has the focus: it is reachable with the keyboard alone. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < 400; presses++) {
    if (await page.evaluate(s => document.activeElement?.matches(s) ?? false, selector)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`${selector} cannot be reached with Tab`)
}

/** Types into a text field reached with Tab, replacing what it held. */
async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector)
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('Delete')
  if (text !== '') await page.keyboard.type(text)
}

/** Ticks or unticks a checkbox, or picks a radio button, with the space bar. */
async function toggle(page: Page, selector: string): Promise<void> {
  await tabTo(page, selector)
  await page.keyboard.press('Space')
}

/** Presses a button or link reached with Tab and waits for the page it leads to. */
async function pressButton(page: Page, selector: string): Promise<void> {
  await tabTo(page, selector)
  await Promise.all([page.waitForLoadState('load'), page.waitForNavigation(), page.keyboard.press('Enter')])
}

describe('browser: a municipality reports for itself', function () {
  this.timeout(300_000)
  let knex: Knex
  let app: BrowserApp
  let users: Users

  before(async () => {
    knex = await testKnex()
    await resetData(knex)
    await loadLedger(knex)
    app = await startBrowserApp(knex)
    users = await createUsers(knex)
  })
  after(async () => {
    await app?.close()
    await resetData(knex)
  })

  it('requisitions, reports with the keyboard, fixes two mistakes, corrects, downloads the receipt', async () => {
    const page = await signInPage(app, users.own)
    expect(new URL(page.url()).pathname).to.equal('/municipalities/0114')
    await expectNoAxeViolations(page, 'my municipality')

    // requisition
    await page.goto(`${app.baseUrl}${area('0114')}/requisitions/new`)
    await expectNoAxeViolations(page, 'requisition form')
    await typeInto(page, '#amount_sek', '1 200 000')
    await typeInto(page, '#contact_name', 'Anna Andersson')
    await typeInto(page, '#contact_email', 'anna@upplandsvasby.example')
    await typeInto(page, '#bankgiro', '5050-1055')
    await pressButton(page, 'main form button[type="submit"]')
    await expectNoAxeViolations(page, 'requisition form with errors')
    expect(await page.locator('.error-summary').innerText()).to.contain('större än vad som återstår av fördelningen')
    await typeInto(page, '#amount_sek', '1 000 000')
    await pressButton(page, 'main form button[type="submit"]')
    expect(await page.getByRole('status').innerText()).to.contain('Rekvisitionen är inskickad')
    await expectNoAxeViolations(page, 'requisitions')

    // the report, by keyboard, with two mistakes: remaining does not add up, "other" purpose without its text
    await page.goto(`${app.baseUrl}${area('0114')}/report`)
    await expectNoAxeViolations(page, 'report (nothing submitted)')
    expect(await page.locator('main a[href$="/report/edit"]').innerText()).to.equal('Fyll i återrapporteringen')
    await pressButton(page, 'main a[href$="/report/edit"]')
    await expectNoAxeViolations(page, 'report form')
    await typeInto(page, '#requisitioned_sek', '1 000 000')
    await typeInto(page, '#spent_sek', '750 000')
    await typeInto(page, '#remaining_sek', '200 000')
    await toggle(page, '#unspent_reasons-tidsbrist')
    await toggle(page, '#purposes-kvalitet')
    await toggle(page, '#purposes-annat')
    await toggle(page, '#areas-aldre_ordinart')
    await toggle(page, '#usage_areas-trygghetslarm')
    await toggle(page, '#goal_fulfilment-hog')
    await typeInto(page, '#comment', 'Larmen byttes ut under hösten.')
    await pressButton(page, 'button[value="submit"]')

    const summary = page.locator('.error-summary')
    expect(await summary.evaluate(element => element === document.activeElement)).to.equal(true)
    const problems = await summary.locator('li').allInnerTexts()
    expect(problems).to.have.length(2)
    expect(problems[0]).to.match(/^Kvarstående medel: Ska vara rekvirerade minus förbrukade medel/)
    expect(problems[1]).to.equal('Annat syfte, beskriv: Beskriv vad Annat avser.')
    expect(await summary.locator('a').evaluateAll(links => links.map(a => a.getAttribute('href')))).to.deep.equal([
      '#remaining_sek',
      '#other_purpose',
    ])
    await expectNoAxeViolations(page, 'report form with errors')
    // what was typed is still there
    expect(await page.inputValue('#spent_sek')).to.equal('750 000')
    expect(await page.isChecked('#usage_areas-trygghetslarm')).to.equal(true)

    await typeInto(page, '#remaining_sek', '250 000')
    await typeInto(page, '#other_purpose', 'Trygghet för närstående på distans')
    await pressButton(page, 'button[value="submit"]')
    expect(new URL(page.url()).search).to.equal('?submitted=1')
    expect(await page.getByRole('status').innerText()).to.contain('inlämnad som version 1')
    await expectNoAxeViolations(page, 'report (version 1)')

    // correct it: a new version, the first one kept, the differences listed
    expect(await page.locator('main a[href$="/report/edit"]').innerText()).to.equal('Rätta återrapporteringen')
    await pressButton(page, 'main a[href$="/report/edit"]')
    expect(await page.inputValue('#remaining_sek')).to.equal('250 000')
    await typeInto(page, '#spent_sek', '900 000')
    await typeInto(page, '#remaining_sek', '100 000')
    await pressButton(page, 'button[value="submit"]')
    expect(new URL(page.url()).search).to.equal('?submitted=2')
    const changes = page.locator('table.changes').first()
    expect(await changes.locator('caption').innerText()).to.equal('Ändrat sedan version 1')
    const spentRow = await changes.locator('tr', { hasText: 'Förbrukade medel' }).innerText()
    expect(spentRow.replace(/\s+/g, ' ')).to.equal('Förbrukade medel 750 000 kr 900 000 kr')
    expect(await page.locator('.version__heading').allInnerTexts()).to.deep.equal(['Version 2', 'Version 1'])
    await expectNoAxeViolations(page, 'report (version 2)')

    await page.getByRole('link', { name: 'Visa svaren i version 1' }).click()
    await expectNoAxeViolations(page, 'version 1')
    await page.goBack()

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Kvitto version 2 (PDF)' }).click(),
    ])
    expect(download.suggestedFilename()).to.equal(`kvitto-0114-${PROGRAMME}-2022-v2.pdf`)
    const file = await download.path()
    expect(fs.readFileSync(file).subarray(0, 5).toString()).to.equal('%PDF-')
    await page.context().close()
  })

  it('the administrator sees the new version in the reconciliation and in who has submitted, and approves', async () => {
    const page = await signInPage(app, users.admin)
    await page.goto(`${app.baseUrl}/programmes/${PROGRAMME}/years/2022/reconciliation`)
    const row = page.locator('tr', { has: page.locator('td', { hasText: /^0114$/ }) })
    const text = (await row.innerText()).replace(/\s+/g, ' ')
    expect(text).to.contain('Upplands Väsby')
    // reported requisitioned, spent and remaining of version 2
    expect(text).to.match(/1 000 000 kr 900 000 kr 100 000 kr/)

    await page.goto(`${app.baseUrl}/programmes/${PROGRAMME}/years/2022/submissions?show=submitted`)
    await expectNoAxeViolations(page, 'submissions')
    const submitted = (await page.locator('table.submissions tbody tr').allInnerTexts()).map(t =>
      t.replace(/\s+/g, ' '),
    )
    expect(submitted).to.have.length(1)
    expect(submitted[0]).to.match(/Upplands Väsby .* v1: .* v2: /)

    await page.goto(`${app.baseUrl}/requisitions`)
    await expectNoAxeViolations(page, 'all requisitions')
    await page.getByRole('link', { name: 'Upplands Väsby (0114)' }).click()
    await expectNoAxeViolations(page, 'requisitions with decision forms')
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Bevilja' }).click()])
    expect(await page.getByRole('status').innerText()).to.match(/bokförd i utbetalningsliggaren som REQ-\d+/)
    await page.context().close()
  })
})
