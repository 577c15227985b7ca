// `/`: every programme with its programme years, the budget beside the ledger and the survey answers.
import { Router } from 'express'
import { currentUser } from '../../auth/roles.ts'
import type { ProgrammeOverview } from '../../domain/reportTypes.ts'
import { translate, type Locale } from '../../i18n/index.ts'
import type { Services } from '../../services/index.ts'
import { paths } from '../paths.ts'

interface Cell {
  value: number | null
}

interface Row {
  label: string
  money: boolean
  /** a budget line: shown indented under the total */
  part?: boolean
  cells: Cell[]
}

/** One table per programme, the programme years as columns and the figures as rows, grouped by source. */
export function overviewTable(programme: ProgrammeOverview, locale: Locale) {
  const text = (key: string, params = {}) => translate(locale, key, params)
  const name = locale === 'en' ? programme.nameEn : programme.nameSv
  const years = programme.years
  const row = (key: string, pick: (year: ProgrammeOverview['years'][number]) => number, money = true): Row => ({
    label: text(key),
    money,
    cells: years.map(year => ({ value: pick(year) })),
  })
  // the budget lines of every year, by kind, in the order they first appear
  const kinds = new Map<string, string>()
  for (const year of years) {
    for (const line of year.budgetLines)
      if (!kinds.has(line.kind)) kinds.set(line.kind, locale === 'en' ? line.labelEn : line.labelSv)
  }
  const budgetLines: Row[] = [...kinds].map(([kind, label]) => ({
    label,
    money: true,
    part: true,
    cells: years.map(year => ({ value: year.budgetLines.find(line => line.kind === kind)?.amountOre ?? null })),
  }))
  return {
    code: programme.code,
    name,
    caption: text('overview.caption', { name }),
    currency: programme.currency,
    columnCount: years.length + 1,
    years: years.map(year => ({
      programmeYear: year.programmeYear,
      surveyRound: year.surveyRound,
      summaryHref: paths.summary(programme.code, year.programmeYear),
      summaryText: text('overview.summaryLink', { programmeYear: year.programmeYear }),
      reconciliationHref: paths.reconciliation(programme.code, year.programmeYear),
      reconciliationText: text('overview.reconciliationLink', { programmeYear: year.programmeYear }),
    })),
    groups: [
      { heading: text('overview.group.budget'), rows: [row('overview.budgetTotal', y => y.budgetOre), ...budgetLines] },
      {
        heading: text('overview.group.ledger'),
        rows: [
          row('overview.allocated', y => y.allocatedOre),
          row('overview.requisitioned', y => y.requisitionedOre),
          row('overview.paid', y => y.paidOre),
          row('overview.directGrants', y => y.directGrantOre),
          row('overview.repaid', y => y.repaidOre),
        ],
      },
      {
        heading: text('overview.group.survey'),
        rows: [
          row('overview.reportedRequisitioned', y => y.reportedRequisitionedOre),
          row('overview.reportedSpent', y => y.reportedSpentOre),
          row('overview.respondents', y => y.respondents, false),
        ],
      },
    ],
    linksLabel: text('overview.links', { name }),
    distributionsHref: paths.distribution(programme.code, 'purposes'),
  }
}

export function overviewRoutes(services: Pick<Services, 'reports'>): Router {
  const router = Router()

  router.get('/', async (req, res) => {
    const user = currentUser(req)
    // a municipality's home is its own page; the overview of all municipalities' money is not for it
    if (user.role === 'municipality') return res.redirect(303, `/municipalities/${user.municipalityCode}`)
    const locale: Locale = res.locals.locale
    const programmes = await services.reports.overview()
    res.render('pages/overview/index', {
      title: translate(locale, 'overview.title'),
      navCurrent: 'overview',
      programmes: programmes.map(programme => overviewTable(programme, locale)),
    })
  })

  return router
}
