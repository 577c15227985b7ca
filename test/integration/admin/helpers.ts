// The administrator's workspace on the real test database: the page fixtures plus a second county, a reversed
// payout, a response in two versions whose texts would be formulas in a spreadsheet, populations for the size
// groups, and one signed-in agent per role.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import type { Express } from 'express'
import type { Knex } from 'knex'
import type { Response } from 'superagent'
import type { Role } from '../../../app/auth/roles.ts'
import { services } from '../../../app/services/index.ts'
import { createTestUser, signIn, type SignedIn } from '../../helpers/session.ts'
import { loadRouteFixtures, PROGRAMME } from '../routes/fixtures.ts'

export { PROGRAMME }

export const HYPERLINK = '=HYPERLINK("http://evil.example","klicka")'

const LEDGER = [
  'programme_code,programme_year,municipality_code,type,amount_sek,date,reference',
  `${PROGRAMME},2022,2584,allocation,300000,2022-01-15,A-2584`,
  `${PROGRAMME},2022,2584,requisition,300000,2022-03-01,-R-2584`,
  `${PROGRAMME},2022,2584,payout,300000,2022-03-20,@P-2584`,
  `${PROGRAMME},2022,2584,payout,30000,2022-03-21,P-2584-FEL`,
]

const HEADER =
  'programme_code,programme_year,municipality_code,submitted_on,requisitioned_sek,spent_sek,remaining_sek,unspent_reasons,purposes,areas,usage_areas,goal_fulfilment,other_reason,other_purpose,other_area,other_usage,comment'
const csvText = (text: string) => `"${text.replaceAll('"', '""')}"`
const RESPONSES_V1 = [
  HEADER,
  `${PROGRAMME},2022,2584,2023-02-01,300000,250000,50000,tidsbrist,kvalitet,hsl,appar,viss,,,,,${csvText(HYPERLINK)}`,
]
const RESPONSES_V2 = [
  HEADER,
  `${PROGRAMME},2022,2584,2023-02-10,300000,280000,20000,tidsbrist,kvalitet|arbetsmiljo,hsl,appar,hog,,,,,+rättat: mer förbrukat`,
]

/**
 * On top of the page fixtures (0114, 0115, 0117, 0120 in Stockholms län):
 * - 2584 Kiruna (Norrbottens län): allocated, requisitioned and paid 300 000 kr; a wrong payout of 30 000 kr
 *   reversed by hand (REV-P-2584-FEL); response version 1 (250 000 spent, comment a HYPERLINK formula) and
 *   version 2 (280 000 spent, another purpose, goal high): ok.
 * - populations for 2022: 0114 48 000 and 0115 33 000 (20–50 000), 0117 9 000 (under 10 000), 2584 22 000;
 *   0120 Värmdö has none (size group unknown).
 */
