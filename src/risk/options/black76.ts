import normalCdf from '@stdlib/stats-base-dists-normal-cdf'
import normalPdf from '@stdlib/stats-base-dists-normal-pdf'
import type { Black76Result, OptionRight } from '../../domain/options.js'

export type { Black76Result } from '../../domain/options.js'
import { InvalidArgumentError } from '../../errors/index.js'

/** Seconds in a year under ACT/365: time to expiry in years = seconds / SECONDS_PER_YEAR. */
export const SECONDS_PER_YEAR = 365 * 86_400

/** Days per year for per-day theta (ACT/365, calendar days). */
export const DAYS_PER_YEAR = 365

/**
 * Inputs of {@link black76}, all floating point.
 * - `forwardUsd` F, `strikeUsd` K: USD per unit of the underlying, ≥ 0.
 * - `timeToExpiryYears` T: ACT/365 years (seconds / {@link SECONDS_PER_YEAR}), ≥ 0.
 * - `volatility` σ: annualized, as a fraction (0.6 = 60%), ≥ 0.
 * - `rate` r: continuously compounded per year, used only to discount the
 *   payoff by e^{−rT} (default 0; negative rates are accepted).
 */
export type Black76Input = {
  readonly right: OptionRight
  readonly forwardUsd: number
  readonly strikeUsd: number
  readonly timeToExpiryYears: number
  readonly volatility: number
  readonly rate?: number
}


/**
 * Price and Greeks of a European option on a forward by Black (1976).
 *
 * With v = σ√T, d1 = (ln(F/K) + v²/2)/v, d2 = d1 − v, D = e^{−rT}, N the
 * standard normal distribution function Φ and φ its density:
 * - call c = D·(F·N(d1) − K·N(d2)), put p = D·(K·N(−d2) − F·N(−d1));
 * - delta: D·N(d1) (call), −D·N(−d1) (put); gamma: D·φ(d1)/(F·v);
 * - vega: D·F·φ(d1)·√T; theta (−∂V/∂T, F held): r·V − D·F·φ(d1)·σ/(2√T).
 *
 * Sources: F. Black, "The pricing of commodity contracts", Journal of
 * Financial Economics 3 (1976) 167–179; J. C. Hull, Options,
 * Futures, and Other Derivatives, the chapter on futures options (Black's
 * model) and the Greek-letters chapter (futures options as an asset paying
 * a yield q = r).
 *
 * Degenerate cases, the limits of the formulas: at T = 0 (expiry) the price
 * is the intrinsic value, delta is 0 or ±1 (±½ exactly at the money), gamma,
 * vega and theta are 0. At σ = 0 with T > 0 the price is the discounted
 * intrinsic value D·(F − K)⁺, delta D·{0, ±½, ±1}, gamma 0, theta r·V, and
 * vega the one-sided derivative D·F·√T·φ(0) at the money (0 elsewhere).
 * At F = 0 a call is worth 0 and a put D·K.
 *
 * @throws {InvalidArgumentError} when F, K, T or σ is negative, NaN or
 * infinite, or r is NaN or infinite.
 */
export function black76(input: Black76Input): Black76Result {
  const { right, forwardUsd: f, strikeUsd: k, timeToExpiryYears: t, volatility: sigma } = input
  const r = input.rate ?? 0
  checkNonNegative(f, 'forwardUsd')
  checkNonNegative(k, 'strikeUsd')
  checkNonNegative(t, 'timeToExpiryYears')
  checkNonNegative(sigma, 'volatility')
  checkFinite(r, 'rate')
  return black76Unchecked(right, f, k, t, sigma, r)
}

/**
 * {@link black76} on inputs the caller has already checked (finite, F, K,
 * T, σ ≥ 0): the one implementation both the object API and the leg
 * revaluation use.
 */
