import type { RiskFactorId } from '../../domain/riskFactor.js'
import type { RiskProfile } from '../../domain/riskProfile.js'
import { cholesky } from '../../math/linearAlgebra.js'
import type { CompiledPortfolio } from '../kernel/compilePortfolioKernel.js'
import type { MarkedOptionLeg, OptionBook } from '../options/optionBook.js'
import { priceLeg } from '../options/priceLeg.js'
import type { MonteCarloOptionLeg, MonteCarloTask } from './runMonteCarlo.js'

/** What a caller chooses about a run (validated by the service). */
export type MonteCarloSettings = {
  readonly paths: number
  readonly steps: number
  readonly horizonDays: number
  readonly confidence: number
  readonly seed: number
  readonly degreesOfFreedom: number | null
}

/**
 * Option legs to revalue in a run: the book's legs, marked at its valuation
 * time, and an optional relative shock to every leg's implied volatility at
 * the horizon, σ·(1 + volatilityShock), > −1 (null: sticky strike, each leg
 * keeps the volatility at its strike).
 */
export type MonteCarloOptions = {
  readonly book: Pick<OptionBook, 'legs' | 'valuationTime'>
  readonly volatilityShock: number | null
}

/** What a run simulates, besides the task itself. */
export type MonteCarloTaskPlan = {
  readonly task: MonteCarloTask
  /** Factors simulated: those the positions or option legs move with that the profile models. */
  readonly modelledFactors: RiskFactorId[]
  /** Factors the venue positions move with that the profile does not model (held at their current price). */
  readonly unmodelledFactors: RiskFactorId[]
  /** Factors option legs are written on that the profile does not model (those legs keep their forward; only time passes). */
  readonly unmodelledOptionFactors: RiskFactorId[]
}

/**
 * A Monte Carlo task over a compiled wallet and its option legs: the factors
 * its positions and legs move with that the profile models are simulated
 * (vols and the Cholesky factor of their correlation sub-matrix); the others
 * are held at their current price and named. Each leg's Black-76 inputs now
 * and at the horizon are resolved here by the option book's own rules
 * (priceLeg: forward = the leg's own, else spot·e^{rT}; T ACT/365 floored at
 * 0; volatility at the strike, shifted relatively by the shock).
 * @throws TypeError when the profile's correlation sub-matrix is not
 *   positive definite (profiles are validated before they get here).
 * @throws InvalidArgumentError from priceLeg for a leg it cannot price
 *   (legs are validated before they get here).
 */
export function createMonteCarloTask(
  compiled: CompiledPortfolio,
  profile: RiskProfile,
  settings: MonteCarloSettings,
  options: MonteCarloOptions | null = null,
): MonteCarloTaskPlan {
  const marked = options?.book.legs ?? []
  const optionOnly = [...new Set(marked.map((m) => m.leg.riskFactor))].filter((f) => !compiled.factors.includes(f)).sort()
  const factors = [...compiled.factors, ...optionOnly]
  const modelled = factors.map((f, i) => ({ f, i, p: profile.factors.indexOf(f) })).filter((x) => x.p >= 0)
  const correlation = modelled.map((a) => modelled.map((b) => profile.correlation[a.p]![b.p]!))
  const lower = modelled.length === 0 ? [] : cholesky(correlation)
  if (lower === null) throw new TypeError('the risk profile correlation matrix is not positive definite')
  const optionLegs = options === null ? [] : marked.map((m) => toMonteCarloOptionLeg(m, factors.indexOf(m.leg.riskFactor), options.book.valuationTime, settings.horizonDays, options.volatilityShock))
  return {
    task: {
      compiled,
      factors,
      factorIndexes: modelled.map((x) => x.i),
      annualizedVols: modelled.map((x) => profile.annualizedVols[x.p]!),
      correlationCholesky: lower,
      ...settings,
      optionLegs,
    },
    modelledFactors: modelled.map((x) => x.f),
    unmodelledFactors: compiled.factors.filter((f) => !profile.factors.includes(f)),
    unmodelledOptionFactors: [...new Set(marked.map((m) => m.leg.riskFactor))].filter((f) => !profile.factors.includes(f)).sort(),
  }
}

/** Seconds per calendar day: a horizon of h days is h/365 ACT/365 years, as the legs' time to expiry. */
const SECONDS_PER_DAY = 86_400

/** A marked leg's Black-76 inputs now and after `horizonDays`, as the engine's plain data. */
function toMonteCarloOptionLeg(m: MarkedOptionLeg, factorIndex: number, valuationTime: number, horizonDays: number, volatilityShock: number | null): MonteCarloOptionLeg {
  // the leg's own forward wins over a spot in priceLeg; a spot grows at the leg's rate over the time left
  const market: { readonly spotUsd: number } | { readonly forwardUsd: number } = m.spotUsd === null ? { forwardUsd: m.leg.forwardUsd! } : { spotUsd: m.spotUsd }
  const now = priceLeg(m.leg, { ...market, now: valuationTime })
  const horizon = priceLeg(m.leg, {
    ...market,
    now: valuationTime,
    horizonSeconds: horizonDays * SECONDS_PER_DAY,
    ...(volatilityShock === null ? {} : { volShift: { kind: 'relative' as const, value: volatilityShock } }),
  })
  return {
    factorIndex,
    right: m.leg.right,
    strikeUsd: m.leg.strikeUsd,
    size: m.leg.size,
    rate: m.leg.rate ?? 0,
    forwardUsd: now.forwardUsd,
    timeToExpiryYears: now.timeToExpiryYears,
    volatility: now.volatility,
    horizonForwardUsd: horizon.forwardUsd,
    horizonTimeToExpiryYears: horizon.timeToExpiryYears,
    horizonVolatility: horizon.volatility,
  }
}
