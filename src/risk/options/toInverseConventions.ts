import { InvalidArgumentError } from '../../errors/index.js'
import type { Black76Result } from './black76.js'

/**
 * A Black-76 result in the conventions a venue of inverse (coin-settled)
 * options publishes: price in the base coin, delta in units of the
 * underlying, gamma per USD of the underlying, vega in USD per volatility
 * point, theta in USD per calendar day.
 */
export type InverseConventions = {
  /** Price in the base coin per unit: USD price / the coin's USD index price. */
  readonly markPriceCoin: number
  readonly delta: number
  readonly gamma: number
  readonly vegaUsdPerPoint: number
  readonly thetaUsdPerDay: number
}

/**
 * Converts a Black-76 result on the forward into Deribit's published
 * conventions for its inverse BTC/ETH options: implied volatility quoted on
 * the forward (the underlying future), the coin price equal to the USD price
 * divided by the coin's index price ("the price in USD is calculated by using
 * the latest index price", Deribit, Inverse Options), and the Greeks of the
 * USD option (delta in coin units, gamma per USD, vega per volatility point
 * and theta per day, in USD). Used to verify the pricer against Deribit's
 * recorded Greeks; nothing else depends on a venue's conventions.
 *
 * `indexPriceUsd`: the coin's USD index price (Deribit's `index_price`).
 *
 * @throws {InvalidArgumentError} when the index price is not a finite
 * number > 0.
 */
export function toInverseConventions(result: Black76Result, indexPriceUsd: number): InverseConventions {
  if (!(Number.isFinite(indexPriceUsd) && indexPriceUsd > 0)) throw new InvalidArgumentError('indexPriceUsd', `must be a finite price > 0 (got ${indexPriceUsd}).`)
  return {
    // USD per unit / (USD per coin) = coin per unit
    markPriceCoin: result.priceUsd / indexPriceUsd,
    delta: result.delta,
    gamma: result.gamma,
    vegaUsdPerPoint: result.vegaPerPoint,
    thetaUsdPerDay: result.thetaPerDay,
  }
}
