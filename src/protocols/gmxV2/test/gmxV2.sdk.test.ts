import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { decodeFunctionResult, encodeFunctionResult, getAddress, type Address } from 'viem'
import { describe, expect, it } from 'vitest'
import { gmxV2Arbitrum } from '../deployments.js'
import { gmxV2ReaderAbi } from '../abi.js'
import { decodeGmxV2PositionInfo, gmxV2PositionsCall } from '../read/readGmxV2Positions.js'
import {
  computeGmxV2LiquidationCheck,
  gmxV2LiquidationPrice,
  requireGmxV2LiquidationCheck,
  type GmxV2MarketPrices,
  type GmxV2MarketState,
  type GmxV2PositionState,
} from '../model/gmxV2Position.js'

/**
 * xmargin's GMX v2 math against the official @gmx-io/sdk (dev dependency,
 * reference only) over randomized positions. Expected values come from the
 * SDK's functions, fed the same raw market and position numbers as ours:
 * - liquidation price: the SDK's getLiquidationPrice.
 * - liquidatable: the SDK has no liquidatable predicate, so the reference is
 *   PositionUtils.isPositionLiquidatable's inequalities evaluated on the SDK's
 *   own terms: getPositionPnlUsd, getPriceImpactForPosition and
 *   capPositionImpactUsdByMaxPriceImpactFactor, pending impact by
 *   convertToUsd, getPositionFee (at the balanceWasImproved the SDK reports),
 *   applyFactor. The SDK keeps fees in USD; the contract (and ours) rounds
 *   them to collateral units, which can only matter within a few units of the
 *   threshold.
 * Prices are min = max, as xmargin passes them (feed prices).
 */

// The SDK's ESM build has extensionless imports Node cannot load; its CJS build loads.
const require = createRequire(import.meta.url)
const sdkPositions = require('@gmx-io/sdk/utils/positions') as typeof import('@gmx-io/sdk/utils/positions')
const sdkFees = require('@gmx-io/sdk/utils/fees/index') as typeof import('@gmx-io/sdk/utils/fees/index')
const sdkPriceImpact = require('@gmx-io/sdk/utils/fees/priceImpact') as typeof import('@gmx-io/sdk/utils/fees/priceImpact')
const sdkTokens = require('@gmx-io/sdk/utils/tokens') as typeof import('@gmx-io/sdk/utils/tokens')
const sdkNumbers = require('@gmx-io/sdk/utils/numbers') as typeof import('@gmx-io/sdk/utils/numbers')
// build/cjs/src/utils/positions.js → the package root, four folders up
const sdkPackage = JSON.parse(readFileSync(join(dirname(require.resolve('@gmx-io/sdk/utils/positions')), '../../../../package.json'), 'utf8')) as { version: string }

type SdkLiquidationParams = Parameters<typeof sdkPositions.getLiquidationPrice>[0]
type SdkMarketInfo = SdkLiquidationParams['marketInfo']
type SdkToken = SdkLiquidationParams['collateralToken']

const POSITIONS = 600

/** mulberry32: a small seeded PRNG, uniform on [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const rnd = mulberry32(0x6d78_2025)
const uniform = (a: number, b: number) => a + (b - a) * rnd()
const logUniform = (a: number, b: number) => Math.exp(uniform(Math.log(a), Math.log(b)))
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
/** USD (float) → USD·1e30, 6 decimals kept. */
const usd = (x: number) => BigInt(Math.round(x * 1e6)) * 10n ** 24n
const factor = (x: number) => BigInt(Math.round(x * 1e12)) * 10n ** 18n
/** $x per whole token → USD·1e30 per smallest unit (6 decimals of the dollar kept). */
const unitPrice = (x: number, decimals: number) => BigInt(Math.round(x * 1e6)) * 10n ** BigInt(24 - decimals)

const USDC: Address = '0xaf88d065e77c8cC2239327C5EDb3A432268e5831'
const WETH: Address = '0x82aF49447D8a07e3bd95BD0d56f35241523fBab1'
const WBTC: Address = '0x2f2a2543B76A4166549F7aaB2e75Bef0aefC5B0f'
const DOGE: Address = '0xC4da4c24fd591125c3F47b340b6f4f76111883d8'
const MARKET: Address = '0x70d95587d40A2caf56bd97485aB3Eec10Bee6336'
const ACCOUNT: Address = '0x00000000000000000000000000000000000a11ce'

