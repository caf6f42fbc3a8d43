import { describe, expect, it } from 'vitest'
import {
  computeGmxV2LiquidationCheck,
  computeGmxV2PositionPnlUsd,
  computeGmxV2PriceImpactUsd,
  gmxApplyExponentFactor,
  gmxV2LiquidationPrice,
  requireGmxV2LiquidationCheck,
  toGmxV2Price,
  type GmxV2MarketPrices,
  type GmxV2MarketState,
  type GmxV2PositionState,
} from './gmxV2Position.js'
import { GmxV2ZeroPriceError } from '../errors.js'

// units: $1 = 1e30; ETH (18 decimals) at $P is P·1e12 per wei; USDC (6 decimals) at $1 is 1e24 per unit
const usd = (x: number) => BigInt(Math.round(x * 1e6)) * 10n ** 24n
const factor = (x: number) => BigInt(Math.round(x * 1e12)) * 10n ** 18n
const eth = (x: number) => BigInt(Math.round(x * 1e6)) * 10n ** 12n
const usdc = (x: number) => BigInt(Math.round(x * 1e6))
const ethPrice = (p: number) => BigInt(Math.round(p * 1e6)) * 10n ** 6n

const WETH = '0x82aF49447D8a07e3bd95BD0d56f35241523fBab1'
const USDC = '0xaf88d065e77c8cC2239327C5EDb3A432268e5831'

function aMarket(overrides: Partial<GmxV2MarketState> = {}): GmxV2MarketState {
  return {
    marketToken: '0x70d95587d40A2caf56bd97485aB3Eec10Bee6336',
    indexToken: WETH,
    longToken: WETH,
    shortToken: USDC,
    indexTokenDecimals: 18,
    minCollateralUsd: usd(5),
    minCollateralFactor: factor(0.01),
    minCollateralFactorForLiquidation: factor(0.01),
    positionFeeFactorForBalanceWasImproved: 0n,
    positionFeeFactorForBalanceWasNotImproved: 0n,
    positionImpactFactorPositive: 0n,
    positionImpactFactorNegative: 0n,
    positionImpactExponentFactorPositive: factor(2),
    positionImpactExponentFactorNegative: factor(2),
    maxPositionImpactFactorPositive: factor(0.005),
    maxPositionImpactFactorNegative: factor(0.005),
    maxPositionImpactFactorForLiquidations: factor(0.01),
    longInterestUsd: usd(100_000),
    shortInterestUsd: usd(100_000),
    longInterestInTokens: eth(50),
    shortInterestInTokens: eth(50),
    useOpenInterestInTokensForBalance: false,
    virtualInventoryForPositions: 0n,
    longPoolAmount: eth(1_000),
    shortPoolAmount: usdc(2_000_000),
    maxPnlFactorForTradersLong: factor(0.9),
    maxPnlFactorForTradersShort: factor(0.9),
    ...overrides,
  }
}

/** A 5 ETH long opened at $2,000 ($10,000) with 1,000 USDC, no fees. */
function aPosition(overrides: Partial<GmxV2PositionState> = {}): GmxV2PositionState {
  return {
    positionKey: '0x0000000000000000000000000000000000000000000000000000000000000001',
    account: '0x0000000000000000000000000000000000000abc',
    market: aMarket(),
    collateralToken: USDC,
    collateralSide: 'SHORT',
    collateralTokenDecimals: 6,
    collateralIsIndexToken: false,
    isLong: true,
    sizeInUsd: usd(10_000),
    sizeInTokens: eth(5),
    collateralAmount: usdc(1_000),
    pendingImpactAmount: 0n,
    pendingBorrowingFeeUsd: 0n,
    pendingFundingFeeAmount: 0n,
    referralTotalRebateFactor: 0n,
    referralTraderDiscountFactor: 0n,
    proTraderDiscountFactor: 0n,
    ...overrides,
  }
}

function pricesAt(ethUsd: number): GmxV2MarketPrices {
  const p = { min: ethPrice(ethUsd), max: ethPrice(ethUsd) }
  return { indexTokenPrice: p, longTokenPrice: p, shortTokenPrice: { min: 10n ** 24n, max: 10n ** 24n } }
}

