// t: texts from the catalogue, in the page's locale, with placeholders.
import { expect } from 'chai'
import { en } from '../../../../app/i18n/en.ts'
import { sv } from '../../../../app/i18n/sv.ts'
import { t } from '../../../../app/views/helpers/t.ts'

describe('t', () => {
  it('reads the Swedish catalogue by default', () => {
    expect(t('overview.title')).to.equal('Programöversikt')
    expect(t('overview.title', { data: { root: {} } })).to.equal('Programöversikt')
  })

  it('reads the catalogue of the page locale', () => {
    expect(t('overview.title', { data: { root: { locale: 'en' } } })).to.equal('Programme overview')
    expect(t('overview.title', { data: { root: { locale: 'xx' } } })).to.equal('Programöversikt')
  })

  it('fills in placeholders from the hash', () => {
    expect(t('common.yearHeading', { hash: { programmeYear: 2022, surveyRound: 2023 } })).to.equal(
      'Programår 2022 · enkätomgång 2023',
    )
  })

  it('throws on an unknown key, so that a typo shows at once', () => {
    expect(() => t('overview.titel')).to.throw(/unknown message key/)
  })

  it('the two catalogues have the same keys', () => {
    expect(Object.keys(en).sort()).to.deep.equal(Object.keys(sv).sort())
  })
})
