import { RAY, SECONDS_PER_YEAR, rayDiv, rayDivCeil, rayDivFloor, rayMul, rayMulCeil, rayMulFloor } from '../../../math/fixedPoint.js'
import type { AaveV3LogicVersion } from './types.js'

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
 * Compounded interest factor since `lastUpdateTimestamp`, RAY-scaled, as the
 * `version`'s MathUtils.calculateCompoundedInterest. `rateRay` is an annual
 * rate scaled by RAY; timestamps unix seconds.
 * - v3.0 (aave-v3-core v1.19): the per-second binomial expansion
 *   RAY + r·n + n(n−1)/2·(r²) + n(n−1)(n−2)/6·(r³), r = rate/SECONDS_PER_YEAR,
 *   with r² = rate.rayMul(rate)/SPY² and r³ = r².rayMul(rate)/SPY each floored.
 * - v3.4+ (so v3.6.0 and v3.7): the Taylor series of e^x to the third term,
 *   x = rate·n/SECONDS_PER_YEAR (floored): RAY + x + x.rayMul(x/2 + x.rayMul(x/6)).
 * The two differ in the low digits of the factor (a few wei of debt on large balances).
 */
export function calculateCompoundedInterest(
  rateRay: bigint,
  lastUpdateTimestamp: bigint,
  currentTimestamp: bigint,
  version: AaveV3LogicVersion = '3.0',
): bigint {
  const exp = currentTimestamp - lastUpdateTimestamp
  if (exp === 0n) return RAY
  if (version !== '3.0') {
    const x = (rateRay * exp) / SECONDS_PER_YEAR
    return RAY + x + rayMul(x, x / 2n + rayMul(x, x / 6n))
  }
  const expMinusOne = exp - 1n
  const expMinusTwo = exp > 2n ? exp - 2n : 0n
  const basePowerTwo = rayMul(rateRay, rateRay) / (SECONDS_PER_YEAR * SECONDS_PER_YEAR)
  const basePowerThree = rayMul(basePowerTwo, rateRay) / SECONDS_PER_YEAR
  const secondTerm = (exp * expMinusOne * basePowerTwo) / 2n
  const thirdTerm = (exp * expMinusOne * expMinusTwo * basePowerThree) / 6n
  return RAY + (rateRay * exp) / SECONDS_PER_YEAR + secondTerm + thirdTerm
}

/**
 * Supply index at `timestamp` (RAY), as Aave V3 ReserveLogic.getNormalizedIncome
 * (the same in v3.0.2 and v3.6.0: linear interest, rayMul half up).
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
 * Variable borrow index at `timestamp` (RAY), as Aave V3 ReserveLogic.getNormalizedDebt
 * (v3.0.2 and v3.6.0 alike: compounded interest of `version`, rayMul half up).
 */
export function getNormalizedDebt(
  reserve: { variableBorrowIndexRay: bigint; currentVariableBorrowRateRay: bigint; lastUpdateTimestamp: bigint },
  timestamp: bigint,
  version: AaveV3LogicVersion = '3.0',
): bigint {
  if (reserve.lastUpdateTimestamp === timestamp) return reserve.variableBorrowIndexRay
  return rayMul(
    calculateCompoundedInterest(reserve.currentVariableBorrowRateRay, reserve.lastUpdateTimestamp, timestamp, version),
    reserve.variableBorrowIndexRay,
  )
}

/**
 * Stable debt balance at `timestamp` in token units, as Aave V3 (v3.0.x)
 * StableDebtToken.balanceOf: principal · compounded(user rate, since user's
 * last update). Stable debt no longer exists from v3.2 on.
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

/**
 * How a logic version turns scaled token balances into amounts and back
 * (token units; `index` RAY: the liquidity index for aTokens, the variable
 * borrow index for debt tokens).
 * - v3.0 (aave-v3-core v1.19 AToken/VariableDebtToken/ScaledBalanceTokenBase):
 *   every conversion rounds half up (rayMul / rayDiv).
 * - v3.6+ (TokenMath at v3.6.0, the v3.5 rounding): in the protocol's favour:
 *   aToken balance rayMulFloor, debt balance rayMulCeil; supply mints
 *   rayDivFloor, withdraw burns rayDivCeil; borrow mints rayDivCeil, repay
 *   burns rayDivFloor.
 */
export type AaveV3TokenMath = {
  readonly aTokenBalance: (scaled: bigint, index: bigint) => bigint
  readonly variableDebtBalance: (scaled: bigint, index: bigint) => bigint
  readonly aTokenMintScaled: (amount: bigint, index: bigint) => bigint
  readonly aTokenBurnScaled: (amount: bigint, index: bigint) => bigint
  readonly variableDebtMintScaled: (amount: bigint, index: bigint) => bigint
  readonly variableDebtBurnScaled: (amount: bigint, index: bigint) => bigint
}

const TOKEN_MATH_V3_0: AaveV3TokenMath = {
  aTokenBalance: rayMul,
  variableDebtBalance: rayMul,
  aTokenMintScaled: rayDiv,
  aTokenBurnScaled: rayDiv,
  variableDebtMintScaled: rayDiv,
  variableDebtBurnScaled: rayDiv,
}

const TOKEN_MATH_V3_5: AaveV3TokenMath = {
  aTokenBalance: rayMulFloor,
  variableDebtBalance: rayMulCeil,
  aTokenMintScaled: rayDivFloor,
  aTokenBurnScaled: rayDivCeil,
  variableDebtMintScaled: rayDivCeil,
  variableDebtBurnScaled: rayDivFloor,
}

/** The token rounding of a logic version (see AaveV3TokenMath): v3.0's half up, or v3.5's directed rounding for v3.6 and v3.7. */
export function aaveV3TokenMath(version: AaveV3LogicVersion): AaveV3TokenMath {
  return version === '3.0' ? TOKEN_MATH_V3_0 : TOKEN_MATH_V3_5
}
