import type { AssetExposure } from '../../domain/riskFactor.js'
import type { MaintenanceTier } from '../perps/perpAccount.js'
import type { PerpLiquidationRule } from '../perps/perpLiquidation.js'

/**
 * One line of a venue in the float kernel: a value at current prices that
 * moves with its exposure's factors (an asset priced by k factors moves by
 * the product of their multipliers). USD floats throughout.
 *
 * - `collateral`: counts toward health at `valueUsd` (Aave: the collateral
 *   base the contract floors; Morpho: the collateral at the market's oracle)
 *   weighted by `threshold` (Aave liquidation threshold, Morpho LLTV);
 *   `bonus` is the liquidation bonus multiplier a liquidator seizes it with
 *   (Aave 1.05; Morpho's LIF).
 * - `debt`: `valueUsd` owed.
 * - `supply`: equity only (an Aave supply not used as collateral; a lender's
 *   Morpho supply; a GMX position's collateral).
 * - `perp`: a perp position, `equityUsd` its signed notional, `valueUsd` its
 *   absolute notional, `threshold` its maintenance margin rate, with optional
 *   margin tiers (Hyperliquid).
 */
export type KernelLeg = {
  /** Factors the leg's price moves with; null for a price that never moves (an eMode price source outside the reserves). */
  readonly exposure: AssetExposure | null
  readonly role: 'collateral' | 'debt' | 'supply' | 'perp'
  /** Signed contribution to the venue's equity at current prices, USD (debt negative; perp: signed notional). */
  readonly equityUsd: number
  /** Value the venue's health rule counts, USD (see the roles). */
  readonly valueUsd: number
  /** Collateral: liquidation threshold or LLTV as a fraction; perp: maintenance margin rate; 0 otherwise. */
  readonly threshold: number
  /** Collateral: liquidation bonus multiplier (1.05 = 5% bonus); 1 otherwise. */
  readonly bonus: number
  /** Perp: margin tiers by notional (maintenance = notional·rate − deduction); absent: one rate. */
  readonly tiers?: readonly MaintenanceTier[]
}

/**
 * A venue's health rule as plain data, so a stress engine can revalue it in
 * float arithmetic millions of times a second and ship it to a worker thread.
 *
 * - `aaveV3`: HF = Σcoll·⌊Σcoll·LT_bps / Σcoll⌋/1e4 / Σdebt (the whole-bps
 *   average threshold of GenericLogic.calculateUserAccountData); liquidation
 *   = LiquidationLogic v3.0 (close factor 50% above HF 0.95, else 100%; the
 *   largest debt against the largest collateral, repeated until healthy).
 * - `morphoBlue`: HF = coll·LLTV / borrowed (Morpho._isHealthy); liquidation
 *   repays the whole debt with the LIF, or seizes all collateral and clears
 *   the rest as bad debt (Morpho.liquidate).
 * - `margin`: HF = equity / maintenance, equity = cash + Σ signed notional,
 *   maintenance = Σ |notional|·rate (tiered) or a fixed amount; a
 *   liquidation follows the venue's `liquidation` rule (Hyperliquid market
 *   close or backstop, dYdX fee, GMX close costs).
 */
export type VenueKernel = {
  readonly venueId: string
  readonly rule: 'aaveV3' | 'morphoBlue' | 'margin'
  readonly legs: readonly KernelLeg[]
  /** margin: equity not carried by any leg (cash, or GMX's PnL and cost constants), USD; 0 for lending. */
  readonly constantEquityUsd: number
  /** margin: a requirement that does not move with prices (Hyperliquid's 2023 rule, GMX's required collateral), USD; null: Σ over the perp legs. */
  readonly fixedMaintenanceUsd: number | null
  /** margin: how the venue liquidates (see PerpLiquidationRule); null for lending, whose rule says it. */
  readonly liquidation: PerpLiquidationRule | null
  /** True where health follows the protocol's rule up to float rounding; false where the kernel linearizes it (GMX price impact and PnL caps). */
  readonly exactHealth: boolean
}

/** A kernel leg of a position whose factors move its price. */
export function kernelLeg(p: Omit<KernelLeg, 'threshold' | 'bonus'> & Partial<Pick<KernelLeg, 'threshold' | 'bonus'>>): KernelLeg {
  return { threshold: 0, bonus: 1, ...p }
}
