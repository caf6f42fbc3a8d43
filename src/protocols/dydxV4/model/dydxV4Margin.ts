import type { PerpLiquidationRule } from '../../../risk/kernel/venueKernel.js'

/**
 * dYdX v4's liquidation rule and sizes as the venue model takes them. The
 * margin itself (dYdX v4 docs, "Margining") is the shared perp engine's with
 * the market's fractions (see toDydxV4VenueModel), checked against the
 * recorded indexer responses; test/dydxV4MarginFormulas.ts writes the
 * documented formulas out on their own, checked against the same recordings.
 */

export type DydxV4Side = 'LONG' | 'SHORT'

/**
 * How dYdX v4 liquidates: every position is closed at the oracle price and up
 * to max_liquidation_fee_ppm of the notional closed goes to the insurance
 * fund, never more than the account's value (LiquidationsConfig; 15000 ppm =
 * 1.5% on dydx-mainnet-1's genesis, as the dYdX docs' Trading Core page lists
 * it). The fillable-price spread and per-block limits are not modelled.
 */
export const DYDX_V4_LIQUIDATION = {
  rule: { kind: 'feeOnNotional', maxFeeRate: 0.015 } satisfies PerpLiquidationRule,
  note: () => 'every position closed at the oracle price, up to 1.5% of the notional to the insurance fund (max_liquidation_fee_ppm), never more than the account value; fillable-price spread not modelled',
} as const

/**
 * Signed size from the indexer's `side` and `size`. The indexer's `size` is
 * already signed (negative for shorts: comlink multiplies it by the oracle
 * price for the notional), so the sign is taken from `side` and either form
 * gives the same result.
 */
export function dydxV4SignedSize(side: DydxV4Side, size: number): number {
  return side === 'LONG' ? Math.abs(size) : -Math.abs(size)
}