type Case = {
  readonly state: GmxV2PositionState
  readonly prices: GmxV2MarketPrices
  readonly sdk: {
    readonly marketInfo: SdkMarketInfo
    readonly collateralToken: SdkToken
    readonly referral: { totalRebateFactor: bigint; discountFactor: bigint }
  }
}

function sdkToken(address: Address, decimals: number, price: bigint): SdkToken {
  const perToken = price * 10n ** BigInt(decimals)
  return { address, decimals, symbol: address.slice(0, 6), name: address, prices: { minPrice: perToken, maxPrice: perToken } } as SdkToken
}

/** One random market and position, as xmargin's state and as the SDK's objects (built from the same numbers). */
function aRandomCase(): Case {
  const kind = pick(['ETH', 'BTC', 'SYNTHETIC'] as const)
  const index = kind === 'ETH' ? { address: WETH, decimals: 18 } : kind === 'BTC' ? { address: WBTC, decimals: 8 } : { address: DOGE, decimals: 8 }
  const long = kind === 'SYNTHETIC' ? { address: WETH, decimals: 18 } : index
  const indexUsd = logUniform(0.05, 100_000)
  const indexPrice = unitPrice(indexUsd, index.decimals)
  const longPrice = kind === 'SYNTHETIC' ? unitPrice(logUniform(1_000, 5_000), 18) : indexPrice
  const usdcPrice = unitPrice(uniform(0.995, 1.005), 6)

  const isLong = rnd() < 0.5
  const collateralSide = rnd() < 0.5 ? ('LONG' as const) : ('SHORT' as const)
  const collateral = collateralSide === 'LONG' ? long : { address: USDC, decimals: 6 }
  const collateralPrice = collateralSide === 'LONG' ? longPrice : usdcPrice

  const leverage = logUniform(1.1, 120)
  const collateralUsd = logUniform(2, 300_000)
  const sizeUsd = collateralUsd * leverage
  // current/entry − 1, spread around where leverage makes the position liquidatable
  const move = Math.max(-0.9, uniform(-1.6, 1.6) / leverage)
  const entryPrice = unitPrice(indexUsd / (1 + move), index.decimals)
  const sizeInUsd = usd(sizeUsd)
  const sizeInTokens = sizeInUsd / entryPrice + 1n
  const collateralAmount = usd(collateralUsd) / collateralPrice
  const pendingImpactAmount = rnd() < 1 / 3 ? 0n : usd(sizeUsd * uniform(-0.004, 0.002)) / indexPrice
  const pendingBorrowingFeeUsd = rnd() < 0.3 ? 0n : usd(sizeUsd * uniform(0, 0.01))
  const pendingFundingFeeAmount = rnd() < 0.3 ? 0n : usd(sizeUsd * uniform(0, 0.005)) / collateralPrice

  const notImproved = pick([0.0004, 0.0005, 0.0006, 0.0007, 0.001])
  const exponentNegative = pick([1, 1.5, 2, 2, 2.2])
  const exponentPositive = pick([1, 1.5, 2, 2, 2.2])
  const negativeFactor = exponentNegative === 1 ? logUniform(1e-5, 1e-3) : logUniform(1e-11, 1e-7)
  const minCollateralFactor = pick([0.005, 0.006, 0.01, 0.02])
  const sideInterest = sizeUsd + logUniform(1e3, 1e8)
  const otherInterest = rnd() < 0.2 ? 0 : logUniform(1e3, 1e8)
  const longInterest = isLong ? sideInterest : otherInterest
  const shortInterest = isLong ? otherInterest : sideInterest

  const market: GmxV2MarketState = {
    marketToken: MARKET,
    indexToken: index.address,
    longToken: long.address,
    shortToken: USDC,
    indexTokenDecimals: index.decimals,
    minCollateralUsd: usd(pick([1, 5, 10])),
    minCollateralFactor: factor(minCollateralFactor),
    minCollateralFactorForLiquidation: factor(minCollateralFactor * pick([0.5, 0.8, 1])),
    positionFeeFactorForBalanceWasImproved: factor(notImproved * pick([0.5, 0.7, 1])),
    positionFeeFactorForBalanceWasNotImproved: factor(notImproved),
    // GMX configures the positive impact factor at or below the negative one
    positionImpactFactorPositive: factor(negativeFactor * uniform(0.3, 1)),
    positionImpactFactorNegative: factor(negativeFactor),
    positionImpactExponentFactorPositive: factor(exponentPositive),
    positionImpactExponentFactorNegative: factor(exponentNegative),
    maxPositionImpactFactorPositive: factor(pick([0.001, 0.005, 0.01])),
    maxPositionImpactFactorNegative: factor(pick([0.005, 0.01])),
    maxPositionImpactFactorForLiquidations: factor(pick([0.001, 0.005, 0.01, 0.02, 0.05])),
    longInterestUsd: usd(longInterest),
    shortInterestUsd: usd(shortInterest),
    longInterestInTokens: usd(longInterest * uniform(0.7, 1.4)) / indexPrice,
    shortInterestInTokens: usd(shortInterest * uniform(0.7, 1.4)) / indexPrice,
    useOpenInterestInTokensForBalance: rnd() < 0.3,
    virtualInventoryForPositions: rnd() < 0.5 ? 0n : usd(uniform(-1, 1) * logUniform(1e3, 1e8)),
    longPoolAmount: usd(logUniform(1e4, 2e8)) / longPrice,
    shortPoolAmount: usd(logUniform(1e4, 2e8)) / usdcPrice,
    maxPnlFactorForTradersLong: factor(pick([0.3, 0.6, 0.9])),
    maxPnlFactorForTradersShort: factor(pick([0.3, 0.6, 0.9])),
  }
  const state: GmxV2PositionState = {
    positionKey: '0x0000000000000000000000000000000000000000000000000000000000000001',
    account: ACCOUNT,
    market,
    collateralToken: collateral.address,
    collateralSide,
    collateralTokenDecimals: collateral.decimals,
    collateralIsIndexToken: collateral.address === index.address,
    isLong,
    sizeInUsd,
    sizeInTokens,
    collateralAmount,
    pendingImpactAmount,
    pendingBorrowingFeeUsd,
    pendingFundingFeeAmount,
    referralTotalRebateFactor: factor(pick([0, 0.05, 0.1, 0.15])),
    referralTraderDiscountFactor: factor(pick([0, 0.1, 0.5])),
    // the SDK has no pro tiers
    proTraderDiscountFactor: 0n,
  }
  const prices = pricesWith(indexPrice, longPrice, usdcPrice)
  return { state, prices, sdk: sdkObjects(state, prices) }
}

