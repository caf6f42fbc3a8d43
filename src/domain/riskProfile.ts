import type { RiskFactorId } from './riskFactor.js'

/**
 * Per-factor annualized volatilities (fractions: 0.75 = 75%/yr, 365-day
 * years) and a correlation matrix over the same factors, with where each came
 * from. Factors not listed are not modelled by the statistical views and are
 * held fixed there (and named).
 */
export type RiskProfile = {
  readonly factors: readonly RiskFactorId[]
  readonly annualizedVols: readonly number[]
  /** Row-major correlation matrix, factors × factors, symmetric, unit diagonal, positive definite. */
  readonly correlation: readonly (readonly number[])[]
  readonly sources: readonly string[]
}
