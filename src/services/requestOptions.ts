import type { OptionLeg } from '../domain/options.js'
import type { RiskProfile } from '../domain/riskProfile.js'
import type { SpanParameterOverrides } from '../risk/portfolioMargin/spanParameters.js'
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
  /** SPAN parameter overrides of the portfolio-margin view (price scan ranges are `ranges`). */
  readonly spanOverrides: SpanParameterOverrides
  /** A protective put to size: a one-unit PUT leg labelled `hedge`, and the bound on the worst loss, USD; null when not asked. */
  readonly hedge: { readonly put: OptionLeg; readonly maxLossUsd: number } | null
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
    spanOverrides: toSpanOverrides(p.portfolioMargin),
    hedge: p.hedge
      ? {
          put: {
            id: 'hedge',
            riskFactor: p.hedge.riskFactor,
            right: 'PUT',
            strikeUsd: p.hedge.strike,
            expiry: parseExpiry('hedge.expiry', p.hedge.expiry, now),
            size: 1,
            impliedVolatility: { kind: 'flat', volatility: p.hedge.impliedVolatility },
            ...(p.hedge.rate != null ? { rate: p.hedge.rate } : {}),
          },
          maxLossUsd: p.hedge.maxLossUsd,
        }
      : null,
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
    const expiry = parseExpiry(at('expiry'), leg.expiry, now)
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

/**
 * An option expiry as unix seconds.
 * @throws InvalidArgumentError naming `argument` when `value` is not a zoned
 *   ISO-8601 date-time, not after `now`, or more than MAX_OPTION_EXPIRY_YEARS ahead.
 */
function parseExpiry(argument: string, value: string, now: number): number {
  const ms = ISO_DATE_TIME.test(value) ? Date.parse(value) : Number.NaN
  if (!Number.isFinite(ms)) throw new InvalidArgumentError(argument, 'must be an ISO-8601 date-time with a zone, e.g. 2027-03-26T08:00:00Z.')
  const expiry = Math.floor(ms / 1000)
  if (expiry <= now) throw new InvalidArgumentError(argument, `${value} is not after the valuation time ${new Date(now * 1000).toISOString()}.`)
  if (expiry > now + MAX_OPTION_EXPIRY_YEARS * 365 * 86_400) throw new InvalidArgumentError(argument, `must be at most ${MAX_OPTION_EXPIRY_YEARS} years ahead.`)
  return expiry
}

/**
 * A request's SPAN overrides as the engine's.
 * @throws InvalidArgumentError for a factor given twice in one list.
 */
function toSpanOverrides(p: GetPortfolioParameters['portfolioMargin']): SpanParameterOverrides {
  const once = <T extends { readonly riskFactor: string }>(argument: string, items: readonly T[] | null | undefined): Record<string, T> => {
    const out: Record<string, T> = {}
    for (const item of items ?? []) {
      if (item.riskFactor in out) throw new InvalidArgumentError(argument, `${item.riskFactor.slice(0, 32)} is given twice.`)
      out[item.riskFactor] = item
    }
    return out
  }
  const vsr = once('portfolioMargin.volatilityScanRanges', p?.volatilityScanRanges)
  const som = once('portfolioMargin.shortOptionMinimumRates', p?.shortOptionMinimumRates)
  return {
    ...(Object.keys(vsr).length ? { volatilityScanRange: Object.fromEntries(Object.entries(vsr).map(([f, v]) => [f, { up: v.up, down: v.down }])) } : {}),
    ...(Object.keys(som).length ? { shortOptionMinimumRate: Object.fromEntries(Object.entries(som).map(([f, v]) => [f, v.rate])) } : {}),
    ...(p?.extremeMove ? { extremeMove: { multiple: p.extremeMove.multiple, coverFraction: p.extremeMove.coverFraction } } : {}),
  }
}
