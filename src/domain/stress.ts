import type { RiskFactorId } from './riskFactor.js'

/**
 * A risk factor's scan range: the relative price move one SPAN "full" step
 * applies (0.066 = ±6.6%), with its source.
 */
export type ScanRange = { readonly riskFactor: RiskFactorId; readonly scanRange: number; readonly source: string }

/**
 * A named scenario: relative price moves per risk factor (−0.2 = −20%) and
 * the weight its loss counts with when ranking the worst (SPAN counts the
 * extreme ±2× moves at 35%).
 */
export type StressScenario = {
  readonly id: string
  readonly label: string
  readonly moves: Readonly<Record<RiskFactorId, number>>
  readonly weight: number
  /**
   * Relative shifts of implied volatility per factor (0.25: every option leg
   * on that factor prices at its vol × 1.25); factors not listed keep their
   * legs' implied volatility (sticky strike). Only option legs feel them.
   */
  readonly volatilityShifts?: Readonly<Record<RiskFactorId, number>>
}

/**
 * Positions the wallet holds outside its venues (option legs): revalued in
 * full under every scenario, never liquidated, and never part of a venue's
 * health.
 */
export type OffVenueBook = {
  /** Number of positions, for cost limits. */
  readonly size: number
  /** Value now, USD. */
  readonly valueUsd: number
  /** Value after relative price moves and relative implied-volatility shifts per factor (see StressScenario), USD. */
  valueUnder(moves: Readonly<Record<RiskFactorId, number>>, volatilityShifts: Readonly<Record<RiskFactorId, number>>): number
}

/**
 * One liquidation the protocol would run. Amounts in token units as floats,
 * values in USD at the scenario's prices; `costUsd` = collateral seized
 * (including any protocol fee) − debt repaid: the borrower's loss.
 */
export type LiquidationStep = {
  readonly debtAsset: string
  readonly debtRepaid: number
  readonly debtRepaidUsd: number
  readonly collateralAsset: string
  readonly collateralSeized: number
  readonly collateralSeizedUsd: number
  readonly costUsd: number
  /** Share of the debt position this call could repay (Aave close factor; 1 for Morpho). */
  readonly closeFactor: number
  readonly healthFactorAfter: number | null
}

/**
 * A venue's liquidation under a scenario: the calls in order until it is
 * healthy again, their total cost, and whether the figures follow the
 * protocol's exact arithmetic (Aave, Morpho) or an approximation (perps).
 */
export type VenueLiquidation = {
  readonly venueId: string
  readonly steps: readonly LiquidationStep[]
  readonly costUsd: number
  readonly exact: boolean
  readonly note: string | null
}

/** One venue under one scenario. USD. */
export type StressVenueResult = {
  readonly venueId: string
  readonly healthFactor: number | null
  readonly liquidatable: boolean
  readonly equityUsd: number
}

/**
 * One scenario's outcome over the wallet. Loss = equity before − after, USD
 * (negative: a gain); equity counts the venues and any option legs.
 */
export type StressScenarioResult = {
  readonly scenario: StressScenario
  readonly venues: readonly StressVenueResult[]
  readonly equityUsd: number
  /** Value of the option legs after the move, USD; null when the request has none. */
  readonly optionLegsValueUsd: number | null
  readonly lossUsd: number
  readonly weightedLossUsd: number
  readonly liquidatedVenueIds: readonly string[]
  /** The liquidations that follow, deepest venue first (lowest health factor), with their costs. */
  readonly cascade: readonly VenueLiquidation[]
  /** Σ cascade costs, USD: what liquidation itself would cost the wallet on top of the price loss. */
  readonly liquidationCostUsd: number
}

/** The grid's answer: every scenario, the worst by weighted loss, and what was scanned. */
export type StressGrid = {
  readonly scanRanges: readonly ScanRange[]
  /** Relative implied-volatility shifts of SPAN's paired scenarios, for the scanned factors option legs are written on (empty without legs). */
  readonly volatilityScanRanges: readonly { readonly riskFactor: RiskFactorId; readonly up: number; readonly down: number; readonly source: string }[]
  /** Volatile factors the book holds that had no scan range: not scanned (supply one to scan them). */
  readonly unscannedFactors: readonly RiskFactorId[]
  readonly scenarios: readonly StressScenarioResult[]
  readonly worst: StressScenarioResult | null
  /** SPAN scanning risk: the worst weighted loss over the grid (0 when all gain). USD. */
  readonly scanningRiskUsd: number
}

/** Kinds of the built-in scenario library. */
export type LibraryScenarioKind = 'MARKET_CRASH' | 'LST_DEPEG' | 'STABLECOIN_DEPEG'

/**
 * A built-in scenario, its moves taken from the sourced historical episodes:
 * what it assumes (`basis`), the episodes each move comes from, and the held
 * factors of its kind it has no figure for (held unchanged, named).
 */
export type LibraryScenario = {
  readonly kind: LibraryScenarioKind
  readonly scenario: StressScenario
  readonly basis: string
  readonly sourceEpisodes: readonly string[]
  readonly unknownFactors: readonly RiskFactorId[]
}

/** A built-in scenario revalued over the wallet. */
export type LibraryScenarioResult = StressScenarioResult & Omit<LibraryScenario, 'scenario'>
