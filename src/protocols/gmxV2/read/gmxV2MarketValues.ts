import { isAddressEqual, zeroHash, type Hex } from 'viem'
import type { GmxV2MarketState } from '../model/gmxV2Position.js'
import * as keys from './gmxV2Keys.js'
import type { GmxV2MarketMeta } from './gmxV2Metadata.js'

/*
 * GMX v2 market values, read in the second read (see gmxV2Reader.ts): the
 * DataStore values of a held market that the liquidation rule needs and
 * PositionInfo lacks, and the market state built from them.
 */

/** The DataStore values of one market that GmxV2MarketState needs (raw, before the single-token divisor). */
export type GmxV2MarketValues = {
  readonly minCollateralFactor: bigint
  readonly minCollateralFactorForLiquidation: bigint
  readonly positionFeeFactorForBalanceWasImproved: bigint
  readonly positionFeeFactorForBalanceWasNotImproved: bigint
  readonly positionImpactFactorPositive: bigint
  readonly positionImpactFactorNegative: bigint
  readonly positionImpactExponentFactorPositive: bigint
  readonly positionImpactExponentFactorNegative: bigint
  readonly maxPositionImpactFactorPositive: bigint
  readonly maxPositionImpactFactorNegative: bigint
  readonly maxPositionImpactFactorForLiquidations: bigint
  readonly longInterestUsingLongToken: bigint
  readonly longInterestUsingShortToken: bigint
  readonly shortInterestUsingLongToken: bigint
  readonly shortInterestUsingShortToken: bigint
  readonly longInterestInTokensUsingLongToken: bigint
  readonly longInterestInTokensUsingShortToken: bigint
  readonly shortInterestInTokensUsingLongToken: bigint
  readonly shortInterestInTokensUsingShortToken: bigint
  readonly longPoolAmount: bigint
  readonly shortPoolAmount: bigint
  readonly maxPnlFactorForTradersLong: bigint
  readonly maxPnlFactorForTradersShort: bigint
  /** 0 when the index token has no virtual token id. */
  readonly virtualInventoryForPositions: bigint
}

type MarketValueRead = { readonly field: keyof GmxV2MarketValues; readonly functionName: 'getUint' | 'getInt'; readonly key: Hex }

/** The DataStore reads of one market, in call order (the virtual inventory only when the index token has a virtual id). */
export function gmxV2MarketValueReads(m: GmxV2MarketMeta, indexVirtualTokenId: Hex): MarketValueRead[] {
  const u = (field: keyof GmxV2MarketValues, key: Hex): MarketValueRead => ({ field, functionName: 'getUint', key })
  const market = m.marketToken
  const reads: MarketValueRead[] = [
    u('minCollateralFactor', keys.minCollateralFactorKey(market)),
    u('minCollateralFactorForLiquidation', keys.minCollateralFactorForLiquidationKey(market)),
    u('positionFeeFactorForBalanceWasImproved', keys.positionFeeFactorKey(market, true)),
    u('positionFeeFactorForBalanceWasNotImproved', keys.positionFeeFactorKey(market, false)),
    u('positionImpactFactorPositive', keys.positionImpactFactorKey(market, true)),
    u('positionImpactFactorNegative', keys.positionImpactFactorKey(market, false)),
    u('positionImpactExponentFactorPositive', keys.positionImpactExponentFactorKey(market, true)),
    u('positionImpactExponentFactorNegative', keys.positionImpactExponentFactorKey(market, false)),
    u('maxPositionImpactFactorPositive', keys.maxPositionImpactFactorKey(market, true)),
    u('maxPositionImpactFactorNegative', keys.maxPositionImpactFactorKey(market, false)),
    u('maxPositionImpactFactorForLiquidations', keys.maxPositionImpactFactorForLiquidationsKey(market)),
    u('longInterestUsingLongToken', keys.openInterestKey(market, m.longToken, true)),
    u('longInterestUsingShortToken', keys.openInterestKey(market, m.shortToken, true)),
    u('shortInterestUsingLongToken', keys.openInterestKey(market, m.longToken, false)),
    u('shortInterestUsingShortToken', keys.openInterestKey(market, m.shortToken, false)),
    u('longInterestInTokensUsingLongToken', keys.openInterestInTokensKey(market, m.longToken, true)),
    u('longInterestInTokensUsingShortToken', keys.openInterestInTokensKey(market, m.shortToken, true)),
    u('shortInterestInTokensUsingLongToken', keys.openInterestInTokensKey(market, m.longToken, false)),
    u('shortInterestInTokensUsingShortToken', keys.openInterestInTokensKey(market, m.shortToken, false)),
    u('longPoolAmount', keys.poolAmountKey(market, m.longToken)),
    u('shortPoolAmount', keys.poolAmountKey(market, m.shortToken)),
    u('maxPnlFactorForTradersLong', keys.maxPnlFactorKey(keys.GMX_V2_KEY.MAX_PNL_FACTOR_FOR_TRADERS, market, true)),
    u('maxPnlFactorForTradersShort', keys.maxPnlFactorKey(keys.GMX_V2_KEY.MAX_PNL_FACTOR_FOR_TRADERS, market, false)),
  ]
  if (indexVirtualTokenId !== zeroHash) {
    reads.push({ field: 'virtualInventoryForPositions', functionName: 'getInt', key: keys.virtualInventoryForPositionsKey(indexVirtualTokenId) })
  }
  return reads
}

