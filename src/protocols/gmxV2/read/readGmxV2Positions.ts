import { isAddressEqual, zeroAddress, type Address, type ContractFunctionReturnType } from 'viem'
import { GmxV2MarketPricesLengthError, GmxV2PositionMarketMismatchError } from '../errors.js'
import type { GmxV2MarketPrices, GmxV2MarketState, GmxV2PositionState } from '../model/gmxV2Position.js'
import { gmxV2ReaderAbi } from '../abi.js'

/** One ReaderPositionUtils.PositionInfo as viem decodes it from `getAccountPositionInfoList`. */
export type GmxV2PositionInfo = ContractFunctionReturnType<typeof gmxV2ReaderAbi, 'view', 'getAccountPositionInfoList'>[number]

/** What a GMX v2 positions read needs: the deployment, the account, and a price for every market it may hold. */
export type GmxV2PositionsCallParameters = {
  readonly reader: Address
  readonly dataStore: Address
  readonly referralStorage: Address
  readonly account: Address
  /** Markets (market token addresses) with a price in `marketPrices` at the same index. */
  readonly markets: readonly Address[]
  readonly marketPrices: readonly GmxV2MarketPrices[]
  /** Range of the account's position keys, [start, end); the Reader clamps `end` to the count. Default 0 to 1000. */
  readonly start?: bigint
  readonly end?: bigint
}


/**
 * The Reader call that lists an account's GMX v2 positions with their pending
 * fees, ready for a multicall: Reader.getAccountPositionInfoList(dataStore,
 * referralStorage, account, markets, marketPrices, uiFeeReceiver = 0, start, end).
 *
 * Price source: the Reader does not read an oracle; it values everything at
 * the prices the caller passes. GMX's keepers execute at oracle-keeper signed
 * prices (a min/max pair per token, from Chainlink Data Streams and GMX's
 * other providers). xmargin passes Chainlink-style feed prices instead, with
 * min = max (toGmxV2Price), so the fees, PnL and impact it reads are at the
 * feed price, without the keepers' spread. A position in a market missing from
 * `markets` makes the Reader revert (Errors.EmptyMarketPrice).
 * @throws GmxV2MarketPricesLengthError when `markets` and `marketPrices` differ in length.
 */
export function gmxV2PositionsCall(p: GmxV2PositionsCallParameters) {
  if (p.markets.length !== p.marketPrices.length) throw new GmxV2MarketPricesLengthError(p.markets.length, p.marketPrices.length)
  return {
    address: p.reader,
    abi: gmxV2ReaderAbi,
    functionName: 'getAccountPositionInfoList',
    args: [
      p.dataStore,
      p.referralStorage,
      p.account,
      p.markets,
      p.marketPrices.map((m) => ({ indexTokenPrice: m.indexTokenPrice, longTokenPrice: m.longTokenPrice, shortTokenPrice: m.shortTokenPrice })),
      // no UI fee receiver: the liquidation check counts no UI fee either
      zeroAddress,
      p.start ?? 0n,
      p.end ?? 1000n,
    ],
  } as const
}


/** The market a position is decoded with, and what the Reader does not say about its collateral. */
export type GmxV2PositionContext = {
  /** The position's market, from DataStore reads (factors, open interest, pool amounts). */
  readonly market: GmxV2MarketState
  readonly collateralTokenDecimals: number
  /**
   * Tokens GMX's interface treats as the index token (getIsEquivalentTokens:
   * the wrapped native token, a token of the same symbol as a synthetic index).
   * The index token itself always counts.
   */
  readonly indexEquivalentTokens?: readonly Address[]
}

/**
 * Maps one Reader PositionInfo to xmargin's GmxV2PositionState. Amounts are
 * copied as the Reader returns them: Position.Numbers (sizeInUsd USD·1e30,
 * sizeInTokens index units, collateralAmount collateral units,
 * pendingImpactAmount index units), the pending borrowing fee in USD·1e30
 * (fees.borrowing.borrowingFeeUsd) and the funding fee in collateral units
 * (fees.funding.fundingFeeAmount), as of the prices and block of the read; the
 * referral and pro discount factors (1e30) from fees.referral and fees.pro.
 * @throws GmxV2PositionMarketMismatchError when the position is not in `context.market` or its collateral is neither market token.
 */
export function decodeGmxV2PositionInfo(info: GmxV2PositionInfo, context: GmxV2PositionContext): GmxV2PositionState {
  const m = context.market
  const { account, market, collateralToken } = info.position.addresses
  const collateralSide = isAddressEqual(collateralToken, m.longToken) ? 'LONG' : isAddressEqual(collateralToken, m.shortToken) ? 'SHORT' : null
  if (!isAddressEqual(market, m.marketToken) || collateralSide === null) {
    throw new GmxV2PositionMarketMismatchError(market, collateralToken, m.marketToken)
  }
  const n = info.position.numbers
  return {
    positionKey: info.positionKey,
    account,
    market: m,
    collateralToken,
    collateralSide,
    collateralTokenDecimals: context.collateralTokenDecimals,
    collateralIsIndexToken: [m.indexToken, ...(context.indexEquivalentTokens ?? [])].some((t) => isAddressEqual(t, collateralToken)),
    isLong: info.position.flags.isLong,
    sizeInUsd: n.sizeInUsd,
    sizeInTokens: n.sizeInTokens,
    collateralAmount: n.collateralAmount,
    pendingImpactAmount: n.pendingImpactAmount,
    pendingBorrowingFeeUsd: info.fees.borrowing.borrowingFeeUsd,
    pendingFundingFeeAmount: info.fees.funding.fundingFeeAmount,
    referralTotalRebateFactor: info.fees.referral.totalRebateFactor,
    referralTraderDiscountFactor: info.fees.referral.traderDiscountFactor,
    proTraderDiscountFactor: info.fees.pro.traderDiscountFactor,
  }
}

export { GmxV2MarketPricesLengthError, GmxV2PositionMarketMismatchError } from '../errors.js'
