import { WAD, mulDivDown, mulDivUp } from './fixedPoint.js'

/**
 * Morpho Blue's integer math, bit for bit (morpho-blue MathLib, SharesMathLib,
 * ConstantsLib). Rounding direction is in the name.
 */

/** 1e36: scale of Morpho oracle prices (ConstantsLib.ORACLE_PRICE_SCALE). */
export const ORACLE_PRICE_SCALE = 10n ** 36n
/** SharesMathLib.VIRTUAL_SHARES and VIRTUAL_ASSETS (inflation-attack protection). */
export const VIRTUAL_SHARES = 10n ** 6n
export const VIRTUAL_ASSETS = 1n
/** ConstantsLib.LIQUIDATION_CURSOR and MAX_LIQUIDATION_INCENTIVE_FACTOR, WAD. */
export const LIQUIDATION_CURSOR = 3n * 10n ** 17n
export const MAX_LIQUIDATION_INCENTIVE_FACTOR = 115n * 10n ** 16n

/** x·y / WAD rounded down (MathLib.wMulDown). */
export const wMulDown = (x: bigint, y: bigint) => mulDivDown(x, y, WAD)
/** x·WAD / y rounded down (MathLib.wDivDown). */
export const wDivDown = (x: bigint, y: bigint) => mulDivDown(x, WAD, y)
/** x·WAD / y rounded up (MathLib.wDivUp). */
export const wDivUp = (x: bigint, y: bigint) => mulDivUp(x, WAD, y)

/**
 * e^(x·n) − 1 by its three-term Taylor expansion, WAD (MathLib.wTaylorCompounded).
 * `x` a per-second rate scaled by WAD, `n` seconds.
 */
export function wTaylorCompounded(x: bigint, n: bigint): bigint {
  const firstTerm = x * n
  const secondTerm = mulDivDown(firstTerm, firstTerm, 2n * WAD)
  const thirdTerm = mulDivDown(secondTerm, firstTerm, 3n * WAD)
  return firstTerm + secondTerm + thirdTerm
}

/** SharesMathLib.toAssetsUp: shares → assets, rounded up. */
export const toAssetsUp = (shares: bigint, totalAssets: bigint, totalShares: bigint) =>
  mulDivUp(shares, totalAssets + VIRTUAL_ASSETS, totalShares + VIRTUAL_SHARES)
/** SharesMathLib.toAssetsDown. */
export const toAssetsDown = (shares: bigint, totalAssets: bigint, totalShares: bigint) =>
  mulDivDown(shares, totalAssets + VIRTUAL_ASSETS, totalShares + VIRTUAL_SHARES)
/** SharesMathLib.toSharesDown. */
export const toSharesDown = (assets: bigint, totalAssets: bigint, totalShares: bigint) =>
  mulDivDown(assets, totalShares + VIRTUAL_SHARES, totalAssets + VIRTUAL_ASSETS)
/** SharesMathLib.toSharesUp. */
export const toSharesUp = (assets: bigint, totalAssets: bigint, totalShares: bigint) =>
  mulDivUp(assets, totalShares + VIRTUAL_SHARES, totalAssets + VIRTUAL_ASSETS)

/**
 * Liquidation incentive factor, WAD: min(1.15, 1 / (1 − 0.3·(1 − LLTV))), as
 * computed in Morpho.liquidate (wDivDown and wMulDown).
 */
export function liquidationIncentiveFactor(lltv: bigint): bigint {
  const lif = wDivDown(WAD, WAD - wMulDown(LIQUIDATION_CURSOR, WAD - lltv))
  return lif < MAX_LIQUIDATION_INCENTIVE_FACTOR ? lif : MAX_LIQUIDATION_INCENTIVE_FACTOR
}
