// In Chromium on the demo data: the evaluator signs in, opens the distributions, switches to the size-group
// breakdown, downloads the report as PDF and XLSX, and reviews the data quality. Every page on the way passes axe
// (WCAG 2.0 A and AA, WCAG 2.1 AA), in Swedish and in English.
import fs from 'node:fs'
import { expect } from 'chai'
import type { Knex } from 'knex'
import { services } from '../../app/services/index.ts'
import { expectNoAxeViolations, signInPage, startBrowserApp, type BrowserApp } from '../helpers/browser.ts'
import { createTestUser } from '../helpers/session.ts'
import { resetData, testKnex } from '../helpers/testDatabase.ts'

const PROGRAMME = 'aldreomsorg-2020-2022'

describe('browser: the evaluator', function () {
  this.timeout(300_000)
  let knex: Knex
  let app: BrowserApp

  before(async () => {
    knex = await testKnex()
    await resetData(knex)
    await services(knex).demo.seedDemo('test')
    app = await startBrowserApp(knex)
  })
  after(async () => {
    await app?.close()
    await resetData(knex)
  })

  it('opens the distributions, switches to the size groups, downloads PDF and XLSX; axe finds nothing', async () => {
    const page = await signInPage(app, await createTestUser(knex, { role: 'evaluator' }))
    await page.goto(`${app.baseUrl}/programmes/${PROGRAMME}/distributions/purposes`)
    await expectNoAxeViolations(page, 'distributions')
    const share = page.locator('table.distribution tbody tr', { hasText: 'Ökad trygghet eller säkerhet för individen' })
    expect(await share.locator('td.share').allInnerTexts()).to.deep.equal(
      ['79 %', '80 %', '78 %'].map(s => s.replace(' ', '\u00a0')),
    )
    expect(await page.locator('figure.grouped-chart svg[role="img"]').count()).to.equal(1)

    // the free texts open without a script
    await page.locator('tr.other-texts summary').first().click()
    expect(await page.locator('tr.other-texts details[open]').count()).to.equal(1)

    await page.getByRole('link', { name: 'Per storleksgrupp' }).click()
    await page.waitForURL(/by=size_group/)
    await expectNoAxeViolations(page, 'distributions by size group')
    const heads = await page.locator('table.breakdown thead th').allInnerTexts()
    expect(heads[1]).to.match(/^Under 10\s000/)
    expect(heads).to.have.length(6)
    await page.getByRole('link', { name: '2022', exact: true }).click()
    await page.waitForURL(/round=2022/)
    expect(await page.locator('table.breakdown caption').innerText()).to.contain('enkätomgång 2022')

    // other bounds through the form, with the keyboard
    await page.getByLabel('Gränser mellan storleksgrupperna (invånare)').fill('20000, 100000')
    await Promise.all([
      page.waitForURL(/bounds=20000%2C/),
      page.getByLabel('Gränser mellan storleksgrupperna (invånare)').press('Enter'),
    ])
    expect(await page.locator('table.breakdown thead th').count()).to.equal(4)

    const pdf = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Rapport 2022 (PDF)' }).click()
    const pdfFile = await (await pdf).path()
    expect((await pdf).suggestedFilename()).to.equal(`stimulansmedel-${PROGRAMME}-2022.pdf`)
    expect(fs.readFileSync(pdfFile).subarray(0, 5).toString()).to.equal('%PDF-')

    const xlsx = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Tabeller 2022 (Excel)' }).click()
    expect((await xlsx).suggestedFilename()).to.equal(`stimulansmedel-${PROGRAMME}-2022.xlsx`)
    // an XLSX is a zip file
    expect(
      fs
        .readFileSync(await (await xlsx).path())
        .subarray(0, 2)
        .toString(),
    ).to.equal('PK')
    await page.context().close()
  })

  it('the summary by county, the data quality and the size groups pass axe; the evaluator records a follow-up', async () => {
    const page = await signInPage(app, await createTestUser(knex, { role: 'evaluator' }))
    for (const locale of ['sv', 'en']) {
      if (locale === 'en') {
        await page.goto(`${app.baseUrl}/programmes/${PROGRAMME}/years/2022/summary`)
        await page.getByRole('button', { name: 'In English' }).click()
        await page.waitForSelector('html[lang="en"]')
      }
      // the long pages (every county, every flagged municipality) once: axe takes long over them, and their markup
      // is the same in both languages
      const paths = [`/programmes/${PROGRAMME}/years/2022/summary?by=county`, '/analysis/size-groups']
      if (locale === 'sv') {
        paths.push(
          `/programmes/${PROGRAMME}/distributions/usage_areas?by=county`,
          `/programmes/${PROGRAMME}/quality?from=2022&to=2023&sample=5&seed=3`,
        )
      }
      for (const path of paths) {
        await page.goto(`${app.baseUrl}${path}`)
        await expectNoAxeViolations(page, `${path} (${locale})`)
      }
    }
    // recording the flags and noting a follow-up, with the forms of the page
    await page.goto(`${app.baseUrl}/programmes/${PROGRAMME}/quality?from=2022&to=2023&sample=5&seed=3`)
    await Promise.all([page.waitForURL(/recorded=1/), page.getByRole('button', { name: 'Save the flags' }).click()])
    await expectNoAxeViolations(page, 'quality after recording')
    const firstForm = page.locator('form.follow-up-form').first()
    await firstForm.locator('select').selectOption('confirmed')
    await Promise.all([page.waitForURL(/saved=1/), firstForm.getByRole('button').click()])
    expect(await page.locator('.outcome--confirmed').count()).to.equal(1)
    await page.context().close()
  })
})
