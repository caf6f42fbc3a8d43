import { createRequire } from 'node:module'
import {
  decodeFunctionData,
  decodeFunctionResult,
  encodeFunctionData,
  encodeFunctionResult,
  getAddress,
  isAddressEqual,
  zeroAddress,
  zeroHash,
  type Abi,
  type Address,
  type Hex,
} from 'viem'
import { describe, expect, it } from 'vitest'
import { gmxV2Arbitrum } from '../deployments.js'
import { exposureOfSymbol } from '../../../domain/riskFactorTable.js'
import type { BlockRef, UnavailableVenue } from '../../../domain/venue.js'
import {
  computeGmxV2LiquidationCheck,
  gmxV2LiquidationPrice,
  toGmxV2Price,
  type GmxV2MarketPrices,
  type GmxV2MarketState,
  type GmxV2PositionState,
} from '../model/gmxV2Position.js'
import type { VenueModel } from '../../../risk/venueModel.js'
import { compilePortfolioKernel } from '../../../risk/kernel/compilePortfolioKernel.js'
import { evaluatePortfolioKernel } from '../../../../test/support/kernel.js'
import { toPriceMoves } from '../../../risk/shock.js'
import type { CallResult, ChainReader, ContractCall } from '../../../read/readPlan.js'
import { readVenues, venueReaderOf } from '../../../read/venueReader.js'
import type { GmxV2MarketValues } from './gmxV2MarketValues.js'
import { GmxV2MetadataCache, gmxV2TokenDecimalsFromFeed, toGmxV2TokenMeta } from './gmxV2Metadata.js'
import { createGmxV2StateReader, gmxV2PositionsPlan, toGmxV2FeedPrice, type GmxV2ReadParameters } from './gmxV2Reader.js'
import { gmxV2HealthFactorWad, gmxV2RequiredCollateralUsd, toGmxV2VenueModel } from '../model/toGmxV2VenueModel.js'

/** The reader as the plugin builds it: plain states, then the pure model. */
const createGmxV2Reader = (p: GmxV2ReadParameters) => venueReaderOf(createGmxV2StateReader(p), toGmxV2VenueModel)

/**
 * The GMX v2 reader against a stand-in Arbitrum: a ChainReader whose Reader
 * and DataStore answer through the ABIs @gmx-io/sdk publishes (each call is
 * encoded with xmargin's ABI, decoded by the stand-in with the SDK's, its
 * answer encoded with the SDK's and decoded with xmargin's, as a node and
 * viem would), whose DataStore is keyed by the SDK's own key functions, and
 * whose positions are fixtures. Expected values come from the fixture state
 * through gmxV2Position.ts and, independently, from the SDK's getLiquidationPrice.
 * No live chain: GMX has no deployment on the devnet.
 */

const require = createRequire(import.meta.url)
const sdkReaderAbi = (require('@gmx-io/sdk/abis/SyntheticsReader') as { default: Abi }).default
const sdkDataStoreAbi = (require('@gmx-io/sdk/abis/DataStore') as { default: Abi }).default
const sdkKeys = require('@gmx-io/sdk/configs/dataStore') as typeof import('@gmx-io/sdk/configs/dataStore')
const sdkHash = require('@gmx-io/sdk/utils/hash') as typeof import('@gmx-io/sdk/utils/hash')
const sdkPositions = require('@gmx-io/sdk/utils/positions') as typeof import('@gmx-io/sdk/utils/positions')
const sdkTokens = require('@gmx-io/sdk/utils/tokens') as typeof import('@gmx-io/sdk/utils/tokens')

type SdkLiquidationParams = Parameters<typeof sdkPositions.getLiquidationPrice>[0]

const { reader: READER, dataStore: DATA_STORE, referralStorage: REFERRAL_STORAGE } = gmxV2Arbitrum
const CHAIN_ID = 42161
const ACCOUNT = getAddress('0x00000000000000000000000000000000000a11ce')
const BLOCK: BlockRef = { chainId: CHAIN_ID, blockNumber: 350_000_000n, blockHash: `0x${'ab'.repeat(32)}`, timestamp: 1_760_000_000n }

const E30 = 10n ** 30n
/** USD → USD·1e30, 6 decimals kept. */
const usd = (x: number) => BigInt(Math.round(x * 1e6)) * 10n ** 24n
const factor = usd
/** Whole tokens → smallest units (6 decimals of the token kept). */
const units = (x: number, decimals: number) => BigInt(Math.round(x * 1e6)) * 10n ** BigInt(decimals - 6)

// ---------------------------------------------------------------------------
// The stand-in chain's tokens, feeds and markets

type Feed = { readonly address: Address; readonly answer: bigint; readonly updatedAt: bigint; readonly description: string }
type Token = {
  readonly address: Address
  readonly decimals: number
  /** The ERC20 contract, or null for GMX's synthetic index tokens (no code). */
  readonly erc20: { readonly symbol: string } | null
  /** The symbol and synthetic flag in the SDK's token config (configs/tokens.js, Arbitrum). */
  readonly sdkSymbol: string
  readonly synthetic: boolean
  readonly feed: Feed | null
  readonly heartbeat: bigint
  readonly virtualTokenId: Hex
}

const feed = (address: string, answer: bigint, description: string, age = 120n): Feed => ({
  address: getAddress(address),
  answer,
  updatedAt: BLOCK.timestamp - age,
  description,
})
const ETH_FEED = feed('0x639fe6ab55c921f74e7fac1ee960c0b6293ba612', 301_234_567_890n, 'ETH / USD')
const BTC_FEED = feed('0x6ce185860a4963106506c203335a2910413708e9', 6_543_210_987_654n, 'BTC / USD')
const USDC_FEED = feed('0x50834f3163758fcc1df9973b6e91f0f0f0434ad3', 100_012_000n, 'USDC / USD')
// older than its heartbeat: GMX would refuse it
const DOGE_FEED = feed('0x9a7fb1b3950837a8d9b40517626e11d4127c098c', 15_432_100n, 'DOGE / USD', 90_000n)

