import normalDistribution from '@stdlib/random-base-normal'
import chisquareDistribution from '@stdlib/random-base-chisquare'
import {
  computeLegMultipliers,
  createKernelState,
  evaluateVenue,
  liquidateVenue,
  resetKernelState,
  type CompiledPortfolio,
} from '../kernel/compilePortfolioKernel.js'
import type { MonteCarloStatistics } from '../../domain/monteCarlo.js'
import type { OptionRight } from '../../domain/options.js'
import type { RiskFactorId } from '../../domain/riskFactor.js'
import { black76PriceUnchecked } from '../options/black76.js'

export type { MonteCarloStatistics, MonteCarloVenueStatistics } from '../../domain/monteCarlo.js'

/**
 * One Monte Carlo run over a wallet's venue kernels, as plain data (it is
 * what a worker thread receives).
 *
 * Model: each simulated factor's log price follows independent increments
 * over `steps` equal steps of the horizon; an increment vector is
 * σ·√(Δt/365)·L·z·√((ν−2)/W), z standard normal, W ~ χ²(ν) shared by the
 * factors (a multivariate Student-t with unit variance, so σ stays the
 * annualized volatility; Demarta & McNeil 2005, "The t Copula and Related
 * Copulas", the normal variance mixture form), or σ·√(Δt/365)·L·z when
 * `degreesOfFreedom` is null (Gaussian). L is the Cholesky factor of the
 * correlation matrix; zero drift in log price. Every venue is checked at each
 * step's end: one that its rule says is liquidatable is liquidated there by
 * its kernel (Aave cascade, Morpho full repay, perps closed), and what is left
 * carries on to the next step. Option legs held elsewhere are revalued in
 * full by Black-76 at the horizon, their forward moved by their factor's
 * multiplier; they are never liquidated and enter no venue's health.
 */
export type MonteCarloTask = {
  readonly compiled: CompiledPortfolio
  /**
   * Every factor of the run: `compiled.factors` (in its order, so the
   * kernel's indexes hold), then the factors only option legs are written on.
   */
  readonly factors: readonly RiskFactorId[]
  /** Indexes into `factors` of the simulated factors; the others stay at their current price. */
  readonly factorIndexes: readonly number[]
  /** Annualized volatility per simulated factor (0.75 = 75%/yr over 365-day years). */
  readonly annualizedVols: readonly number[]
  /** Lower Cholesky factor of the simulated factors' correlation matrix, row-major. */
  readonly correlationCholesky: readonly (readonly number[])[]
  readonly horizonDays: number
  /** Monitoring steps in the horizon (liquidation is checked at each step's end). */
  readonly steps: number
  readonly paths: number
  /** VaR / ES confidence level, e.g. 0.99. */
  readonly confidence: number
  readonly seed: number
  /** Student-t degrees of freedom (> 2), or null for Gaussian increments. */
  readonly degreesOfFreedom: number | null
  readonly optionLegs: readonly MonteCarloOptionLeg[]
}

/**
 * An option leg as the engine revalues it (plain data): its Black-76 inputs
 * now and at the horizon, the factor's price unchanged. On a path the
 * horizon forward is `horizonForwardUsd` × the factor's multiplier there.
 * Prices USD per unit of the underlying, times ACT/365 years, volatilities
 * annualized fractions (0.6 = 60%).
 */
export type MonteCarloOptionLeg = {
  /** Index into `MonteCarloTask.factors` of the leg's underlying. */
  readonly factorIndex: number
  readonly right: OptionRight
  readonly strikeUsd: number
  /** Units of the underlying, signed (+ long, − short). */
  readonly size: number
  /** Continuously compounded rate per year, discounting the payoff over the time left. */
  readonly rate: number
  /** Forward now: the leg's own, else spot·e^{rT}. */
  readonly forwardUsd: number
  /** Time to expiry at the valuation time, years. */
  readonly timeToExpiryYears: number
  /** The leg's implied volatility at its strike now (legVolatility). */
  readonly volatility: number
  /** Forward at the horizon, factor price unchanged: the leg's own, else spot·e^{r(T − h)}. */
  readonly horizonForwardUsd: number
  /** max(0, T − h), years: 0 once expired, where the leg is worth its intrinsic value. */
  readonly horizonTimeToExpiryYears: number
  /** Volatility at the horizon: `volatility` (sticky strike), or shocked by the run's volatility shock. */
  readonly horizonVolatility: number
}