function pricesWith(index: bigint, long: bigint, short: bigint): GmxV2MarketPrices {
  return { indexTokenPrice: { min: index, max: index }, longTokenPrice: { min: long, max: long }, shortTokenPrice: { min: short, max: short } }
}

/** The SDK's MarketInfo (only the fields its math reads), collateral token and referral info. */
function sdkObjects(s: GmxV2PositionState, prices: GmxV2MarketPrices): Case['sdk'] {
  const m = s.market
  const indexToken = sdkToken(m.indexToken, m.indexTokenDecimals, prices.indexTokenPrice.min)
  const longToken = m.longToken === m.indexToken ? indexToken : sdkToken(m.longToken, 18, prices.longTokenPrice.min)
  const shortToken = sdkToken(m.shortToken, 6, prices.shortTokenPrice.min)
  const marketInfo = {
    marketTokenAddress: m.marketToken,
    indexTokenAddress: m.indexToken,
    longTokenAddress: m.longToken,
    shortTokenAddress: m.shortToken,
    indexToken,
    longToken,
    shortToken,
    longInterestUsd: m.longInterestUsd,
    shortInterestUsd: m.shortInterestUsd,
    longInterestInTokens: m.longInterestInTokens,
    shortInterestInTokens: m.shortInterestInTokens,
    useOpenInterestInTokensForBalance: m.useOpenInterestInTokensForBalance,
    positionImpactFactorPositive: m.positionImpactFactorPositive,
    positionImpactFactorNegative: m.positionImpactFactorNegative,
    positionImpactExponentFactorPositive: m.positionImpactExponentFactorPositive,
    positionImpactExponentFactorNegative: m.positionImpactExponentFactorNegative,
    maxPositionImpactFactorPositive: m.maxPositionImpactFactorPositive,
    maxPositionImpactFactorNegative: m.maxPositionImpactFactorNegative,
    maxPositionImpactFactorForLiquidations: m.maxPositionImpactFactorForLiquidations,
    virtualInventoryForPositions: m.virtualInventoryForPositions,
    positionFeeFactorForBalanceWasImproved: m.positionFeeFactorForBalanceWasImproved,
    positionFeeFactorForBalanceWasNotImproved: m.positionFeeFactorForBalanceWasNotImproved,
    minCollateralFactor: m.minCollateralFactor,
    minCollateralFactorForLiquidation: m.minCollateralFactorForLiquidation,
    longPoolAmount: m.longPoolAmount,
    shortPoolAmount: m.shortPoolAmount,
    maxPnlFactorForTradersLong: m.maxPnlFactorForTradersLong,
    maxPnlFactorForTradersShort: m.maxPnlFactorForTradersShort,
  } as unknown as SdkMarketInfo
  const collateralToken = s.collateralSide === 'LONG' ? longToken : shortToken
  return { marketInfo, collateralToken, referral: { totalRebateFactor: s.referralTotalRebateFactor, discountFactor: s.referralTraderDiscountFactor } }
}

