// statusLabel: the reconciliation statuses in words.
import { expect } from 'chai'
import { ISSUE_CODES } from '../../../../app/domain/reportTypes.ts'
import { statusLabel } from '../../../../app/views/helpers/statusLabel.ts'

describe('statusLabel', () => {
  it('names every status in Swedish', () => {
    expect(statusLabel('missing_response')).to.equal('Svar saknas')
    expect(statusLabel('response_without_payout')).to.equal('Svar utan utbetalning')
    expect(statusLabel('amount_mismatch')).to.equal('Beloppen skiljer sig')
    expect(statusLabel('overspent')).to.equal('Mer förbrukat än rekvirerat')
    expect(statusLabel('inconsistent_remaining')).to.equal('Kvarstående stämmer inte')
    expect(statusLabel('over_allocation')).to.equal('Rekvirerat mer än fördelat')
    expect(statusLabel('payout_mismatch')).to.equal('Utbetalt ≠ rekvirerat')
    expect(statusLabel('ok')).to.equal('Stämmer')
  })

  it('has a label for every issue code in both locales', () => {
    for (const code of [...ISSUE_CODES, 'ok' as const]) {
      expect(statusLabel(code, { data: { root: { locale: 'en' } } })).not.to.match(/^status\./)
    }
  })
})
