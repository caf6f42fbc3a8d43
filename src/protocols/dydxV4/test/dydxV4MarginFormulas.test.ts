import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  dydxV4EffectiveInitialMarginFraction,
  dydxV4FreeCollateral,
  dydxV4ImpliedOraclePrice,
  dydxV4InitialMarginRequirement,
  dydxV4Liquidatable,
  dydxV4MaintenanceMarginRequirement,
  dydxV4TotalNetCollateral,
  type DydxV4MarginPosition,
} from './dydxV4MarginFormulas.js'
import { dydxV4SignedSize } from '../model/dydxV4Margin.js'

const aPosition = (over: Partial<DydxV4MarginPosition> = {}): DydxV4MarginPosition => ({
  sizeSigned: 1,
  oraclePrice: 100,
  initialMarginFraction: 0.05,
  maintenanceMarginFraction: 0.03,
  ...over,
})

const anOimfMarket = (over: Partial<Parameters<typeof dydxV4EffectiveInitialMarginFraction>[0]> = {}) => ({
  baseInitialMarginFraction: 0.2,
  openNotionalUsd: 0,
  openInterestLowerCapUsd: 25_000_000,
  openInterestUpperCapUsd: 50_000_000,
  ...over,
})

describe('dYdX v4 margin', () => {
  it('signs sizes by side, whether the indexer sent them signed or not', () => {
    expect(dydxV4SignedSize('LONG', 0.5)).toBe(0.5)
    expect(dydxV4SignedSize('SHORT', 0.5)).toBe(-0.5)
    expect(dydxV4SignedSize('SHORT', -0.5)).toBe(-0.5)
  })

  it('total net collateral is USDC + Σ S·P, the requirements Σ |S·P·fraction|', () => {
    const positions = [aPosition({ sizeSigned: 2, oraclePrice: 100 }), aPosition({ sizeSigned: -1, oraclePrice: 50, initialMarginFraction: 0.1, maintenanceMarginFraction: 0.05 })]
    // 1000 + 2·100 − 1·50
    expect(dydxV4TotalNetCollateral({ usdc: 1000, positions })).toBe(1150)
    // |2·100·0.05| + |−1·50·0.1|
    expect(dydxV4InitialMarginRequirement(positions)).toBeCloseTo(15, 12)
    // |2·100·0.03| + |−1·50·0.05|
    expect(dydxV4MaintenanceMarginRequirement(positions)).toBeCloseTo(8.5, 12)
    expect(dydxV4FreeCollateral({ equity: 1150, positions })).toBeCloseTo(1135, 12)
  })

  it('is liquidatable exactly when total net collateral falls below Σ MMR', () => {
    // long 1 ETH at 100 with MMF 0.03: MMR 3, so USDC −97 leaves TNC 3 (not below), −97.01 liquidates
    expect(dydxV4Liquidatable({ usdc: -97, positions: [aPosition()] })).toBe(false)
    expect(dydxV4Liquidatable({ usdc: -97.01, positions: [aPosition()] })).toBe(true)
    expect(dydxV4Liquidatable({ usdc: 0, positions: [] })).toBe(false)
  })

  it('implies the oracle price from unrealized PnL and entry price, for longs and shorts', () => {
    expect(dydxV4ImpliedOraclePrice({ side: 'LONG', size: 2, entryPrice: 100, unrealizedPnl: 10 })).toBe(105)
    expect(dydxV4ImpliedOraclePrice({ side: 'SHORT', size: 2, entryPrice: 100, unrealizedPnl: 10 })).toBe(95)
    expect(dydxV4ImpliedOraclePrice({ side: 'SHORT', size: -2, entryPrice: 100, unrealizedPnl: -10 })).toBe(105)
    expect(dydxV4ImpliedOraclePrice({ side: 'LONG', size: 0, entryPrice: 100, unrealizedPnl: 0 })).toBeNull()
  })

  it('recovers the oracle price the indexer used for uPnL = S·(P − entry)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'LONG' | 'SHORT'>('LONG', 'SHORT'),
        fc.double({ min: 1e-4, max: 1e4, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e5, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e5, noNaN: true }),
        (side, size, entry, oracle) => {
          const s = dydxV4SignedSize(side, size)
          const p = dydxV4ImpliedOraclePrice({ side, size, entryPrice: entry, unrealizedPnl: s * (oracle - entry) })!
          return Math.abs(p - oracle) <= 1e-9 * Math.max(oracle, entry)
        },
      ),
    )
  })

  it('applies the open-interest margin fraction as the protocol does (base below the lower cap, 1 at the upper)', () => {
    expect(dydxV4EffectiveInitialMarginFraction(anOimfMarket({ openNotionalUsd: 10_000_000 }))).toBe(0.2)
    expect(dydxV4EffectiveInitialMarginFraction(anOimfMarket({ openNotionalUsd: 25_000_000 }))).toBe(0.2)
    // halfway between the caps: 0.2 + 0.5·(1 − 0.2)
    expect(dydxV4EffectiveInitialMarginFraction(anOimfMarket({ openNotionalUsd: 37_500_000 }))).toBeCloseTo(0.6, 12)
    expect(dydxV4EffectiveInitialMarginFraction(anOimfMarket({ openNotionalUsd: 50_000_000 }))).toBe(1)
    expect(dydxV4EffectiveInitialMarginFraction(anOimfMarket({ openNotionalUsd: 80_000_000 }))).toBe(1)
    // upper cap 0: OIMF disabled
    expect(dydxV4EffectiveInitialMarginFraction(anOimfMarket({ openNotionalUsd: 80_000_000, openInterestLowerCapUsd: 0, openInterestUpperCapUsd: 0 }))).toBe(0.2)
  })
})
