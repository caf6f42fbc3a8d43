import type { RiskFactorId } from './riskFactor.js'

/** Per venue: how often and how expensively it was liquidated across the paths. */
export type MonteCarloVenueStatistics = {
  readonly venueId: string
  /** Share of paths on which the venue was liquidated at least once. */
  readonly liquidationProbability: number
  /** Share of paths on which it was the first venue liquidated (deepest below 1 at the first liquidating step). */
  readonly firstLiquidationProbability: number
  /** Mean liquidation cost over all paths, USD. */
  readonly expectedLiquidationCostUsd: number
}

/**
 * What a Monte Carlo run measured. Loss = net equity now − net equity at
 * the horizon, USD (positive = a loss), over every venue, after the
 * liquidations on the path, and the option legs, revalued in full. VaR at confidence α = the k-th largest loss with
 * k = max(1, ⌈(1 − α)·paths⌉); expected shortfall = the mean of those k
 * largest, so ES ≥ VaR always (Acerbi & Tasche 2002). `priceOnly*` are the
 * same statistics with the positions held whatever happens: the gap is what
 * liquidation adds to the tail.
 */
export type MonteCarloStatistics = {
  readonly paths: number
  readonly steps: number
  /**
   * Scenario × position evaluations run: paths × (steps × position legs +
   * 32 × option legs); an option leg is revalued once per path, at the
   * horizon, and counts for 32 position legs, about its cost
   * (OPTION_LEG_EVALUATIONS).
   */
  readonly evaluations: number
  /** Net equity now, USD: the venues' plus the option legs' value (`optionsValueUsd`). */
  readonly equityUsd: number
  /** Value of the option legs now, USD (Σ size × Black-76 price at their implied volatility). */
  readonly optionsValueUsd: number
  readonly meanEquityChangeUsd: number
  readonly valueAtRiskUsd: number
  readonly expectedShortfallUsd: number
  readonly priceOnlyValueAtRiskUsd: number
  readonly priceOnlyExpectedShortfallUsd: number
  /** Share of paths on which at least one venue was liquidated within the horizon (checked at each step's end). */
  readonly liquidationProbability: number
  /** Binomial standard error of that share, √(p(1 − p)/paths). */
  readonly liquidationProbabilityStandardError: number
  /** Mean total liquidation cost over all paths, USD. */
  readonly expectedLiquidationCostUsd: number
  /** Mean total liquidation cost over the paths with a liquidation, USD; null when none had one. */
  readonly expectedLiquidationCostGivenLiquidationUsd: number | null
  readonly venues: readonly MonteCarloVenueStatistics[]
}

/** The distribution of the factors' log-price increments. */
export type MonteCarloDistribution = 'STUDENT_T' | 'NORMAL'

/** A Monte Carlo answer: the statistics and everything needed to reproduce and read them. */
export type MonteCarloResult = MonteCarloStatistics & {
  readonly horizonDays: number
  readonly confidence: number
  readonly seed: number
  readonly distribution: MonteCarloDistribution
  /** Student-t degrees of freedom; null for NORMAL. */
  readonly degreesOfFreedom: number | null
  /** Where the default degrees of freedom come from; null when the request set them or chose NORMAL. */
  readonly degreesOfFreedomSource: string | null
  /** Factors simulated (held and modelled by the profile). */
  readonly modelledFactors: readonly RiskFactorId[]
  /** Factors the positions move with that the profile does not model: held at their current price. */
  readonly unmodelledFactors: readonly RiskFactorId[]
  readonly profileSources: readonly string[]
  /** Venues whose health the simulation linearizes (GMX v2: price impact and fees frozen at the read prices). */
  readonly approximatedVenueIds: readonly string[]
  /** Option legs revalued at the horizon. */
  readonly optionLegs: number
  /**
   * Factors option legs are written on that the profile does not model: those
   * legs keep their current forward, only time passes.
   */
  readonly unmodelledOptionFactors: readonly RiskFactorId[]
  /**
   * Relative shock applied at the horizon to every leg's implied volatility,
   * σ·(1 + shock); null when the legs keep their implied volatility (sticky strike).
   */
  readonly volatilityShock: number | null
  /** The option volatility treatment in words: `sticky strike`, or the shock applied. */
  readonly optionVolatility: string
}

/** What a caller may set about a run; unset fields take the documented defaults. */
export type MonteCarloParameters = {
  readonly paths?: number | undefined
  readonly confidence?: number | undefined
  readonly horizonDays?: number | undefined
  readonly steps?: number | undefined
  readonly seed?: number | undefined
  readonly distribution?: MonteCarloDistribution | undefined
  readonly degreesOfFreedom?: number | undefined
  /** Relative shock to every option leg's implied volatility at the horizon, in (−1, 10] (0.5 = σ × 1.5). */
  readonly volatilityShock?: number | undefined
}
