import type { AaveV3CloseFactorRule } from './aaveV3Rules.js'
import type { AaveV3AccountState, AaveV3ReserveState } from './types.js'

/**
 * Why Pool.liquidationCall would revert, named after the contract's error
 * (v3.6 custom errors; v3.0 string codes in brackets):
 * - PRICE_ORACLE_SENTINEL_CHECK_FAILED (v3.0 '59', v3.6 PriceOracleSentinelCheckFailed): L2 sequencer down or in its grace period while HF ≥ 0.95;
 * - LIQUIDATION_GRACE_SENTINEL_CHECK_FAILED (v3.1+): the collateral or the debt reserve is in its liquidation grace period;
 * - HEALTH_FACTOR_NOT_BELOW_THRESHOLD ('45'): HF ≥ 1 or no debt;
 * - COLLATERAL_CANNOT_BE_LIQUIDATED ('46'): the reserve is not enabled as the user's collateral (v3.0 also: its LT is 0);
 * - SPECIFIED_CURRENCY_NOT_BORROWED_BY_USER ('47'): no debt in the debt reserve;
 * - MUST_NOT_LEAVE_DUST (v3.3+): a partial liquidation would leave less than $1,000 of the reserve's debt or collateral;
 * - INVALID_BURN_AMOUNT (v3.5+ ScaledBalanceTokenBase._burnScaled): a burn of 0 scaled units (a few wei at a large index);
 * - ARITHMETIC_UNDERFLOW: the collateral-capped debt (percentDivCeil) exceeds the reserve's debt, and the contract's subtraction panics (0x11);
 * - ORACLE_PRICE_ZERO: AaveOracle answered 0 for either asset (it then asks its fallback oracle, and the call reverts where there is none).
 */
export type AaveV3LiquidationRevertReason =
  | 'PRICE_ORACLE_SENTINEL_CHECK_FAILED'
  | 'LIQUIDATION_GRACE_SENTINEL_CHECK_FAILED'
  | 'HEALTH_FACTOR_NOT_BELOW_THRESHOLD'
  | 'COLLATERAL_CANNOT_BE_LIQUIDATED'
  | 'SPECIFIED_CURRENCY_NOT_BORROWED_BY_USER'
  | 'MUST_NOT_LEAVE_DUST'
  | 'INVALID_BURN_AMOUNT'
  | 'ARITHMETIC_UNDERFLOW'
  | 'ORACLE_PRICE_ZERO'

/** Bad debt one call writes off in one reserve (IPool.DeficitCreated(user, debtAsset, amountCreated)), debt token units. */
export type AaveV3DeficitCreated = {
  readonly reserve: AaveV3ReserveState
  readonly amount: bigint
}

/**
 * One liquidation call's outcome. Token units; `healthFactorWadBefore/After` WAD
 * (after: null when no debt is left). `debtRepaid` and `collateralToLiquidator`
 * are the LiquidationCall event's `debtToCover` and `liquidatedCollateralAmount`;
 * `protocolFee` is the aToken amount moved to the treasury (the BalanceTransfer
 * to RESERVE_TREASURY_ADDRESS, after the contract's 1-wei cap); `deficits` the
 * DeficitCreated events in emission order (v3.3+; empty on v3.0).
 */
export type AaveV3LiquidationStep = {
  readonly collateral: AaveV3ReserveState
  readonly debt: AaveV3ReserveState
  /** The close factor applied: 10_000 (all of the reserve's debt) or 5_000 bps (half of the reserve's debt on v3.0, half of the total debt on v3.3+: see `closeFactorRule`). */
  readonly closeFactorBps: bigint
  readonly closeFactorRule: AaveV3CloseFactorRule
  /** The user's debt in the debt reserve before the call, and the most one call could repay, debt token units. */
  readonly reserveDebtBefore: bigint
  readonly maxLiquidatableDebt: bigint
  /** Debt repaid by the liquidator (debt token units). */
  readonly debtRepaid: bigint
  /** Collateral the liquidator receives, and the protocol fee taken beside it (collateral token units); the borrower loses both. */
  readonly collateralToLiquidator: bigint
  readonly protocolFee: bigint
  readonly deficits: readonly AaveV3DeficitCreated[]
  readonly healthFactorWadBefore: bigint
  readonly healthFactorWadAfter: bigint | null
}

/** What one Pool.liquidationCall does: the executed step and the account after it, or the revert. */
export type AaveV3LiquidationOutcome =
  | { readonly kind: 'liquidated'; readonly step: AaveV3LiquidationStep; readonly after: AaveV3AccountState }
  | { readonly kind: 'reverted'; readonly reason: AaveV3LiquidationRevertReason }
