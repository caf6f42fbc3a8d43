import type { HedgeSizing, OptionsView } from './options.js'
import type { PortfolioMarginView } from './portfolioMargin.js'
import type { Address } from 'viem'
import type { RiskFactorId, RiskFactorKind } from './riskFactor.js'
import type { BlockRef, Venue, VenueError } from './venue.js'
import type { LibraryScenarioResult, StressGrid, StressScenarioResult } from './stress.js'
import type { HistoricalScenarioResult } from './scenario.js'
import type { SimulationInfo } from './simulation.js'
import type { MonteCarloParameters, MonteCarloResult } from './monteCarlo.js'

/** How one chain's read went. */
export type ChainRead =
  | {
      readonly chainId: number
      readonly name: string
      readonly status: 'ok'
      readonly block: BlockRef
      /** Wall clock − the block's timestamp, seconds (≥ 0). */
      readonly headAgeSeconds: number
      /** The head is older than the chain's expected bound: the node may have stalled. */
      readonly stale: boolean
    }
  | { readonly chainId: number; readonly name: string; readonly status: 'unavailable'; readonly error: VenueError }

/**
 * Net exposure to one risk factor across venues and chains, USD (signed:
 * collateral/supply positive, debt negative). Ratio factors carry the USD
 * value of the assets that move with them; they are not added into the
 * base-factor nets (an LST counts once, under its base factor).
 */
export type RiskFactorExposure = {
  readonly riskFactor: RiskFactorId
  readonly kind: RiskFactorKind
  readonly longUsd: number
  readonly shortUsd: number
  readonly netUsd: number
}

/** Sums over the available venues. USD. */
export type PortfolioTotals = {
  readonly collateralUsd: number
  readonly debtUsd: number
  readonly netEquityUsd: number
  readonly maintenanceMarginUsd: number
  readonly initialMarginUsd: number
}

/** The collateral factor applied to one base risk factor in the one-account lens. */
export type OneAccountFactor = {
  readonly riskFactor: RiskFactorId
  readonly kind: RiskFactorKind
  readonly netUsd: number
  /** Maintenance weight (fraction). */
  readonly maintenanceWeight: number
  /** Initial weight (fraction): maintenance weight less 0.05. */
  readonly initialWeight: number
}

/**
 * The wallet as one cross-margin account with one table of collateral
 * factors. health = Σ cf_f·max(net_f, 0) / Σ max(−net_f, 0) (null with no
 * net liabilities); maintenance margin = Σ (1 − cf_f)·max(net_f, 0);
 * marginRatio = equity / maintenance margin (null when the requirement is 0);
 * nettingBenefitUsd = the same table applied to each venue on its own,
 * summed (separateRequirementUsd), − this account's (never negative);
 * fragmentationCostUsd = the protocols' own summed maintenance margins
 * (protocolsMaintenanceMarginUsd) − this account's: two different rules.
 */
export type OneAccountView = {
  readonly factors: readonly OneAccountFactor[]
  readonly healthFactor: number | null
  readonly assetsUsd: number
  readonly liabilitiesUsd: number
  readonly weightedAssetsUsd: number
  readonly equityUsd: number
  readonly maintenanceMarginUsd: number
  readonly initialMarginUsd: number
  readonly marginRatio: number | null
  readonly liquidatable: boolean
  /** Σ over venues of the table's requirement of each venue's own exposures, USD. */
  readonly separateRequirementUsd: number
  /** separateRequirementUsd − maintenanceMarginUsd, USD: the margin the one account frees, like for like. */
  readonly nettingBenefitUsd: number
  /** Σ of the venues' own maintenance margins (each protocol's rule), USD. */
  readonly protocolsMaintenanceMarginUsd: number
  /** protocolsMaintenanceMarginUsd − maintenanceMarginUsd, USD (compares two rules; see nettingBenefitUsd). */
  readonly fragmentationCostUsd: number
}

/**
 * How a liquidation entry was ranked against the others: `SIGMA` by its
 * single-factor σ-distance under the risk profile in use; `PERCENT` by
 * |changePct|, because the profile has no volatility for its factor (such
 * entries rank after every `SIGMA` one).
 */
export type LiquidationRanking = 'SIGMA' | 'PERCENT'

/**
 * The nearest liquidation for one risk factor (others fixed), across venues.
 * `changePct` = 100·(P_liq/P₀ − 1), signed; `sigmaDistance` =
 * |ln(P_liq/P₀)| / (σ_f·√(horizonDays/365)) with σ_f the factor's own annualized
 * volatility in the risk profile (for a ratio factor such as `WSTETH_ETH`, the
 * ratio's own volatility, since only the ratio moves), null when the profile
 * has none for the factor.
 */
export type NearestLiquidation = {
  readonly venueId: string
  readonly riskFactor: RiskFactorId
  readonly priceUsd: number
  readonly changePct: number
} & (
  | { readonly ranking: Extract<LiquidationRanking, 'SIGMA'>; /** Standard deviations of the factor's log-price move over the horizon. */ readonly sigmaDistance: number }
  | { readonly ranking: Extract<LiquidationRanking, 'PERCENT'>; readonly sigmaDistance: null }
)

/**
 * The smallest market-wide move (every volatile factor by the same
 * percentage, stable and ratio factors fixed) that liquidates some venue.
 */
export type MarketWideLiquidation = {
  readonly changePct: number
  readonly venueId: string
}

