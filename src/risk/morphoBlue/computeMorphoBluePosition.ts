import { MAX_UINT256, mulDivDown, mulDivUp } from '../../math/fixedPoint.js'
import {
  ORACLE_PRICE_SCALE,
  liquidationIncentiveFactor,
  toAssetsDown,
  toAssetsUp,
  toSharesDown,
  wDivDown,
  wMulDown,
  wTaylorCompounded,
} from '../../math/morphoMath.js'
import type { MorphoBlueAccountState, MorphoBlueMarketState } from './types.js'

/**
 * The market after interest accrues to `timestamp`, as Morpho._accrueInterest:
 * interest = totalBorrowAssets.wMulDown(borrowRate.wTaylorCompounded(elapsed)),
 * added to both totals; the fee is minted as supply shares.
 * `borrowRate` per second, WAD (the IRM's rate for the pre-accrual state).
 */
export function accrueMorphoBlueInterest(
  market: MorphoBlueMarketState,
  borrowRate: bigint,
  timestamp: bigint,
  hasIrm = true,
): MorphoBlueMarketState {
  const elapsed = timestamp - market.lastUpdate
  if (elapsed <= 0n || !hasIrm) return { ...market, lastUpdate: elapsed > 0n ? timestamp : market.lastUpdate }
  const interest = wMulDown(market.totalBorrowAssets, wTaylorCompounded(borrowRate, elapsed))
  const totalSupplyAssets = market.totalSupplyAssets + interest
  let totalSupplyShares = market.totalSupplyShares
  if (market.fee !== 0n) {
    const feeAmount = wMulDown(interest, market.fee)
    totalSupplyShares += toSharesDown(feeAmount, totalSupplyAssets - feeAmount, market.totalSupplyShares)
  }
  return {
    totalSupplyAssets,
    totalSupplyShares,
    totalBorrowAssets: market.totalBorrowAssets + interest,
    totalBorrowShares: market.totalBorrowShares,
    lastUpdate: timestamp,
    fee: market.fee,
  }
}

/**
 * A Morpho Blue position's health at `state.timestamp` (interest accrued), as
 * Morpho._isHealthy: borrowed = borrowShares.toAssetsUp(totals);
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
  const borrowed = toAssetsUp(borrowShares, market.totalBorrowAssets, market.totalBorrowShares)
  const collateralValue = mulDivDown(collateral, oraclePrice, ORACLE_PRICE_SCALE)
  const maxBorrow = wMulDown(collateralValue, state.params.lltv)
  return {
    market,
    borrowed,
    supplied: toAssetsDown(supplyShares, market.totalSupplyAssets, market.totalSupplyShares),
    collateral,
    collateralValue,
    maxBorrow,
    healthFactorWad: borrowShares === 0n ? null : borrowed === 0n ? null : wDivDown(maxBorrow, borrowed),
    // Morpho._isHealthy returns true with no borrow shares
    liquidatable: borrowShares !== 0n && maxBorrow < borrowed,
    liquidationIncentiveFactor: liquidationIncentiveFactor(state.params.lltv),
    oraclePrice,
  }
}

/**
 * Oracle price (1e36-scaled loan units per collateral unit) at which the
 * position reaches its liquidation threshold: borrowed·1e36 / (collateral·LLTV)
 * (DOMAIN.md), in integers as @morpho-org/blue-sdk MarketUtils.getLiquidationPrice:
 * mulDivUp(borrowed, 1e36, collateral.wMulDown(lltv)). Null without debt;
 * MAX_UINT256 when the collateral power is 0.
 */
export function morphoBlueOracleLiquidationPrice(data: MorphoBluePositionData, lltv: bigint): bigint | null {
  if (data.borrowed === 0n) return null
  const collateralPower = wMulDown(data.collateral, lltv)
  if (collateralPower === 0n) return MAX_UINT256
  return mulDivUp(data.borrowed, ORACLE_PRICE_SCALE, collateralPower)
}

const ZERO = '0x0000000000000000000000000000000000000000'
