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
