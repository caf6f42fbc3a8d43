import type { RiskFactorId } from './riskFactor.js'
import type { ScanRange } from './stress.js'

/**
 * Volatility scan range (VSR) of one risk factor, as relative changes of
 * implied volatility: up the range σ' = σ·(1 + up), down it σ' = σ·(1 − down).
 * Fractions (0.5 = +50%). SPAN has one symmetric range per combined
 * commodity (up = down), which CME describes only as "the change in implied
 * volatility that is used in each of SPAN's 16 scenarios" (CME Clearing
 * Advisory 20-319, 13 Aug 2020); the unit is the clearing house's choice.
 * xmargin takes the relative convention of the crypto schemes whose ranges
 * it uses: Paradex documents "Shocked IV = Mark IV × (1 + Vol Shock × …)"
 * (https://docs.paradex.trade/risk/portfolio-margin), and Deribit publishes
 * an asymmetric pair (`volatility_range_up` / `volatility_range_down`).
 */
export type VolatilityScanRange = { readonly up: number; readonly down: number }

/**
 * The SPAN parameters of one risk factor (SPAN's combined commodity: every
 * position on the same ultimate underlying).
 * - `priceScanRange` (PSR): the relative price move of a full step, fraction
 *   (0.066 = ±6.6%).
 * - `shortOptionMinimumRate`: USD charged per USD of short option notional
 *   (units × the underlying's USD price), fraction. CME states its rate as a
 *   share of one underlying future's outright margin ("The SOM charge per
 *   short calls or short puts is a percentage of the outright margin on one
 *   underlying futures contract", CME Clearing Advisory 20-319), that is of
 *   PSR × price: a CME rate r_CME is r_CME × PSR here.
 * - `sources`: where each value comes from (a sourced figure, a proxy, or the request).
 */
export type FactorScanParameters = {
  readonly riskFactor: RiskFactorId
  readonly priceScanRange: number
  readonly volatilityScanRange: VolatilityScanRange
  readonly shortOptionMinimumRate: number
  readonly sources: readonly string[]
}

/**
 * SPAN's extreme-move pair (scenarios 15–16): the price moves `multiple` ×
 * PSR up and down with volatility unchanged, and only `coverFraction` of the
 * loss counts. CME: 2× and 0.35; some clearing houses use 3× (e.g. CME's
 * 2008 Gasoil options: extreme move 3, coverage 0.33).
 */
export type ExtremeMove = { readonly multiple: number; readonly coverFraction: number }

/** Everything the scan needs: one entry per scanned risk factor, and the extreme-move pair. */
export type SpanParameters = {
  readonly factors: readonly FactorScanParameters[]
  readonly extremeMove: ExtremeMove
}

/** A scenario's volatility move in multiples of the volatility scan range: +1 up, −1 down, 0 unchanged. */
export type VolatilityShift = -1 | 0 | 1

/**
 * One risk scenario evaluated over the books. `id` is SPAN's scenario
 * number (1–16, CME's order); `priceScanFraction` the price move in
 * multiples of the PSR (0, ±1/3, ±2/3, ±1, ± the extreme multiple);
 * `priceMoves` the relative moves applied per factor (fraction × PSR);
 * `weight` 1, or the cover fraction for 15–16. USD: loss = value before −
 * value under the scenario (negative: a gain); weighted loss = weight × loss.
 */
export type ScanScenarioResult = {
  readonly id: number
  readonly label: string
  readonly priceScanFraction: number
  readonly volatilityShift: VolatilityShift
  readonly weight: number
  readonly priceMoves: Readonly<Record<RiskFactorId, number>>
  readonly lossUsd: number
  readonly weightedLossUsd: number
}

/**
 * The short option minimum (SOM) of one risk factor: rate × max(short call
 * notional, short put notional), USD (CME Clearing House Advisory 99-65:
 * the greater of the short calls or the short puts, times the rate).
 */
export type ShortOptionMinimumCharge = {
  readonly riskFactor: RiskFactorId
  readonly shortCallNotionalUsd: number
  readonly shortPutNotionalUsd: number
  readonly rate: number
  readonly chargeUsd: number
}

/**
 * One risk factor scanned on its own (others unchanged): its 16 scenarios,
 * its scanning risk = max(0, largest weighted loss) USD, the scenario that
 * sets it (null when every scenario gains), its short option minimum (null
 * without short options), and its requirement = max(scanning risk, SOM)
 * (SPAN's combined-commodity requirement, with no spread charges or credits).
 */
export type FactorScanningRisk = {
  readonly riskFactor: RiskFactorId
  readonly priceScanRange: number
  readonly volatilityScanRange: VolatilityScanRange
  readonly scenarios: readonly ScanScenarioResult[]
  readonly scanningRiskUsd: number
  readonly worstScenario: ScanScenarioResult | null
  readonly shortOptionMinimum: ShortOptionMinimumCharge | null
  readonly requirementUsd: number
}

/**
 * xmargin's correlated all-factor scan (beyond SPAN): every scanned factor
 * moved by the same fraction of its own PSR in the same direction, all
 * volatilities shifted the same way, in SPAN's 16 steps (15–16 at the cover
 * fraction). Worst loss = max(0, largest weighted loss), USD.
 */
export type AllFactorScan = {
  readonly riskFactors: readonly RiskFactorId[]
  readonly scenarios: readonly ScanScenarioResult[]
  readonly worstLossUsd: number
  readonly worstScenario: ScanScenarioResult | null
}

