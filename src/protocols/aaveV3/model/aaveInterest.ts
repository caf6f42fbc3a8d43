import { RAY, SECONDS_PER_YEAR, rayMul } from '../../../math/fixedPoint.js'

/**
 * Linear interest factor since `lastUpdateTimestamp`, RAY-scaled, as Aave V3
 * MathUtils.calculateLinearInterest. `rateRay` is an annual rate scaled by RAY;
 * timestamps are unix seconds.
 */
export function calculateLinearInterest(
  rateRay: bigint,
  lastUpdateTimestamp: bigint,
  currentTimestamp: bigint,
): bigint {
  return RAY + (rateRay * (currentTimestamp - lastUpdateTimestamp)) / SECONDS_PER_YEAR
}

/**
 * Compounded interest factor (three-term binomial approximation), RAY-scaled,
 * as Aave V3 MathUtils.calculateCompoundedInterest.
 */
export function calculateCompoundedInterest(
  rateRay: bigint,
  lastUpdateTimestamp: bigint,
  currentTimestamp: bigint,
): bigint {
  const exp = currentTimestamp - lastUpdateTimestamp
  if (exp === 0n) return RAY
  const expMinusOne = exp - 1n
  const expMinusTwo = exp > 2n ? exp - 2n : 0n
  const basePowerTwo = rayMul(rateRay, rateRay) / (SECONDS_PER_YEAR * SECONDS_PER_YEAR)
  const basePowerThree = rayMul(basePowerTwo, rateRay) / SECONDS_PER_YEAR
  const secondTerm = (exp * expMinusOne * basePowerTwo) / 2n
  const thirdTerm = (exp * expMinusOne * expMinusTwo * basePowerThree) / 6n
  return RAY + (rateRay * exp) / SECONDS_PER_YEAR + secondTerm + thirdTerm
}

/**
 * Supply index at `timestamp` (RAY), as Aave V3 ReserveLogic.getNormalizedIncome.
 */
export function getNormalizedIncome(
  reserve: { liquidityIndexRay: bigint; currentLiquidityRateRay: bigint; lastUpdateTimestamp: bigint },
  timestamp: bigint,
): bigint {
  if (reserve.lastUpdateTimestamp === timestamp) return reserve.liquidityIndexRay
  return rayMul(
    calculateLinearInterest(reserve.currentLiquidityRateRay, reserve.lastUpdateTimestamp, timestamp),
    reserve.liquidityIndexRay,
  )
}

/**
 * Variable borrow index at `timestamp` (RAY), as Aave V3 ReserveLogic.getNormalizedDebt.
 */
export function getNormalizedDebt(
  reserve: { variableBorrowIndexRay: bigint; currentVariableBorrowRateRay: bigint; lastUpdateTimestamp: bigint },
  timestamp: bigint,
): bigint {
  if (reserve.lastUpdateTimestamp === timestamp) return reserve.variableBorrowIndexRay
  return rayMul(
    calculateCompoundedInterest(reserve.currentVariableBorrowRateRay, reserve.lastUpdateTimestamp, timestamp),
    reserve.variableBorrowIndexRay,
  )
}

/**
 * Stable debt balance at `timestamp` in token units, as Aave V3
 * StableDebtToken.balanceOf: principal · compounded(user rate, since user's last update).
 */
export function getStableDebtBalance(
  stable: { principal: bigint; userRateRay: bigint; lastUpdateTimestamp: bigint },
  timestamp: bigint,
): bigint {
  if (stable.principal === 0n) return 0n
  return rayMul(
    stable.principal,
    calculateCompoundedInterest(stable.userRateRay, stable.lastUpdateTimestamp, timestamp),
  )
}
