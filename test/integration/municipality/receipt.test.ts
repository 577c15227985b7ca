// The receipt of a submitted version, read back from the PDF with pdfjs: the stored amounts and their total, the
// version, the time in Stockholm with its UTC offset, who submitted it, and the answers, in Swedish.
import { createRequire } from 'node:module'
import path from 'node:path'
import { expect } from 'chai'
import type { Express } from 'express'
import type { Knex } from 'knex'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { formatStockholmDateTime } from '../../../app/domain/stockholmTime.ts'
import { formatSek } from '../../../app/views/helpers/formatSek.ts'
import { appWithAllRoutes } from '../../helpers/appWithAllRoutes.ts'
import type { SignedIn } from '../../helpers/session.ts'
import { resetData, testKnex } from '../../helpers/testDatabase.ts'
import { area, createUsers, loadLedger, signInAll, type Users } from './fixtures.ts'

// pdfjs reads the metrics of the standard fonts (Helvetica) from its own package
const STANDARD_FONTS = `${path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`

/** Every text of the PDF, its white space (no-break spaces too) collapsed to single spaces. */
async function pdfText(bytes: Buffer): Promise<string> {
  const document = await getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    standardFontDataUrl: STANDARD_FONTS,
  }).promise
  const pages: string[] = []
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent()
    pages.push(content.items.map(item => ('str' in item ? item.str : '')).join(' '))
  }
  await document.destroy()
  return pages.join(' ').replace(/[\s\u00a0]+/g, ' ')
}

const normalise = (text: string) => text.replace(/[\s\u00a0]+/g, ' ').replaceAll('\u2212', '-')

async function download(who: SignedIn, url: string) {
  return who.agent
    .get(url)
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => callback(null, Buffer.concat(chunks)))
    })
}

describe('municipality area: receipt PDF', () => {
  let knex: Knex
  let app: Express
  let users: Users
  let as: Record<keyof Users, SignedIn>

  before(async () => {
    knex = await testKnex()
    await resetData(knex)
    await loadLedger(knex)
    app = appWithAllRoutes(knex)
    users = await createUsers(knex)
    as = await signInAll(app, users)
    const base = {
      requisitioned_sek: '1 000 000,75',
      spent_sek: '812 345,25',
      remaining_sek: '187 655,50',
      unspent_reasons: ['tidsbrist', 'annat'],
      other_reason: 'Upphandlingen drog ut på tiden',
      purposes: ['kvalitet'],
      areas: ['hsl', 'aldre_ordinart'],
      usage_areas: ['appar', 'medicinskap'],
      goal_fulfilment: 'viss',
      comment: 'Första versionen.',
    }
    for (const form of [base, { ...base, comment: 'Rättad version med åäö.' }]) {
      await as.own.agent
        .post(`${area('0114')}/report`)
        .type('form')
        .send({ ...form, action: 'submit', _csrf: await as.own.csrf() })
        .expect(303)
    }
  })
  after(async () => resetData(knex))

  it('holds the stored amounts and their total, the version, the time, the submitter and the answers', async () => {
    const res = await download(as.own, `${area('0114')}/report/versions/2/receipt.pdf`)
    expect(res.status).to.equal(200)
    expect(res.headers['content-type']).to.equal('application/pdf')
    expect(res.headers['content-disposition']).to.equal(
      'attachment; filename="kvitto-0114-aldreomsorg-2020-2022-2022-v2.pdf"',
    )
    const text = await pdfText(res.body as Buffer)
    const stored = await knex('survey_responses').where({ municipality_code: '0114', version: 2 }).first()
    expect(stored.requisitioned_ore).to.equal(100_000_075)
    for (const ore of [stored.requisitioned_ore, stored.spent_ore, stored.remaining_ore]) {
      expect(text).to.contain(normalise(formatSek(ore)))
    }
    expect(text).to.contain(`Rekvirerade medel: ${normalise(formatSek(stored.requisitioned_ore))}`)
    expect(text).to.contain(`Förbrukade medel: ${normalise(formatSek(stored.spent_ore))}`)
    expect(text).to.contain(`Kvarstående medel: ${normalise(formatSek(stored.remaining_ore))}`)
    expect(text).to.contain(`Förbrukat + kvarstående: ${normalise(formatSek(stored.spent_ore + stored.remaining_ore))}`)
    expect(text).to.contain('1 000 000,75 kr')

    expect(text).to.contain('Kvitto på återrapportering')
    expect(text).to.contain('Kommun: Upplands Väsby (0114)')
    expect(text).to.contain('Programår: 2022')
    expect(text).to.contain('Enkätomgång: 2023')
    expect(text).to.contain('Version: 2')
    expect(text).to.contain(`Inlämnad: ${formatStockholmDateTime(stored.created_at)}`)
    expect(text).to.match(/Inlämnad: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \(UTC\+0[12]:00\)/)
    expect(text).to.contain(`Inlämnad av: ${users.own.email}`)
    expect(text).to.contain('Ändrat sedan version 1: Kommentarer')
    expect(text).to.contain('Rättad version med åäö.')
    expect(text).to.contain('Upphandlingen drog ut på tiden')
    expect(text).to.contain('Digitala medicinskåp')
    expect(text).to.contain('I viss utsträckning')
  })

  it('exists for every version: the first one keeps its own answers', async () => {
    const text = await pdfText((await download(as.evaluator, `${area('0114')}/report/versions/1/receipt.pdf`)).body)
    expect(text).to.contain('Version: 1')
    expect(text).to.contain('Första versionen.')
    expect(text).not.to.contain('Ändrat sedan version')
  })

  it('is 404 for a version that does not exist and for another municipality’s', async () => {
    await as.own.agent.get(`${area('0114')}/report/versions/3/receipt.pdf`).expect(404)
    await as.other.agent.get(`${area('0114')}/report/versions/1/receipt.pdf`).expect(404)
  })
})
