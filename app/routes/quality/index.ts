// The evaluator's data-quality review (appendix 5 of the 2023 follow-up): for two consecutive survey rounds, the
// municipalities whose answers flip and whose amounts rise or fall more than a threshold, a seeded random sample
// for follow-up with its contact list (CSV), recording the flags and noting each follow-up's outcome. Evaluator,
// administrator and auditor read; only the evaluator records.
import { Router, type Request, type Response } from 'express'
import createError from 'http-errors'
import { currentUser, READ_ALL, requireRole } from '../../auth/roles.ts'
import {
  DEFAULT_SAMPLE_SIZE,
  DEFAULT_SEED,
  DEFAULT_THRESHOLD_PCT,
  FOLLOW_UP_OUTCOMES,
  isFollowUpOutcome,
  MAX_THRESHOLD_PCT,
  parseWholeNumber,
  type QualityFlag,
} from '../../domain/dataQuality.ts'
import { toCsv } from '../../exports/csv.ts'
import { translate, type Locale } from '../../i18n/index.ts'
import type { TaxonomyOption } from '../../data/referenceRepository.ts'
import type { Services } from '../../services/index.ts'
import type { QualityReview, ReviewParams } from '../../services/qualityService.ts'
import { formatNumber } from '../../views/helpers/formatNumber.ts'
import { formatSek } from '../../views/helpers/formatSek.ts'
import { singleQueryValue } from '../params.ts'
import { paths } from '../paths.ts'
import { loadProgrammeContext } from '../programmeContext.ts'

const MAX_SEED = 4_294_967_295
const MAX_NOTE_LENGTH = 2000
/** A sample is for contacting by hand: larger ones are a census, and the page lists every flag of each. */
export const MAX_SAMPLE = 100

type QualityServices = Pick<Services, 'reference' | 'quality' | 'analysis'>

const params = (req: Request) => req.params as Record<string, string>

/** The review's parameters from a query or a form; `rounds` are the survey rounds with responses. */
export function reviewParams(
  source: Record<string, unknown>,
  rounds: readonly number[],
): { ok: true; params: ReviewParams } | { ok: false; field: string; value: string } {
  const value = (name: string) => {
    const text = singleQueryValue(source[name])
    return text === null ? '\u0000' : text
  }
  const last = rounds.at(-1)
  const to = parseWholeNumber(value('to'), 1900, 2100)
  if (to === null) return { ok: false, field: 'to', value: String(source.to) }
  const from = parseWholeNumber(value('from'), 1900, 2100)
  if (from === null) return { ok: false, field: 'from', value: String(source.from) }
  const toRound = to ?? (from !== undefined ? from + 1 : (last ?? 0))
  const fromRound = from ?? toRound - 1
  if (toRound !== fromRound + 1) return { ok: false, field: 'to', value: String(toRound) }
  const thresholdPct = parseWholeNumber(value('threshold'), 1, MAX_THRESHOLD_PCT)
  if (thresholdPct === null) return { ok: false, field: 'threshold', value: String(source.threshold) }
  const sampleSize = parseWholeNumber(value('sample'), 1, MAX_SAMPLE)
  if (sampleSize === null) return { ok: false, field: 'sample', value: String(source.sample) }
  const seed = parseWholeNumber(value('seed'), 0, MAX_SEED)
  if (seed === null) return { ok: false, field: 'seed', value: String(source.seed) }
  return {
    ok: true,
    params: {
      fromRound,
      toRound,
      thresholdPct: thresholdPct ?? DEFAULT_THRESHOLD_PCT,
      sampleSize: sampleSize ?? DEFAULT_SAMPLE_SIZE,
      seed: seed ?? DEFAULT_SEED,
    },
  }
}

const queryOf = (p: ReviewParams): Record<string, string> => ({
  from: String(p.fromRound),
  to: String(p.toRound),
  threshold: String(p.thresholdPct),
  sample: String(p.sampleSize),
  seed: String(p.seed),
})

/** A flag in words: "Syften: ”Annat” chosen 2022, not 2023", "Spent: 100 000 kr → 400 000 kr (+300 %)". */
export function describeFlag(
  flag: QualityFlag,
  review: Pick<ReviewParams, 'fromRound' | 'toRound'>,
  labels: Labels,
  locale: Locale,
) {
  if (flag.rule === 'amount_change') {
    const d = flag.detail
    const change =
      d.changePct === null
        ? translate(locale, 'quality.fromNothing')
        : `${d.changePct > 0 ? '+' : '\u2212'}${formatNumber(Math.abs(d.changePct))}\u00a0%`
    return translate(locale, `quality.amount.${d.measure}`, {
      from: formatSek(d.fromOre),
      to: formatSek(d.toOre),
      change,
      fromRound: review.fromRound,
      toRound: review.toRound,
    })
  }
  const d = flag.detail
  return translate(locale, `quality.flip.${d.direction}`, {
    dimension: translate(locale, `dimension.${d.dimension}`),
    option: labels.option(d.dimension, d.option),
    fromOption: d.fromOption === undefined ? '' : labels.option(d.dimension, d.fromOption),
    fromRound: review.fromRound,
    toRound: review.toRound,
  })
}