/** Keys.MIN_COLLATERAL_USD and Keys.USE_OPEN_INTEREST_IN_TOKENS_FOR_BALANCE. */
export type GmxV2GlobalValues = { readonly minCollateralUsd: bigint; readonly useOpenInterestInTokensForBalance: boolean }

/**
 * A market's state from its DataStore values, as MarketUtils reads them: in a
 * single-token market (long token = short token) the open interest and pool
 * amounts are stored twice under one key and halved (MarketUtils.getPoolDivisor),
 * as the SDK's markets module does too.
 */
export function toGmxV2MarketState(m: GmxV2MarketMeta, indexTokenDecimals: number, v: GmxV2MarketValues, g: GmxV2GlobalValues): GmxV2MarketState {
  const divisor = isAddressEqual(m.longToken, m.shortToken) ? 2n : 1n
  return {
    marketToken: m.marketToken,
    indexToken: m.indexToken,
    longToken: m.longToken,
    shortToken: m.shortToken,
    indexTokenDecimals,
    minCollateralUsd: g.minCollateralUsd,
    minCollateralFactor: v.minCollateralFactor,
    minCollateralFactorForLiquidation: v.minCollateralFactorForLiquidation,
    positionFeeFactorForBalanceWasImproved: v.positionFeeFactorForBalanceWasImproved,
    positionFeeFactorForBalanceWasNotImproved: v.positionFeeFactorForBalanceWasNotImproved,
    positionImpactFactorPositive: v.positionImpactFactorPositive,
    positionImpactFactorNegative: v.positionImpactFactorNegative,
    positionImpactExponentFactorPositive: v.positionImpactExponentFactorPositive,
    positionImpactExponentFactorNegative: v.positionImpactExponentFactorNegative,
    maxPositionImpactFactorPositive: v.maxPositionImpactFactorPositive,
    maxPositionImpactFactorNegative: v.maxPositionImpactFactorNegative,
    maxPositionImpactFactorForLiquidations: v.maxPositionImpactFactorForLiquidations,
    longInterestUsd: v.longInterestUsingLongToken / divisor + v.longInterestUsingShortToken / divisor,
    shortInterestUsd: v.shortInterestUsingLongToken / divisor + v.shortInterestUsingShortToken / divisor,
    longInterestInTokens: v.longInterestInTokensUsingLongToken / divisor + v.longInterestInTokensUsingShortToken / divisor,
    shortInterestInTokens: v.shortInterestInTokensUsingLongToken / divisor + v.shortInterestInTokensUsingShortToken / divisor,
    useOpenInterestInTokensForBalance: g.useOpenInterestInTokensForBalance,
    virtualInventoryForPositions: v.virtualInventoryForPositions,
    longPoolAmount: v.longPoolAmount / divisor,
    shortPoolAmount: v.shortPoolAmount / divisor,
    maxPnlFactorForTradersLong: v.maxPnlFactorForTradersLong,
    maxPnlFactorForTradersShort: v.maxPnlFactorForTradersShort,
  }
}
