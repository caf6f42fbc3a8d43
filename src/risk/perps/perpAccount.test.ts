import { describe, expect, it } from 'vitest'
import { maintenanceTiers, perpEquity, perpLiquidationPrice, perpMaintenance, perpUniformMove, positionMaintenance, type PerpAccount } from './perpAccount.js'

/** Builder: a one-position account. */
const anAccount = (cashUsd: number, size: number, mark: number, mmr: number): PerpAccount => ({
  cashUsd,
  positions: [{ market: 'ETH', exposure: { base: 'ETH' }, sizeSigned: size, markPrice: mark, maintenanceMarginRate: mmr, initialMarginRate: 2 * mmr }],
})

describe('linear perp account', () => {
  it("matches Hyperliquid's documented liquidation price P − side·available/|s|/(1 − l·side)", () => {
    // short 4 at 48.145 with 211.144417 raw USD, l = 0.05
    const a = anAccount(211.144417, -4, 48.145, 0.05)
    const available = perpEquity(a) - perpMaintenance(a)
    const documented = 48.145 + available / 4 / (1 + 0.05)
    const p = perpLiquidationPrice(a, 'ETH')
    expect(p.kind === 'price' && p.direction).toBe('UP')
    expect(p.kind === 'price' && Math.abs(p.priceUsd - documented) / documented).toBeLessThan(1e-12)
  })

  it('has no liquidation price when no positive price liquidates', () => {
    expect(perpLiquidationPrice(anAccount(10_000, 1, 2000, 0.01), 'ETH')).toEqual({ kind: 'none', riskFactor: 'ETH', reason: 'OUT_OF_RANGE' })
  })

  it('a fixed (2023) requirement drops the (1 − l·side) term', () => {
    const a: PerpAccount = { ...anAccount(-1000, 1, 2000, 0.01), maintenanceFixedUsd: 20 }
    const p = perpLiquidationPrice(a, 'ETH')
    // equity 1000, available 980: P − 980/1
    expect(p.kind === 'price' && p.priceUsd).toBeCloseTo(1020, 9)
  })

  it('uniform moves only liquidate in the dangerous direction', () => {
    const long = anAccount(-1500, 1, 2000, 0.01)
    expect(perpUniformMove(long, new Set(['ETH']), 1)).toEqual({ kind: 'none' })
    const down = perpUniformMove(long, new Set(['ETH']), -1)
    expect(down.kind).toBe('move')
    // equity 500 − 2000·(1 − m) = 20·m at the boundary: m = 1500/1980
    expect(down.kind === 'move' && down.changePct).toBeCloseTo((1500 / 1980 - 1) * 100, 9)
  })
})

describe('margin tiers (Hyperliquid docs, "Margin tiers")', () => {
  // ETH on mainnet: 25x up to $100M of notional, 15x above
  const tiers = maintenanceTiers([
    { lowerBoundUsd: 0, maxLeverage: 25 },
    { lowerBoundUsd: 100e6, maxLeverage: 15 },
  ])
  const whale = (cashUsd: number, size: number): PerpAccount => ({
    cashUsd,
    positions: [{ market: 'ETH', exposure: { base: 'ETH' }, sizeSigned: size, markPrice: 2000, maintenanceMarginRate: 0.02, initialMarginRate: 0.04, maintenanceTiers: tiers }],
  })

  it('rates are half the initial margin at each tier and the deduction keeps maintenance continuous', () => {
    expect(tiers.map((t) => t.rate)).toEqual([0.02, 1 / 30])
    expect(tiers[1]!.deductionUsd).toBeCloseTo(100e6 * (1 / 30 - 0.02), 6)
    const p = whale(0, 1).positions[0]!
    expect(positionMaintenance(p, 100e6 - 1e-6)).toBeCloseTo(positionMaintenance(p, 100e6), 4)
    expect(positionMaintenance(p, 150e6)).toBeCloseTo(150e6 / 30 - tiers[1]!.deductionUsd, 4)
  })

  it('a long in the higher tier liquidates where equity equals the tiered maintenance', () => {
    // 60,000 ETH at 2000 = $120M, in the 15x tier; cash −$100M (bought on margin)
    const a = whale(-100e6, 60_000)
    const p = perpLiquidationPrice(a, 'ETH')
    expect(p.kind).toBe('price')
    const m = (p as { priceUsd: number }).priceUsd / 2000
    const equity = perpEquity(a, () => m)
    const mm = perpMaintenance(a, () => m)
    expect(Math.abs(equity - mm) / mm).toBeLessThan(1e-9)
    // still in the 15x tier at the crossing: a flat 25x (2%) rate would liquidate later, the tier earlier
    expect(60_000 * 2000 * m).toBeGreaterThan(100e6)
    const flat = perpLiquidationPrice({ cashUsd: -100e6, positions: [{ ...a.positions[0]!, maintenanceTiers: undefined }] }, 'ETH') as { priceUsd: number }
    expect((p as { priceUsd: number }).priceUsd).toBeGreaterThan(flat.priceUsd)
  })

  it('without tiers the documented single-rate liquidation price is unchanged', () => {
    const flat: PerpAccount = { cashUsd: -100e6, positions: [{ ...whale(0, 60_000).positions[0]!, maintenanceTiers: undefined }] }
    const p = perpLiquidationPrice(flat, 'ETH') as { priceUsd: number }
    // P − available/|s|/(1 − l): available = 20M − 2.4M
    expect(p.priceUsd).toBeCloseTo(2000 - (20e6 - 2.4e6) / 60_000 / (1 - 0.02), 6)
  })
})