const VIRTUAL_ETH: Hex = `0x${'e7'.repeat(32)}`
const token = (address: string, decimals: number, t: Partial<Token>): Token => ({
  address: getAddress(address),
  decimals,
  erc20: null,
  sdkSymbol: '',
  synthetic: false,
  feed: null,
  heartbeat: 86_400n,
  virtualTokenId: zeroHash,
  ...t,
})
const WETH = token('0x82af49447d8a07e3bd95bd0d56f35241523fbab1', 18, { erc20: { symbol: 'WETH' }, sdkSymbol: 'ETH', feed: ETH_FEED, virtualTokenId: VIRTUAL_ETH })
const USDC = token('0xaf88d065e77c8cc2239327c5edb3a432268e5831', 6, { erc20: { symbol: 'USDC' }, sdkSymbol: 'USDC', feed: USDC_FEED })
const WBTC = token('0x2f2a2543b76a4166549f7aab2e75bef0aefc5b0f', 8, { erc20: { symbol: 'WBTC' }, sdkSymbol: 'BTC', feed: BTC_FEED })
const BTC = token('0x47904963fc8b2340414262125af798b9655e58cd', 8, { sdkSymbol: 'BTC', synthetic: true, feed: BTC_FEED })
const DOGE = token('0xc4da4c24fd591125c3f47b340b6f4f76111883d8', 8, { sdkSymbol: 'DOGE', synthetic: true, feed: DOGE_FEED })
// a synthetic token GMX configures no Chainlink feed for
const XYZ = token('0x000000000000000000000000000000000000c0de', 8, { sdkSymbol: 'XYZ', synthetic: true })
const TOKENS = [WETH, USDC, WBTC, BTC, DOGE, XYZ]

type Market = { readonly marketToken: Address; readonly index: Token; readonly long: Token; readonly short: Token; readonly raw: GmxV2MarketValues }

/** A market's raw DataStore values (open interest per collateral token, pool amounts as stored). */
function raw(index: Token, long: Token, short: Token, o: Partial<GmxV2MarketValues> = {}): GmxV2MarketValues {
  const indexUnit = (x: number) => units(x, index.decimals)
  return {
    minCollateralFactor: factor(0.01),
    minCollateralFactorForLiquidation: factor(0.005),
    positionFeeFactorForBalanceWasImproved: factor(0.0004),
    positionFeeFactorForBalanceWasNotImproved: factor(0.0006),
    positionImpactFactorPositive: factor(0.000000003),
    positionImpactFactorNegative: factor(0.000000005),
    positionImpactExponentFactorPositive: factor(2),
    positionImpactExponentFactorNegative: factor(2),
    maxPositionImpactFactorPositive: factor(0.005),
    maxPositionImpactFactorNegative: factor(0.005),
    maxPositionImpactFactorForLiquidations: factor(0.01),
    longInterestUsingLongToken: usd(21_000_000),
    longInterestUsingShortToken: usd(9_000_000),
    shortInterestUsingLongToken: usd(4_000_000),
    shortInterestUsingShortToken: usd(22_000_000),
    longInterestInTokensUsingLongToken: indexUnit(7_100 * (index === DOGE ? 10_000 : index === BTC ? 0.05 : 1)),
    longInterestInTokensUsingShortToken: indexUnit(3_050 * (index === DOGE ? 10_000 : index === BTC ? 0.05 : 1)),
    shortInterestInTokensUsingLongToken: indexUnit(1_300 * (index === DOGE ? 10_000 : index === BTC ? 0.05 : 1)),
    shortInterestInTokensUsingShortToken: indexUnit(7_400 * (index === DOGE ? 10_000 : index === BTC ? 0.05 : 1)),
    longPoolAmount: units(long === USDC ? 40_000_000 : long === WETH ? 15_000 : 600, long.decimals),
    shortPoolAmount: units(short === USDC ? 45_000_000 : 15_000, short.decimals),
    maxPnlFactorForTradersLong: factor(0.9),
    maxPnlFactorForTradersShort: factor(0.9),
    virtualInventoryForPositions: index === WETH ? -usd(3_500_000) : 0n,
    ...o,
  }
}
const market = (address: string, index: Token, long: Token, short: Token, o: Partial<GmxV2MarketValues> = {}): Market => ({
  marketToken: getAddress(address),
  index,
  long,
  short,
  raw: raw(index, long, short, o),
})
const ETH_USD = market('0x70d95587d40a2caf56bd97485ab3eec10bee6336', WETH, WETH, USDC)
// a single-token market: open interest and pool stored under one key for both sides, halved on read
const ETH_USD_SINGLE = market('0x450bb6774dd8a756274e0ab4107953259d2ac541', WETH, WETH, WETH, {
  longInterestUsingShortToken: usd(21_000_000),
  shortInterestUsingShortToken: usd(4_000_000),
  longInterestInTokensUsingShortToken: units(7_100, 18),
  shortInterestInTokensUsingShortToken: units(1_300, 18),
  shortPoolAmount: units(15_000, 18),
  minCollateralFactorForLiquidation: factor(0.008),
})
const BTC_USD = market('0x47c031236e19d024b42f8ae6780e44a573170703', BTC, WBTC, USDC, { minCollateralFactorForLiquidation: factor(0.004) })
const DOGE_USD = market('0x6853ea96ff216fab11d2d930ce3c508556a4bdc4', DOGE, WETH, USDC, { minCollateralFactor: factor(0.02), minCollateralFactorForLiquidation: factor(0.01) })
const XYZ_USD = market('0x000000000000000000000000000000000000beef', XYZ, WETH, USDC)
const SPOT_ONLY: Market = { ...market('0x000000000000000000000000000000000000f00d', WETH, WETH, USDC), index: { ...WETH, address: zeroAddress } }
const MARKETS = [ETH_USD, ETH_USD_SINGLE, BTC_USD, DOGE_USD, XYZ_USD, SPOT_ONLY]

const MIN_COLLATERAL_USD = usd(1)

type Position = {
  readonly market: Market
  readonly collateral: Token
  readonly isLong: boolean
  readonly sizeUsd: number
  readonly entryPrice: number
  readonly collateralAmount: number
  readonly pendingImpactTokens?: number
  readonly borrowingFeeUsd?: number
  readonly fundingFeeAmount?: number
  readonly referral?: { readonly totalRebateFactor: number; readonly traderDiscountFactor: number }
  readonly proDiscountFactor?: number
}