describe('GMX v2 units', () => {
  it('feed answers become prices per smallest unit (USD·1e30 / 10^decimals)', () => {
    expect(toGmxV2Price(2_000n * 10n ** 8n, 8, 18)).toEqual({ min: 2_000n * 10n ** 12n, max: 2_000n * 10n ** 12n })
    expect(toGmxV2Price(10n ** 8n, 8, 6).min).toBe(10n ** 24n)
    expect(toGmxV2Price(60_000n * 10n ** 8n, 8, 8).min).toBe(6n * 10n ** 26n)
  })

  it('exponent factor: 0 below $1, identity for 1, exact square for 2', () => {
    expect(gmxApplyExponentFactor(usd(0.5), factor(2))).toBe(0n)
    expect(gmxApplyExponentFactor(usd(123.456), factor(1))).toBe(usd(123.456))
    expect(gmxApplyExponentFactor(usd(40_000), factor(2))).toBe(usd(1_600_000_000))
  })
})

describe('GMX v2 liquidation check (PositionUtils.isPositionLiquidatable)', () => {
  it('long with USDC collateral: remaining = 1000 + 5P − 10000 against 1% of size ($100)', () => {
    const p = aPosition()
    const at1820 = computeGmxV2LiquidationCheck(p, pricesAt(1_820))
    expect(at1820).toMatchObject({ kind: 'checked', liquidatable: false, remainingCollateralUsd: usd(100), minCollateralUsdForLeverage: usd(100) })
    expect(requireGmxV2LiquidationCheck(p, pricesAt(1_819.99)).liquidatable).toBe(true)
    expect(computeGmxV2LiquidationCheck(p, pricesAt(1_819.99))).toMatchObject({ reason: 'MIN_COLLATERAL_FOR_LEVERAGE' })
    // below −collateral: ≤ 0 is reported after the min collateral USD check
    expect(computeGmxV2LiquidationCheck(p, pricesAt(1_700))).toMatchObject({ liquidatable: true, reason: 'MIN_COLLATERAL_USD' })
  })

  it('the opening factor applies when not for liquidation', () => {
    const p = aPosition({ market: aMarket({ minCollateralFactor: factor(0.02), minCollateralFactorForLiquidation: factor(0.01) }) })
    expect(requireGmxV2LiquidationCheck(p, pricesAt(1_830)).liquidatable).toBe(false)
    expect(computeGmxV2LiquidationCheck(p, pricesAt(1_830), { forLiquidation: false })).toMatchObject({ liquidatable: true, minCollateralUsdForLeverage: usd(200) })
  })

  it('minCollateralUsd binds for small positions', () => {
    // $300 long with $10 collateral: 1% is $3 < $5
    const p = aPosition({ sizeInUsd: usd(300), sizeInTokens: eth(0.15), collateralAmount: usdc(10) })
    // remaining at P = 10 + 0.15·P − 300: $5 at P = 1966.67
    expect(computeGmxV2LiquidationCheck(p, pricesAt(1_966.6))).toMatchObject({ liquidatable: true, reason: 'MIN_COLLATERAL_USD' })
    expect(requireGmxV2LiquidationCheck(p, pricesAt(1_966.7)).liquidatable).toBe(false)
  })

  it('fees: close fee less referral and pro discounts, borrowing and funding, in collateral units', () => {
    const p = aPosition({
      market: aMarket({ positionFeeFactorForBalanceWasNotImproved: factor(0.001), positionFeeFactorForBalanceWasImproved: factor(0.0005) }),
      pendingBorrowingFeeUsd: usd(5),
      pendingFundingFeeAmount: usdc(2),
      referralTotalRebateFactor: factor(0.1),
      referralTraderDiscountFactor: factor(0.5),
      proTraderDiscountFactor: factor(0.2),
    })
    // balanced open interest: closing a long unbalances it, so the not-improved factor: $10 fee,
    // rebate $1, trader discount $0.5, pro discount 20% of $9 = $1.8; + $5 borrowing + 2 USDC funding
    const check = computeGmxV2LiquidationCheck(p, pricesAt(2_000))
    expect(check).toMatchObject({ kind: 'checked', collateralCostAmount: usdc(10 - 0.5 - 1.8 + 5 + 2), collateralCostUsd: usd(14.7) })
    expect(check).toMatchObject({ remainingCollateralUsd: usd(1_000 - 14.7) })
  })

  it('close price impact: capped at the liquidation factor, pending impact added, positive total ignored', () => {
    const base = { positionImpactFactorPositive: factor(1e-6), positionImpactFactorNegative: factor(2e-6) }
    // balanced $100k/$100k: closing $10k long costs 2e-6 · 10,000² = $200, capped at 1% of $10k = $100
    const capped = aPosition({ market: aMarket(base) })
    expect(computeGmxV2LiquidationCheck(capped, pricesAt(2_000))).toMatchObject({ priceImpactUsd: -usd(100) })
    const uncapped = aPosition({ market: aMarket({ ...base, maxPositionImpactFactorForLiquidations: factor(0.05) }) })
    expect(computeGmxV2LiquidationCheck(uncapped, pricesAt(2_000))).toMatchObject({ priceImpactUsd: -usd(200) })
    // pending −0.005 ETH at $2,000 = −$10 on top
    const pending = aPosition({ market: aMarket({ ...base, maxPositionImpactFactorForLiquidations: factor(0.05) }), pendingImpactAmount: -eth(0.005) })
    expect(computeGmxV2LiquidationCheck(pending, pricesAt(2_000))).toMatchObject({ priceImpactUsd: -usd(210) })
    // longs heavy ($100k vs $60k): closing improves balance, +$700 raw, capped at 0.5% = $50, then + pending −$10 = +$40 → 0
    const improving = aPosition({
      market: aMarket({ ...base, shortInterestUsd: usd(60_000) }),
      pendingImpactAmount: -eth(0.005),
    })
    expect(computeGmxV2LiquidationCheck(improving, pricesAt(2_000))).toMatchObject({ priceImpactUsd: 0n })
  })

  it('short with ETH collateral: remaining = P + 10000 − 5P', () => {
    const p = aPosition({ isLong: false, collateralToken: WETH, collateralSide: 'LONG', collateralTokenDecimals: 18, collateralIsIndexToken: true, collateralAmount: eth(1) })
    expect(requireGmxV2LiquidationCheck(p, pricesAt(2_475)).liquidatable).toBe(false)
    expect(requireGmxV2LiquidationCheck(p, pricesAt(2_475.01)).liquidatable).toBe(true)
  })

  it('a zero collateral price is refused', () => {
    const prices = { ...pricesAt(2_000), shortTokenPrice: { min: 0n, max: 0n } }
    expect(computeGmxV2LiquidationCheck(aPosition(), prices)).toEqual({ kind: 'priceUnavailable', token: USDC })
    expect(() => requireGmxV2LiquidationCheck(aPosition(), prices).liquidatable).toThrow(GmxV2ZeroPriceError)
  })
})

