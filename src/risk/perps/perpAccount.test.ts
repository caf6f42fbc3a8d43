import { describe, expect, it } from 'vitest'
import { perpEquity, perpLiquidationPrice, perpMaintenance, perpUniformMove, type PerpAccount } from './perpAccount.js'

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