const POSITIONS: readonly Position[] = [
  // 10× long ETH on USDC, fees pending, a referral code and a pro tier
  {
    market: ETH_USD, collateral: USDC, isLong: true, sizeUsd: 30_000, entryPrice: 3_005, collateralAmount: 3_000,
    pendingImpactTokens: -0.001, borrowingFeeUsd: 3.2, fundingFeeAmount: 1.5, referral: { totalRebateFactor: 0.1, traderDiscountFactor: 0.5 }, proDiscountFactor: 0.1,
  },
  // short ETH backed by WETH: the collateral is the index token
  { market: ETH_USD, collateral: WETH, isLong: false, sizeUsd: 15_000, entryPrice: 3_100, collateralAmount: 0.8, borrowingFeeUsd: 0.7, fundingFeeAmount: 0.0002 },
  // long BTC (synthetic index) backed by WBTC: equivalent to the index token, as the SDK's getIsEquivalentTokens says
  { market: BTC_USD, collateral: WBTC, isLong: true, sizeUsd: 100_000, entryPrice: 64_000, collateralAmount: 0.1, pendingImpactTokens: 0.0002, borrowingFeeUsd: 12 },
  // a market whose index token has no feed: unavailable
  { market: XYZ_USD, collateral: USDC, isLong: true, sizeUsd: 1_000, entryPrice: 1, collateralAmount: 100 },
  // short DOGE, 10% against it with 0.8% collateral: liquidatable now, and its feed is stale
  { market: DOGE_USD, collateral: USDC, isLong: false, sizeUsd: 5_000, entryPrice: 0.14, collateralAmount: 40, borrowingFeeUsd: 0.5 },
  // long ETH in the single-token market, WETH collateral
  { market: ETH_USD_SINGLE, collateral: WETH, isLong: true, sizeUsd: 6_000, entryPrice: 3_000, collateralAmount: 0.5, fundingFeeAmount: 0.0001 },
]

const sizeInTokens = (p: Position) => units(p.sizeUsd / p.entryPrice, p.market.index.decimals)
const keyOf = (p: Position) => sdkKeys.hashedPositionKey(ACCOUNT, p.market.marketToken, p.collateral.address, p.isLong) as Hex

/** The feed price as GMX's unit: answer · 10^(30 − 8 − decimals) (toGmxV2Price, not the reader's multiplier path). */
const unitPrice = (t: Token) => toGmxV2Price(t.feed!.answer, 8, t.decimals)
const multiplierOf = (t: Token) => 10n ** BigInt(60 - 8 - t.decimals)

function pricesOf(m: Market): GmxV2MarketPrices {
  return { indexTokenPrice: unitPrice(m.index), longTokenPrice: unitPrice(m.long), shortTokenPrice: unitPrice(m.short) }
}

/** The market state as the SDK's markets module builds it (modules/markets: isSameCollaterals divisor of 2). */
function expectedMarketState(m: Market): GmxV2MarketState {
  const r = m.raw
  const d = m.long === m.short ? 2n : 1n
  return {
    marketToken: m.marketToken,
    indexToken: m.index.address,
    longToken: m.long.address,
    shortToken: m.short.address,
    indexTokenDecimals: m.index.decimals,
    minCollateralUsd: MIN_COLLATERAL_USD,
    minCollateralFactor: r.minCollateralFactor,
    minCollateralFactorForLiquidation: r.minCollateralFactorForLiquidation,
    positionFeeFactorForBalanceWasImproved: r.positionFeeFactorForBalanceWasImproved,
    positionFeeFactorForBalanceWasNotImproved: r.positionFeeFactorForBalanceWasNotImproved,
    positionImpactFactorPositive: r.positionImpactFactorPositive,
    positionImpactFactorNegative: r.positionImpactFactorNegative,
    positionImpactExponentFactorPositive: r.positionImpactExponentFactorPositive,
    positionImpactExponentFactorNegative: r.positionImpactExponentFactorNegative,
    maxPositionImpactFactorPositive: r.maxPositionImpactFactorPositive,
    maxPositionImpactFactorNegative: r.maxPositionImpactFactorNegative,
    maxPositionImpactFactorForLiquidations: r.maxPositionImpactFactorForLiquidations,
    longInterestUsd: r.longInterestUsingLongToken / d + r.longInterestUsingShortToken / d,
    shortInterestUsd: r.shortInterestUsingLongToken / d + r.shortInterestUsingShortToken / d,
    longInterestInTokens: r.longInterestInTokensUsingLongToken / d + r.longInterestInTokensUsingShortToken / d,
    shortInterestInTokens: r.shortInterestInTokensUsingLongToken / d + r.shortInterestInTokensUsingShortToken / d,
    useOpenInterestInTokensForBalance: true,
    virtualInventoryForPositions: r.virtualInventoryForPositions,
    longPoolAmount: r.longPoolAmount / d,
    shortPoolAmount: r.shortPoolAmount / d,
    maxPnlFactorForTradersLong: r.maxPnlFactorForTradersLong,
    maxPnlFactorForTradersShort: r.maxPnlFactorForTradersShort,
  }
}

/** The SDK's getIsEquivalentTokens on its own token config. */
const sdkEquivalent = (a: Token, b: Token) => a.address === b.address || ((a.synthetic || b.synthetic) && a.sdkSymbol === b.sdkSymbol)

function expectedState(p: Position): GmxV2PositionState {
  const m = p.market
  return {
    positionKey: keyOf(p),
    account: ACCOUNT,
    market: expectedMarketState(m),
    collateralToken: p.collateral.address,
    collateralSide: p.collateral === m.long ? 'LONG' : 'SHORT',
    collateralTokenDecimals: p.collateral.decimals,
    collateralIsIndexToken: sdkEquivalent(p.collateral, m.index),
    isLong: p.isLong,
    sizeInUsd: usd(p.sizeUsd),
    sizeInTokens: sizeInTokens(p),
    collateralAmount: units(p.collateralAmount, p.collateral.decimals),
    pendingImpactAmount: units(p.pendingImpactTokens ?? 0, m.index.decimals),
    pendingBorrowingFeeUsd: usd(p.borrowingFeeUsd ?? 0),
    pendingFundingFeeAmount: units(p.fundingFeeAmount ?? 0, p.collateral.decimals),
    referralTotalRebateFactor: factor(p.referral?.totalRebateFactor ?? 0),
    referralTraderDiscountFactor: factor(p.referral?.traderDiscountFactor ?? 0),
    proTraderDiscountFactor: factor(p.proDiscountFactor ?? 0),
  }
}

