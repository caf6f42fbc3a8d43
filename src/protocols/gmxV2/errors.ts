import type { Address } from 'viem'
import { InconsistentReadError, VenueDataUnavailableError } from '../../errors/index.js'

/** A GMX price the contracts would divide by is 0. */
export class GmxV2ZeroPriceError extends VenueDataUnavailableError {
  override name = 'GmxV2ZeroPriceError'
  constructor(readonly token: Address) {
    super(`The min price of token ${token} is 0; GMX divides by it, so the position cannot be checked. Pass a positive price.`)
  }
}

/** A positions read whose `markets` and `marketPrices` do not pair up. */
export class GmxV2MarketPricesLengthError extends InconsistentReadError {
  override name = 'GmxV2MarketPricesLengthError'
  constructor(
    readonly markets: number,
    readonly marketPrices: number,
  ) {
    super(`GMX v2 positions read got ${markets} markets and ${marketPrices} market prices; pass one price set per market.`)
  }
}

/** A Reader PositionInfo that does not belong to the market it was decoded with, or whose collateral is not one of its tokens. */
export class GmxV2PositionMarketMismatchError extends InconsistentReadError {
  override name = 'GmxV2PositionMarketMismatchError'
  constructor(
    readonly positionMarket: Address,
    readonly collateralToken: Address,
    readonly market: Address,
  ) {
    super(
      `GMX v2 position in market ${positionMarket} with collateral ${collateralToken} cannot be decoded with market ${market}; pass the position's own market state.`,
    )
  }
}

/** Why GMX v2 prices of a token cannot be read from the feed GMX configures for it. */
export type GmxV2PriceUnavailableReason = 'NO_FEED' | 'NO_MULTIPLIER' | 'FEED_REVERTED' | 'NOT_POSITIVE' | 'UNKNOWN_DECIMALS'

const GMX_V2_PRICE_UNAVAILABLE_TEXT: Readonly<Record<GmxV2PriceUnavailableReason, string>> = {
  NO_FEED: "GMX's DataStore names no Chainlink price feed for it (Keys.PRICE_FEED)",
  NO_MULTIPLIER: 'its price feed multiplier (Keys.PRICE_FEED_MULTIPLIER) is 0',
  FEED_REVERTED: 'its price feed reverted',
  NOT_POSITIVE: 'its price feed answered a price ≤ 0',
  UNKNOWN_DECIMALS: 'its decimals could be read neither from the token nor from its price feed',
}

/** A GMX v2 token xmargin cannot price: positions that need it are unavailable until the feed answers. */
export class GmxV2PriceUnavailableError extends VenueDataUnavailableError {
  override name = 'GmxV2PriceUnavailableError'
  constructor(
    readonly token: Address,
    readonly reason: GmxV2PriceUnavailableReason,
  ) {
    super(`GMX v2 token ${token} cannot be priced: ${GMX_V2_PRICE_UNAVAILABLE_TEXT[reason]}. Positions that need it are left out; retry later.`)
  }
}
