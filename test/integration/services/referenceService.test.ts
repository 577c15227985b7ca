import { expect } from 'chai'
import { referenceService } from '../../../app/services/referenceService.ts'
import { testKnex } from '../../helpers/testDatabase.ts'

describe('referenceService.setup (db setup)', () => {
  it('loads 290 municipalities in 21 counties, the taxonomy and the two real programmes', async () => {
    const knex = await testKnex()
    const service = referenceService(knex)
    const municipalities = await service.listMunicipalities()
    expect(municipalities).to.have.length(290)
    expect(new Set(municipalities.map(m => m.countyCode)).size).to.equal(21)
    expect(municipalities.find(m => m.code === '0114')?.name).to.equal('Upplands Väsby')
    const programmes = await service.listProgrammes()
    expect(programmes.map(p => p.code)).to.deep.equal(['aldreomsorg-2020-2022', 'valfardsteknik-2018'])
    const years = await service.listProgrammeYears(programmes[0].id)
    expect(years.map(y => y.programmeYear)).to.deep.equal([2020, 2021, 2022])
    const year2022 = years[2]
    expect(year2022.budgetOre).to.equal(200_000_000_00)
    expect(year2022.budgetLines.find(l => l.kind === 'requisitionable')?.amountOre).to.equal(167_100_000_00)
    expect(year2022.budgetLines.reduce((sum, l) => sum + l.amountOre, 0)).to.equal(year2022.budgetOre)
    const taxonomy = await service.listTaxonomy()
    expect(taxonomy.find(o => o.dimension === 'usage_areas' && o.code === 'medicinskap')?.surveyRounds).to.deep.equal([
      2023,
    ])
    expect(taxonomy.find(o => o.dimension === 'goal_fulfilment' && o.code === 'hog')?.surveyRounds).to.equal(null)
  })

  it('changes nothing when run a second time', async () => {
    const knex = await testKnex()
    const auditRowsBefore = await knex('audit_log').count<{ count: string }[]>('* as count')
    const result = await referenceService(knex).setup('test')
    expect(result.changed).to.equal(0)
    const auditRowsAfter = await knex('audit_log').count<{ count: string }[]>('* as count')
    expect(auditRowsAfter).to.deep.equal(auditRowsBefore)
  })

  it('sorts municipality names in Swedish order (å, ä, ö after z)', async () => {
    const knex = await testKnex()
    const names = await knex('municipalities')
      .whereIn('code', ['2518', '0180', '1880', '1484'])
      .orderBy('name')
      .pluck('name')
    expect(names).to.deep.equal(['Lysekil', 'Stockholm', 'Örebro', 'Övertorneå'])
  })
})