export async function loadAdminFixtures(knex: Knex): Promise<void> {
  await loadRouteFixtures(knex)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stimulans-admin-'))
  try {
    const { imports } = services(knex)
    const write = (name: string, lines: string[]) => {
      const file = path.join(dir, name)
      fs.writeFileSync(file, lines.join('\n') + '\n')
      return file
    }
    const results = [
      await imports.importLedger(write('kiruna-ledger.csv', LEDGER), { actor: 'import@test' }),
      await imports.importResponses(write('kiruna-v1.csv', RESPONSES_V1), { actor: 'import@test' }),
      await imports.importResponses(write('kiruna-v2.csv', RESPONSES_V2), { actor: 'kiruna@test' }),
    ]
    for (const result of results) {
      if (!result.ok || result.writtenCount === 0) throw new Error(`admin fixture: ${JSON.stringify(result.problems)}`)
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
  const wrong = await knex('ledger_entries').where({ reference: 'P-2584-FEL' }).first('*')
  const hasReason = await knex.schema.hasColumn('ledger_entries', 'reason')
  await knex('ledger_entries').insert({
    programme_id: wrong.programme_id,
    programme_year: 2022,
    municipality_code: '2584',
    type: 'payout',
    amount_ore: wrong.amount_ore,
    entry_date: '2022-04-01',
    reference: 'REV-P-2584-FEL',
    reverses_entry_id: wrong.id,
    created_by: 'admin@test',
    ...(hasReason ? { reason: 'Dubbel utbetalning' } : {}),
  })
  await knex('population').insert([
    { municipality_code: '0114', year: 2022, population: 48_000 },
    { municipality_code: '0115', year: 2022, population: 33_000 },
    { municipality_code: '0117', year: 2022, population: 9_000 },
    { municipality_code: '2584', year: 2022, population: 22_000 },
  ])
}

export type Agents = Record<Role, SignedIn['agent']>

/** One signed-in agent per role; the municipality user belongs to 0114 Upplands Väsby. */
export async function signInEveryRole(app: Express, knex: Knex): Promise<Agents> {
  const agent = async (role: Role) =>
    (
      await signIn(
        app,
        await createTestUser(knex, { role, municipalityCode: role === 'municipality' ? '0114' : undefined }),
      )
    ).agent
  return {
    admin: await agent('admin'),
    evaluator: await agent('evaluator'),
    auditor: await agent('auditor'),
    municipality: await agent('municipality'),
  }
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#x27': "'",
  '#x3D': '=',
  '#x60': '`',
}

/** The page as a browser reads it: Handlebars writes "=" in text and attributes as &#x3D;. */
export const decode = (html: string) =>
  html.replace(/&(amp|lt|gt|quot|#x27|#x3D|#x60);/g, (_, name: string) => ENTITIES[name])

/** '1 234 kr' as the pages write it: no-break spaces between the groups and before the unit, a real minus. */
export const kr = (text: string) => text.replace(/ /g, '\u00a0').replace(/-/g, '\u2212')

/** The cells' text of the table row whose header cell (th scope=row) holds label (a link or plain text). */
export function rowOf(html: string, label: string): string[] {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const match = new RegExp(
    `<tr[^>]*>\\s*((?:<td[^>]*>(?:(?!</td>)[\\s\\S])*</td>\\s*)*)<th scope="row"[^>]*>(?:<a [^>]*>)?(?:<span[^>]*>)?${escaped}(?:</span>)?(?:</a>)?</th>([\\s\\S]*?)</tr>`,
  ).exec(html)
  if (!match) throw new Error(`no row "${label}"`)
  const cells = (text: string) =>
    [...text.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map(m =>
      m[1]
        .replace(/<[^>]+>/g, ' ')
        .replace(/[ \t\r\n]+/g, ' ')
        .trim(),
    )
  return [...cells(match[1]), ...cells(match[2])]
}

/** The rows of a CSV export (semicolons, CRLF, fields quoted with "), after checking and removing the BOM. */
export function csvRows(text: string): string[][] {
  if (!text.startsWith('\uFEFF')) throw new Error('no BOM')
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const body = text.slice(1)
  for (let i = 0; i < body.length; i++) {
    const char = body[i]
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        field += '"'
        i++
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === ';') {
      row.push(field)
      field = ''
    } else if (char === '\r' && body[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += char
  }
  if (field !== '' || row.length > 0) throw new Error('the CSV does not end in CRLF')
  return rows
}

/** Reads an XLSX download back with exceljs: each sheet's name and its rows of cell values. */
export async function readXlsx(body: Buffer): Promise<{ name: string; rows: unknown[][] }[]> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(body as unknown as ArrayBuffer)
  return workbook.worksheets.map(sheet => {
    const rows: unknown[][] = []
    sheet.eachRow({ includeEmpty: false }, row => {
      rows.push((row.values as unknown[]).slice(1))
    })
    return { name: sheet.name, rows }
  })
}

/** supertest: collect a binary body into a Buffer. */
export function binaryParser(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  // in Node the response handed to a parser is the readable HTTP message
  const stream = res as unknown as NodeJS.ReadableStream
  const chunks: Buffer[] = []
  stream.on('data', (chunk: Buffer) => chunks.push(chunk))
  stream.on('end', () => callback(null, Buffer.concat(chunks)))
  stream.on('error', error => callback(error as Error, Buffer.alloc(0)))
}
