// The reconciliation table: county and size group beside each municipality, filters by status, county, size group
// and free text, sorting by any column (links in the headers, aria-sort), rows linking to the municipality page,
// and the same table with the same filters as CSV and XLSX.
import { expect } from 'chai'
import type { Express } from 'express'
import type { Knex } from 'knex'
import { appWithAllRoutes } from '../../helpers/appWithAllRoutes.ts'
import { resetData, testKnex } from '../../helpers/testDatabase.ts'
import {
  binaryParser,
  csvRows,
  decode,
  kr,
  loadAdminFixtures,
  PROGRAMME,
  readXlsx,
  rowOf,
  signInEveryRole,
  type Agents,
} from './helpers.ts'

const url = `/programmes/${PROGRAMME}/years/2022/reconciliation`

/** The municipality names of the table's body, in order. */
function names(html: string): string[] {
  const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'))
  return [...body.matchAll(/<th scope="row"><a href="[^"]+">([^<]+)<\/a><\/th>/g)].map(m => m[1])
}

describe('reconciliation table: filters, sorting, links and files', () => {
  let knex: Knex
  let app: Express
  let agents: Agents
  const page = async (address: string, status = 200) => {
    const res = await agents.admin.get(address).expect(status).expect('Content-Type', /html/)
    return decode(res.text)
  }

  before(async () => {
    knex = await testKnex()
    await resetData(knex)
    await loadAdminFixtures(knex)
    app = appWithAllRoutes(knex)
    agents = await signInEveryRole(app, knex)
  })
  after(async () => resetData(knex))

  it('shows county and size group, and links each municipality to its page', async () => {
    const html = await page(url)
    expect(names(html)).to.deep.equal(['Upplands Väsby', 'Vallentuna', 'Österåker', 'Värmdö', 'Kiruna'])
    expect(rowOf(html, 'Kiruna').slice(0, 3)).to.deep.equal([
      '2584',
      'Norrbottens län',
      'De medelstora kommunerna (20 000–50 000)',
    ])
    expect(rowOf(html, 'Värmdö')[2]).to.equal('Okänd (ingen folkmängd för året)')
    expect(rowOf(html, 'Österåker')[2]).to.equal('De minsta kommunerna (under 10 000 invånare)')
    expect(rowOf(html, 'Vallentuna').slice(3)).to.deep.equal([
      kr('500 000 kr'),
      kr('400 000 kr'),
      kr('400 000 kr'),
      kr('0 kr'),
      kr('20 000,50 kr'),
      kr('400 100 kr'),
      kr('300 000 kr'),
      kr('100 100 kr'),
      kr('100 kr'),
      kr('80 099,50 kr'),
      'Beloppen skiljer sig',
      'Beloppen skiljer sig',
    ])
    expect(html).to.contain(`<a href="/programmes/${PROGRAMME}/years/2022/municipalities/2584">Kiruna</a>`)
    const tolerant = await page(`${url}?tolerance=100`)
    expect(tolerant).to.contain(`href="/programmes/${PROGRAMME}/years/2022/municipalities/0115?tolerance=100"`)
  })

  it('filters by county, size group and free text, in a GET form that keeps them', async () => {
    expect(names(await page(`${url}?county=25`))).to.deep.equal(['Kiruna'])
    expect(names(await page(`${url}?county=01`))).to.deep.equal(['Upplands Väsby', 'Vallentuna', 'Österåker', 'Värmdö'])
    expect(names(await page(`${url}?size=20-50k`))).to.deep.equal(['Upplands Väsby', 'Vallentuna', 'Kiruna'])
    expect(names(await page(`${url}?size=lt10k`))).to.deep.equal(['Österåker'])
    expect(names(await page(`${url}?size=okand`))).to.deep.equal(['Värmdö'])
    expect(names(await page(`${url}?q=${encodeURIComponent('VÄSBY')}`))).to.deep.equal(['Upplands Väsby'])
    expect(names(await page(`${url}?q=${encodeURIComponent('österå')}`))).to.deep.equal(['Österåker'])
    expect(names(await page(`${url}?q=258`))).to.deep.equal(['Kiruna'])
    expect(names(await page(`${url}?q=v&county=01&size=20-50k`))).to.deep.equal(['Upplands Väsby', 'Vallentuna'])
    const none = await page(`${url}?q=zzz`)
    expect(none).to.contain('Inga kommuner motsvarar filtren.')
    expect(none).to.contain('Visar 0 av 5 kommuner.')

    const form = await page(`${url}?county=25&size=20-50k&q=kir&status=ok&sort=paid&dir=desc`)
    expect(form).to.match(/<form class="tolerance-form" method="get" action="[^"]+\/reconciliation">/)
    expect(form).to.contain('<option value="25" selected>Norrbottens län</option>')
    expect(form).to.contain('<option value="20-50k" selected>')
    expect(form).to.contain('name="q" type="search"')
    expect(form).to.contain('value="kir"')
    expect(form).to.contain('<input type="hidden" name="status" value="ok">')
    expect(form).to.contain('<input type="hidden" name="sort" value="paid">')
    expect(form).to.contain('<input type="hidden" name="dir" value="desc">')
    expect(form).to.contain('<label for="county">Län</label>')
    expect(form).to.contain('<label for="size">Storleksgrupp</label>')
    expect(form).to.contain('<label for="q">Sök kommun</label>')
    expect(form).to.contain(`<a href="${url}">Rensa filtren</a>`)
  })

  it('counts the statuses under the other filters and keeps them in the status links', async () => {
    const html = await page(`${url}?county=01&sort=municipality`)
    expect(html).to.match(/Alla\s*<span class="status-link__count">4<\/span>/)
    expect(html).to.match(/Stämmer\s*<span class="status-link__count">1<\/span>/)
    expect(html).to.contain(`href="${url}?status=missing_response&county=01&sort=municipality"`)
    const filtered = await page(`${url}?county=01&status=ok`)
    expect(names(filtered)).to.deep.equal(['Upplands Väsby'])
    expect(filtered).to.contain('Visar 1 av 5 kommuner.')
    expect(filtered).to.contain(`href="${url}?county=01" class="status-link"`)
  })

  it('sorts by any column from links in the headers, marking the sorted one with aria-sort', async () => {
    const plain = await page(url)
    expect(plain).to.match(/<th scope="col" aria-sort="ascending">\s*<a class="sort-link" href="[^"]+\?dir=desc">Kod/)
    expect(plain).to.contain(`<a class="sort-link" href="${url}?sort=paid">Utbetalt`)
    expect(plain.match(/aria-sort=/g)).to.have.length(1)

    const byPaid = await page(`${url}?sort=paid&dir=desc`)
    expect(names(byPaid)).to.deep.equal(['Upplands Väsby', 'Vallentuna', 'Kiruna', 'Österåker', 'Värmdö'])
    expect(byPaid).to.match(
      /<th scope="col" class="num" aria-sort="descending">\s*<a class="sort-link" href="[^"]+\?sort=paid">Utbetalt<span class="visually-hidden"> \(sortera stigande\)/,
    )
    expect(names(await page(`${url}?sort=paid`))).to.deep.equal([
      'Värmdö',
      'Österåker',
      'Kiruna',
      'Vallentuna',
      'Upplands Väsby',
    ])
    // Swedish order: a before ä, ö last
    expect(names(await page(`${url}?sort=municipality`))).to.deep.equal([
      'Kiruna',
      'Upplands Väsby',
      'Vallentuna',
      'Värmdö',
      'Österåker',
    ])
    // no response (Österåker): empty amounts last in either direction
    expect(names(await page(`${url}?sort=difference&dir=desc`))).to.deep.equal([
      'Värmdö',
      'Vallentuna',
      'Upplands Väsby',
      'Kiruna',
      'Österåker',
    ])
    expect(names(await page(`${url}?sort=status`))[0]).to.equal('Österåker')
    expect(names(await page(`${url}?sort=sizeGroup`))).to.deep.equal([
      'Österåker',
      'Kiruna',
      'Vallentuna',
      'Upplands Väsby',
      'Värmdö',
    ])
    expect(names(await page(`${url}?sort=county&dir=desc`))[4]).to.equal('Kiruna')
  })

  it('answers 400 naming a bad filter or sort, and escapes it', async () => {
    expect(await page(`${url}?county=99`, 400)).to.contain('Okänt län i filtret: ”99”.')
    expect(await page(`${url}?size=huge`, 400)).to.contain('Okänd storleksgrupp i filtret: ”huge”.')
    expect(await page(`${url}?sort=colour`, 400)).to.contain('Okänd sortering: ”colour”.')
    expect(await page(`${url}?dir=up`, 400)).to.contain('Okänd sortering: ”up”.')
    expect(await page(`${url}?q=${'x'.repeat(101)}`, 400)).to.contain('Sökordet får vara högst 100 tecken')
    await agents.admin.get(`${url}?county=01&county=25`).expect(400)
    const res = await agents.admin.get(`${url}?county=${encodeURIComponent('<b>x</b>')}`).expect(400)
    expect(res.text).to.contain('&lt;b&gt;x&lt;/b&gt;')
    expect(res.text).not.to.contain('<b>x</b>')
  })

  it('exports the table shown as CSV: the same filters and order, Swedish headers, amounts in kronor', async () => {
    const res = await agents.evaluator
      .get(`${url}.csv?county=01&sort=paid&dir=desc&tolerance=100`)
      .expect(200)
      .expect('Content-Type', /text\/csv; charset=utf-8/)
    expect(res.headers['content-disposition']).to.equal(`attachment; filename=avstamning-${PROGRAMME}-2022.csv`)
    const rows = csvRows(res.text)
    expect(rows[0]).to.deep.equal([
      'Kommunkod',
      'Kommun',
      'Länskod',
      'Län',
      'Folkmängd',
      'Storleksgrupp',
      'Fördelat (kr)',
      'Rekvirerat (kr)',
      'Utbetalt (kr)',
      'Direktbidrag (kr)',
      'Återbetalt (kr)',
      'Rapporterat rekvirerat (kr)',
      'Rapporterat förbrukat (kr)',
      'Rapporterat kvarstående (kr)',
      'Skillnad (kr)',
      'Att återkräva (kr)',
      'Status',
      'Statuskod',
      'Anmärkningar',
    ])
    expect(rows.slice(1).map(row => row[0])).to.deep.equal(['0114', '0115', '0117', '0120'])
    expect(rows[2]).to.deep.equal([
      '0115',
      'Vallentuna',
      '01',
      'Stockholms län',
      '33000',
      'De medelstora kommunerna (20 000–50 000)',
      '500000',
      '400000',
      '400000',
      '0',
      '20000,50',
      '400100',
      '300000',
      '100100',
      '100',
      '80099,50',
      'Stämmer',
      'ok',
      '',
    ])
    // no response: the reported amounts are empty, not 0
    expect(rows[3].slice(11, 19)).to.deep.equal([
      '',
      '',
      '',
      '',
      '200000',
      'Svar saknas',
      'missing_response',
      'Svar saknas; Utbetalt ≠ rekvirerat',
    ])
    expect(rows[4][4]).to.equal('')
  })

  it('exports the same table as XLSX with numbers as numbers', async () => {
    const res = await agents.auditor
      .get(`${url}.xlsx?size=20-50k&sort=municipality`)
      .buffer(true)
      .parse(binaryParser)
      .expect(200)
      .expect('Content-Type', /spreadsheetml/)
    expect(res.headers['content-disposition']).to.equal(`attachment; filename=avstamning-${PROGRAMME}-2022.xlsx`)
    const [sheet, ...more] = await readXlsx(res.body as Buffer)
    expect(more).to.have.length(0)
    expect(sheet.name).to.equal('Avstämning')
    expect(sheet.rows[0][0]).to.equal('Kommunkod')
    expect(sheet.rows.slice(1).map(row => row[1])).to.deep.equal(['Kiruna', 'Upplands Väsby', 'Vallentuna'])
    const vallentuna = sheet.rows[3]
    expect(vallentuna.slice(0, 5)).to.deep.equal(['0115', 'Vallentuna', '01', 'Stockholms län', 33_000])
    expect(vallentuna.slice(6, 16)).to.deep.equal([
      500_000, 400_000, 400_000, 0, 20_000.5, 400_100, 300_000, 100_100, 100, 80_099.5,
    ])
    for (const value of vallentuna.slice(6, 16)) expect(value).to.be.a('number')
  })
})
