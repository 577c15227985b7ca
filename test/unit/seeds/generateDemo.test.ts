// The demo data set read back the way an importer reads it: table 34 to the krona, every published share, the
// allocation key, the planted discrepancies, and the same bytes on every run. Everything is recounted here from the
// CSV text, without the generator's internals.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect } from 'chai'
import { parse } from 'csv-parse/sync'
import { reconcile, type LedgerTotals } from '../../../app/domain/reconciliation.ts'
import { ISSUE_CODES, type IssueCode } from '../../../app/domain/reportTypes.ts'
import {
  allocateProportionally,
  chooseOptions,
  countsSummingTo,
  csvField,
  generateDemo,
  Random,
  type DemoInput,
} from '../../../seeds/demo/generateDemo.ts'
import { writeDemoFiles } from '../../../seeds/demo/index.ts'
import {
  readDemoPopulation,
  readMunicipalities,
  readPublishedFigures,
  readTaxonomy,
} from '../../../seeds/reference/index.ts'

const PROGRAMME = 'aldreomsorg-2020-2022'
const LEDGER_HEADER = 'programme_code,programme_year,municipality_code,type,amount_sek,date,reference'
const RESPONSES_HEADER =
  'programme_code,programme_year,municipality_code,submitted_on,requisitioned_sek,spent_sek,remaining_sek,' +
  'unspent_reasons,purposes,areas,usage_areas,goal_fulfilment,other_reason,other_purpose,other_area,other_usage,comment'
const POOLS: Record<number, number> = { 2020: 168_700_000, 2021: 168_700_000, 2022: 167_100_000 }
const YEARS = [2020, 2021, 2022]

const input: DemoInput = {
  municipalities: readMunicipalities(),
  population: readDemoPopulation(),
  taxonomy: readTaxonomy(),
  published: readPublishedFigures(),
}
const { published, taxonomy, municipalities } = input
const demo = generateDemo(input)

type Row = Record<string, string>
const ledger: Row[] = parse(demo.ledgerCsv, { columns: true })
const responses: Row[] = parse(demo.responsesCsv, { columns: true })

const amount = (text: string) => (text === '' ? 0 : Number(text))
const codes = (text: string) => (text === '' ? [] : text.split('|'))
const pct = (count: number, base: number) => Math.floor((200 * count + base) / (2 * base))
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)
const responsesOf = (programmeYear: number) => responses.filter(r => r.programme_year === String(programmeYear))
const usersOf = (programmeYear: number) => responsesOf(programmeYear).filter(r => amount(r.spent_sek) > 0)
const isPartial = (r: Row) => amount(r.spent_sek) > 0 && amount(r.spent_sek) < amount(r.requisitioned_sek)
const offered = (dimension: string, surveyRound: number) =>
  taxonomy.filter(o => o.dimension === dimension && (o.surveyRounds === null || o.surveyRounds.includes(surveyRound)))

/** The ledger summed per municipality and type, for one programme year. */
function ledgerTotals(programmeYear: number): Map<string, LedgerTotals> {
  const totals = new Map<string, LedgerTotals>()
  for (const entry of ledger.filter(e => e.programme_year === String(programmeYear))) {
    const t = totals.get(entry.municipality_code) ?? {
      allocatedOre: 0,
      hasAllocation: false,
      requisitionedOre: 0,
      paidOre: 0,
      directGrantOre: 0,
      repaidOre: 0,
    }
    const ore = amount(entry.amount_sek) * 100
    if (entry.type === 'allocation') {
      t.allocatedOre += ore
      t.hasAllocation = true
    }
    if (entry.type === 'requisition') t.requisitionedOre += ore
    if (entry.type === 'payout') t.paidOre += ore
    if (entry.type === 'direct_grant') t.directGrantOre += ore
    if (entry.type === 'repayment') t.repaidOre += ore
    totals.set(entry.municipality_code, t)
  }
  return totals
}

