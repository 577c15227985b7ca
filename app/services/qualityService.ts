// The evaluator's data-quality review of two consecutive survey rounds: the flags found in the current answers,
// their recorded follow-up, a seeded sample of the flagged municipalities, and recording flags and outcomes
// (each write with its audit row).
import type { Knex } from 'knex'
import * as analysisRepository from '../data/analysisRepository.ts'
import { recordAudit } from '../data/auditRepository.ts'
import * as qualityRepository from '../data/qualityRepository.ts'
import type { RecordedFlag } from '../data/qualityRepository.ts'
import * as referenceRepository from '../data/referenceRepository.ts'
import {
  findAmountChanges,
  findFlips,
  planFlagSync,
  seededSample,
  type FollowUpOutcome,
  type QualityFlag,
} from '../domain/dataQuality.ts'
import type { Dimension } from '../domain/types.ts'

export interface ReviewParams {
  fromRound: number
  toRound: number
  thresholdPct: number
  sampleSize: number
  seed: number
}

export interface ReviewedFlag {
  flag: QualityFlag
  /** the recorded flag with its follow-up, or null when the flags have not been recorded since it appeared */
  recorded: RecordedFlag | null
}

export interface FlaggedMunicipality {
  code: string
  name: string
  county: string
  flags: ReviewedFlag[]
  inSample: boolean
}

export interface QualityReview {
  programme: string
  params: ReviewParams
  /** the survey rounds that have responses: the choice of rounds */
  rounds: number[]
  /** municipalities that answered in both rounds (the ones compared) */
  compared: number
  municipalities: FlaggedMunicipality[]
  /** the sample, in code order */
  sample: FlaggedMunicipality[]
  /** recorded flags not found in the current answers with these parameters (kept with their follow-up) */
  noLongerFound: (RecordedFlag & { municipality: string })[]
  /** flags found now that are not recorded, or recorded with other details: recording would change something */
  unrecorded: number
  counts: { flip: number; amountChange: number }
}

