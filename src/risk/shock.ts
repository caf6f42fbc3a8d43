import type { AssetExposure, RiskFactorId } from '../domain/riskFactor.js'

/**
 * A multiplicative price move num/den applied to a set of risk factors.
 * An asset exposed to k of the factors has its price multiplied by (num/den)^k.
 * Exact paths apply it to integer oracle values with floor rounding:
 * P' = floor(P0 · num^k / den^k), the rule the devnet price command also uses.
 */
export type PriceShock = {
  readonly factors: ReadonlySet<RiskFactorId>
  readonly num: bigint
  readonly den: bigint
}

/** How many of the shocked factors an asset's price moves with. */
export function shockPower(exposure: AssetExposure, factors: ReadonlySet<RiskFactorId>): number {
  let k = 0
  if (factors.has(exposure.base)) k += 1
  if (exposure.ratio !== undefined && factors.has(exposure.ratio)) k += 1
  return k
}

/** Applies a shock to an integer price with floor rounding (see PriceShock). */
export function applyShock(price: bigint, exposure: AssetExposure, shock: PriceShock): bigint {
  const k = shockPower(exposure, shock.factors)
  if (k === 0) return price
  return (price * shock.num ** BigInt(k)) / shock.den ** BigInt(k)
}

/**
 * Per-factor relative moves as exact rationals (num/den per factor): a
 * factor's price becomes price · num/den. An asset's price moves by the
 * product over the factors it moves with; exact paths floor the result.
 */
export type PriceMoves = ReadonlyMap<RiskFactorId, { readonly num: bigint; readonly den: bigint }>

/** Resolution of relative moves given as floats: 1e-9. */
const MOVE_SCALE = 1_000_000_000n

/** Relative moves (0.1 = +10%, −1 = −100%) as exact rationals at 1e-9 resolution. */
export function toPriceMoves(relative: Readonly<Record<RiskFactorId, number>>): PriceMoves {
  return new Map(
    Object.entries(relative).map(([f, r]) => [f, { num: BigInt(Math.round((1 + r) * Number(MOVE_SCALE))), den: MOVE_SCALE }]),
  )
}

/** Applies per-factor moves to an integer price with floor rounding. */
export function applyMoves(price: bigint, exposure: AssetExposure, moves: PriceMoves): bigint {
  let num = 1n
  let den = 1n
  for (const f of exposure.ratio === undefined ? [exposure.base] : [exposure.base, exposure.ratio]) {
    const m = moves.get(f)
    if (m) {
      num *= m.num
      den *= m.den
    }
  }
  return (price * num) / den
}

/** The float multiplier an exposure's price moves by. */
export function moveMultiplier(exposure: AssetExposure, moves: PriceMoves): number {
  let x = 1
  for (const f of exposure.ratio === undefined ? [exposure.base] : [exposure.base, exposure.ratio]) {
    const m = moves.get(f)
    if (m) x *= Number(m.num) / Number(m.den)
  }
  return x
}