describe('demo data set', () => {
  describe('the files', () => {
    it('have exactly the headers of INTERCHANGE.md', () => {
      expect(demo.ledgerCsv.split('\n')[0]).to.equal(LEDGER_HEADER)
      expect(demo.responsesCsv.split('\n')[0]).to.equal(RESPONSES_HEADER)
    })

    it('are the same byte for byte on every run', () => {
      const again = generateDemo(input)
      expect(again.ledgerCsv).to.equal(demo.ledgerCsv)
      expect(again.responsesCsv).to.equal(demo.responsesCsv)
      expect(again.planted).to.deep.equal(demo.planted)
    })

    it('hold only the programme and its three years, whole kronor, real dates', () => {
      for (const row of [...ledger, ...responses]) {
        expect(row.programme_code).to.equal(PROGRAMME)
        expect(YEARS.map(String)).to.include(row.programme_year)
      }
      for (const entry of ledger) {
        expect(entry.amount_sek).to.match(/^\d+$/)
        expect(entry.date).to.match(/^\d{4}-\d{2}-\d{2}$/)
        expect(new Date(`${entry.date}T00:00:00Z`).toISOString().slice(0, 10)).to.equal(entry.date)
        const dateYear = Number(entry.date.slice(0, 4))
        expect(dateYear).to.equal(Number(entry.programme_year) + (entry.type === 'repayment' ? 1 : 0))
      }
      for (const response of responses) {
        for (const column of ['requisitioned_sek', 'spent_sek', 'remaining_sek']) {
          expect(response[column]).to.match(/^(\d+)?$/)
        }
        expect(response.submitted_on.slice(0, 4)).to.equal(String(Number(response.programme_year) + 1))
      }
    })

    it('have unique references within the programme, each naming its year and municipality', () => {
      const references = ledger.map(e => e.reference)
      expect(new Set(references).size).to.equal(references.length)
      for (const entry of ledger) {
        const prefix = { allocation: 'ALLOC', requisition: 'REQ', payout: 'PAY', direct_grant: 'DG', repayment: 'REP' }[
          entry.type
        ]
        expect(entry.reference).to.equal(`${prefix}-${entry.programme_year}-${entry.municipality_code}`)
      }
    })

    it('name every municipality of the reference list, every year', () => {
      const all = municipalities.map(m => m.code).sort()
      for (const year of YEARS) {
        const allocated = ledger.filter(e => e.programme_year === String(year) && e.type === 'allocation')
        expect(allocated.map(e => e.municipality_code).sort()).to.deep.equal(all)
      }
      expect(
        responsesOf(2022)
          .map(r => r.municipality_code)
          .sort(),
      ).to.deep.equal(all)
    })

    it('have one response per municipality and year at most', () => {
      const keys = responses.map(r => `${r.programme_year}-${r.municipality_code}`)
      expect(new Set(keys).size).to.equal(keys.length)
    })

    it('quote comments with commas, quotes and line breaks, and keep å, ä and ö', () => {
      const comments = responses.map(r => r.comment)
      expect(comments.some(c => c.includes(','))).to.equal(true)
      expect(comments.some(c => c.includes('\n'))).to.equal(true)
      expect(comments.some(c => c.includes('"'))).to.equal(true)
      expect(comments.some(c => /[åäöÅÄÖ]/.test(c))).to.equal(true)
      expect(demo.responsesCsv).to.include('"Personalen kallar nattkamerorna för ""tysta ronden""."')
    })

    it('are what writeDemoFiles writes', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stimulans-demo-test-'))
      try {
        const files = await writeDemoFiles(dir)
        expect(fs.readFileSync(files.ledgerPath, 'utf8')).to.equal(demo.ledgerCsv)
        expect(fs.readFileSync(files.responsesPath, 'utf8')).to.equal(demo.responsesCsv)
        expect(files.planted).to.deep.equal(demo.planted)
      } finally {
        fs.rmSync(dir, { recursive: true, force: true })
      }
    })
  })

  describe('the ledger', () => {
    it('allocates exactly the requisitionable pool each year, by population', () => {
      const totalPopulation = sum([...input.population.values()])
      for (const year of YEARS) {
        const allocations = ledger.filter(e => e.programme_year === String(year) && e.type === 'allocation')
        expect(sum(allocations.map(e => amount(e.amount_sek)))).to.equal(POOLS[year])
        for (const entry of allocations) {
          // the exact share pool·population/total, rounded down or up
          const exact =
            (BigInt(POOLS[year]) * BigInt(input.population.get(entry.municipality_code)!)) / BigInt(totalPopulation)
          expect(BigInt(amount(entry.amount_sek)) - exact).to.be.oneOf([0n, 1n])
        }
      }
    })

    it('pays 1.5 MSEK directly to each of the ten model municipalities every year', () => {
      const modelCodes = published.programme.year_2022.model_municipalities
        .map(name => municipalities.find(m => m.name === name)!.code)
        .sort()
      for (const year of YEARS) {
        const grants = ledger.filter(e => e.programme_year === String(year) && e.type === 'direct_grant')
        expect(grants.map(e => e.municipality_code).sort()).to.deep.equal(modelCodes)
        expect(grants.every(e => e.amount_sek === '1500000')).to.equal(true)
      }
    })

    it('pays no more than the pool in 2022, while the survey claims 169.2 MSEK', () => {
      const paid = sum(
        ledger.filter(e => e.programme_year === '2022' && e.type === 'payout').map(e => amount(e.amount_sek)),
      )
      expect(paid).to.be.at.most(POOLS[2022])
      expect(sum(responsesOf(2022).map(r => amount(r.requisitioned_sek)))).to.be.greaterThan(POOLS[2022])
    })

    it('has a requisition for everyone paid, paid after the requisition, and repayments only of money left', () => {
      for (const payout of ledger.filter(e => e.type === 'payout')) {
        const requisition = ledger.find(
          e =>
            e.type === 'requisition' &&
            e.programme_year === payout.programme_year &&
            e.municipality_code === payout.municipality_code,
        )
        expect(requisition, payout.reference).to.not.equal(undefined)
        expect(payout.date > requisition!.date).to.equal(true)
      }
      const repayments = ledger.filter(e => e.type === 'repayment')
      expect(repayments.length).to.be.within(3, 30)
      for (const repayment of repayments) {
        const response = responses.find(
          r => r.programme_year === repayment.programme_year && r.municipality_code === repayment.municipality_code,
        )
        expect(amount(repayment.amount_sek)).to.be.within(1, amount(response!.remaining_sek))
      }
    })
  })

  describe('survey round 2023 (programme year 2022)', () => {
    const table34 = published.table34_survey_2023
    const answers = responsesOf(2022)

    it('reproduces table 34 exactly', () => {
      const partial = answers.filter(isPartial)
      const reasonCounts = Object.fromEntries(
        ['tidsbrist', 'personalbrist', 'annat'].map(code => [
          code,
          partial.filter(r => codes(r.unspent_reasons).includes(code)).length,
        ]),
      )
      expect({
        respondents: answers.length,
        requisitioned: answers.filter(r => amount(r.requisitioned_sek) > 0).length,
        notRequisitioned: answers.filter(r => amount(r.requisitioned_sek) === 0).length,
        used: answers.filter(r => amount(r.spent_sek) > 0).length,
        requisitionedSek: sum(answers.map(r => amount(r.requisitioned_sek))),
        spentSek: sum(answers.map(r => amount(r.spent_sek))),
        remainingSek: sum(answers.map(r => amount(r.remaining_sek))),
        partiallySpent: partial.length,
        reasonCounts,
      }).to.deep.equal({
        respondents: table34.municipalities_surveyed_total,
        requisitioned: table34.municipalities_requisitioned,
        notRequisitioned: table34.municipalities_not_requisitioned,
        used: table34.municipalities_used_funds,
        requisitionedSek: table34.requisitioned_sek,
        spentSek: table34.spent_sek,
        remainingSek: table34.remaining_sek,
        partiallySpent: table34.partially_spent_municipalities,
        reasonCounts: table34.partially_spent_reason_counts,
      })
    })

    it('leaves the amounts empty for the three that did not requisition', () => {
      const notRequisitioned = answers.filter(r => amount(r.requisitioned_sek) === 0)
      for (const r of notRequisitioned) {
        expect([r.requisitioned_sek, r.spent_sek, r.remaining_sek]).to.deep.equal(['', '', ''])
      }
    })

    it('has goal fulfilment 66 / 34 / 0 %, one answer for each municipality that used the money', () => {
      const users = usersOf(2022)
      expect(users.every(r => ['hog', 'viss', 'inte'].includes(r.goal_fulfilment))).to.equal(true)
      const shares = Object.fromEntries(
        ['hog', 'viss', 'inte'].map(code => [
          code,
          pct(users.filter(r => r.goal_fulfilment === code).length, users.length),
        ]),
      )
      expect(shares).to.deep.equal(published.goal_fulfilment_pct_survey_2023)
    })
  })

  describe('every survey round', () => {
    const tables = [
      ['purposes', published.table35_purposes_pct],
      ['areas', published.table36_areas_pct],
      ['usage_areas', published.table37_usage_areas_pct],
    ] as const

    for (const surveyRound of published.columns) {
      const programmeYear = surveyRound - 1
      const index = published.columns.indexOf(surveyRound)

      it(`round ${surveyRound}: n is the published ${published.n[String(surveyRound)]}`, () => {
        expect(usersOf(programmeYear).length).to.equal(published.n[String(surveyRound)])
      })

      for (const [dimension, table] of tables) {
        it(`round ${surveyRound}: every ${dimension} share equals the published figure`, () => {
          const users = usersOf(programmeYear)
          const offeredCodes = offered(dimension, surveyRound).map(o => o.code)
          const actual = Object.fromEntries(
            Object.keys(table).map(code => [
              code,
              offeredCodes.includes(code)
                ? pct(users.filter(r => codes(r[dimension]).includes(code)).length, users.length)
                : null,
            ]),
          )
          const expected = Object.fromEntries(Object.entries(table).map(([code, pcts]) => [code, pcts[index]]))
          expect(actual).to.deep.equal(expected)
        })
      }

      it(`round ${surveyRound}: only options offered in the round are chosen, each at most once`, () => {
        for (const response of responsesOf(programmeYear)) {
          for (const dimension of ['purposes', 'areas', 'usage_areas', 'unspent_reasons']) {
            const chosen = codes(response[dimension])
            expect(new Set(chosen).size).to.equal(chosen.length)
            const allowed = offered(dimension, surveyRound).map(o => o.code)
            for (const code of chosen) expect(allowed, `${dimension} ${code}`).to.include(code)
          }
          if (response.goal_fulfilment !== '') {
            expect(offered('goal_fulfilment', surveyRound).map(o => o.code)).to.include(response.goal_fulfilment)
          }
        }
      })

      it(`round ${surveyRound}: users pick at least one purpose and area and one goal; others none`, () => {
        for (const response of responsesOf(programmeYear)) {
          const used = amount(response.spent_sek) > 0
          expect(codes(response.purposes).length > 0, response.municipality_code).to.equal(used)
          expect(codes(response.areas).length > 0).to.equal(used)
          expect(response.goal_fulfilment !== '').to.equal(used)
          if (!used) expect(response.usage_areas).to.equal('')
        }
      })

      it(`round ${surveyRound}: reasons come from exactly the partially spent, and every "annat" has its text`, () => {
        for (const response of responsesOf(programmeYear)) {
          expect(codes(response.unspent_reasons).length > 0).to.equal(isPartial(response))
          const texts = [
            ['unspent_reasons', 'other_reason'],
            ['purposes', 'other_purpose'],
            ['areas', 'other_area'],
            ['usage_areas', 'other_usage'],
          ]
          for (const [dimension, column] of texts) {
            expect(response[column] !== '', `${response.municipality_code} ${column}`).to.equal(
              codes(response[dimension]).includes('annat'),
            )
          }
        }
      })
    }

    it('goal fulfilment in the unpublished rounds is a plausible split that sums to n', () => {
      for (const programmeYear of [2020, 2021]) {
        const users = usersOf(programmeYear)
        const high = users.filter(r => r.goal_fulfilment === 'hog').length
        expect(pct(high, users.length)).to.be.within(55, 70)
        expect(users.filter(r => r.goal_fulfilment === 'inte').length).to.be.within(1, 10)
      }
    })
  })

  describe('planted discrepancies', () => {
    const responseOf = (programmeYear: number, code: string) =>
      responses.find(r => r.programme_year === String(programmeYear) && r.municipality_code === code)

    it('cover all seven issue codes, each as a status at least once', () => {
      expect([...new Set(demo.planted.map(p => p.issues[0]))].sort()).to.deep.equal([...ISSUE_CODES].sort())
    })

    it('put missing responses in the years where not everyone answered, never in 2022', () => {
      const missing = demo.planted.filter(p => p.issues.includes('missing_response'))
      expect(missing.length).to.be.greaterThan(0)
      expect(missing.every(p => p.programmeYear !== 2022)).to.equal(true)
    })

    it('really have the property each issue code names', () => {
      const has: Record<IssueCode, (totals: LedgerTotals, response: Row | undefined) => boolean> = {
        missing_response: (t, r) => t.paidOre > 0 && r === undefined,
        response_without_payout: (t, r) => r !== undefined && amount(r.requisitioned_sek) > 0 && t.paidOre === 0,
        amount_mismatch: (t, r) => r !== undefined && amount(r.requisitioned_sek) * 100 !== t.paidOre,
        overspent: (_t, r) => r !== undefined && amount(r.spent_sek) > amount(r.requisitioned_sek),
        inconsistent_remaining: (_t, r) =>
          r !== undefined && amount(r.remaining_sek) !== amount(r.requisitioned_sek) - amount(r.spent_sek),
        over_allocation: t => t.requisitionedOre > t.allocatedOre,
        payout_mismatch: t => t.paidOre !== t.requisitionedOre,
      }
      for (const planted of demo.planted) {
        const totals = ledgerTotals(planted.programmeYear).get(planted.municipalityCode)!
        const response = responseOf(planted.programmeYear, planted.municipalityCode)
        expect(municipalities.find(m => m.code === planted.municipalityCode)?.name).to.equal(planted.municipality)
        for (const issue of planted.issues) {
          expect(has[issue](totals, response), `${planted.programmeYear} ${planted.municipality} ${issue}`).to.equal(
            true,
          )
        }
      }
    })

    it('are the only rows the reconciliation (tolerance 0) flags, with exactly the planted issues', () => {
      let ok = 0
      let rows = 0
      for (const programmeYear of YEARS) {
        const totals = ledgerTotals(programmeYear)
        const codesWithData = new Set([...totals.keys(), ...responsesOf(programmeYear).map(r => r.municipality_code)])
        for (const code of codesWithData) {
          const response = responseOf(programmeYear, code)
          const reported = response
            ? {
                requisitionedOre: response.requisitioned_sek === '' ? null : amount(response.requisitioned_sek) * 100,
                spentOre: response.spent_sek === '' ? null : amount(response.spent_sek) * 100,
                remainingOre: response.remaining_sek === '' ? null : amount(response.remaining_sek) * 100,
              }
            : null
          const outcome = reconcile(totals.get(code)!, reported, 0)
          const planted = demo.planted.find(p => p.programmeYear === programmeYear && p.municipalityCode === code)
          expect(outcome.issues, `${programmeYear} ${code}`).to.deep.equal(planted?.issues ?? [])
          rows += 1
          if (outcome.status === 'ok') ok += 1
        }
      }
      expect(rows).to.equal(3 * 290)
      expect(ok / rows).to.be.greaterThan(0.95)
    })
  })
})