function sdkLiquidationPrice(c: Case): bigint | undefined {
  const { state: s, sdk } = c
  const collateralMin = sdk.collateralToken.prices.minPrice
  return sdkPositions.getLiquidationPrice({
    sizeInUsd: s.sizeInUsd,
    sizeInTokens: s.sizeInTokens,
    collateralAmount: s.collateralAmount,
    collateralUsd: sdkTokens.convertToUsd(s.collateralAmount, sdk.collateralToken.decimals, collateralMin)!,
    collateralToken: sdk.collateralToken,
    marketInfo: sdk.marketInfo,
    pendingFundingFeesUsd: sdkTokens.convertToUsd(s.pendingFundingFeeAmount, sdk.collateralToken.decimals, collateralMin)!,
    pendingBorrowingFeesUsd: s.pendingBorrowingFeeUsd,
    pendingImpactAmount: s.pendingImpactAmount,
    minCollateralUsd: s.market.minCollateralUsd,
    isLong: s.isLong,
    userReferralInfo: sdk.referral as SdkLiquidationParams['userReferralInfo'],
  })
}

/** PositionUtils.isPositionLiquidatable's inequalities on the SDK's own PnL, impact and fee functions. */
function sdkIsLiquidatable(c: Case): boolean {
  const { state: s, sdk } = c
  const m = sdk.marketInfo
  const { indexToken } = m
  const collateralMin = sdk.collateralToken.prices.minPrice
  const { priceImpactDeltaUsd, balanceWasImproved } = sdkPriceImpact.getPriceImpactForPosition(m, -s.sizeInUsd, s.isLong, { fallbackToZero: true })
  let impact = priceImpactDeltaUsd > 0n ? sdkPriceImpact.capPositionImpactUsdByMaxPriceImpactFactor(m, s.sizeInUsd, priceImpactDeltaUsd) : priceImpactDeltaUsd
  impact += sdkTokens.convertToUsd(s.pendingImpactAmount, indexToken.decimals, s.pendingImpactAmount > 0n ? indexToken.prices.minPrice : indexToken.prices.maxPrice)!
  const maxNegative = -sdkNumbers.applyFactor(s.sizeInUsd, m.maxPositionImpactFactorForLiquidations)
  impact = impact > 0n ? 0n : impact < maxNegative ? maxNegative : impact
  const pnl = sdkPositions.getPositionPnlUsd({
    marketInfo: m,
    sizeInUsd: s.sizeInUsd,
    sizeInTokens: s.sizeInTokens,
    markPrice: s.isLong ? indexToken.prices.minPrice : indexToken.prices.maxPrice,
    isLong: s.isLong,
  })
  const collateralUsd = sdkTokens.convertToUsd(s.collateralAmount, sdk.collateralToken.decimals, collateralMin)!
  const closeFeeUsd = sdkFees.getPositionFee(m, s.sizeInUsd, balanceWasImproved, sdk.referral).positionFeeUsd
  const fundingUsd = sdkTokens.convertToUsd(s.pendingFundingFeeAmount, sdk.collateralToken.decimals, collateralMin)!
  const remaining = collateralUsd + pnl + impact - closeFeeUsd - s.pendingBorrowingFeeUsd - fundingUsd
  const forLeverage = sdkNumbers.applyFactor(s.sizeInUsd, m.minCollateralFactorForLiquidation)
  return remaining < s.market.minCollateralUsd || remaining <= 0n || remaining < forLeverage
}

/** The same case with the index price (and a long token equal to it) moved to `indexPrice`. */
function withIndexPrice(c: Case, indexPrice: bigint): Case {
  const sameLong = c.state.market.longToken === c.state.market.indexToken
  const prices = pricesWith(indexPrice, sameLong ? indexPrice : c.prices.longTokenPrice.min, c.prices.shortTokenPrice.min)
  return { ...c, prices, sdk: sdkObjects(c.state, prices) }
}

