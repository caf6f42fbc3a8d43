/**
 * Fixed-point arithmetic with the rounding of the protocols xmargin reproduces.
 * Every function here matches a Solidity library bit for bit; the rounding
 * direction is in the name where it is not the library's half-up default.
 */

/** 1e18: WAD scale (health factor, Morpho amounts and LLTV). */
export const WAD = 10n ** 18n
/** 1e27: RAY scale (Aave indexes and rates). */
export const RAY = 10n ** 27n
/** 1e4: Aave percentage scale, 10000 = 100% (bps). */
export const PERCENTAGE_FACTOR = 10_000n
/** Seconds in Aave's interest year (MathUtils.SECONDS_PER_YEAR). */
export const SECONDS_PER_YEAR = 365n * 24n * 3600n

const HALF_WAD = WAD / 2n
const HALF_RAY = RAY / 2n
const HALF_PERCENTAGE_FACTOR = PERCENTAGE_FACTOR / 2n

/** a·b / RAY rounded half up, as Aave WadRayMath.rayMul. Inputs and output scaled by RAY (or one RAY operand). */
export function rayMul(a: bigint, b: bigint): bigint {
  return (a * b + HALF_RAY) / RAY
}

/** a·b / RAY rounded down, as Aave WadRayMath.rayMulFloor (v3.5+; TokenMath.getATokenBalance). */
export function rayMulFloor(a: bigint, b: bigint): bigint {
  return (a * b) / RAY
}

/** a·b / RAY rounded up, as Aave WadRayMath.rayMulCeil (v3.5+; TokenMath.getVTokenBalance). */
export function rayMulCeil(a: bigint, b: bigint): bigint {
  return ceilDiv(a * b, RAY)
}

/** a·RAY / b rounded half up, as Aave WadRayMath.rayDiv. */
export function rayDiv(a: bigint, b: bigint): bigint {
  return (a * RAY + b / 2n) / b
}

/** a·RAY / b rounded down, as Aave WadRayMath.rayDivFloor (v3.5+; TokenMath.getATokenMintScaledAmount, getVTokenBurnScaledAmount). */
export function rayDivFloor(a: bigint, b: bigint): bigint {
  return (a * RAY) / b
}

/** a·RAY / b rounded up, as Aave WadRayMath.rayDivCeil (v3.5+; TokenMath.getATokenBurnScaledAmount, getVTokenMintScaledAmount). */
export function rayDivCeil(a: bigint, b: bigint): bigint {
  return ceilDiv(a * RAY, b)
}

/** a·b / WAD rounded half up, as Aave WadRayMath.wadMul. */
export function wadMul(a: bigint, b: bigint): bigint {
  return (a * b + HALF_WAD) / WAD
}

/** a·WAD / b rounded half up, as Aave WadRayMath.wadDiv. */
export function wadDiv(a: bigint, b: bigint): bigint {
  return (a * WAD + b / 2n) / b
}

/** value·bps / 1e4 rounded half up, as Aave PercentageMath.percentMul. `bps` scaled 1e4. */
export function percentMul(value: bigint, bps: bigint): bigint {
  return (value * bps + HALF_PERCENTAGE_FACTOR) / PERCENTAGE_FACTOR
}

/** value·bps / 1e4 rounded down, as Aave PercentageMath.percentMulFloor (v3.5+). */
export function percentMulFloor(value: bigint, bps: bigint): bigint {
  return (value * bps) / PERCENTAGE_FACTOR
}

/** value·bps / 1e4 rounded up, as Aave PercentageMath.percentMulCeil (v3.5+). */
export function percentMulCeil(value: bigint, bps: bigint): bigint {
  return ceilDiv(value * bps, PERCENTAGE_FACTOR)
}

/** value·1e4 / bps rounded half up, as Aave PercentageMath.percentDiv. */
export function percentDiv(value: bigint, bps: bigint): bigint {
  return (value * PERCENTAGE_FACTOR + bps / 2n) / bps
}

/** value·1e4 / bps rounded down, as Aave PercentageMath.percentDivFloor (v3.7). */
export function percentDivFloor(value: bigint, bps: bigint): bigint {
  return (value * PERCENTAGE_FACTOR) / bps
}

/** value·1e4 / bps rounded up, as Aave PercentageMath.percentDivCeil (v3.5+; ValidationLogic.validateHFAndLtv at v3.6.0). */
export function percentDivCeil(value: bigint, bps: bigint): bigint {
  return ceilDiv(value * PERCENTAGE_FACTOR, bps)
}

/** a·b / d rounded down (Morpho MathLib.mulDivDown). */
export function mulDivDown(a: bigint, b: bigint, d: bigint): bigint {
  return (a * b) / d
}

/** a·b / d rounded up (Morpho MathLib.mulDivUp). */
export function mulDivUp(a: bigint, b: bigint, d: bigint): bigint {
  return (a * b + d - 1n) / d
}

/**
 * a·b / c rounded up, as Aave MathUtils.mulDivCeil (v3.5+: debt in base
 * currency, GenericLogic._getUserDebtInBaseCurrency). Non-negative operands.
 */
export function mulDivCeil(a: bigint, b: bigint, c: bigint): bigint {
  return ceilDiv(a * b, c)
}

/** ⌈n / d⌉ for n ≥ 0, d > 0: the Solidity idiom `n / d + (n % d != 0 ? 1 : 0)`. */
function ceilDiv(n: bigint, d: bigint): bigint {
  return n / d + (n % d === 0n ? 0n : 1n)
}

/**
 * Converts a scaled integer to a float in one place, so float code never feeds
 * back into exact paths. `scale` is the integer's unit, e.g. WAD or 10n ** 8n.
 */
export function toFloat(value: bigint, scale: bigint): number {
  const whole = value / scale
  const fraction = value % scale
  return Number(whole) + Number(fraction) / Number(scale)
}
