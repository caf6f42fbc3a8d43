import type { MorphoBlueMarketState } from './types.js'

const WAD = 10n ** 18n
const CURVE_STEEPNESS = 4n * WAD
const TARGET_UTILIZATION = (9n * WAD) / 10n

/**
 * Borrow rate of a curve IRM at a fixed rate at target (per second, WAD), as
 * contracts/DevnetCurveIrm.sol and Morpho's AdaptiveCurveIrm._curve compute
 * it, with Solidity's signed integer division (truncation toward zero, as
 * BigInt's):
 *   u = totalBorrow·1e18 / totalSupply; err = (u − 0.9) / (0.9 or 0.1)
 *   rate = ((coeff·err / 1e18) + 1e18) · rateAtTarget / 1e18, coeff = 0.75 below target, 3 above.
 */
export function curveBorrowRate(rateAtTarget: bigint, market: Pick<MorphoBlueMarketState, 'totalBorrowAssets' | 'totalSupplyAssets'>): bigint {
  const utilization = market.totalSupplyAssets > 0n ? (market.totalBorrowAssets * WAD) / market.totalSupplyAssets : 0n
  const errNormFactor = utilization > TARGET_UTILIZATION ? WAD - TARGET_UTILIZATION : TARGET_UTILIZATION
  const err = ((utilization - TARGET_UTILIZATION) * WAD) / errNormFactor
  const coeff = err < 0n ? WAD - (WAD * WAD) / CURVE_STEEPNESS : CURVE_STEEPNESS - WAD
  return (((coeff * err) / WAD + WAD) * rateAtTarget) / WAD
}