/**
 * What one option leg's Black-76 revaluation counts for in `evaluations` and
 * the cost limit, in position-leg evaluations: about its cost in the engine
 * (two normal CDFs, an exp and a log: 0.7–1.2 µs against 18–36 ns per
 * position leg, measured with runMonteCarlo on the development VM).
 */
export const OPTION_LEG_EVALUATIONS = 32

/** Paths drawn from one seeded stream; the stream of chunk c is seeded (seed, c), so results do not depend on how chunks are spread. */
const CHUNK_PATHS = 4096

/**
 * Runs the simulation described by `task` (pure and deterministic: the same
 * task gives the same statistics, bit for bit). Kept whole on purpose: the
 * path loop is the engine's hot loop, and its typed arrays and counters stay
 * locals of one function rather than state passed between calls.
 */
export function runMonteCarlo(task: MonteCarloTask): MonteCarloStatistics {
  const c = task.compiled
  const venues = c.venueIds.length
  const legs = c.legBase.length
  const options = task.optionLegs
  const optionCount = options.length
  const f = task.factorIndexes.length
  const nu = task.degreesOfFreedom
  const dtScale = Math.sqrt(task.horizonDays / task.steps / 365)
  const stepVol = Float64Array.from(task.annualizedVols, (v) => v * dtScale)
  const chol = task.correlationCholesky.map((row) => Float64Array.from(row))

  const state = createKernelState(c)
  const factorMultipliers = new Float64Array(task.factors.length).fill(1)
  const legMultipliers = new Float64Array(legs)
  const equity = new Float64Array(venues)
  const logPrice = new Float64Array(f)
  const z = new Float64Array(f)
  const losses = new Float64Array(task.paths)
  const priceOnlyLosses = new Float64Array(task.paths)
  const venueLiquidated = new Uint32Array(venues)
  const venueFirst = new Uint32Array(venues)
  const venueCost = new Float64Array(venues)
  const liquidatedOnPath = new Uint8Array(venues)

  // equity now: every kernel at multipliers 1
  computeLegMultipliers(c, factorMultipliers, legMultipliers)
  let equityNow = 0
  for (let v = 0; v < venues; v++) {
    evaluateVenue(c, v, legMultipliers, state, equity)
    equityNow += equity[v]!
  }
  let optionsNow = 0
  for (let o = 0; o < optionCount; o++) {
    const leg = options[o]!
    optionsNow += leg.size * black76PriceUnchecked(leg.right, leg.forwardUsd, leg.strikeUsd, leg.timeToExpiryYears, leg.volatility, leg.rate)
  }
  equityNow += optionsNow
  let constantEquity = 0
  for (let v = 0; v < venues; v++) constantEquity += c.venueConstantEquity[v]!

  let pathsLiquidated = 0
  let totalCost = 0
  let sumChange = 0
  for (let chunk = 0, path = 0; path < task.paths; chunk++) {
    const normal = normalDistribution.factory(0, 1, { seed: [task.seed >>> 0, chunk, 1] })
    const chisquare = nu === null ? null : chisquareDistribution.factory(nu, { seed: [task.seed >>> 0, chunk, 2] })
    const end = Math.min(task.paths, path + CHUNK_PATHS)
    for (; path < end; path++) {
      resetKernelState(c, state)
      logPrice.fill(0)
      liquidatedOnPath.fill(0)
      let pathCost = 0
      let anyLiquidated = false
      for (let step = 0; step < task.steps; step++) {
        for (let i = 0; i < f; i++) z[i] = normal()
        const mix = chisquare === null ? 1 : Math.sqrt((nu! - 2) / chisquare())
        for (let i = 0; i < f; i++) {
          const row = chol[i]!
          let x = 0
          for (let j = 0; j <= i; j++) x += row[j]! * z[j]!
          logPrice[i] = logPrice[i]! + stepVol[i]! * x * mix
          factorMultipliers[task.factorIndexes[i]!] = Math.exp(logPrice[i]!)
        }
        computeLegMultipliers(c, factorMultipliers, legMultipliers)
        let first = -1
        let firstHealth = Number.POSITIVE_INFINITY
        for (let v = 0; v < venues; v++) {
          const hf = evaluateVenue(c, v, legMultipliers, state, equity)
          if (!(hf < 1)) continue
          if (!anyLiquidated && hf < firstHealth) {
            first = v
            firstHealth = hf
          }
          const cost = liquidateVenue(c, v, legMultipliers, state, equity)
          pathCost += cost
          venueCost[v] = venueCost[v]! + cost
          liquidatedOnPath[v] = 1
        }
        if (first >= 0) {
          venueFirst[first] = venueFirst[first]! + 1
          anyLiquidated = true
        }
      }
      // equity at the horizon, after the path's liquidations
      let equityEnd = 0
      for (let v = 0; v < venues; v++) {
        evaluateVenue(c, v, legMultipliers, state, equity)
        equityEnd += equity[v]!
      }
      // option legs, revalued in full at the horizon's prices; never liquidated, so in both figures
      let optionsEnd = 0
      for (let o = 0; o < optionCount; o++) {
        const leg = options[o]!
        const forward = leg.horizonForwardUsd * factorMultipliers[leg.factorIndex]!
        optionsEnd += leg.size * black76PriceUnchecked(leg.right, forward, leg.strikeUsd, leg.horizonTimeToExpiryYears, leg.horizonVolatility, leg.rate)
      }
      equityEnd += optionsEnd
      // the same positions held throughout: linear in the leg multipliers
      let priceOnlyEnd = constantEquity + optionsEnd
      for (let l = 0; l < legs; l++) priceOnlyEnd += c.legEquity[l]! * legMultipliers[l]!
      losses[path] = equityNow - equityEnd
      priceOnlyLosses[path] = equityNow - priceOnlyEnd
      sumChange += equityEnd - equityNow
      for (let v = 0; v < venues; v++) venueLiquidated[v] = venueLiquidated[v]! + liquidatedOnPath[v]!
      if (anyLiquidated) pathsLiquidated++
      totalCost += pathCost
    }
  }

  const tail = tailStatistics(losses, task.confidence)
  const priceOnlyTail = tailStatistics(priceOnlyLosses, task.confidence)
  const p = pathsLiquidated / task.paths
  return {
    paths: task.paths,
    steps: task.steps,
    // position legs at every step, option legs once per path (at the horizon), each at its weight
    evaluations: task.paths * (task.steps * legs + OPTION_LEG_EVALUATIONS * optionCount),
    equityUsd: equityNow,
    optionsValueUsd: optionsNow,
    meanEquityChangeUsd: sumChange / task.paths,
    valueAtRiskUsd: tail.valueAtRisk,
    expectedShortfallUsd: tail.expectedShortfall,
    priceOnlyValueAtRiskUsd: priceOnlyTail.valueAtRisk,
    priceOnlyExpectedShortfallUsd: priceOnlyTail.expectedShortfall,
    liquidationProbability: p,
    liquidationProbabilityStandardError: Math.sqrt((p * (1 - p)) / task.paths),
    expectedLiquidationCostUsd: totalCost / task.paths,
    expectedLiquidationCostGivenLiquidationUsd: pathsLiquidated > 0 ? totalCost / pathsLiquidated : null,
    venues: c.venueIds.map((venueId, v) => ({
      venueId,
      liquidationProbability: venueLiquidated[v]! / task.paths,
      firstLiquidationProbability: venueFirst[v]! / task.paths,
      expectedLiquidationCostUsd: venueCost[v]! / task.paths,
    })),
  }
}

/**
 * Historical-simulation VaR and ES of a loss sample at confidence α: with
 * k = max(1, ⌈(1 − α)·n⌉), VaR = the k-th largest loss and ES = the mean of
 * the k largest (Acerbi & Tasche 2002, "On the coherence of expected
 * shortfall", the discrete estimator). Sorts `losses` in place.
 */
export function tailStatistics(losses: Float64Array, confidence: number): { valueAtRisk: number; expectedShortfall: number } {
  const n = losses.length
  losses.sort()
  const k = Math.max(1, Math.ceil((1 - confidence) * n - 1e-9))
  let sum = 0
  for (let i = n - k; i < n; i++) sum += losses[i]!
  return { valueAtRisk: losses[n - k]!, expectedShortfall: sum / k }
}
