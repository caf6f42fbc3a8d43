/**
 * The directed roundings of Aave v3.5+ (aave-v3-origin WadRayMath, PercentageMath,
 * MathUtils, TokenMath) that liquidation reproduces. Kept here, beside the
 * liquidation code, until math/fixedPoint.ts carries them; each matches its
 * Solidity function bit for bit on uint256 inputs (no overflow checks: bigint).
 * Scales: RAY 1e27, bps 1e4.
 */
import { PERCENTAGE_FACTOR, RAY } from '../../../math/fixedPoint.js'

/** ⌊a·b / RAY⌋, as WadRayMath.rayMulFloor (v3.5+). */
export function rayMulFloor(a: bigint, b: bigint): bigint {
  return (a * b) / RAY
}

/** ⌈a·b / RAY⌉, as WadRayMath.rayMulCeil (v3.5+). */
export function rayMulCeil(a: bigint, b: bigint): bigint {
  return ceilDiv(a * b, RAY)
}

/** ⌊a·RAY / b⌋, as WadRayMath.rayDivFloor (v3.5+). */
export function rayDivFloor(a: bigint, b: bigint): bigint {
  return (a * RAY) / b
}

/** ⌈a·RAY / b⌉, as WadRayMath.rayDivCeil (v3.5+). */
export function rayDivCeil(a: bigint, b: bigint): bigint {
  return ceilDiv(a * RAY, b)
}

/** ⌈a·b / c⌉, as MathUtils.mulDivCeil (v3.5+). */
export function mulDivCeil(a: bigint, b: bigint, c: bigint): bigint {
  return ceilDiv(a * b, c)
}

/** ⌊value·bps / 1e4⌋, as PercentageMath.percentMulFloor (v3.5+). */
export function percentMulFloor(value: bigint, bps: bigint): bigint {
  return (value * bps) / PERCENTAGE_FACTOR
}

/** ⌈value·bps / 1e4⌉, as PercentageMath.percentMulCeil (v3.5+). */
export function percentMulCeil(value: bigint, bps: bigint): bigint {
  return ceilDiv(value * bps, PERCENTAGE_FACTOR)
}

/** ⌊value·1e4 / bps⌋, as PercentageMath.percentDivFloor (added in v3.7, docs/3.7/Aave-v3.7-changelog.md "Libraries"). */
export function percentDivFloor(value: bigint, bps: bigint): bigint {
  return (value * PERCENTAGE_FACTOR) / bps
}

/** ⌈value·1e4 / bps⌉, as PercentageMath.percentDivCeil (v3.5+). */
export function percentDivCeil(value: bigint, bps: bigint): bigint {
  return ceilDiv(value * PERCENTAGE_FACTOR, bps)
}

function ceilDiv(n: bigint, d: bigint): bigint {
  const q = n / d
  return n % d === 0n ? q : q + 1n
}
