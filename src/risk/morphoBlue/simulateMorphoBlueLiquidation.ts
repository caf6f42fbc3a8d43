import { mulDivDown, mulDivUp } from '../../math/fixedPoint.js'
import { ORACLE_PRICE_SCALE, toAssetsDown, toAssetsUp, toSharesUp, wDivUp, wMulDown } from '../../math/morphoMath.js'
import { computeMorphoBluePosition } from './computeMorphoBluePosition.js'
import type { MorphoBlueAccountState } from './types.js'

/**
 * The largest liquidation Morpho.liquidate allows (no close factor): repay
 * every borrow share if the collateral covers it with the LIF, else seize all
 * collateral and repay what it covers; the rest of the debt becomes bad debt
 * (socialized, the borrower's shares cleared). Loan/collateral token units.
 * Source: morpho-blue Morpho.liquidate (both the repaidShares and the
 * seizedAssets branches), SharesMathLib.
 */
export function simulateMorphoBlueLiquidation(
  state: MorphoBlueAccountState,
  oraclePrice: bigint,
): { repaidAssets: bigint; seizedAssets: bigint; badDebtAssets: bigint; lif: bigint } | null {
  const p = computeMorphoBluePosition(state, oraclePrice)
  if (!p.liquidatable || oraclePrice === 0n) return null
  const { totalBorrowAssets, totalBorrowShares } = p.market
  const shares = state.position.borrowShares
  const lif = p.liquidationIncentiveFactor
  const seizedIfAll = mulDivDown(wMulDown(toAssetsDown(shares, totalBorrowAssets, totalBorrowShares), lif), ORACLE_PRICE_SCALE, oraclePrice)
  if (seizedIfAll <= state.position.collateral) {
    return { repaidAssets: toAssetsUp(shares, totalBorrowAssets, totalBorrowShares), seizedAssets: seizedIfAll, badDebtAssets: 0n, lif }
  }
  const seized = state.position.collateral
  const repaidShares = toSharesUp(wDivUp(mulDivUp(seized, oraclePrice, ORACLE_PRICE_SCALE), lif), totalBorrowAssets, totalBorrowShares)
  const repaid = toAssetsUp(repaidShares, totalBorrowAssets, totalBorrowShares)
  const left = shares > repaidShares ? toAssetsUp(shares - repaidShares, totalBorrowAssets - repaid, totalBorrowShares - repaidShares) : 0n
  return { repaidAssets: repaid, seizedAssets: seized, badDebtAssets: left, lif }
}
