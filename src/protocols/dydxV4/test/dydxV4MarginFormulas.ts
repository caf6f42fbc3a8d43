import { dydxV4SignedSize, type DydxV4Side } from '../model/dydxV4Margin.js'

/**
 * dYdX v4 margin arithmetic as its documentation writes it, apart from the
 * engine (test reference): the replay tests check the recorded indexer
 * answers against it (pure, floating point: the indexer
 * reports decimals, not the chain's quantums). Sizes in base units of the
 * market (e.g. ETH), signed + long / − short; prices and amounts in USD
 * (USDC); margin fractions as fractions of notional (0.05 = 5%).
 *
 * Source: dYdX v4 docs, "Margining" (docs.dydx.exchange): for a position of
 * size S at oracle price P, IMR = |S·P·IMF| and MMR = |S·P·MMF|; total net
 * collateral = USDC + Σ S·P; liquidatable when total net collateral < Σ MMR;
 * free collateral = equity − Σ IMR. The indexer computes its `equity` and
 * `freeCollateral` the same way (v4-chain indexer/services/comlink
 * lib/helpers.ts, calculateEquityAndFreeCollateral, with the base IMF).
 */

/** A position as the margin rules see it: signed size, the market's oracle price and margin fractions. */
export type DydxV4MarginPosition = {
  readonly sizeSigned: number
  readonly oraclePrice: number
  readonly initialMarginFraction: number
  readonly maintenanceMarginFraction: number
}

/** Total net collateral (the indexer's `equity`), USD: USDC + Σ S·P (docs, Margining). */
export function dydxV4TotalNetCollateral(a: { readonly usdc: number; readonly positions: readonly Pick<DydxV4MarginPosition, 'sizeSigned' | 'oraclePrice'>[] }): number {
  return a.positions.reduce((s, p) => s + p.sizeSigned * p.oraclePrice, a.usdc)
}

/** Initial margin requirement, USD: Σ |S·P·IMF| (docs, Margining). */
export function dydxV4InitialMarginRequirement(positions: readonly Omit<DydxV4MarginPosition, 'maintenanceMarginFraction'>[]): number {
  return positions.reduce((s, p) => s + Math.abs(p.sizeSigned * p.oraclePrice * p.initialMarginFraction), 0)
}

/** Maintenance margin requirement, USD: Σ |S·P·MMF| (docs, Margining). */
export function dydxV4MaintenanceMarginRequirement(positions: readonly Omit<DydxV4MarginPosition, 'initialMarginFraction'>[]): number {
  return positions.reduce((s, p) => s + Math.abs(p.sizeSigned * p.oraclePrice * p.maintenanceMarginFraction), 0)
}

/**
 * Free collateral, USD: equity − Σ |S·P·IMF| (docs, Margining; the indexer's
 * `freeCollateral`). `equity` is the total net collateral at the same oracle
 * prices as `positions`.
 */
export function dydxV4FreeCollateral(a: { readonly equity: number; readonly positions: readonly Omit<DydxV4MarginPosition, 'maintenanceMarginFraction'>[] }): number {
  return a.equity - dydxV4InitialMarginRequirement(a.positions)
}

/** Liquidatable when total net collateral < Σ MMR (docs, Margining). */
export function dydxV4Liquidatable(a: { readonly usdc: number; readonly positions: readonly DydxV4MarginPosition[] }): boolean {
  return dydxV4TotalNetCollateral(a) < dydxV4MaintenanceMarginRequirement(a.positions)
}

/**
 * The oracle price a position's recorded unrealized PnL implies, USD:
 * P = entry + uPnL / S with S signed by `side`, since the indexer reports
 * uPnL = S·(P − entry) (comlink getUnrealizedPnl, signed size). Independent of
 * the account's equity, which would only give the price back circularly.
 * Null for a position of size 0 (no price is implied).
 */
export function dydxV4ImpliedOraclePrice(position: {
  readonly side: DydxV4Side
  readonly size: number
  readonly entryPrice: number
  readonly unrealizedPnl: number
}): number | null {
  const s = dydxV4SignedSize(position.side, position.size)
  return s === 0 ? null : position.entryPrice + position.unrealizedPnl / s
}

/**
 * The protocol's effective initial margin fraction under the open-interest
 * margin fraction (OIMF), as v4-chain protocol/x/perpetuals/types
 * liquidity_tier.go GetInitialMarginQuoteQuantums: with open notional
 * N = open interest · oracle price (USD) and the tier's caps (USD),
 *   upper cap 0 (disabled) or N ≤ lower cap → base IMF;
 *   N ≥ upper cap → 1;
 *   otherwise min(1, base + (N − lower)/(upper − lower) · (1 − base)).
 * It affects only the initial requirement (opening positions, withdrawals):
 * the maintenance fraction is derived from the base IMF, so liquidation does
 * not depend on it. xmargin reports the base IMF, as the indexer's
 * `freeCollateral` does (see toDydxV4VenueModel.ts).
 */
export function dydxV4EffectiveInitialMarginFraction(m: {
  readonly baseInitialMarginFraction: number
  readonly openNotionalUsd: number
  readonly openInterestLowerCapUsd: number
  readonly openInterestUpperCapUsd: number
}): number {
  const base = m.baseInitialMarginFraction
  const lower = m.openInterestLowerCapUsd
  const upper = m.openInterestUpperCapUsd
  if (upper !== 0 && m.openNotionalUsd >= upper) return 1
  if (upper === 0 || m.openNotionalUsd <= lower) return base
  return Math.min(1, base + ((m.openNotionalUsd - lower) / (upper - lower)) * (1 - base))
}