/** ReaderPositionUtils.PositionInfo for a fixture, as the Reader would return it (fees at the fixture's values). */
function positionInfo(p: Position, positionKey: Hex = keyOf(p)) {
  const s = expectedState(p)
  const zero = 0n
  return {
    positionKey,
    position: {
      addresses: { account: ACCOUNT, market: p.market.marketToken, collateralToken: p.collateral.address },
      numbers: {
        sizeInUsd: s.sizeInUsd,
        sizeInTokens: s.sizeInTokens,
        collateralAmount: s.collateralAmount,
        pendingImpactAmount: s.pendingImpactAmount,
        borrowingFactor: zero,
        fundingFeeAmountPerSize: zero,
        longTokenClaimableFundingAmountPerSize: zero,
        shortTokenClaimableFundingAmountPerSize: zero,
        increasedAtTime: BLOCK.timestamp - 86_400n,
        decreasedAtTime: zero,
      },
      flags: { isLong: p.isLong },
    },
    fees: {
      referral: {
        referralCode: zeroHash, affiliate: zeroAddress, trader: ACCOUNT,
        totalRebateFactor: s.referralTotalRebateFactor, affiliateRewardFactor: zero, adjustedAffiliateRewardFactor: zero,
        traderDiscountFactor: s.referralTraderDiscountFactor, totalRebateAmount: zero, traderDiscountAmount: zero, affiliateRewardAmount: zero,
      },
      pro: { traderTier: s.proTraderDiscountFactor > 0n ? 1n : 0n, traderDiscountFactor: s.proTraderDiscountFactor, traderDiscountAmount: zero },
      funding: {
        fundingFeeAmount: s.pendingFundingFeeAmount, claimableLongTokenAmount: zero, claimableShortTokenAmount: zero,
        latestFundingFeeAmountPerSize: zero, latestLongTokenClaimableFundingAmountPerSize: zero, latestShortTokenClaimableFundingAmountPerSize: zero,
      },
      borrowing: { borrowingFeeUsd: s.pendingBorrowingFeeUsd, borrowingFeeAmount: zero, borrowingFeeReceiverFactor: zero, borrowingFeeAmountForFeeReceiver: zero },
      ui: { uiFeeReceiver: zeroAddress, uiFeeReceiverFactor: zero, uiFeeAmount: zero },
      liquidation: { liquidationFeeUsd: zero, liquidationFeeAmount: zero, liquidationFeeReceiverFactor: zero, liquidationFeeAmountForFeeReceiver: zero },
      collateralTokenPrice: unitPrice(p.collateral),
      positionFeeFactor: zero, protocolFeeAmount: zero, positionFeeReceiverFactor: zero, feeReceiverAmount: zero, feeAmountForPool: zero,
      positionFeeAmountForPool: zero, positionFeeAmount: zero, totalCostAmountExcludingFunding: zero, totalCostAmount: zero, totalDiscountAmount: zero,
    },
    executionPriceResult: { priceImpactUsd: zero, executionPrice: 1n, balanceWasImproved: false, proportionalPendingImpactUsd: zero, totalImpactUsd: zero, priceImpactDiffUsd: zero },
    // the contract's own PnL at the passed prices; the fixtures have no PnL cap in play
    basePnlUsd: p.market.index.feed ? (p.isLong ? 1n : -1n) * (s.sizeInTokens * unitPrice(p.market.index).min - s.sizeInUsd) : zero,
    uncappedBasePnlUsd: zero,
    pnlAfterPriceImpactUsd: zero,
  }
}

// ---------------------------------------------------------------------------
// The stand-in chain

type World = {
  readonly markets: readonly Market[]
  readonly positions: readonly Position[]
  /** Answer a PositionInfo whose key is not the listed position's (a list that changed between reads). */
  readonly wrongKeys?: boolean
  /** Make Reader.getMarkets revert. */
  readonly marketsRevert?: boolean
}

type StandIn = ChainReader & { multicalls: number; readonly infoCalls: { start: bigint; markets: readonly Address[]; prices: unknown }[] }

const feedMultiplierKey = (t: Address) => sdkHash.hashData(['bytes32', 'address'], [sdkHash.hashString('PRICE_FEED_MULTIPLIER'), t])
const feedHeartbeatKey = (t: Address) => sdkHash.hashData(['bytes32', 'address'], [sdkHash.hashString('PRICE_FEED_HEARTBEAT_DURATION'), t])

/** GMX's DataStore for the world, keyed by the SDK's key functions. */
function dataStoreOf(w: World): Map<string, unknown> {
  const store = new Map<string, unknown>()
  const set = (key: string, value: unknown) => store.set(key.toLowerCase(), value)
  set(sdkKeys.MIN_COLLATERAL_USD_KEY, MIN_COLLATERAL_USD)
  set(sdkKeys.USE_OPEN_INTEREST_IN_TOKENS_FOR_BALANCE, true)
  for (const t of TOKENS) {
    if (t.feed) {
      set(sdkKeys.priceFeedKey(t.address), t.feed.address)
      set(feedMultiplierKey(t.address), multiplierOf(t))
    }
    set(feedHeartbeatKey(t.address), t.heartbeat)
    set(sdkKeys.virtualTokenIdKey(t.address), t.virtualTokenId)
  }
  set(sdkKeys.virtualInventoryForPositionsKey(VIRTUAL_ETH), ETH_USD.raw.virtualInventoryForPositions)
  for (const { marketToken: m, long, short, raw: r } of w.markets) {
    set(sdkKeys.minCollateralFactorKey(m), r.minCollateralFactor)
    set(sdkKeys.minCollateralFactorForLiquidationKey(m), r.minCollateralFactorForLiquidation)
    set(sdkKeys.positionFeeFactorKey(m, true), r.positionFeeFactorForBalanceWasImproved)
    set(sdkKeys.positionFeeFactorKey(m, false), r.positionFeeFactorForBalanceWasNotImproved)
    set(sdkKeys.positionImpactFactorKey(m, true), r.positionImpactFactorPositive)
    set(sdkKeys.positionImpactFactorKey(m, false), r.positionImpactFactorNegative)
    set(sdkKeys.positionImpactExponentFactorKey(m, true), r.positionImpactExponentFactorPositive)
    set(sdkKeys.positionImpactExponentFactorKey(m, false), r.positionImpactExponentFactorNegative)
    set(sdkKeys.maxPositionImpactFactorKey(m, true), r.maxPositionImpactFactorPositive)
    set(sdkKeys.maxPositionImpactFactorKey(m, false), r.maxPositionImpactFactorNegative)
    set(sdkKeys.maxPositionImpactFactorForLiquidationsKey(m), r.maxPositionImpactFactorForLiquidations)
    set(sdkKeys.openInterestKey(m, long.address, true), r.longInterestUsingLongToken)
    set(sdkKeys.openInterestKey(m, short.address, true), r.longInterestUsingShortToken)
    set(sdkKeys.openInterestKey(m, long.address, false), r.shortInterestUsingLongToken)
    set(sdkKeys.openInterestKey(m, short.address, false), r.shortInterestUsingShortToken)
    set(sdkKeys.openInterestInTokensKey(m, long.address, true), r.longInterestInTokensUsingLongToken)
    set(sdkKeys.openInterestInTokensKey(m, short.address, true), r.longInterestInTokensUsingShortToken)
    set(sdkKeys.openInterestInTokensKey(m, long.address, false), r.shortInterestInTokensUsingLongToken)
    set(sdkKeys.openInterestInTokensKey(m, short.address, false), r.shortInterestInTokensUsingShortToken)
    set(sdkKeys.poolAmountKey(m, long.address), r.longPoolAmount)
    set(sdkKeys.poolAmountKey(m, short.address), r.shortPoolAmount)
    set(sdkKeys.maxPnlFactorKey(sdkKeys.MAX_PNL_FACTOR_FOR_TRADERS_KEY, m, true), r.maxPnlFactorForTradersLong)
    set(sdkKeys.maxPnlFactorKey(sdkKeys.MAX_PNL_FACTOR_FOR_TRADERS_KEY, m, false), r.maxPnlFactorForTradersShort)
  }
  return store
}

