/**
 * Risk factors: the prices positions depend on. A base factor has a USD price
 * (`ETH`, `BTC`, `USDC`); a ratio factor is an exchange rate against a base
 * factor (`WSTETH_ETH`: ETH per wstETH), so an LST moves with ETH and can also
 * depeg on its own.
 */
export type RiskFactorId = string

/**
 * `volatile`: moves in market-wide shocks; `stable`: a stablecoin issuer
 * (moves only on its own depeg); `ratio`: an exchange-rate factor (LST/ETH),
 * held fixed in market-wide shocks because its asset already moves through
 * its base factor.
 */
export type RiskFactorKind = 'volatile' | 'stable' | 'ratio'

export type RiskFactor = {
  readonly id: RiskFactorId
  readonly kind: RiskFactorKind
  /** For a ratio factor, the base factor it is quoted in (e.g. `ETH`). */
  readonly quote?: RiskFactorId
}

/**
 * An asset's decomposition: USD price = Π prices of its factors. `base` is the
 * USD factor the asset nets under (wstETH → ETH); `ratio` the exchange-rate
 * factor, if any (wstETH → WSTETH_ETH).
 */
export type AssetExposure = {
  readonly base: RiskFactorId
  readonly ratio?: RiskFactorId
}

/** The factors an asset's price moves with, base first. */
export function factorsOf(exposure: AssetExposure): RiskFactorId[] {
  return exposure.ratio ? [exposure.base, exposure.ratio] : [exposure.base]
}
