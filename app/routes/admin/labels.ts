// Labels of the administrator's pages and files in the page's language: figures, sources, size groups, ledger types,
// response fields and option codes, and the date-time format of "when".
import type { TaxonomyOption } from '../../data/referenceRepository.ts'
import type { Figure, FigureKey } from '../../domain/dashboard.ts'
import { UNKNOWN_SIZE_GROUP } from '../../domain/reconciliationTable.ts'
import type { ResponseField } from '../../domain/responseDiff.ts'
import type { SizeGroup } from '../../domain/sizeGroups.ts'
import type { Dimension } from '../../domain/types.ts'
import { translate, type Locale } from '../../i18n/index.ts'
import { formatNumber } from '../../views/helpers/formatNumber.ts'

export function figureLabel(figure: Figure | undefined, key: FigureKey, locale: Locale): string {
  if (figure?.budgetLine) return locale === 'en' ? figure.budgetLine.labelEn : figure.budgetLine.labelSv
  return translate(locale, `admin.figure.${key}`)
}

export function sizeGroupLabel(code: string, groups: readonly SizeGroup[], locale: Locale): string {
  if (code === UNKNOWN_SIZE_GROUP) return translate(locale, 'admin.sizeGroup.unknown')
  const group = groups.find(g => g.code === code)
  if (!group) return code
  if (locale === 'sv') return group.labelSv
  return group.max === null
    ? translate(locale, 'admin.sizeGroup.atLeast', { min: formatNumber(group.min) })
    : translate(locale, 'admin.sizeGroup.between', { min: formatNumber(group.min), max: formatNumber(group.max) })
}

/** The taxonomy dimension of a response field that holds option codes. */
export const DIMENSION_OF: Partial<Record<ResponseField, Dimension>> = {
  unspentReasons: 'unspent_reasons',
  purposes: 'purposes',
  areas: 'areas',
  usageAreas: 'usage_areas',
  goalFulfilment: 'goal_fulfilment',
}

/** Looks up the label of an option code in its dimension; an unknown code is shown as it is. */
export function optionLabeller(taxonomy: readonly TaxonomyOption[], locale: Locale) {
  const labels = new Map(taxonomy.map(o => [`${o.dimension}/${o.code}`, locale === 'en' ? o.labelEn : o.labelSv]))
  return (dimension: Dimension, code: string) => labels.get(`${dimension}/${code}`) ?? code
}

const DATE_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
})

/** A moment as Swedes read it, in Swedish time: `2023-02-01 14:05`. */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (value === null || value === undefined) return ''
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) return ''
  return DATE_TIME.format(date)
}