/**
 * Per factor and market-wide, the nearest liquidation. Single-factor entries
 * are ranked by σ-distance where the risk profile has a volatility for the
 * factor, else by |changePct| after all σ-ranked ones (`ranking` says which);
 * ties go to the venue with the lowest health factor.
 */
export type LiquidationDistance = {
  /** Horizon of the σ-distances, days (the request's, the same as sigmaDistance's). */
  readonly horizonDays: number
  /** The smallest σ-distance over all venues and factors (then, for factors without a volatility, the smallest |changePct|); the sign of changePct gives the direction. */
  readonly nearest: NearestLiquidation | null
  /** Per risk factor, the venue that liquidates first when it alone moves (either direction, the nearer in σ, or in percent without a volatility). */
  readonly perRiskFactor: readonly NearestLiquidation[]
  /**
   * Per risk factor, the nearest liquidation on a fall and on a rise
   * separately: a crash can liquidate a loan while a rally liquidates a short
   * perp on the same factor.
   */
  readonly perRiskFactorDown: readonly NearestLiquidation[]
  readonly perRiskFactorUp: readonly NearestLiquidation[]
  /** Per venue with a liquidation price, its nearest one in the same ranking (a venue's own nearest factor), in the order of the venue models (match by venueId). */
  readonly perVenue: readonly NearestLiquidation[]
  /** Smallest |move| in either direction; null if nothing liquidates in range. */
  readonly marketWide: MarketWideLiquidation | null
  readonly marketWideDown: MarketWideLiquidation | null
  readonly marketWideUp: MarketWideLiquidation | null
}

/** The whole answer for one wallet. */
export type Portfolio = {
  readonly owner: Address
  readonly chains: readonly ChainRead[]
  readonly venues: readonly Venue[]
  readonly exposures: readonly RiskFactorExposure[]
  readonly totals: PortfolioTotals
  readonly oneAccount: OneAccountView
  /** Set on a what-if answer: what was applied, and what the protocols would have refused. */
  readonly simulation: SimulationInfo | null
  /** The views the request asked for (PortfolioViewRequest), each computed, or failed on its own. */
  readonly views: PortfolioViews
}

/** A view computed for a request, or the error it failed with (that view's alone: the rest of the answer stands). */
export type ViewResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown }

/**
 * The views of a wallet that cost more than its read, computed only when a
 * request asks for them (null when it did not).
 */
export type PortfolioViews = {
  /** Per factor and market-wide, the nearest liquidation; its market-wide move also names the first venue to liquidate. */
  readonly liquidationDistance: ViewResult<LiquidationDistance> | null
  /** SPAN-style grid over every venue (lending and perps), revalued by each protocol's rule. */
  readonly stressGrid: ViewResult<StressGrid> | null
  /** The sourced historical episodes replayed over every venue. */
  readonly historicalScenarios: ViewResult<readonly HistoricalScenarioResult[]> | null
  /** The caller's own scenarios, in request order. */
  readonly customScenarios: ViewResult<readonly StressScenarioResult[]> | null
  /** The built-in library: market crash, LST depeg while ETH holds, stablecoin depegs, from sourced episode moves. */
  readonly libraryScenarios: ViewResult<readonly LibraryScenarioResult[]> | null
  /** Distance to liquidation in standard deviations of the profile's joint moves over the horizon. */
  readonly sigmaDistance: ViewResult<SigmaDistanceView> | null
  /** The request's option legs valued and the wallet's Greeks per factor; null when not asked, or without legs. */
  readonly options: ViewResult<OptionsView | null> | null
  /** Risk-based portfolio margin of the wallet as one account, and the capital it frees. */
  readonly portfolioMargin: ViewResult<PortfolioMarginView> | null
  /** The protective put sized against the worst stress loss; null when not asked, or without `hedge`. */
  readonly hedge: ViewResult<HedgeSizing | null> | null
  /** Each Monte Carlo run asked for, with its settings as asked (a request may ask several, under aliases). */
  readonly monteCarlo: readonly { readonly parameters: MonteCarloParameters; readonly result: ViewResult<MonteCarloResult> }[]
}

/**
 * Which views a request asks for: each flag computes that view;
 * `monteCarlo` lists the runs (their settings as sent; a run whose settings
 * are already known to be wrong carries that error instead and is not run).
 */
export type PortfolioViewRequest = {
  readonly liquidationDistance?: boolean
  readonly stressGrid?: boolean
  readonly historicalScenarios?: boolean
  readonly customScenarios?: boolean
  readonly libraryScenarios?: boolean
  readonly sigmaDistance?: boolean
  readonly options?: boolean
  readonly portfolioMargin?: boolean
  readonly hedge?: boolean
  readonly monteCarlo?: readonly { readonly parameters: MonteCarloParameters; readonly invalid?: unknown }[]
}

/** The most likely joint shock to each venue's liquidation (see risk/stress/sigmaDistance.ts). */
export type SigmaDistanceView = {
  readonly horizonDays: number
  readonly nearest: SigmaDistanceEntry | null
  readonly perVenue: readonly SigmaDistanceEntry[]
  readonly unmodelledFactors: readonly string[]
  readonly profileSources: readonly string[]
}

export type SigmaDistanceEntry = {
  readonly venueId: string
  readonly sigmas: number
  readonly linearSigmas: number
  readonly shock: Readonly<Record<string, number>>
  readonly healthFactorAtShock: number
}