class Revert extends Error {}

function standIn(w: World): StandIn {
  const store = dataStoreOf(w)
  const feeds = new Map(TOKENS.flatMap((t) => (t.feed ? [[t.feed.address.toLowerCase(), t.feed] as const] : [])))
  const erc20s = new Map(TOKENS.flatMap((t) => (t.erc20 ? [[t.address.toLowerCase(), t] as const] : [])))
  const infoCalls: StandIn['infoCalls'] = []

  function respond(address: Address, functionName: string, args: readonly unknown[]): unknown {
    if (isAddressEqual(address, READER)) {
      expect(args[0], 'the Reader is given GMX DataStore').toBe(DATA_STORE)
      if (functionName === 'getMarkets') {
        if (w.marketsRevert) throw new Revert('getMarkets')
        return w.markets.map((m) => ({ marketToken: m.marketToken, indexToken: m.index.address, longToken: m.long.address, shortToken: m.short.address }))
      }
      if (functionName === 'getAccountPositions') {
        expect(args[1]).toBe(ACCOUNT)
        return w.positions.map((p) => positionInfo(p).position)
      }
      if (functionName === 'getAccountPositionInfoList') {
        const [, referralStorage, account, markets, marketPrices, uiFeeReceiver, start, end] = args as [Address, Address, Address, readonly Address[], readonly unknown[], Address, bigint, bigint]
        expect([referralStorage, account, uiFeeReceiver]).toEqual([REFERRAL_STORAGE, ACCOUNT, zeroAddress])
        infoCalls.push({ start, markets, prices: marketPrices[0] })
        return w.positions.slice(Number(start), Number(end)).map((p) => {
          // ReaderPositionUtils._getMarketPricesByAddress: a position without its market's prices reverts
          if (!markets.some((m) => isAddressEqual(m, p.market.marketToken))) throw new Revert('EmptyMarketPrice')
          return positionInfo(p, w.wrongKeys ? zeroHash : keyOf(p))
        })
      }
    }
    if (isAddressEqual(address, DATA_STORE)) {
      const value = store.get((args[0] as string).toLowerCase())
      const defaults: Record<string, unknown> = { getUint: 0n, getInt: 0n, getBool: false, getAddress: zeroAddress, getBytes32: zeroHash }
      return value ?? defaults[functionName]
    }
    const f = feeds.get(address.toLowerCase())
    if (f) {
      if (functionName === 'latestRoundData') return [42n, f.answer, f.updatedAt, f.updatedAt, 42n]
      if (functionName === 'decimals') return 8
      if (functionName === 'description') return f.description
    }
    const t = erc20s.get(address.toLowerCase())
    if (t && functionName === 'symbol') return t.erc20!.symbol
    if (t && functionName === 'decimals') return t.decimals
    // a synthetic token: no code at the address
    throw new Revert(`no code at ${address}`)
  }

  /** Encodes the call with xmargin's ABI and decodes it with the deployed contract's (the SDK's for GMX contracts), and back. */
  function answer(call: ContractCall): CallResult {
    const deployed = isAddressEqual(call.address, READER) ? sdkReaderAbi : isAddressEqual(call.address, DATA_STORE) ? sdkDataStoreAbi : call.abi
    const data = encodeFunctionData({ abi: call.abi, functionName: call.functionName, args: call.args ?? [] } as never)
    const { args } = decodeFunctionData({ abi: deployed, data })
    let result: unknown
    try {
      result = respond(call.address, call.functionName, args ?? [])
    } catch (error) {
      if (error instanceof Revert) return { status: 'failure', error }
      throw error
    }
    const out = encodeFunctionResult({ abi: deployed, functionName: call.functionName, result } as never)
    return { status: 'success', result: decodeFunctionResult({ abi: call.abi, functionName: call.functionName, data: out } as never) }
  }

  const self: StandIn = {
    chainId: CHAIN_ID,
    block: BLOCK,
    multicalls: 0,
    infoCalls,
    async multicall(calls) {
      self.multicalls += 1
      return calls.map(answer)
    },
    // GMX reads no storage slot and sends no side request
    getStorageAt: async () => '0x',
    side: async () => [],
  }
  return self
}

function parameters(cache: GmxV2MetadataCache, o: Partial<GmxV2ReadParameters> = {}): GmxV2ReadParameters {
  return {
    chainId: CHAIN_ID,
    deployment: { reader: READER, dataStore: DATA_STORE, referralStorage: REFERRAL_STORAGE },
    account: ACCOUNT,
    cache,
    exposureOf: (symbol) => exposureOfSymbol(symbol),
    ...o,
  }
}

async function read(w: World, cache = new GmxV2MetadataCache(), o: Partial<GmxV2ReadParameters> = {}) {
  const chain = standIn(w)
  const r = await readVenues(chain, [createGmxV2Reader(parameters(cache, o))])
  return { ...r, chain, cache }
}

const byId = (models: readonly VenueModel[], p: Position) => models.find((m) => m.venue.id === `gmx-v2:${CHAIN_ID}:${keyOf(p)}`)!