describe('demo generator helpers', () => {
  it('allocateProportionally hands out the whole amount by largest remainder', () => {
    const parts = allocateProportionally(10, [
      { key: 'a', weight: 1 },
      { key: 'b', weight: 1 },
      { key: 'c', weight: 1 },
    ])
    expect([...parts.values()]).to.deep.equal([4, 3, 3])
    const uneven = allocateProportionally(100, [
      { key: 'x', weight: 2 },
      { key: 'y', weight: 5 },
    ])
    expect(Object.fromEntries(uneven)).to.deep.equal({ x: 29, y: 71 })
  })

  it('countsSummingTo finds counts that print as the shares and add up to n', () => {
    const counts = countsSummingTo(
      [
        { code: 'hog', pct: 66 },
        { code: 'viss', pct: 34 },
        { code: 'inte', pct: 0 },
      ],
      285,
    )
    expect(sum([...counts.values()])).to.equal(285)
    expect(pct(counts.get('hog')!, 285)).to.equal(66)
    expect(pct(counts.get('viss')!, 285)).to.equal(34)
    expect(counts.get('inte')).to.equal(0)
  })

  it('chooseOptions gives every option exactly its quota and every member at least one', () => {
    const members = Array.from({ length: 50 }, (_, i) => `m${i}`)
    const chosen = chooseOptions(
      members,
      [
        { code: 'a', count: 30 },
        { code: 'b', count: 15 },
        { code: 'c', count: 10 },
      ],
      new Random(1),
      true,
    )
    const count = (code: string) => members.filter(m => chosen.get(m)!.has(code)).length
    expect([count('a'), count('b'), count('c')]).to.deep.equal([30, 15, 10])
    expect(members.every(m => chosen.get(m)!.size > 0)).to.equal(true)
  })

  it('csvField quotes separators, quotes and line breaks, and leaves the rest alone', () => {
    expect(csvField('Socialpsykiatri')).to.equal('Socialpsykiatri')
    expect(csvField('a, b')).to.equal('"a, b"')
    expect(csvField('a;b')).to.equal('"a;b"')
    expect(csvField('say "hi"')).to.equal('"say ""hi"""')
    expect(csvField('one\ntwo')).to.equal('"one\ntwo"')
    expect(csvField(null)).to.equal('')
    expect(csvField(169201599)).to.equal('169201599')
  })
})
