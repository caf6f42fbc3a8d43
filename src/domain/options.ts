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