/** The SDK's getLiquidationPrice on the fixture state (SDK tokens and MarketInfo built from the same numbers). */
function sdkLiquidationPrice(p: Position): bigint | undefined {
  const s = expectedState(p)
  const m = s.market
  const prices = pricesOf(p.market)
  const sdkToken = (t: Token, unit: bigint) => {
    const perToken = unit * 10n ** BigInt(t.decimals)
    return { address: t.address, decimals: t.decimals, symbol: t.sdkSymbol, isSynthetic: t.synthetic, prices: { minPrice: perToken, maxPrice: perToken } }
  }
  const indexToken = sdkToken(p.market.index, prices.indexTokenPrice.min)
  const collateralToken = sdkToken(p.collateral, unitPrice(p.collateral).min) as SdkLiquidationParams['collateralToken']
  const marketInfo = {
    ...m,
    indexToken,
    longToken: sdkToken(p.market.long, prices.longTokenPrice.min),
    shortToken: sdkToken(p.market.short, prices.shortTokenPrice.min),
  } as unknown as SdkLiquidationParams['marketInfo']
  const min = collateralToken.prices.minPrice
  return sdkPositions.getLiquidationPrice({
    sizeInUsd: s.sizeInUsd,
    sizeInTokens: s.sizeInTokens,
    collateralAmount: s.collateralAmount,
    collateralUsd: sdkTokens.convertToUsd(s.collateralAmount, p.collateral.decimals, min)!,
    collateralToken,
    marketInfo,
    pendingFundingFeesUsd: sdkTokens.convertToUsd(s.pendingFundingFeeAmount, p.collateral.decimals, min)!,
    pendingBorrowingFeesUsd: s.pendingBorrowingFeeUsd,
    pendingImpactAmount: s.pendingImpactAmount,
    minCollateralUsd: m.minCollateralUsd,
    isLong: s.isLong,
    userReferralInfo: { totalRebateFactor: s.referralTotalRebateFactor, discountFactor: s.referralTraderDiscountFactor } as SdkLiquidationParams['userReferralInfo'],
  })
}

const READABLE = POSITIONS.filter((p) => p.market !== XYZ_USD)