describe('GMX v2 PnL and price impact', () => {
  it('shorts use the max index price, longs the min', () => {
    const prices = { ...pricesAt(2_000), indexTokenPrice: { min: ethPrice(1_990), max: ethPrice(2_010) } }
    expect(computeGmxV2PositionPnlUsd(aPosition(), prices)).toBe(-usd(50))
    expect(computeGmxV2PositionPnlUsd(aPosition({ isLong: false }), prices)).toBe(-usd(50))
  })

  it('profit is scaled by the capped pool PnL', () => {
    // pool 10 ETH at $2,500 = $25,000, 50% cap = $12,500; longs' OI 30 ETH for $50,000 → pool PnL $25,000
    const p = aPosition({ market: aMarket({ longPoolAmount: eth(10), maxPnlFactorForTradersLong: factor(0.5), longInterestUsd: usd(50_000), longInterestInTokens: eth(30) }) })
    expect(computeGmxV2PositionPnlUsd(p, pricesAt(2_500))).toBe(usd(1_250))
  })

  it('same-side, crossover and virtual inventory impact (PricingUtils)', () => {
    const index = { min: ethPrice(2_000), max: ethPrice(2_000) }
    const m = aMarket({ positionImpactFactorPositive: factor(1e-6), positionImpactFactorNegative: factor(2e-6), shortInterestUsd: usd(60_000) })
    // diff 40k → 30k: +1e-6 · (40,000² − 30,000²) = +$700
    expect(computeGmxV2PriceImpactUsd(m, -usd(10_000), true, index)).toEqual({ priceImpactUsd: usd(700), balanceWasImproved: true })
    // 100k/95k → 90k/95k flips sides: +1e-6 · 5,000² − 2e-6 · 5,000² = −$25
    const near = { ...m, shortInterestUsd: usd(95_000) }
    expect(computeGmxV2PriceImpactUsd(near, -usd(10_000), true, index)).toEqual({ priceImpactUsd: -usd(25), balanceWasImproved: false })
    // a positive factor above the negative one is lowered to it
    const adjusted = { ...m, positionImpactFactorPositive: factor(5e-6) }
    expect(computeGmxV2PriceImpactUsd(adjusted, -usd(10_000), true, index).priceImpactUsd).toBe(usd(1_400))
    // balanced 100k/100k: −2e-6 · 10,000² = −$200; virtual inventory +$50k (short) plus the $10k offset on both
    // sides: 10k/60k → 0/60k, −2e-6 · (60,000² − 50,000²) = −$2,200, the worse of the two
    const virtual = aMarket({ positionImpactFactorNegative: factor(2e-6), virtualInventoryForPositions: usd(50_000) })
    expect(computeGmxV2PriceImpactUsd(virtual, -usd(10_000), true, index)).toEqual({ priceImpactUsd: -usd(2_200), balanceWasImproved: false })
  })

  it('open interest in tokens is valued at the mid index price', () => {
    const m = aMarket({ positionImpactFactorNegative: factor(2e-6), useOpenInterestInTokensForBalance: true, longInterestInTokens: eth(60), shortInterestInTokens: eth(50) })
    // 60 ETH vs 50 ETH at $2,000: $120k / $100k; closing $10k long → diff 20k → 10k, improved (positive factor 0 here)
    expect(computeGmxV2PriceImpactUsd(m, -usd(10_000), true, { min: ethPrice(1_990), max: ethPrice(2_010) })).toEqual({ priceImpactUsd: 0n, balanceWasImproved: true })
    expect(computeGmxV2PriceImpactUsd(m, usd(10_000), true, { min: ethPrice(2_000), max: ethPrice(2_000) }).priceImpactUsd).toBe(-usd(2 * (900 - 400)))
  })
})