export function qualityService(knex: Knex) {
  async function findFlags(programmeId: number, fromRound: number, toRound: number, thresholdPct: number) {
    const [answers, taxonomy] = await Promise.all([
      analysisRepository.currentAnswers(knex, programmeId, [fromRound, toRound]),
      referenceRepository.listTaxonomy(knex),
    ])
    const from = answers.filter(answer => answer.surveyRound === fromRound)
    const to = answers.filter(answer => answer.surveyRound === toRound)
    const options = new Map<Dimension, string[]>()
    const offered = new Map<string, number[] | null>()
    for (const option of taxonomy) {
      options.set(option.dimension, [...(options.get(option.dimension) ?? []), option.code])
      offered.set(`${option.dimension}/${option.code}`, option.surveyRounds)
    }
    const offeredIn = (dimension: Dimension, option: string, round: number) => {
      const rounds = offered.get(`${dimension}/${option}`)
      return rounds === null || (rounds !== undefined && rounds.includes(round))
    }
    const toCodes = new Set(to.map(answer => answer.municipalityCode))
    return {
      flags: [...findFlips(from, to, offeredIn, options), ...findAmountChanges(from, to, thresholdPct)],
      compared: from.filter(answer => toCodes.has(answer.municipalityCode)).length,
    }
  }

  return {
    /** The review of a programme's two rounds; undefined for an unknown programme. Reads only. */
    async review(programmeCode: string, params: ReviewParams): Promise<QualityReview | undefined> {
      const programme = await referenceRepository.findProgramme(knex, programmeCode)
      if (!programme) return undefined
      const [{ flags, compared }, recorded, municipalities, rounds] = await Promise.all([
        findFlags(programme.id, params.fromRound, params.toRound, params.thresholdPct),
        qualityRepository.listFlags(knex, programme.id, params.fromRound, params.toRound),
        referenceRepository.listMunicipalities(knex),
        analysisRepository.roundsWithResponses(knex, programme.id),
      ])
      const byIdentity = new Map(recorded.map(flag => [`${flag.municipalityCode}/${flag.rule}/${flag.key}`, flag]))
      const plan = planFlagSync(flags, recorded)
      const municipalityByCode = new Map(municipalities.map(m => [m.code, m]))
      const grouped = new Map<string, ReviewedFlag[]>()
      for (const flag of flags) {
        const reviewed = { flag, recorded: byIdentity.get(`${flag.municipalityCode}/${flag.rule}/${flag.key}`) ?? null }
        grouped.set(flag.municipalityCode, [...(grouped.get(flag.municipalityCode) ?? []), reviewed])
      }
      const sampleCodes = new Set(seededSample([...grouped.keys()], params.sampleSize, params.seed))
      const flagged = [...grouped.keys()].sort().map(code => ({
        code,
        name: municipalityByCode.get(code)?.name ?? code,
        county: municipalityByCode.get(code)?.county ?? '',
        flags: grouped.get(code)!,
        inSample: sampleCodes.has(code),
      }))
      const foundIds = new Set(flags.map(flag => `${flag.municipalityCode}/${flag.rule}/${flag.key}`))
      return {
        programme: programme.code,
        params,
        rounds: rounds.map(round => round.surveyRound),
        compared,
        municipalities: flagged,
        sample: flagged.filter(m => m.inSample),
        noLongerFound: recorded
          .filter(flag => !foundIds.has(`${flag.municipalityCode}/${flag.rule}/${flag.key}`))
          .map(flag => ({ ...flag, municipality: municipalityByCode.get(flag.municipalityCode)?.name ?? '' })),
        unrecorded: plan.insert.length + plan.update.length,
        counts: {
          flip: flags.filter(flag => flag.rule === 'flip').length,
          amountChange: flags.filter(flag => flag.rule === 'amount_change').length,
        },
      }
    },

    /**
     * Records the flags found now, so that a follow-up can be noted on each: new flags are added, changed ones
     * refreshed, ones no longer found retired (kept). The same flags again write nothing (and no audit row).
     */
    async recordFlags(
      programmeCode: string,
      params: Pick<ReviewParams, 'fromRound' | 'toRound' | 'thresholdPct'>,
      actor: string,
    ): Promise<{ inserted: number; updated: number; retired: number } | undefined> {
      const programme = await referenceRepository.findProgramme(knex, programmeCode)
      if (!programme) return undefined
      return knex.transaction(async trx => {
        await qualityRepository.lockFlags(trx, programme.id, params.fromRound)
        const { flags } = await findFlags(programme.id, params.fromRound, params.toRound, params.thresholdPct)
        const stored = await qualityRepository.listFlags(trx, programme.id, params.fromRound, params.toRound)
        const plan = planFlagSync(flags, stored)
        const target = { programmeId: programme.id, fromRound: params.fromRound, toRound: params.toRound }
        const inserted = await qualityRepository.insertFlags(trx, target, plan.insert, actor)
        for (const { id, flag } of plan.update) await qualityRepository.refreshFlag(trx, id, flag)
        const retired = await qualityRepository.retireFlags(trx, plan.retire)
        const counts = { inserted, updated: plan.update.length, retired }
        if (inserted + plan.update.length + retired > 0) {
          await recordAudit(trx, {
            actor,
            action: 'quality.record_flags',
            entity: 'quality_flags',
            entityId: `${programme.code}/${params.fromRound}-${params.toRound}`,
            after: { ...params, ...counts },
          })
        }
        return counts
      })
    },

    /**
     * Notes the follow-up of one flag (confirmed: the answer was right; corrected: it was wrong; or back to
     * pending), with who and when; audited with the outcome before and after. Undefined when the flag does not
     * exist or belongs to another programme.
     */
    async setOutcome(
      programmeCode: string,
      flagId: number,
      outcome: { outcome: FollowUpOutcome; note: string },
      actor: string,
    ): Promise<RecordedFlag | undefined> {
      const programme = await referenceRepository.findProgramme(knex, programmeCode)
      if (!programme) return undefined
      return knex.transaction(async trx => {
        const before = await qualityRepository.findFlagForUpdate(trx, flagId)
        if (!before || before.programmeId !== programme.id) return undefined
        if (before.outcome === outcome.outcome && before.outcomeNote === outcome.note) return before
        const after = await qualityRepository.setOutcome(trx, flagId, { ...outcome, actor })
        await recordAudit(trx, {
          actor,
          action: 'quality.follow_up',
          entity: 'quality_flags',
          entityId: flagId,
          before: { outcome: before.outcome, note: before.outcomeNote },
          after: { outcome: after.outcome, note: after.outcomeNote },
        })
        return after
      })
    },
  }
}

export type QualityService = ReturnType<typeof qualityService>
