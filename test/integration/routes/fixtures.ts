// A few ledger entries and survey responses for the page tests, loaded through the import service from small
// CSV files in the contract's format.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Knex } from 'knex'
import { services } from '../../../app/services/index.ts'

export const PROGRAMME = 'aldreomsorg-2020-2022'

const LEDGER = [
  'programme_code,programme_year,municipality_code,type,amount_sek,date,reference',
  `${PROGRAMME},2022,0114,allocation,1000000,2022-01-15,A-0114`,
  `${PROGRAMME},2022,0114,requisition,1000000,2022-03-01,R-0114`,
  `${PROGRAMME},2022,0114,payout,1000000,2022-03-20,P-0114`,
  `${PROGRAMME},2022,0115,allocation,500000,2022-01-15,A-0115`,
  `${PROGRAMME},2022,0115,requisition,400000,2022-03-01,R-0115`,
  `${PROGRAMME},2022,0115,payout,400000,2022-03-20,P-0115`,
  `${PROGRAMME},2022,0115,repayment,"20000,50",2023-05-02,B-0115`,
  `${PROGRAMME},2022,0117,payout,200000,2022-03-20,P-0117`,
  `${PROGRAMME},2020,0114,payout,300000,2020-03-20,P-0114-2020`,
]

const RESPONSES = [
  'programme_code,programme_year,municipality_code,submitted_on,requisitioned_sek,spent_sek,remaining_sek,unspent_reasons,purposes,areas,usage_areas,goal_fulfilment,other_reason,other_purpose,other_area,other_usage,comment',
  `${PROGRAMME},2022,0114,2023-02-01,1000000,1000000,0,,kvalitet|aktivitet,hsl,appar,hog,,,,,`,
  `${PROGRAMME},2022,0115,2023-02-02,400100,300000,100100,tidsbrist,kvalitet,hsl|aldre_ordinart,appar,viss,,,,,`,
  `${PROGRAMME},2022,0120,2023-02-03,50000,50000,0,,arbetsmiljo,hsl,,,,,,,`,
  `${PROGRAMME},2020,0114,2021-02-01,300000,300000,0,,kvalitet,hsl,,,,,,,`,
]

/**
 * Programme year 2022:
 * - 0114 Upplands Väsby: allocated, requisitioned and paid 1 000 000 kr, reports the same: ok.
 * - 0115 Vallentuna: allocated 500 000, requisitioned and paid 400 000, repaid 20 000,50; reports 400 100
 *   requisitioned, 300 000 spent, 100 100 remaining (reason: lack of time): differs by 100 kr.
 * - 0117 Österåker: paid 200 000 kr without a requisition, no response: missing response.
 * - 0120 Värmdö: no ledger entry, reports 50 000 kr requisitioned: response without payout.
 * Programme year 2020 (survey round 2021, where "aktivitet" was not offered): 0114 answers.
 */
export async function loadRouteFixtures(knex: Knex): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stimulans-routes-'))
  try {
    const { imports } = services(knex)
    for (const [kind, lines] of [
      ['ledger', LEDGER],
      ['responses', RESPONSES],
    ] as const) {
      const file = path.join(dir, `${kind}.csv`)
      fs.writeFileSync(file, lines.join('\n') + '\n')
      const result =
        kind === 'ledger'
          ? await imports.importLedger(file, { actor: 'test' })
          : await imports.importResponses(file, { actor: 'test' })
      if (!result.ok) throw new Error(`${kind} fixture did not import: ${JSON.stringify(result.problems)}`)
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
