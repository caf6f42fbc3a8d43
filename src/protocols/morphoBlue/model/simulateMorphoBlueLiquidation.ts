import { MarketUtils, SharesMath } from '@morpho-org/blue-sdk'
import { computeMorphoBluePosition } from './computeMorphoBluePosition.js'
import type { MorphoBlueAccountState } from './types.js'

/**
 * The largest liquidation Morpho.liquidate allows (no close factor): repay
 * every borrow share if the collateral covers it with the LIF, else seize all
 * collateral and repay what it covers; the rest of the debt becomes bad debt
 * (socialized, the borrower's shares cleared). Loan/collateral token units.
 * Source: morpho-blue Morpho.liquidate (both the repaidShares and the
 * seizedAssets branches), SharesMathLib; the conversions are
 * @morpho-org/blue-sdk's (MarketUtils.getLiquidationSeizedAssets,
 * getLiquidationRepaidShares, toBorrowAssets).
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
  const lltv = { lltv: state.params.lltv }
  // fresh objects per call: these SDK helpers write to the market they are given
  const priced = () => ({ ...p.market, price: oraclePrice })
  const seizedIfAll = MarketUtils.getLiquidationSeizedAssets(shares, priced(), lltv)!
  if (seizedIfAll <= state.position.collateral) {
    return { repaidAssets: MarketUtils.toBorrowAssets(shares, p.market, 'Up'), seizedAssets: seizedIfAll, badDebtAssets: 0n, lif }
  }
  const seized = state.position.collateral
  const repaidShares = MarketUtils.getLiquidationRepaidShares(seized, priced(), lltv)!
  const repaid = MarketUtils.toBorrowAssets(repaidShares, p.market, 'Up')
  const left = shares > repaidShares ? SharesMath.toAssets(shares - repaidShares, totalBorrowAssets - repaid, totalBorrowShares - repaidShares, 'Up') : 0n
  return { repaidAssets: repaid, seizedAssets: seized, badDebtAssets: left, lif }
}