function relativeError(a: bigint, b: bigint): number {
  if (a === b) return 0
  const diff = a > b ? a - b : b - a
  const base = b < 0n ? -b : b
  return Number((diff * 10n ** 18n) / base) / 1e18
}

describe(`GMX v2 against @gmx-io/sdk ${sdkPackage.version}`, () => {
  const cases = Array.from({ length: POSITIONS }, aRandomCase)

  it(`liquidation price equals the SDK's getLiquidationPrice on ${POSITIONS} random positions`, () => {
    let largest = 0
    let exact = 0
    let none = 0
    for (const [i, c] of cases.entries()) {
      const expected = sdkLiquidationPrice(c)
      const ours = gmxV2LiquidationPrice(c.state, c.prices)
      if (expected === undefined) {
        expect(ours.kind, `position ${i}`).toBe('none')
        none += 1
        continue
      }
      expect(ours.kind, `position ${i}`).toBe('price')
      if (ours.kind !== 'price') continue
      const error = relativeError(ours.pricePerToken, expected)
      expect(error, `position ${i}: ours ${ours.pricePerToken}, SDK ${expected}`).toBeLessThanOrEqual(1e-9)
      if (error === 0) exact += 1
      largest = Math.max(largest, error)
    }
    console.log(
      `GMX v2 liquidation price vs @gmx-io/sdk ${sdkPackage.version} getLiquidationPrice: ${POSITIONS} positions, ` +
        `${POSITIONS - none} with a price (${exact} equal to the unit), ${none} without; largest relative error ${largest.toExponential(3)}`,
    )
  })

  it(`liquidatable agrees with the contract rule on the SDK's terms, at the current price and either side of the SDK's liquidation price`, () => {
    let compared = 0
    let liquidatable = 0
    const reasons = new Map<string, number>()
    for (const [i, c] of cases.entries()) {
      const probes: Case[] = [c]
      const sdkPrice = sdkLiquidationPrice(c)
      if (sdkPrice !== undefined) {
        const perUnit = sdkPrice / 10n ** BigInt(c.state.market.indexTokenDecimals)
        for (const bps of [-1n, 1n]) probes.push(withIndexPrice(c, perUnit + (perUnit * bps) / 10_000n))
      }
      for (const [j, probe] of probes.entries()) {
        const expected = sdkIsLiquidatable(probe)
        expect(requireGmxV2LiquidationCheck(probe.state, probe.prices).liquidatable, `position ${i} probe ${j}`).toBe(expected)
        const check = computeGmxV2LiquidationCheck(probe.state, probe.prices)
        if (check.kind === 'checked' && check.reason !== null) reasons.set(check.reason, (reasons.get(check.reason) ?? 0) + 1)
        compared += 1
        if (expected) liquidatable += 1
      }
    }
    expect(compared).toBeGreaterThanOrEqual(POSITIONS)
    // the sample covers both outcomes (with minCollateralUsd > 0, a remaining ≤ 0 is reported as MIN_COLLATERAL_USD)
    expect(liquidatable).toBeGreaterThan(compared / 10)
    expect(compared - liquidatable).toBeGreaterThan(compared / 10)
    console.log(
      `GMX v2 liquidatable vs @gmx-io/sdk ${sdkPackage.version} terms: ${compared} checks on ${POSITIONS} positions agree; ` +
        `${liquidatable} liquidatable (${[...reasons].map(([r, n]) => `${r} ${n}`).join(', ')})`,
    )
  })
})