interface Labels {
  option: (dimension: string, code: string) => string
  /** the place of an option in the questionnaire: the dimensions in order, the options in theirs */
  order: (dimension: string, code: string) => number
}

function labelsOf(taxonomy: TaxonomyOption[], locale: Locale): Labels {
  const byKey = new Map(taxonomy.map(o => [`${o.dimension}/${o.code}`, locale === 'en' ? o.labelEn : o.labelSv]))
  const place = new Map(taxonomy.map((o, index) => [`${o.dimension}/${o.code}`, index]))
  return {
    option: (dimension, code) => byKey.get(`${dimension}/${code}`) ?? code,
    order: (dimension, code) => place.get(`${dimension}/${code}`) ?? Number.MAX_SAFE_INTEGER,
  }
}

/**
 * How many municipalities changed each answer, like table 1 of appendix 5: per dimension and option, those who
 * chose it in the earlier round and not the later (dropped), and the reverse (added). Only options with a flip.
 */
export function flipsByOption(review: QualityReview, labels: Labels, locale: Locale) {
  const counts = new Map<string, { dimension: string; option: string; dropped: number; added: number }>()
  for (const m of review.municipalities) {
    for (const { flag } of m.flags) {
      if (flag.rule !== 'flip') continue
      const entry = counts.get(flag.key) ?? {
        dimension: flag.detail.dimension,
        option: flag.detail.option,
        dropped: 0,
        added: 0,
      }
      if (flag.detail.direction === 'dropped') entry.dropped++
      else entry.added++
      counts.set(flag.key, entry)
    }
  }
  return [...counts.values()]
    .sort((a, b) => labels.order(a.dimension, a.option) - labels.order(b.dimension, b.option))
    .map(entry => ({
      dimension: translate(locale, `dimension.${entry.dimension}`),
      option: labels.option(entry.dimension, entry.option),
      dropped: entry.dropped,
      added: entry.added,
    }))
}

