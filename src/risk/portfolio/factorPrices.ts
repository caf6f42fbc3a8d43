import type { RiskFactorId } from '../../domain/riskFactor.js'
import type { AvailableVenue } from '../../domain/venue.js'

/** A base risk factor's current USD price and where it was read. */
export type FactorPrice = {
  readonly riskFactor: RiskFactorId
  /** USD per unit. */
  readonly priceUsd: number
  /** The venue whose price it is (`Venue.id`). */
  readonly venueId: string
  /** The asset that venue prices (its symbol), e.g. `WETH` for `ETH`. */
  readonly asset: string
}

/**
 * The current USD price of each base risk factor the wallet's venues price
 * directly (an asset whose exposure is the factor alone: WETH for ETH, not
 * wstETH), taken from the first venue in `venues` order that holds one (chain
 * venues come before API venues in a portfolio's order). What the option
 * legs are marked against when a leg gives no forward.
 * @returns one entry per factor priced, in first-seen order.
 */
export function factorPrices(venues: readonly AvailableVenue[]): Map<RiskFactorId, FactorPrice> {
  const out = new Map<RiskFactorId, FactorPrice>()
  for (const venue of venues) {
    for (const p of venue.positions) {
      const factor = p.asset.exposure.base
      if (p.asset.exposure.ratio !== undefined || out.has(factor)) continue
      const priceUsd = p.perp ? p.perp.markPrice : p.price.priceUsd
      if (!(priceUsd > 0) || !Number.isFinite(priceUsd)) continue
      out.set(factor, { riskFactor: factor, priceUsd, venueId: venue.id, asset: p.asset.symbol })
    }
  }
  return out
}
