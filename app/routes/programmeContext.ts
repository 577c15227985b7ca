// What every programme page shows around its report: the programme's name, its years and the navigation
// between its pages. Loading it also tells a route whether the programme and year exist (else 404).
import createError from 'http-errors'
import { surveyRoundOf } from '../domain/types.ts'
import { translate, type Locale } from '../i18n/index.ts'
import type { Services } from '../services/index.ts'
import { programmeYearParam } from './params.ts'
import { paths } from './paths.ts'

export interface NavLink {
  href: string
  text: string
  /** aria-current: 'page' for this very page, 'true' for a link to the section the page is in */
  current: 'page' | 'true' | undefined
}

export interface ProgrammeContext {
  code: string
  name: string
  programmeYears: number[]
  /** one group per programme year (summary, reconciliation), then the distributions */
  nav: { heading: string; links: NavLink[] }[]
}

export async function loadProgrammeContext(
  services: Pick<Services, 'reference'>,
  code: string,
  locale: Locale,
  currentPath: string,
): Promise<ProgrammeContext> {
  const programme = await services.reference.findProgramme(code)
  if (!programme) throw createError(404, translate(locale, 'error.unknownProgramme', { code }))
  const years = (await services.reference.listProgrammeYears(programme.id)).map(y => y.programmeYear)
  const link = (href: string, text: string): NavLink => ({
    href,
    text,
    current: href === currentPath ? 'page' : undefined,
  })
  const distributionsPrefix = `/programmes/${encodeURIComponent(programme.code)}/distributions/`
  return {
    code: programme.code,
    name: locale === 'en' ? programme.nameEn : programme.nameSv,
    programmeYears: years,
    nav: [
      ...years.map(programmeYear => ({
        heading: translate(locale, 'common.yearHeading', { programmeYear, surveyRound: surveyRoundOf(programmeYear) }),
        links: [
          link(paths.dashboard(programme.code, programmeYear), translate(locale, 'admin.dashboard.navLink')),
          link(paths.summary(programme.code, programmeYear), translate(locale, 'summary.title')),
          link(paths.reconciliation(programme.code, programmeYear), translate(locale, 'reconciliation.title')),
          link(paths.submissions(programme.code, programmeYear), translate(locale, 'municipality.submissions.navLink')),
        ],
      })),
      {
        heading: translate(locale, 'common.allRounds'),
        links: [
          {
            href: paths.distribution(programme.code, 'purposes'),
            text: translate(locale, 'distribution.navLink'),
            current: currentPath.startsWith(distributionsPrefix) ? 'true' : undefined,
          },
          link(paths.quality(programme.code), translate(locale, 'quality.navLink')),
        ],
      },
    ],
  }
}

/** The context and the year of the address, or 404 when the programme has no such year. */
export async function loadProgrammeYearContext(
  services: Pick<Services, 'reference'>,
  code: string,
  yearText: string,
  locale: Locale,
  currentPath: string,
): Promise<ProgrammeContext & { programmeYear: number; surveyRound: number }> {
  const context = await loadProgrammeContext(services, code, locale, currentPath)
  const programmeYear = programmeYearParam(yearText)
  if (programmeYear === undefined || !context.programmeYears.includes(programmeYear)) {
    throw createError(404, translate(locale, 'error.unknownProgrammeYear', { code, programmeYear: yearText }))
  }
  return { ...context, programmeYear, surveyRound: surveyRoundOf(programmeYear) }
}
