import type { Address, Hex } from 'viem'
import type { AssetExposure } from '../../../domain/riskFactor.js'
import type { BlockRef } from '../../../domain/venue.js'

/** MarketParams of a Morpho Blue market. `lltv` WAD. */
export type MorphoBlueMarketParams = {
  readonly loanToken: Address
  readonly collateralToken: Address
  readonly oracle: Address
  readonly irm: Address
  readonly lltv: bigint
}

/** Morpho Blue `market(id)` as stored (stale until accrueInterest). Assets in loan token units; `fee` WAD; `lastUpdate` unix seconds. */
export type MorphoBlueMarketState = {
  readonly totalSupplyAssets: bigint
  readonly totalSupplyShares: bigint
  readonly totalBorrowAssets: bigint
  readonly totalBorrowShares: bigint
  readonly lastUpdate: bigint
  readonly fee: bigint
}

/** Morpho Blue `position(id, user)`. Shares as stored; collateral in collateral token units. */
export type MorphoBluePosition = {
  readonly supplyShares: bigint
  readonly borrowShares: bigint
  readonly collateral: bigint
}

/**
 * How the market's oracle derives its price, when xmargin can model it
 * exactly: MorphoChainlinkOracleV2 with one base and one quote feed and no
 * vaults, price = SCALE_FACTOR · base / quote (rounded down). Feeds' answers
 * in their own units; `baseExposure`/`quoteExposure` are the factors each
 * feed moves with (the collateral's and the loan token's).
 * `opaque`: any other oracle; shocks scale its price by the collateral/loan
 * price ratio (not exact to the unit).
 */
export type MorphoOracleModel =
  | {
      readonly kind: 'feedRatio'
      readonly scaleFactor: bigint
      readonly baseFeed: Address
      readonly quoteFeed: Address
      readonly baseAnswer: bigint
      readonly quoteAnswer: bigint
      readonly baseUpdatedAt: bigint | null
      readonly quoteUpdatedAt: bigint | null
    }
  | { readonly kind: 'opaque' }

/** A token of a Morpho market with the chain's USD price for it (USD 1e8 from the chain's price oracle). */
export type MorphoBlueAsset = {
  readonly address: Address
  readonly symbol: string
  readonly decimals: number
  readonly exposure: AssetExposure
  readonly priceE8: bigint | null
  /**
   * Where `priceE8` comes from: the chain's USD oracle, or, for a loan token
   * that oracle does not price, the market's own oracle (the loan token's
   * USD price implied by the collateral's and Morpho's price); null: none.
   */
  readonly priceSource: Address | null
  /** Heartbeat of the asset's USD feed, seconds; null when unknown. */
  readonly heartbeatSeconds: number | null
}

/**
 * Everything a Morpho Blue position's health depends on at one block.
 * `borrowRate` is the IRM's borrowRateView at the block (per second, WAD):
 * the rate accrueInterest would apply; `timestamp` the block time interest is
 * accrued to.
 */
export type MorphoBlueAccountState = {
  readonly chainId: number
  readonly morpho: Address
  readonly marketId: Hex
  readonly account: Address
  readonly block: BlockRef
  readonly timestamp: bigint
  readonly params: MorphoBlueMarketParams
  readonly market: MorphoBlueMarketState
  readonly position: MorphoBluePosition
  readonly borrowRate: bigint
  /** IOracle.price(): one collateral unit in loan units, scaled 1e36. */
  readonly oraclePrice: bigint
  readonly oracleModel: MorphoOracleModel
  readonly collateralAsset: MorphoBlueAsset
  readonly loanAsset: MorphoBlueAsset
}
