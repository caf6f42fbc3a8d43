import type { RiskFactorId } from './riskFactor.js'

/** Call or put. */
export type OptionRight = 'CALL' | 'PUT'

/**
 * Implied volatility of a leg: flat, or a small smile by strike (linear in
 * strike between points, flat beyond the ends). Annualized fractions
 * (0.6 = 60%).
 */
export type ImpliedVolatility =
  | { readonly kind: 'flat'; readonly volatility: number }
  | { readonly kind: 'smile'; readonly points: readonly { readonly strike: number; readonly volatility: number }[] }

/**
 * An option the wallet holds elsewhere or is considering as a hedge: a
 * European option on a base risk factor's USD price, settled in USD (linear),
 * priced by Black-76 on the forward.
 * - `size`: units of the underlying, signed (+ long, − short).
 * - `strikeUsd`, `forwardUsd`: USD per unit of the underlying. Without a
 *   forward, the forward is the factor's current price grown at `rate`.
 * - `expiry`: unix seconds.
 * - `rate`: continuously compounded risk-free rate per year (default 0), used
 *   for discounting (and for the forward when none is given).
 */
export type OptionLeg = {
  /** Caller's label, or `leg[i]` (request order), for messages and answers. */
  readonly id: string
  readonly riskFactor: RiskFactorId
  readonly right: OptionRight
  readonly strikeUsd: number
  readonly expiry: number
  readonly size: number
  readonly impliedVolatility: ImpliedVolatility
  readonly forwardUsd?: number
  readonly rate?: number
}

/**
 * Price and Greeks of one unit of the underlying, in USD.
 * - `priceUsd`: V.
 * - `delta`: ∂V/∂F, in units of the underlying (discounted: e^{−rT}N(d1) for
 *   a call, −e^{−rT}N(−d1) for a put).
 * - `gamma`: ∂²V/∂F², units of the underlying per USD.
 * - `vega`: ∂V/∂σ, USD per 1.00 of volatility (σ from 0.60 to 1.60).
 * - `vegaPerPoint`: `vega` / 100, USD per volatility point (60% to 61%).
 * - `thetaPerYear`: ∂V/∂t as time passes (−∂V/∂T), USD per year, F held.
 * - `thetaPerDay`: `thetaPerYear` / 365, USD per calendar day.
 */
export type Black76Result = {
  readonly priceUsd: number
  readonly delta: number
  readonly gamma: number
  readonly vega: number
  readonly vegaPerPoint: number
  readonly thetaPerYear: number
  readonly thetaPerDay: number
}

/**
 * A leg's value and Greeks, scaled by its signed size, in USD.
 * - `valueUsd`: size × per-unit price.
 * - `deltaUnits`: size × ∂V/∂F, units of the underlying.
 * - `deltaUsd`: `deltaUnits` × F, the USD change per 100% relative move of
 *   the underlying to first order (what nets with other positions' dollar
 *   deltas on the same risk factor).
 * - `gammaUnitsPerUsd`: size × ∂²V/∂F², units of the underlying per USD.
 * - `vegaUsdPerPoint`: size × ∂V/∂σ / 100, USD per volatility point.
 * - `thetaUsdPerDay`: size × −∂V/∂T / 365, USD per calendar day.
 * - `perUnit`: the Black-76 result for one unit (see Black-76 (risk/options/black76.ts)).
 * - `forwardUsd`, `volatility`, `timeToExpiryYears`: the inputs used, after
 *   the scenario (F after the move, σ after the shift, T after the horizon).
 */
export type LegValuation = {
  readonly legId: string
  readonly valueUsd: number
  readonly deltaUnits: number
  readonly deltaUsd: number
  readonly gammaUnitsPerUsd: number
  readonly vegaUsdPerPoint: number
  readonly thetaUsdPerDay: number
  readonly perUnit: Black76Result
  readonly forwardUsd: number
  readonly volatility: number
  readonly timeToExpiryYears: number
}

/** A request's leg with the underlying price it was marked against and its valuation now. */
export type OptionLegView = {
  readonly leg: OptionLeg
  /** The underlying's USD price per unit now, null when the leg's own forward is used and no venue prices the factor. */
  readonly underlyingPriceUsd: number | null
  /** Where that price was read (a venue id), or `forward` when the leg's own forward is used. */
  readonly priceSource: string
  readonly valuation: LegValuation
}

/**
 * Greeks of the wallet per base risk factor: its venues' delta (lending and
 * perps are linear, so their delta is the net USD exposure and they have no
 * gamma, vega or theta) netted with its option legs'. USD unless named:
 * delta units = USD delta / the factor's price; gamma in units per USD,
 * dollar gamma = gamma·S²/100 (USD of delta per 1% move); vega USD per
 * volatility point; theta USD per calendar day.
 */
export type FactorGreeks = {
  readonly riskFactor: RiskFactorId
  readonly priceUsd: number | null
  readonly venuesDeltaUsd: number
  readonly optionsDeltaUsd: number
  readonly optionsDeltaUnits: number
  readonly netDeltaUsd: number
  readonly netDeltaUnits: number | null
  readonly gammaUnitsPerUsd: number
  readonly dollarGammaUsd: number | null
  readonly vegaUsdPerPoint: number
  readonly thetaUsdPerDay: number
}

/** The request's option legs, valued at `valuationTime` (unix seconds), and the wallet's Greeks per factor. */
export type OptionsView = {
  readonly valuationTime: number
  readonly valueUsd: number
  readonly legs: readonly OptionLegView[]
  readonly factors: readonly FactorGreeks[]
  readonly note: string
}

/**
 * A protective put sized against the wallet's worst weighted stress-grid
 * loss: the smallest size (units) that keeps it within `maxLossUsd`, or null
 * with the size that gets closest (`bestSizeUnits`) when none does. USD.
 */
export type HedgeSizing = {
  readonly put: OptionLeg
  readonly maxLossUsd: number
  readonly sizeUnits: number | null
  readonly unitPremiumUsd: number
  readonly premiumUsd: number | null
  readonly worstLossBeforeUsd: number
  readonly worstScenarioBefore: string
  readonly worstLossAfterUsd: number
  readonly worstScenarioAfter: string
  readonly bestSizeUnits: number | null
  readonly note: string
}