describe('GMX v2 reader: two reads, one venue per position', () => {
  it('cold: market list, token config, feed info; then the positions and feeds; then the DataStore and the Reader (5 multicalls, 2 when warm)', async () => {
    const cold = await read({ markets: MARKETS, positions: POSITIONS })
    expect(cold.chain.multicalls).toBe(5)
    expect(cold.models.map((m) => m.venue.id).sort()).toEqual(READABLE.map((p) => `gmx-v2:${CHAIN_ID}:${keyOf(p)}`).sort())
    const warm = await read({ markets: MARKETS, positions: POSITIONS }, cold.cache)
    expect(warm.chain.multicalls).toBe(2)
    expect(warm.models.length).toBe(READABLE.length)
  })

  it("calls the Reader once per position, over its own [i, i + 1) range, with its market's feed prices (min = max)", async () => {
    const { chain } = await read({ markets: MARKETS, positions: POSITIONS })
    expect(chain.infoCalls.map((c) => c.start)).toEqual(POSITIONS.flatMap((p, i) => (p.market === XYZ_USD ? [] : [BigInt(i)])))
    for (const c of chain.infoCalls) {
      const p = POSITIONS[Number(c.start)]!
      expect(c.markets).toEqual([p.market.marketToken])
      expect(c.prices).toEqual(pricesOf(p.market))
    }
  })

  it('health, liquidatable and margin follow the liquidation check on the same state', async () => {
    const { models } = await read({ markets: MARKETS, positions: POSITIONS })
    for (const p of READABLE) {
      const v = byId(models, p).venue
      const s = expectedState(p)
      const check = computeGmxV2LiquidationCheck(s, pricesOf(p.market))
      if (check.kind !== 'checked') throw new Error('fixture prices are positive')
      // required = max(MIN_COLLATERAL_USD, size · min collateral factor for liquidation, 1e-30)
      const byFactor = (s.sizeInUsd * s.market.minCollateralFactorForLiquidation) / E30
      const required = [byFactor, MIN_COLLATERAL_USD, 1n].reduce((a, b) => (a > b ? a : b))
      const remaining = check.remainingCollateralUsd
      const wad = remaining >= 0n ? (remaining * 10n ** 18n) / required : -((-remaining * 10n ** 18n + required - 1n) / required)
      expect(v.health, p.market.index.sdkSymbol).toMatchObject({ kind: 'ok', healthFactorWad: wad, liquidatable: check.liquidatable })
      expect(v.health.kind === 'ok' && v.health.healthFactorWad < 10n ** 18n).toBe(check.liquidatable)
      // USD 1e8 like every venue: GMX's USD·1e30 remaining collateral, rounded down
      expect(v.margin.totalCollateralBase).toBe(remaining / 10n ** 22n)
      expect(v).toMatchObject({ protocol: 'GMX_V2', chainId: CHAIN_ID, account: ACCOUNT, market: p.market.marketToken, block: BLOCK, source: { kind: 'CHAIN' }, closeFactor: 1 })
      const evaluated = byId(models, p).evaluate(new Map())
      expect(evaluated.liquidatable).toBe(check.liquidatable)
      expect(evaluated.healthFactor).toBeCloseTo(v.health.kind === 'ok' ? v.health.healthFactor : NaN, 12)
    }
    // the DOGE short is 10% under water with 0.8% collateral
    const doge = byId(models, POSITIONS[4]!).venue
    expect(doge.health).toMatchObject({ liquidatable: true })
    expect(doge.stalePrices).toEqual(['DOGE'])
    expect(byId(models, POSITIONS[0]!).venue.stalePrices).toEqual([])
  })

  it("liquidation price of the index factor equals gmxV2LiquidationPrice and the SDK's getLiquidationPrice on the same state", async () => {
    const { models } = await read({ markets: MARKETS, positions: POSITIONS })
    let compared = 0
    for (const p of READABLE) {
      const v = byId(models, p).venue
      const factor = exposureOfSymbol(p.market.index.erc20?.symbol ?? p.market.index.sdkSymbol).base
      const lp = v.liquidationPrices.find((x) => x.riskFactor === factor)!
      const s = expectedState(p)
      const check = computeGmxV2LiquidationCheck(s, pricesOf(p.market))
      if (check.kind === 'checked' && check.liquidatable) {
        expect(lp).toMatchObject({ kind: 'price', alreadyLiquidatable: true, changePct: 0 })
        continue
      }
      const ours = gmxV2LiquidationPrice(s, pricesOf(p.market))
      const sdk = sdkLiquidationPrice(p)
      if (ours.kind !== 'price' || sdk === undefined) throw new Error(`position in ${p.market.index.sdkSymbol} has a liquidation price`)
      expect(lp).toMatchObject({ kind: 'price', priceE8: ours.pricePerToken / 10n ** 22n, direction: p.isLong ? 'DOWN' : 'UP', alreadyLiquidatable: false })
      expect(ours.pricePerToken).toBe(sdk)
      expect(v.positions[0]!.perp!.venueLiquidationPrice).toBeCloseTo(Number(sdk) / 1e30, 6)
      compared += 1
    }
    expect(compared).toBe(4)
  })

  it('the collateral factor of a USDC-backed long: the first USDC price at which the exact check liquidates', async () => {
    const { models } = await read({ markets: MARKETS, positions: POSITIONS })
    const model = byId(models, POSITIONS[0]!)
    const lp = model.venue.liquidationPrices.find((x) => x.riskFactor === 'USDC')!
    if (lp.kind !== 'price') throw new Error('a USDC price liquidates the long')
    expect(lp.direction).toBe('DOWN')
    const at = (num: bigint) => model.evaluate(new Map([['USDC', { num, den: lp.currentPriceE8 }]])).liquidatable
    expect(at(lp.priceE8)).toBe(true)
    expect(at(lp.priceE8 + 1n)).toBe(false)
  })

  it('the uniform ETH move that liquidates is exact at 1e-9 and near the interface price', async () => {
    const { models } = await read({ markets: MARKETS, positions: POSITIONS })
    for (const p of [POSITIONS[0]!, POSITIONS[1]!, POSITIONS[5]!]) {
      const model = byId(models, p)
      const direction = p.isLong ? -1 : 1
      const move = model.liquidationUnderUniformMove(new Set(['ETH']), direction)
      if (move.kind !== 'move') throw new Error('an ETH move liquidates')
      const t = 1_000_000_000n + BigInt(Math.round(move.changePct * 1e7))
      const at = (num: bigint) => model.evaluate(new Map([['ETH', { num, den: 1_000_000_000n }]])).liquidatable
      expect(at(t)).toBe(true)
      expect(at(t - BigInt(direction))).toBe(false)
      const lp = model.venue.liquidationPrices.find((x) => x.riskFactor === 'ETH')!
      // the interface formula freezes fees and impact at the current price: close (here within 0.02 points), not equal
      expect(lp.kind).toBe('price')
      if (lp.kind === 'price') expect(Math.abs(lp.changePct - move.changePct)).toBeLessThan(0.1)
    }
  })

  it('the PERP line is the signed size in index tokens at the index feed price; the collateral line the collateral', async () => {
    const { models } = await read({ markets: MARKETS, positions: POSITIONS })
    const short = byId(models, POSITIONS[1]!).venue
    const [perp, collateral] = short.positions
    expect(perp).toMatchObject({ side: 'PERP', amount: sizeInTokens(POSITIONS[1]!), asset: { symbol: 'WETH', exposure: { base: 'ETH' } } })
    expect(perp!.perp).toMatchObject({ market: 'WETH/USD [WETH-USDC]', marginMode: 'ISOLATED', maintenanceMarginRate: 0.005, initialMarginRate: 0.01, maxLeverage: 100 })
    expect(perp!.perp!.sizeSigned).toBeCloseTo(-15_000 / 3_100, 5)
    expect(perp!.price).toMatchObject({ priceE8: ETH_FEED.answer, feed: ETH_FEED.address, heartbeatSeconds: 86_400, ageSeconds: 120, stale: false })
    expect(collateral).toMatchObject({ side: 'COLLATERAL', amount: units(0.8, 18), asset: { symbol: 'WETH' } })
    const btc = byId(models, POSITIONS[2]!).venue
    expect(btc.positions[0]!.perp!.market).toBe('BTC/USD [WBTC-USDC]')
    expect(btc.positions[0]!.asset).toMatchObject({ symbol: 'BTC', decimals: 8, exposure: { base: 'BTC' } })
    expect(btc.positions[0]!.price.priceE8).toBe(BTC_FEED.answer)
  })

  it('what-if at moved prices agrees with evaluate; liquidation closes the whole position', async () => {
    const { models } = await read({ markets: MARKETS, positions: POSITIONS })
    const long = byId(models, POSITIONS[0]!)
    const moves = new Map([['ETH', { num: 95n, den: 100n }]])
    const { model } = long.simulate(moves, [])
    const evaluated = long.evaluate(moves)
    expect(model.venue.health).toMatchObject({ liquidatable: evaluated.liquidatable })
    expect(model.venue.health.kind === 'ok' && model.venue.health.healthFactor).toBeCloseTo(evaluated.healthFactor!, 12)
    expect(model.venue.positions[0]!.price.priceE8).toBe((ETH_FEED.answer * 95n) / 100n)
    expect(() => long.simulate(moves, [{ venueId: long.venue.id, kind: 'SUPPLY', asset: 'USDC', amount: '1' }])).toThrow(/not supported/)
    expect(long.liquidate(new Map()).steps).toEqual([])
    const doge = byId(models, POSITIONS[4]!).liquidate(new Map())
    expect(doge.steps).toHaveLength(1)
    expect(doge).toMatchObject({ exact: false, steps: [{ collateralAsset: 'DOGE/USD [WETH-USDC]', closeFactor: 1 }] })
    expect(doge.costUsd).toBeGreaterThanOrEqual(0)
  })

  it('the float kernel: exact at the read prices, within 2% of health under ±15% moves, and the same liquidation cost', async () => {
    const { models } = await read({ markets: MARKETS, positions: POSITIONS })
    let compared = 0
    for (const p of READABLE) {
      const model = byId(models, p)
      const compiled = compilePortfolioKernel([model.kernel])
      expect(model.kernel.exactHealth).toBe(false)
      for (const move of [0, -0.15, -0.05, 0.05, 0.15]) {
        const factor = model.venue.positions[0]!.asset.exposure.base
        const moves = { [factor]: move }
        const exact = model.evaluate(toPriceMoves(moves))
        const k = evaluatePortfolioKernel(compiled, moves)
        const kv = k.venues[0]!
        if (move === 0) {
          // the constant carries PnL, impact and costs at the read prices: equal there
          expect(kv.equityUsd).toBeCloseTo(exact.equityUsd, 6)
          expect(kv.healthFactor!).toBeCloseTo(exact.healthFactor!, 9)
        }
        // price impact and fees are frozen at the read prices: close, not equal
        expect(Math.abs(kv.healthFactor! - exact.healthFactor!)).toBeLessThan(0.02 * Math.max(1, Math.abs(exact.healthFactor!)))
        if (Math.abs(exact.healthFactor! - 1) > 0.05) {
          expect(kv.liquidatable).toBe(exact.liquidatable)
          expect(k.liquidationCostUsd[0]!).toBeCloseTo(model.liquidate(toPriceMoves(moves)).costUsd, 2)
          compared += 1
        }
      }
    }
    expect(compared).toBeGreaterThan(15)
  })

  it('a position whose index token has no feed is an unavailable venue; the others stand', async () => {
    const { unavailable, models } = await read({ markets: MARKETS, positions: POSITIONS })
    expect(models.length).toBe(5)
    expect(unavailable).toEqual([
      expect.objectContaining<Partial<UnavailableVenue>>({ id: `gmx-v2:${CHAIN_ID}:${keyOf(POSITIONS[3]!)}`, market: XYZ_USD.marketToken, protocol: 'GMX_V2' }),
    ])
    expect(unavailable[0]!.error.code).toBe('CHAIN_UNAVAILABLE')
    expect(unavailable[0]!.error.message).toMatch(/names no Chainlink price feed/)
  })

  it('reloads the market list once when a position is in a market listed after the cache was filled', async () => {
    const cache = new GmxV2MetadataCache()
    await read({ markets: [ETH_USD], positions: [POSITIONS[0]!] }, cache)
    const next = await read({ markets: MARKETS, positions: [POSITIONS[0]!, POSITIONS[4]!] }, cache)
    // first read, reload (3 cold), first read again, second read
    expect(next.chain.multicalls).toBe(6)
    expect(next.models.length).toBe(2)
  })

  it('a position outside the configured markets is unavailable, without a reload', async () => {
    const r = await read({ markets: MARKETS, positions: [POSITIONS[0]!, POSITIONS[2]!] }, new GmxV2MetadataCache(), { markets: [ETH_USD.marketToken] })
    expect(r.chain.multicalls).toBe(5)
    expect(r.models.map((m) => m.venue.id)).toEqual([`gmx-v2:${CHAIN_ID}:${keyOf(POSITIONS[0]!)}`])
    expect(r.unavailable[0]!.error.message).toMatch(/not among the markets this server reads/)
  })

  it('a failed read is one unavailable account venue; a changing position list is read again, then given up', async () => {
    const failed = await read({ markets: MARKETS, positions: POSITIONS, marketsRevert: true })
    expect(failed.models).toEqual([])
    expect(failed.unavailable).toEqual([expect.objectContaining({ id: `gmx-v2:${CHAIN_ID}:account:${ACCOUNT}`, protocol: 'GMX_V2', market: READER })])
    expect(failed.unavailable[0]!.error.code).toBe('CHAIN_UNAVAILABLE')
    const changing = await read({ markets: MARKETS, positions: [POSITIONS[0]!], wrongKeys: true })
    // two attempts (the second reloads the metadata): 5 + 5
    expect(changing.chain.multicalls).toBe(10)
    expect(changing.unavailable).toEqual([expect.objectContaining({ id: `gmx-v2:${CHAIN_ID}:account:${ACCOUNT}` })])
  })

  it('an account without positions reads no DataStore values and has no venues', async () => {
    const r = await read({ markets: MARKETS, positions: [] })
    expect(r).toMatchObject({ models: [], unavailable: [] })
    const plan = gmxV2PositionsPlan(parameters(new GmxV2MetadataCache()), { markets: new Map(), tokens: new Map() }, { block: BLOCK, positions: [], prices: new Map() })
    expect(plan.calls).toEqual([])
  })
})

