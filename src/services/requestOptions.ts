import type { OptionLeg } from '../domain/options.js'
import type { RiskProfile } from '../domain/riskProfile.js'
import type { ScanRange, StressScenario } from '../domain/stress.js'
import { InvalidArgumentError } from '../errors/index.js'
import { scenarioId } from '../risk/stress/scenarioId.js'
import type { GetPortfolioParameters } from './PortfolioService.js'
import { validateRiskProfile } from './validateRiskProfile.js'

/** What a request's options resolve to: its risk profile, horizon (days), scan ranges, scenarios, and option legs valued at `valuationTime` (unix seconds). */
export type RequestOptions = {
  readonly profile: RiskProfile
  readonly horizon: number
  readonly ranges: readonly ScanRange[]
  readonly custom: readonly StressScenario[]
  readonly optionLegs: readonly OptionLeg[]
  readonly valuationTime: number
}

/** Longest option expiry accepted, years after the valuation time. */
export const MAX_OPTION_EXPIRY_YEARS = 10

/**
 * A request's options with the server's defaults filled in. Values are
 * bounded where they enter (services/inputBounds.ts); this checks what needs
 * the whole request.
 * @param now the valuation time of option legs, unix seconds (default: the server's clock).
 * @throws InvalidArgumentError for a factor given twice, a risk profile the
 *   engine refuses (validateRiskProfile), or an option leg whose expiry is
 *   not a date-time after `now` and within MAX_OPTION_EXPIRY_YEARS, or whose
 *   label repeats another's.
 */
export function resolveRequestOptions(
  p: GetPortfolioParameters,
  defaults: { readonly profile: RiskProfile; readonly scanRanges: readonly ScanRange[] },
  now: number = Math.floor(Date.now() / 1000),
): RequestOptions {
  return {
    optionLegs: toOptionLegs(p.optionLegs ?? [], now),
    valuationTime: now,
    profile: p.riskProfile ? validateRiskProfile(p.riskProfile) : defaults.profile,
    horizon: p.horizonDays ?? 1,
    ranges: mergeScanRanges(p.scanRanges, defaults.scanRanges),
    custom: (p.scenarios ?? []).map((s, i) => {
      const moves = toMoves(`scenarios[${i}].moves`, s.moves)
      if (!s.volatilityShifts?.length) return { id: scenarioId(`custom:${i}`, moves, 1), label: s.name, moves, weight: 1 }
      const volatilityShifts = toMoves(`scenarios[${i}].volatilityShifts`, s.volatilityShifts)
      const hashed = { ...moves, ...Object.fromEntries(Object.entries(volatilityShifts).map(([f, v]) => [`vol:${f}`, v])) }
      return { id: scenarioId(`custom:${i}`, hashed, 1), label: s.name, moves, weight: 1, volatilityShifts }
    }),
  }
}

/**
 * Request scan ranges first, then the server's.
 * @throws InvalidArgumentError for a factor given twice.
 */
function mergeScanRanges(requested: GetPortfolioParameters['scanRanges'], defaults: readonly ScanRange[]): ScanRange[] {
  const out: ScanRange[] = []
  for (const r of requested ?? []) {
    if (out.some((x) => x.riskFactor === r.riskFactor)) throw new InvalidArgumentError('scanRanges', `${r.riskFactor.slice(0, 32)} is given twice.`)
    out.push({ riskFactor: r.riskFactor, scanRange: r.scanRange, source: 'request' })
  }
  return [...out, ...defaults.filter((d) => !out.some((x) => x.riskFactor === d.riskFactor))]
}

/**
 * Relative moves per factor from a request (−0.3 = −30%).
 * @throws InvalidArgumentError naming `argument` for a factor given twice.
 */
export function toMoves(argument: string, moves: readonly { readonly riskFactor: string; readonly move: number }[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const m of moves) {
    if (m.riskFactor in out) throw new InvalidArgumentError(argument, `${m.riskFactor.slice(0, 32)} is given twice.`)
    out[m.riskFactor] = m.move
  }
  return out
}

/** An ISO-8601 date-time with a zone: `2027-03-26T08:00:00Z`, `2027-03-26T08:00:00.000+02:00`. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/

/**
 * A request's option legs as the engine's (labels default to `leg[i]`;
 * expiry as unix seconds). Bounds on numbers were checked where they entered
 * (inputBounds.optionLegInput).
 * @throws InvalidArgumentError `optionLegs[<label>].expiry` for an expiry that
 *   is not a zoned ISO-8601 date-time, not after `now`, or more than
 *   MAX_OPTION_EXPIRY_YEARS ahead; `optionLegs[<label>].id` for a repeated label.
 */
export function toOptionLegs(legs: NonNullable<GetPortfolioParameters['optionLegs']>, now: number): OptionLeg[] {
  const out: OptionLeg[] = []
  legs.forEach((leg, i) => {
    const id = leg.id ?? `leg[${i}]`
    const at = (field: string) => `optionLegs[${leg.id ?? i}].${field}`
    if (out.some((o) => o.id === id)) throw new InvalidArgumentError(at('id'), `${id} labels another leg too.`)
    const ms = ISO_DATE_TIME.test(leg.expiry) ? Date.parse(leg.expiry) : Number.NaN
    if (!Number.isFinite(ms)) throw new InvalidArgumentError(at('expiry'), 'must be an ISO-8601 date-time with a zone, e.g. 2027-03-26T08:00:00Z.')
    const expiry = Math.floor(ms / 1000)
    if (expiry <= now) throw new InvalidArgumentError(at('expiry'), `${leg.expiry} is not after the valuation time ${new Date(now * 1000).toISOString()}.`)
    if (expiry > now + MAX_OPTION_EXPIRY_YEARS * 365 * 86_400) throw new InvalidArgumentError(at('expiry'), `must be at most ${MAX_OPTION_EXPIRY_YEARS} years ahead.`)
    out.push({
      id,
      riskFactor: leg.riskFactor,
      right: leg.right,
      strikeUsd: leg.strike,
      expiry,
      size: leg.size,
      impliedVolatility: leg.smile
        ? { kind: 'smile', points: leg.smile.map((p) => ({ strike: p.strike, volatility: p.impliedVolatility })) }
        : { kind: 'flat', volatility: leg.impliedVolatility! },
      ...(leg.forward != null ? { forwardUsd: leg.forward } : {}),
      ...(leg.rate != null ? { rate: leg.rate } : {}),
    })
  })
  return out
}