describe('GMX v2 Reader call and PositionInfo decoding', () => {
  it('builds the SDK ABI call and maps the Reader struct into the position state', () => {
    const c = aRandomCase()
    const s = c.state
    const call = gmxV2PositionsCall({
      reader: gmxV2Arbitrum.reader,
      dataStore: gmxV2Arbitrum.dataStore,
      referralStorage: gmxV2Arbitrum.referralStorage,
      account: ACCOUNT,
      markets: [MARKET],
      marketPrices: [c.prices],
    })
    expect(call).toMatchObject({ address: gmxV2Arbitrum.reader, functionName: 'getAccountPositionInfoList' })
    expect(call.args.slice(5)).toEqual(['0x0000000000000000000000000000000000000000', 0n, 1000n])
    const deployment = { reader: gmxV2Arbitrum.reader, dataStore: gmxV2Arbitrum.dataStore, referralStorage: gmxV2Arbitrum.referralStorage }
    expect(() => gmxV2PositionsCall({ ...deployment, account: ACCOUNT, markets: [MARKET], marketPrices: [] })).toThrow(/1 markets and 0 market prices/)

    const zero = 0n
    const price = { min: 1n, max: 1n }
    const info = {
      positionKey: s.positionKey,
      position: {
        addresses: { account: ACCOUNT, market: MARKET, collateralToken: s.collateralToken },
        numbers: {
          sizeInUsd: s.sizeInUsd,
          sizeInTokens: s.sizeInTokens,
          collateralAmount: s.collateralAmount,
          pendingImpactAmount: s.pendingImpactAmount,
          borrowingFactor: zero,
          fundingFeeAmountPerSize: zero,
          longTokenClaimableFundingAmountPerSize: zero,
          shortTokenClaimableFundingAmountPerSize: zero,
          increasedAtTime: 1n,
          decreasedAtTime: zero,
        },
        flags: { isLong: s.isLong },
      },
      fees: {
        referral: {
          referralCode: '0x0000000000000000000000000000000000000000000000000000000000000000',
          affiliate: '0x0000000000000000000000000000000000000000',
          trader: ACCOUNT,
          totalRebateFactor: s.referralTotalRebateFactor,
          affiliateRewardFactor: zero,
          adjustedAffiliateRewardFactor: zero,
          traderDiscountFactor: s.referralTraderDiscountFactor,
          totalRebateAmount: zero,
          traderDiscountAmount: zero,
          affiliateRewardAmount: zero,
        },
        pro: { traderTier: 1n, traderDiscountFactor: 7n * 10n ** 28n, traderDiscountAmount: zero },
        funding: {
          fundingFeeAmount: s.pendingFundingFeeAmount,
          claimableLongTokenAmount: zero,
          claimableShortTokenAmount: zero,
          latestFundingFeeAmountPerSize: zero,
          latestLongTokenClaimableFundingAmountPerSize: zero,
          latestShortTokenClaimableFundingAmountPerSize: zero,
        },
        borrowing: { borrowingFeeUsd: s.pendingBorrowingFeeUsd, borrowingFeeAmount: zero, borrowingFeeReceiverFactor: zero, borrowingFeeAmountForFeeReceiver: zero },
        ui: { uiFeeReceiver: '0x0000000000000000000000000000000000000000', uiFeeReceiverFactor: zero, uiFeeAmount: zero },
        liquidation: { liquidationFeeUsd: zero, liquidationFeeAmount: zero, liquidationFeeReceiverFactor: zero, liquidationFeeAmountForFeeReceiver: zero },
        collateralTokenPrice: price,
        positionFeeFactor: zero,
        protocolFeeAmount: zero,
        positionFeeReceiverFactor: zero,
        feeReceiverAmount: zero,
        feeAmountForPool: zero,
        positionFeeAmountForPool: zero,
        positionFeeAmount: zero,
        totalCostAmountExcludingFunding: zero,
        totalCostAmount: zero,
        totalDiscountAmount: zero,
      },
      executionPriceResult: { priceImpactUsd: zero, executionPrice: 1n, balanceWasImproved: false, proportionalPendingImpactUsd: zero, totalImpactUsd: zero, priceImpactDiffUsd: zero },
      basePnlUsd: zero,
      uncappedBasePnlUsd: zero,
      pnlAfterPriceImpactUsd: zero,
    } as const
    // a round trip through the ABI the SDK publishes, as a node would return it
    const data = encodeFunctionResult({ abi: gmxV2ReaderAbi, functionName: 'getAccountPositionInfoList', result: [info] })
    const [decoded] = decodeFunctionResult({ abi: gmxV2ReaderAbi, functionName: 'getAccountPositionInfoList', data })
    const state = decodeGmxV2PositionInfo(decoded!, { market: s.market, collateralTokenDecimals: s.collateralTokenDecimals })
    expect(state).toEqual({ ...s, collateralToken: getAddress(s.collateralToken), account: getAddress(ACCOUNT), proTraderDiscountFactor: 7n * 10n ** 28n })
    expect(() => decodeGmxV2PositionInfo(decoded!, { market: { ...s.market, marketToken: WETH }, collateralTokenDecimals: 6 })).toThrow(/cannot be decoded/)
  })
})
