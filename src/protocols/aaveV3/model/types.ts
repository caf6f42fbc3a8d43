import type { Address } from 'viem'
import type { AssetExposure } from '../../../domain/riskFactor.js'
import type { BlockRef } from '../../../domain/venue.js'

/**
 * The Aave V3 logic a Pool runs, as far as the numbers go: v3.0.x (Aave's
 * `@aave/core-v3`, SparkLend v1.0.0), v3.6 and v3.7 (aave-dao/aave-v3-origin).
 * No live market runs 3.1–3.5, so none is claimed. What each changes is in
 * `docs/3.x` of aave-dao/aave-v3-origin; the model branches on this value only.
 */
export type AaveV3LogicVersion = '3.0' | '3.6' | '3.7'

/**
 * One Aave V3 reserve at a block, as the Pool stores it (pure entity, no I/O).
 * Indexes and rates are RAY (1e27); percentages bps (1e4); `priceE8` is what
 * AaveOracle.getAssetPrice returned (USD, 8 decimals); timestamps unix seconds.
 */
export type AaveV3ReserveState = {
  readonly asset: Address
  readonly symbol: string
  /** Reserve id: its index in the Pool's reserve list and in the user configuration bitmap. */
  readonly id: number
  readonly decimals: number
  readonly ltvBps: bigint
  readonly liquidationThresholdBps: bigint
  readonly liquidationBonusBps: bigint
  /** Share of the liquidation bonus paid to the treasury, bps. */
  readonly liquidationProtocolFeeBps: bigint
  /** The reserve's eMode category in its configuration (v3.0 only: from v3.2 a category lists its assets in bitmaps); 0 = none. */
  readonly eModeCategory: number
  readonly liquidityIndexRay: bigint
  readonly currentLiquidityRateRay: bigint
  readonly variableBorrowIndexRay: bigint
  readonly currentVariableBorrowRateRay: bigint
  readonly lastUpdateTimestamp: bigint
  readonly priceE8: bigint
  /** The Chainlink-style source behind the oracle price, with its own update time. */
  readonly feed: Address | null
  readonly feedUpdatedAt: bigint | null
  /** The feed's heartbeat (seconds): older than this, the price is stale; null when unknown. */
  readonly feedHeartbeatSeconds: number | null
  readonly exposure: AssetExposure
  /** Isolation mode: debt ceiling in USD with 2 decimals (0 = not isolated) and the debt counted against it. */
  readonly debtCeiling: bigint
  readonly isolationModeTotalDebt: bigint
  readonly borrowableInIsolation: boolean
  readonly siloedBorrowing: boolean
  /** Caps in whole tokens; 0 = none. */
  readonly supplyCap: bigint
  readonly borrowCap: bigint
  /** Unix seconds until which liquidations of this reserve are paused (Pool.getLiquidationGracePeriod, v3.1+); 0 on v3.0. */
  readonly liquidationGracePeriodUntil: bigint
  /** Bad debt the Pool has recorded on this reserve (Pool.getReserveDeficit, v3.3+), token units; 0 on v3.0. */
  readonly deficit: bigint
}

/**
 * Aave's PriceOracleSentinel on an L2 market and the sequencer uptime feed it
 * reads (answer 0 = up, 1 = down; `sequencerUpdatedAt` = when it last changed,
 * unix seconds). Liquidations and borrows are allowed only when the sequencer
 * is up and `gracePeriodSeconds` have passed since.
 */
export type AaveV3SentinelState = {
  readonly sentinel: Address
  readonly sequencerOracle: Address
  readonly sequencerAnswer: bigint
  readonly sequencerUpdatedAt: bigint
  readonly gracePeriodSeconds: bigint
}

/** The user's balances in one reserve, as the tokens store them. Token units. */
export type AaveV3UserReserve = {
  readonly reserveId: number
  readonly usingAsCollateral: boolean
  readonly borrowing: boolean
  /** aToken.scaledBalanceOf(user): balance divided by the liquidity index at deposit, token units. */
  readonly scaledATokenBalance: bigint
  /** variableDebtToken.scaledBalanceOf(user). */
  readonly scaledVariableDebt: bigint
  /** StableDebtToken principal, the user's stable rate (RAY) and its last update (unix seconds). */
  readonly stableDebtPrincipal: bigint
  readonly stableRateRay: bigint
  readonly stableLastUpdateTimestamp: bigint
}

/**
 * An eMode category as the Pool stores it. v3.0: members are the reserves
 * whose configuration names the category, with an optional price source.
 * v3.2+: members are bits of `collateralBitmap` / `borrowableBitmap` (bit i =
 * reserve id i; Pool.getEModeCategoryCollateralBitmap/BorrowableBitmap), no
 * price source; v3.6 adds `ltvzeroBitmap` (a collateral member whose LTV is 0
 * in the category, Pool.getEModeCategoryLtvzeroBitmap). v3.7 adds isolated
 * categories (`isolated`: DataTypes.EModeCategory of v3.7).
 */
export type AaveV3EModeCategory = {
  readonly id: number
  readonly ltvBps: bigint
  readonly liquidationThresholdBps: bigint
  readonly liquidationBonusBps: bigint
  readonly priceSource: Address | null
  readonly label: string
  /** v3.2+ membership bitmaps (uint128 as bigint); null on v3.0. */
  readonly collateralBitmap: bigint | null
  readonly borrowableBitmap: bigint | null
  /** v3.6+: collateral members counted with LTV 0 in this category; null before. */
  readonly ltvzeroBitmap: bigint | null
  /** v3.7: an isolated category; false before. */
  readonly isolated: boolean
}

/**
 * Everything Aave's health factor depends on for one account at one block.
 * `timestamp` is the block timestamp interest accrues to (read in the same
 * call as the rest, via Multicall3.getCurrentBlockTimestamp).
 */
export type AaveV3AccountState = {
  /** The logic the Pool runs (from the chain, checked against the sourced table): it selects the rules. */
  readonly version: AaveV3LogicVersion
  readonly chainId: number
  readonly pool: Address
  readonly oracle: Address
  readonly account: Address
  readonly block: BlockRef
  readonly timestamp: bigint
  readonly reserves: readonly AaveV3ReserveState[]
  readonly userReserves: readonly AaveV3UserReserve[]
  readonly userEModeCategory: number
  /** The user's eMode category, if any. */
  readonly eModeCategory: AaveV3EModeCategory | null
  /** AaveOracle price of the category's price source (USD 1e8), or null without one. */
  readonly eModePriceE8: bigint | null
  /** The market's PriceOracleSentinel (L2 markets), or null. */
  readonly sentinel: AaveV3SentinelState | null
}
