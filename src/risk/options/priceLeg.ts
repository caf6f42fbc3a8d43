import type { Black76Result, LegValuation, OptionLeg } from '../../domain/options.js'

export type { LegValuation } from '../../domain/options.js'
import { InvalidArgumentError } from '../../errors/index.js'
import { black76PriceUnchecked, black76Unchecked, checkFinite, checkNonNegative, DAYS_PER_YEAR, SECONDS_PER_YEAR } from './black76.js'
import { legVolatility } from './legVolatility.js'

/**
 * A volatility scenario applied to a leg's implied volatility σ (annualized
 * fraction): `relative` gives σ·(1 + value) (−0.3 = 30% lower), `absolute`
 * gives σ + value (0.05 = five volatility points higher). The result is
 * floored at 0.
 */
export type VolatilityShift = { readonly kind: 'relative' | 'absolute'; readonly value: number }

type PriceLegScenario = {
  /** Valuation time, unix seconds (fractions allowed). */
  readonly now: number
  /**
   * Relative move of the underlying, applied to the forward: F' = F·(1 + m)
   * (−0.2 = 20% lower). ≥ −1; default 0.
   */
  readonly priceMove?: number
  /** Shift of the leg's implied volatility; default none (sticky strike). */
  readonly volShift?: VolatilityShift
  /** Time passing before the valuation, seconds, ≥ 0; default 0. */
  readonly horizonSeconds?: number
}

/**
 * Market and scenario of a leg's valuation. The underlying comes as either
 * - `spotUsd`: its USD price now; the forward is the leg's `forwardUsd` when
 *   it has one, else spot·e^{rT} with the leg's rate and the time left at
 *   the horizon; or
 * - `forwardUsd`: the forward for the leg's expiry, USD per unit, used as is
 *   (it takes precedence over the leg's own `forwardUsd`).
 */
export type PriceLegParameters = PriceLegScenario &
  ({ readonly spotUsd: number; readonly forwardUsd?: undefined } | { readonly forwardUsd: number; readonly spotUsd?: undefined })


/**
 * Revalues an option leg in full by Black-76 under a scenario: the forward
 * moved by `priceMove`, the leg's implied volatility at its own strike
 * (sticky strike) shifted by `volShift`, and `horizonSeconds` passed. Time to
 * expiry is ACT/365, (expiry − now − horizon) / (365·86400) years, floored
 * at 0: a leg at or past expiry is worth its intrinsic value at the moved
 * forward. Formulas and sources: {@link black76}.
 *
 * @throws {InvalidArgumentError} naming the leg and field
 * (`<leg id>.strikeUsd`, `.forwardUsd`, `.spotUsd`, `.impliedVolatility…`,
 * `.size`, `.expiry`, `.rate`) when a strike, forward, spot or volatility is
 * negative, NaN or infinite, the size, expiry or rate is not finite, or
 * neither a spot nor a forward is given; naming the scenario field (`now`,
 * `priceMove`, `horizonSeconds`, `volShift.value`) when `now` or the shift is
 * not finite, the move is below −1 or the horizon is negative.
 */
export function priceLeg(leg: OptionLeg, parameters: PriceLegParameters): LegValuation {
  const s = resolveLeg(leg, parameters)
  const perUnit = black76Unchecked(leg.right, s.forwardUsd, leg.strikeUsd, s.timeToExpiryYears, s.volatility, s.rate)
  const size = leg.size
  const deltaUnits = size * perUnit.delta
  return {
    legId: leg.id,
    valueUsd: size * perUnit.priceUsd,
    deltaUnits,
    // units × USD per unit
    deltaUsd: deltaUnits * s.forwardUsd,
    gammaUnitsPerUsd: size * perUnit.gamma,
    vegaUsdPerPoint: size * perUnit.vegaPerPoint,
    thetaUsdPerDay: (size * perUnit.thetaPerYear) / DAYS_PER_YEAR,
    perUnit,
    forwardUsd: s.forwardUsd,
    volatility: s.volatility,
    timeToExpiryYears: s.timeToExpiryYears,
  }
}

/**
 * The leg's value only, USD (size × per-unit price), under the same scenario
 * rules as {@link priceLeg}, without the Greeks: for full revaluation in
 * scenario grids and Monte Carlo paths.
 *
 * @throws {InvalidArgumentError} as {@link priceLeg}.
 */
export function legValueUsd(leg: OptionLeg, parameters: PriceLegParameters): number {
  const s = resolveLeg(leg, parameters)
  return leg.size * black76PriceUnchecked(leg.right, s.forwardUsd, leg.strikeUsd, s.timeToExpiryYears, s.volatility, s.rate)
}

type ResolvedLeg = { forwardUsd: number; volatility: number; timeToExpiryYears: number; rate: number }

/** The Black-76 inputs of a leg under a scenario, checked. */
function resolveLeg(leg: OptionLeg, parameters: PriceLegParameters): ResolvedLeg {
  const id = leg.id
  checkNonNegative(leg.strikeUsd, `${id}.strikeUsd`)
  checkFinite(leg.size, `${id}.size`)
  checkFinite(leg.expiry, `${id}.expiry`)
  const rate = leg.rate ?? 0
  checkFinite(rate, `${id}.rate`)
  checkFinite(parameters.now, 'now')
  const horizonSeconds = parameters.horizonSeconds ?? 0
  checkNonNegative(horizonSeconds, 'horizonSeconds')
  const priceMove = parameters.priceMove ?? 0
  if (!(Number.isFinite(priceMove) && priceMove >= -1)) throw new InvalidArgumentError('priceMove', `must be a finite relative move ≥ −1 (got ${priceMove}).`)

  const timeToExpiryYears = Math.max(0, leg.expiry - parameters.now - horizonSeconds) / SECONDS_PER_YEAR
  let forwardUsd: number
  if (parameters.forwardUsd !== undefined) {
    checkNonNegative(parameters.forwardUsd, `${id}.forwardUsd`)
    forwardUsd = parameters.forwardUsd
  } else if (leg.forwardUsd !== undefined) {
    checkNonNegative(leg.forwardUsd, `${id}.forwardUsd`)
    forwardUsd = leg.forwardUsd
  } else {
    if (parameters.spotUsd === undefined) throw new InvalidArgumentError(`${id}.forwardUsd`, 'give the underlying spot price or the forward.')
    checkNonNegative(parameters.spotUsd, `${id}.spotUsd`)
    // F = S·e^{rT}, T the time left at the horizon
    forwardUsd = parameters.spotUsd * Math.exp(rate * timeToExpiryYears)
  }
  forwardUsd *= 1 + priceMove

  let volatility = legVolatility(leg.impliedVolatility, leg.strikeUsd, `${id}.impliedVolatility`)
  const shift = parameters.volShift
  if (shift !== undefined) {
    checkFinite(shift.value, 'volShift.value')
    volatility = Math.max(0, shift.kind === 'relative' ? volatility * (1 + shift.value) : volatility + shift.value)
  }
  return { forwardUsd, volatility, timeToExpiryYears, rate }
}