export function black76Unchecked(right: OptionRight, f: number, k: number, t: number, sigma: number, r: number): Black76Result {
  const discount = Math.exp(-r * t)
  const sqrtT = Math.sqrt(t)
  const v = sigma * sqrtT
  if (v === 0 || f === 0) return degenerate(right, f, k, t, r, discount, sqrtT)
  const d1 = (Math.log(f / k) + 0.5 * v * v) / v
  const d2 = d1 - v
  const pdfD1 = normalPdf(d1, 0, 1)
  const priceUsd = right === 'CALL'
    ? discount * (f * normalCdf(d1, 0, 1) - k * normalCdf(d2, 0, 1))
    : discount * (k * normalCdf(-d2, 0, 1) - f * normalCdf(-d1, 0, 1))
  const delta = right === 'CALL' ? discount * normalCdf(d1, 0, 1) : -discount * normalCdf(-d1, 0, 1)
  // USD per unit per (USD per unit)² = units per USD
  const gamma = (discount * pdfD1) / (f * v)
  const vega = discount * f * pdfD1 * sqrtT
  const thetaPerYear = r * priceUsd - (discount * f * pdfD1 * sigma) / (2 * sqrtT)
  return result(priceUsd, delta, gamma, vega, thetaPerYear)
}

/**
 * Price only, without Greeks or allocation, on checked inputs: for full
 * revaluation in scenario loops. Same formulas as {@link black76Unchecked}.
 */
export function black76PriceUnchecked(right: OptionRight, f: number, k: number, t: number, sigma: number, r: number): number {
  const discount = Math.exp(-r * t)
  const v = sigma * Math.sqrt(t)
  if (v === 0 || f === 0) return discount * (right === 'CALL' ? Math.max(f - k, 0) : Math.max(k - f, 0))
  const d1 = (Math.log(f / k) + 0.5 * v * v) / v
  const d2 = d1 - v
  return right === 'CALL'
    ? discount * (f * normalCdf(d1, 0, 1) - k * normalCdf(d2, 0, 1))
    : discount * (k * normalCdf(-d2, 0, 1) - f * normalCdf(-d1, 0, 1))
}

/** v = σ√T = 0 (expiry or zero volatility) or F = 0: the limits of the formulas. */
function degenerate(right: OptionRight, f: number, k: number, t: number, r: number, discount: number, sqrtT: number): Black76Result {
  const intrinsic = right === 'CALL' ? Math.max(f - k, 0) : Math.max(k - f, 0)
  const priceUsd = discount * intrinsic
  // N(d1) → 1, 0 or ½ (at the money, d1 = v/2 → 0) as v → 0
  const nD1 = f > k ? 1 : f < k ? 0 : 0.5
  const delta = right === 'CALL' ? discount * nD1 : -discount * (1 - nD1)
  // φ(d1) → 0 off the money; at the money d1 → 0, φ(0) = 1/√(2π)
  const atTheMoney = f === k && f > 0
  const vega = atTheMoney ? discount * f * sqrtT * normalPdf(0, 0, 1) : 0
  // at expiry nothing is left to decay; otherwise (σ = 0 or F = 0) only the
  // discounting moves: −∂(e^{−rT}·intrinsic)/∂T = r·V
  const thetaPerYear = t === 0 ? 0 : r * priceUsd
  return result(priceUsd, delta, 0, vega, thetaPerYear)
}

function result(priceUsd: number, delta: number, gamma: number, vega: number, thetaPerYear: number): Black76Result {
  return { priceUsd, delta, gamma, vega, vegaPerPoint: vega / 100, thetaPerYear, thetaPerDay: thetaPerYear / DAYS_PER_YEAR }
}

/** @throws {InvalidArgumentError} unless `value` is finite and ≥ 0. */
export function checkNonNegative(value: number, argument: string): void {
  if (!(Number.isFinite(value) && value >= 0)) throw new InvalidArgumentError(argument, `must be a finite number ≥ 0 (got ${value}).`)
}

/** @throws {InvalidArgumentError} unless `value` is finite. */
export function checkFinite(value: number, argument: string): void {
  if (!Number.isFinite(value)) throw new InvalidArgumentError(argument, `must be a finite number (got ${value}).`)
}