describe('GMX v2 reader: pure parts', () => {
  it("feed prices: answer · PRICE_FEED_MULTIPLIER / 1e30, equal to the decimals form", () => {
    for (const t of [WETH, USDC, WBTC, DOGE]) expect(toGmxV2FeedPrice(t.feed!.answer, multiplierOf(t))).toBe(unitPrice(t).min)
    // Precision.mulDiv rounds down
    expect(toGmxV2FeedPrice(7n, 10n ** 29n)).toBe(0n)
  })

  it('token decimals from the feed multiplier, and synthetic names from the feed description', () => {
    expect(gmxV2TokenDecimalsFromFeed(10n ** 44n, 8)).toBe(8)
    expect(gmxV2TokenDecimalsFromFeed(10n ** 46n, 8)).toBe(6)
    expect(gmxV2TokenDecimalsFromFeed(10n ** 34n, 8)).toBe(18)
    expect(gmxV2TokenDecimalsFromFeed(3n * 10n ** 40n, 8)).toBeNull()
    expect(gmxV2TokenDecimalsFromFeed(0n, 8)).toBeNull()
    const config = { address: DOGE.address, erc20Symbol: null, erc20Decimals: null, priceFeed: DOGE_FEED.address, priceFeedMultiplier: 10n ** 44n, heartbeatSeconds: 86_400n, virtualTokenId: zeroHash }
    expect(toGmxV2TokenMeta(config, { decimals: 8, description: 'DOGE / USD' })).toMatchObject({ symbol: 'DOGE', decimals: 8 })
    expect(toGmxV2TokenMeta({ ...config, erc20Symbol: 'WBTC', erc20Decimals: 8 }, { decimals: 8, description: 'BTC / USD' })).toMatchObject({ symbol: 'WBTC', decimals: 8 })
    expect(toGmxV2TokenMeta({ ...config, priceFeed: null }, null)).toMatchObject({ symbol: DOGE.address.slice(0, 10), decimals: null })
  })

  it('health factor: remaining / max(MIN_COLLATERAL_USD, size · factor, 1e-30), floored; below 1 exactly at the contract rule', () => {
    expect(gmxV2HealthFactorWad(usd(150), usd(100))).toBe(15n * 10n ** 17n)
    expect(gmxV2HealthFactorWad(usd(100), usd(100))).toBe(10n ** 18n)
    expect(gmxV2HealthFactorWad(usd(100) - 1n, usd(100))).toBe(10n ** 18n - 1n)
    expect(gmxV2HealthFactorWad(-1n, usd(100))).toBe(-1n)
    const s = expectedState(POSITIONS[0]!)
    expect(gmxV2RequiredCollateralUsd(s)).toBe(usd(150))
    expect(gmxV2RequiredCollateralUsd({ ...s, sizeInUsd: usd(100) })).toBe(MIN_COLLATERAL_USD)
    expect(gmxV2RequiredCollateralUsd({ ...s, sizeInUsd: 0n, market: { ...s.market, minCollateralUsd: 0n } })).toBe(1n)
  })
})