export function qualityRoutes(services: QualityServices): Router {
  const router = Router()
  const readers = requireRole(...READ_ALL)
  const evaluators = requireRole('evaluator')

  async function load(req: Request, res: Response, source: Record<string, unknown>) {
    const locale: Locale = res.locals.locale
    const context = await loadProgrammeContext(services, params(req).code, locale, paths.quality(params(req).code))
    const rounds = context.programmeYears.map(year => year + 1)
    const parsed = reviewParams(source, rounds)
    if (!parsed.ok) {
      throw createError(400, translate(locale, `quality.invalid.${parsed.field}`, { value: parsed.value }), {
        backHref: paths.quality(context.code),
      })
    }
    const review = await services.quality.review(context.code, parsed.params)
    if (!review) throw createError(404, translate(locale, 'error.unknownProgramme', { code: context.code }))
    const labels = labelsOf(await services.reference.listTaxonomy(), locale)
    return { locale, context, review, labels }
  }

  const contactRows = (review: QualityReview, labels: Labels, locale: Locale) =>
    review.sample.map(m => [
      m.code,
      m.name,
      m.county,
      m.flags.length,
      m.flags.map(f => describeFlag(f.flag, review.params, labels, locale)).join(' | '),
    ])

  router.get('/programmes/:code/quality', readers, async (req, res) => {
    const { locale, context, review, labels } = await load(req, res, req.query as Record<string, unknown>)
    const user = currentUser(req)
    const query = queryOf(review.params)
    const back = paths.quality(context.code, query)
    const canRecord = user.role === 'evaluator'
    const selectedCode = singleQueryValue(req.query.municipality) ?? undefined
    const selected = review.municipalities.find(m => m.code === selectedCode)
    const flagView = (m: QualityReview['municipalities'][number]) => ({
      code: m.code,
      name: m.name,
      county: m.county,
      inSample: m.inSample,
      flags: m.flags.map(({ flag, recorded }) => ({
        id: recorded?.id,
        description: describeFlag(flag, review.params, labels, locale),
        rule: translate(locale, `quality.rule.${flag.rule}`),
        recorded: recorded !== null,
        outcome: recorded?.outcome,
        outcomeLabel: recorded ? translate(locale, `quality.outcome.${recorded.outcome}`) : undefined,
        note: recorded?.outcomeNote,
        outcomeBy: recorded?.outcomeBy,
        outcomeAt: recorded?.outcomeAt,
        action: recorded ? paths.qualityFollowUp(context.code, recorded.id) : undefined,
        outcomes: FOLLOW_UP_OUTCOMES.map(outcome => ({
          value: outcome,
          label: translate(locale, `quality.outcome.${outcome}`),
          selected: recorded?.outcome === outcome,
        })),
      })),
    })
    res.render('pages/quality/index', {
      title: `${translate(locale, 'quality.title')} – ${context.name}`,
      programme: context,
      review,
      query,
      back,
      roundOptions: review.rounds.slice(1).map(round => ({
        from: round - 1,
        to: round,
        selected: round === review.params.toRound,
      })),
      canRecord,
      recordAction: paths.qualityRecord(context.code),
      contactsHref: paths.qualityContacts(context.code, query),
      recorded: req.query.recorded === '1',
      followedUp: req.query.saved === '1',
      byOption: flipsByOption(review, labels, locale),
      sample: review.sample.map(flagView),
      selected: selected && !selected.inSample ? flagView(selected) : undefined,
      municipalities: review.municipalities.map(m => ({
        code: m.code,
        name: m.name,
        county: m.county,
        inSample: m.inSample,
        href: `${paths.quality(context.code, { ...query, municipality: m.code })}#municipality-${m.code}`,
        flips: m.flags.filter(f => f.flag.rule === 'flip').length,
        amountChanges: m.flags.filter(f => f.flag.rule === 'amount_change').length,
        followedUp: m.flags.filter(f => f.recorded && f.recorded.outcome !== 'pending').length,
      })),
      noLongerFound: review.noLongerFound.map(flag => ({
        ...flag,
        outcomeLabel: translate(locale, `quality.outcome.${flag.outcome}`),
        ruleLabel: translate(locale, `quality.rule.${flag.rule}`),
      })),
      maxSample: MAX_SAMPLE,
    })
  })

  router.get('/programmes/:code/quality/contacts.csv', readers, async (req, res) => {
    const { locale, context, review, labels } = await load(req, res, req.query as Record<string, unknown>)
    const headers = ['code', 'municipality', 'county', 'flagCount', 'flags'].map(h =>
      translate(locale, `quality.csv.${h}`),
    )
    const name = `kontaktlista-${context.code}-${review.params.fromRound}-${review.params.toRound}-seed${review.params.seed}.csv`
    res.set('Content-Type', 'text/csv; charset=utf-8')
    res.set('Content-Disposition', `attachment; filename="${name}"`)
    res.send(toCsv(headers, contactRows(review, labels, locale)))
  })

  router.post('/programmes/:code/quality/flags', evaluators, async (req, res) => {
    const { context, review } = await load(req, res, req.body as Record<string, unknown>)
    await services.quality.recordFlags(context.code, review.params, currentUser(req).email)
    res.redirect(303, paths.quality(context.code, { ...queryOf(review.params), recorded: '1' }))
  })

  router.post('/programmes/:code/quality/flags/:id', evaluators, async (req, res) => {
    const locale: Locale = res.locals.locale
    const body = (req.body ?? {}) as Record<string, unknown>
    const { context, review } = await load(req, res, body)
    const back = paths.quality(context.code, queryOf(review.params))
    const id = /^\d{1,12}$/.test(params(req).id) ? Number(params(req).id) : undefined
    if (id === undefined) throw createError(404, translate(locale, 'error.message.404'))
    const outcome = singleQueryValue(body.outcome)
    if (!isFollowUpOutcome(outcome)) {
      throw createError(400, translate(locale, 'quality.invalid.outcome', { value: String(outcome) }), {
        backHref: back,
      })
    }
    const note = (singleQueryValue(body.note) ?? '').trim()
    if (note.length > MAX_NOTE_LENGTH) {
      throw createError(400, translate(locale, 'quality.invalid.note', { max: MAX_NOTE_LENGTH }), { backHref: back })
    }
    const updated = await services.quality.setOutcome(context.code, id, { outcome, note }, currentUser(req).email)
    if (!updated) throw createError(404, translate(locale, 'error.message.404'))
    const municipality = singleQueryValue(body.municipality) ?? undefined
    const query = {
      ...queryOf(review.params),
      municipality: /^\d{4}$/.test(municipality ?? '') ? municipality : undefined,
    }
    res.redirect(303, `${paths.quality(context.code, { ...query, saved: '1' })}#flag-${id}`)
  })

  return router
}
