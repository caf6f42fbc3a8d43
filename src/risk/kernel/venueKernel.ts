import type { AssetExposure } from '../../domain/riskFactor.js'

/** One margin tier: from `lowerBoundUsd` of notional on, maintenance = notional·`rate` − `deductionUsd` (USD; rate a fraction). */
export type MaintenanceTier = { readonly lowerBoundUsd: number; readonly rate: number; readonly deductionUsd: number }

/**
 * How a perp venue liquidates an account whose equity is below its
 * maintenance margin, at the prices of a scenario. Each venue picks a rule
 * and its parameters (see the venue's own folder for their sources):
 * - `marketClose`: positions are closed by market orders at the mark and the
 *   trader keeps what is left; a position over `partialThresholdUsd` of
 *   notional is first closed by `partialShare` only, the rest once the
 *   cooldown has passed if the account is still below maintenance. Below
 *   `backstopRatio` of the maintenance margin the backstop takes every
 *   position and all the margin: the trader loses the equity (a scenario that
 *   lands there is taken as one the book could not absorb in time).
 * - `feeOnNotional`: every position is closed at the oracle price and up to
 *   `maxFeeRate` of the notional closed goes to the insurance fund, never more
 *   than the account's value.
 * - `closeCost`: the whole position is closed and a fixed close cost, already
 *   deducted from equity, is lost.
 */
export type PerpLiquidationRule =
  | { readonly kind: 'marketClose'; readonly partialThresholdUsd: number; readonly partialShare: number; readonly backstopRatio: number }
  | { readonly kind: 'feeOnNotional'; readonly maxFeeRate: number }
  | { readonly kind: 'closeCost'; readonly closeCostUsd: number }

/**
 * How a lending venue liquidates, call after call until it is healthy or
 * `maxCalls` ran: each call repays the largest debt against the largest
 * collateral, `partialCloseFactor` of that debt while the health factor is
 * above `fullCloseBelowHealth` and all of it at or below; the collateral
 * seized is the repaid value times the collateral's bonus, capped at the
 * collateral (the repaid debt then shrinks to what it buys). With
 * `clearsBadDebt`, debt left without collateral is written off.
 */
export type LendingLiquidationRule = {
  readonly kind: 'closeFactor'
  readonly partialCloseFactor: number
  readonly fullCloseBelowHealth: number
  readonly maxCalls: number
  readonly clearsBadDebt: boolean
}

/**
 * A venue's health rule:
 * - `collateralized`: HF = Σ collateral·threshold / Σ debt; with
 *   `averageThreshold: 'wholeBps'` the value-weighted average threshold is
 *   floored to whole basis points before it is applied (thresholds are then
 *   whole bps too); `exact` applies each threshold as it is.
 * - `margin`: HF = equity / maintenance, equity = cash + Σ signed notional,
 *   maintenance = Σ |notional|·rate (tiered) or a fixed amount.
 */
export type KernelHealthRule = { readonly kind: 'collateralized'; readonly averageThreshold: 'wholeBps' | 'exact' } | { readonly kind: 'margin' }

/**
 * One line of a venue in the float kernel: a value at current prices that
 * moves with its exposure's factors (an asset priced by k factors moves by
 * the product of their multipliers). USD floats throughout.
 *
 * - `collateral`: counts toward health at `valueUsd` (the value the venue's
 *   own rule counts, e.g. a floored collateral base, or collateral at a
 *   market's oracle) weighted by `threshold` (liquidation threshold, LLTV);
 *   `bonus` is the multiplier a liquidator seizes it with (1.05 = 5% bonus).
 * - `debt`: `valueUsd` owed.
 * - `supply`: equity only (a supply not used as collateral, a lender's
 *   supply, a perp position's collateral).
 * - `perp`: a perp position, `equityUsd` its signed notional, `valueUsd` its
 *   absolute notional, `threshold` its maintenance margin rate, with optional
 *   margin tiers.
 */
export type KernelLeg = {
  /** Factors the leg's price moves with; null for a price that never moves (a price source that tracks no factor). */
  readonly exposure: AssetExposure | null
  readonly role: 'collateral' | 'debt' | 'supply' | 'perp'
  /** Signed contribution to the venue's equity at current prices, USD (debt negative; perp: signed notional). */
  readonly equityUsd: number
  /** Value the venue's health rule counts, USD (see the roles). */
  readonly valueUsd: number
  /** Collateral: liquidation threshold (LLTV) as a fraction; perp: maintenance margin rate; 0 otherwise. */
  readonly threshold: number
  /** Collateral: liquidation bonus multiplier (1.05 = 5% bonus); 1 otherwise. */
  readonly bonus: number
  /** Perp: margin tiers by notional (maintenance = notional·rate − deduction); absent: one rate. */
  readonly tiers?: readonly MaintenanceTier[]
}

/**
 * A venue's health and liquidation rule as plain data, so a stress engine can
 * revalue it in float arithmetic millions of times a second and ship it to a
 * worker thread. The rules are generic (KernelHealthRule with a
 * LendingLiquidationRule, or `margin` with a PerpLiquidationRule); each venue
 * states its own parameters, and its kernel is held to its exact model by
 * property tests.
 */
export type VenueKernel = {
  readonly venueId: string
  readonly health: KernelHealthRule
  readonly liquidation: LendingLiquidationRule | PerpLiquidationRule
  readonly legs: readonly KernelLeg[]
  /** margin: equity not carried by any leg (cash, or constants of PnL and costs), USD; 0 for lending. */
  readonly constantEquityUsd: number
  /** margin: a requirement that does not move with prices, USD; null: Σ over the perp legs. */
  readonly fixedMaintenanceUsd: number | null
  /** True where health follows the venue's rule up to float rounding; false where the kernel linearizes it. */
  readonly exactHealth: boolean
}

/** A kernel leg of a position whose factors move its price. */
export function kernelLeg(p: Omit<KernelLeg, 'threshold' | 'bonus'> & Partial<Pick<KernelLeg, 'threshold' | 'bonus'>>): KernelLeg {
  return { threshold: 0, bonus: 1, ...p }
}