/** What one factor contributes to the SPAN total: a scenario's weighted loss, or its short option minimum. */
export type FactorRequirementSource =
  | { readonly kind: 'scenario'; readonly riskFactor: RiskFactorId; readonly scenario: ScanScenarioResult }
  | { readonly kind: 'shortOptionMinimum'; readonly riskFactor: RiskFactorId; readonly charge: ShortOptionMinimumCharge }

/**
 * What sets the requirement:
 * - `none`: nothing loses and nothing is short: the requirement is 0;
 * - `span`: the SPAN total, a sum over factors: each factor's worst scenario
 *   or short option minimum, largest first;
 * - `allFactors`: one correlated all-factor scenario loses more than the SPAN total.
 */
export type RequirementSource =
  | { readonly kind: 'none' }
  | { readonly kind: 'span'; readonly factors: readonly FactorRequirementSource[] }
  | { readonly kind: 'allFactors'; readonly scenario: ScanScenarioResult }

/**
 * Risk-based portfolio margin of a set of books seen as one account. USD.
 * - spanRequirementUsd = Σ_f max(scanning risk_f, SOM_f) (no inter-commodity credits);
 * - requirementUsd = max(spanRequirementUsd, allFactors.worstLossUsd);
 * - equityUsd = Σ book values with nothing moved;
 * - marginRatio = equity / requirement, null when the requirement is 0;
 * - unscannedFactors: factors a book holds short options on that have no
 *   scan parameters: neither scanned nor charged (supply parameters to include them).
 */
export type PortfolioMargin = {
  readonly bookIds: readonly string[]
  readonly factors: readonly FactorScanningRisk[]
  readonly scanningRiskUsd: number
  readonly shortOptionMinimumUsd: number
  readonly spanRequirementUsd: number
  readonly allFactors: AllFactorScan
  readonly requirementUsd: number
  readonly setBy: RequirementSource
  readonly equityUsd: number
  readonly marginRatio: number | null
  readonly extremeMove: ExtremeMove
  readonly unscannedFactors: readonly RiskFactorId[]
}

/**
 * One venue (book) on its own against the one account. USD.
 * - capitalFreedVsProtocolUsd = protocolMaintenanceMarginUsd − requirementUsd;
 * - capitalFreedVsTableUsd = tableRequirementUsd − requirementUsd.
 * Negative: the risk-based rule asks more than the other rule.
 */
export type VenueCapitalFreed = {
  readonly bookId: string
  readonly alone: PortfolioMargin
  readonly requirementUsd: number
  readonly protocolMaintenanceMarginUsd: number
  readonly capitalFreedVsProtocolUsd: number
  readonly tableRequirementUsd: number
  readonly capitalFreedVsTableUsd: number
}

/**
 * The capital one portfolio-margined account would free. USD.
 * - separateRequirementUsd = Σ_v requirement_v (each book on its own);
 * - nettingBenefitUsd = separateRequirementUsd − netted.requirementUsd (≥ 0: the rule is subadditive);
 * - protocolMaintenanceMarginUsd = Σ_v the protocols' own maintenance margins;
 * - capitalFreedVsProtocolUsd = protocolMaintenanceMarginUsd − netted.requirementUsd;
 * - capitalFreedVsTableUsd = nettedTableRequirementUsd − netted.requirementUsd
 *   (the same one account under the haircut table and under the risk-based rule).
 */
export type CapitalFreed = {
  readonly venues: readonly VenueCapitalFreed[]
  readonly netted: PortfolioMargin
  readonly separateRequirementUsd: number
  readonly nettingBenefitUsd: number
  readonly protocolMaintenanceMarginUsd: number
  readonly capitalFreedVsProtocolUsd: number
  readonly separateTableRequirementUsd: number
  readonly nettedTableRequirementUsd: number
  readonly capitalFreedVsTableUsd: number
}

/**
 * A scan range a portfolio-margin scheme publishes, with where it says so.
 * `volatilityScanRange` in the scheme's own convention (`relative`: σ·(1 ±
 * x); `absolute`: σ ± x), null where the source read gives none; a side is
 * null where the source read does not state it.
 */
export type PublishedScanRange = {
  readonly scheme: string
  readonly appliesTo: { readonly kind: 'riskFactors'; readonly riskFactors: readonly RiskFactorId[] } | { readonly kind: 'scheme'; readonly note: string }
  readonly priceScanRange: number
  readonly volatilityScanRange: { readonly up: number | null; readonly down: number | null; readonly convention: 'relative' | 'absolute' } | null
  readonly url: string
  readonly quote: string
  readonly asOf: string | null
}

/**
 * Per risk factor, the range the server scans with (its sourced proxy or a
 * request's) beside the ranges published schemes use for it; `schemeWide`
 * lists published ranges that name no market.
 */
export type ScanRangeComparison = {
  readonly factors: readonly { readonly riskFactor: RiskFactorId; readonly inUse: ScanRange | null; readonly published: readonly PublishedScanRange[] }[]
  readonly schemeWide: readonly PublishedScanRange[]
}

/**
 * The portfolio-margin answer for a wallet: the parameters scanned with, its
 * venues as one account against each venue alone (capital freed vs the
 * protocols and the haircut table), the venues with the request's option
 * legs as one account (null without legs), and the scan ranges in use beside
 * the published ones.
 */
export type PortfolioMarginView = {
  readonly parameters: SpanParameters
  readonly venues: CapitalFreed
  readonly withOptionLegs: PortfolioMargin | null
  readonly scanRangeComparison: ScanRangeComparison
  /** Factors the wallet or its legs hold that have no price scan range: not scanned (a request's `scanRanges` adds them). */
  readonly unscannedFactors: readonly RiskFactorId[]
}