describe('GMX v2 liquidation price (interface formula)', () => {
  it('long, stable collateral: (required − remaining + size) / sizeInTokens', () => {
    expect(gmxV2LiquidationPrice(aPosition(), pricesAt(2_000))).toEqual({ kind: 'price', price: ethPrice(1_820), pricePerToken: usd(1_820) })
  })

  it('fees and pending impact are held at the current price', () => {
    const p = aPosition({
      market: aMarket({ positionFeeFactorForBalanceWasNotImproved: factor(0.001) }),
      pendingBorrowingFeeUsd: usd(5),
      pendingFundingFeeAmount: usdc(2),
      pendingImpactAmount: -eth(0.005),
    })
    // remaining = 1000 − $10 impact − $17 fees = 973; (100 − 973 + 10000) / 5 = 1825.4
    expect(gmxV2LiquidationPrice(p, pricesAt(2_000))).toMatchObject({ kind: 'price', price: ethPrice(1_825.4) })
  })

  it('index collateral moves with the price; the quotient is truncated', () => {
    const ethCollateral = { collateralToken: WETH, collateralSide: 'LONG', collateralTokenDecimals: 18, collateralIsIndexToken: true, collateralAmount: eth(1) } as const
    // short: (10000 − 100) / (5 − 1) = 2475
    expect(gmxV2LiquidationPrice(aPosition({ ...ethCollateral, isLong: false }), pricesAt(2_000))).toMatchObject({ price: ethPrice(2_475) })
    // long: (10000 + 100) / (5 + 1) = 1683.333…, truncated per wei
    expect(gmxV2LiquidationPrice(aPosition(ethCollateral), pricesAt(2_000))).toMatchObject({ price: (usd(10_100) / eth(6)) })
    expect(usd(10_100) / eth(6)).toBe(1_683_333_333_333_333n)
  })

  it('no price: empty, equal short size and collateral, or below zero', () => {
    expect(gmxV2LiquidationPrice(aPosition({ sizeInUsd: 0n }), pricesAt(2_000))).toEqual({ kind: 'none', reason: 'EMPTY' })
    const hedged = aPosition({ isLong: false, collateralToken: WETH, collateralSide: 'LONG', collateralTokenDecimals: 18, collateralIsIndexToken: true, collateralAmount: eth(5) })
    expect(gmxV2LiquidationPrice(hedged, pricesAt(2_000))).toEqual({ kind: 'none', reason: 'NO_PRICE' })
    // a long with $10,200 collateral on $10,000: (100 − 10,200 + 10,000) / 5 < 0
    expect(gmxV2LiquidationPrice(aPosition({ collateralAmount: usdc(10_200) }), pricesAt(2_000))).toEqual({ kind: 'none', reason: 'NO_PRICE' })
  })
})
