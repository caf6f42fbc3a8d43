import { MarketUtils } from '@morpho-org/blue-sdk'
import type { MorphoBlueAccountState, MorphoBlueMarketState } from './types.js'

/**
 * The market after interest accrues to `timestamp`, as Morpho._accrueInterest:
 * interest = totalBorrowAssets.wMulDown(borrowRate.wTaylorCompounded(elapsed)),
 * added to both totals; the fee is minted as supply shares
 * (@morpho-org/blue-sdk MarketUtils.getAccruedInterest, the same arithmetic).
 * `borrowRate` per second, WAD: the IRM's rate for the pre-accrual state,
 * computed by the caller (the SDK's own accrual assumes the adaptive IRM's
 * rate path, which the devnet's fixed-rate curve IRM does not follow).
 */
export function accrueMorphoBlueInterest(
  market: MorphoBlueMarketState,
  borrowRate: bigint,
  timestamp: bigint,
  hasIrm = true,
): MorphoBlueMarketState {
  const elapsed = timestamp - market.lastUpdate
  if (elapsed <= 0n || !hasIrm) return { ...market, lastUpdate: elapsed > 0n ? timestamp : market.lastUpdate }
  const { interest, feeShares } = MarketUtils.getAccruedInterest(borrowRate, market, elapsed)
  return {
    totalSupplyAssets: market.totalSupplyAssets + interest,
    totalSupplyShares: market.totalSupplyShares + feeShares,
    totalBorrowAssets: market.totalBorrowAssets + interest,
    totalBorrowShares: market.totalBorrowShares,
    lastUpdate: timestamp,
    fee: market.fee,
  }
}

/**
 * A Morpho Blue position's health at `state.timestamp` (interest accrued), as
 * Morpho._isHealthy, computed by @morpho-org/blue-sdk's MarketUtils:
 * borrowed = borrowShares.toAssetsUp(totals);
 * maxBorrow = collateral.mulDivDown(price, 1e36).wMulDown(lltv);
 * healthy ⇔ maxBorrow ≥ borrowed. All amounts in loan token units except
 * `collateral` (collateral units); WAD for factors.
 */
export type MorphoBluePositionData = {
  readonly market: MorphoBlueMarketState
  readonly borrowed: bigint
  readonly supplied: bigint
  readonly collateral: bigint
  /** collateral.mulDivDown(price, 1e36): collateral value in loan units. */
  readonly collateralValue: bigint
  readonly maxBorrow: bigint
  /** maxBorrow.wDivDown(borrowed), WAD; null without debt. */
  readonly healthFactorWad: bigint | null
  readonly liquidatable: boolean
  readonly liquidationIncentiveFactor: bigint
  readonly oraclePrice: bigint
}

/** Computes the position's exact health at `oraclePrice` (1e36), default the oracle's. */
export function computeMorphoBluePosition(
  state: MorphoBlueAccountState,
  oraclePrice: bigint = state.oraclePrice,
): MorphoBluePositionData {
  const market = accrueMorphoBlueInterest(state.market, state.borrowRate, state.timestamp, state.params.irm !== ZERO)
  const { borrowShares, supplyShares, collateral } = state.position
  // fresh objects per call: some SDK helpers write to the market they are given
  const priced = () => ({ ...market, price: oraclePrice })
  const lltv = { lltv: state.params.lltv }
  const borrowed = MarketUtils.toBorrowAssets(borrowShares, market, 'Up')
  const maxBorrow = MarketUtils.getMaxBorrowAssets(collateral, priced(), lltv)!
  return {
    market,
    borrowed,
    supplied: MarketUtils.toSupplyAssets(supplyShares, market, 'Down'),
    collateral,
    collateralValue: MarketUtils.getCollateralValue(collateral, priced())!,
    maxBorrow,
    healthFactorWad: borrowShares === 0n || borrowed === 0n ? null : MarketUtils.getHealthFactor(state.position, priced(), lltv)!,
    // Morpho._isHealthy returns true with no borrow shares
    liquidatable: borrowShares !== 0n && !MarketUtils.isHealthy(state.position, priced(), lltv),
    liquidationIncentiveFactor: MarketUtils.getLiquidationIncentiveFactor(lltv),
    oraclePrice,
  }
}

/**
 * Oracle price (1e36-scaled loan units per collateral unit) at which the
 * position reaches its liquidation threshold: borrowed·1e36 / (collateral·LLTV)
 * (DOMAIN.md), as @morpho-org/blue-sdk MarketUtils.getLiquidationPrice computes
 * it: mulDivUp(borrowed, 1e36, collateral.wMulDown(lltv)). Null without debt;
 * 2^256 − 1 when the collateral power is 0.
 */
export function morphoBlueOracleLiquidationPrice(state: MorphoBlueAccountState, data: MorphoBluePositionData): bigint | null {
  if (data.borrowed === 0n) return null
  return MarketUtils.getLiquidationPrice(state.position, { ...data.market }, { lltv: state.params.lltv })
}

const ZERO = '0x0000000000000000000000000000000000000000'
