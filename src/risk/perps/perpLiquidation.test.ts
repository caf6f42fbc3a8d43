import { describe, expect, it } from 'vitest'
import { compilePortfolioKernel, computeLegMultipliers, createKernelState, evaluateVenue, liquidateVenue } from '../kernel/compilePortfolioKernel.js'
import { kernelLeg, type VenueKernel } from '../kernel/venueKernel.js'
import type { PerpAccount } from './perpAccount.js'
import { liquidatePerpAccount, type PerpLiquidationRule } from './perpLiquidation.js'

/** 100 ETH long at 2000 (notional $200k, 2% maintenance = $4000) with `equity` of account value. */
const long = (equity: number): PerpAccount => ({
  cashUsd: equity - 200_000,
  positions: [{ market: 'ETH', exposure: { base: 'ETH' }, sizeSigned: 100, markPrice: 2_000, maintenanceMarginRate: 0.02, initialMarginRate: 0.04 }],
})
const at = () => 1

/** The same account as a kernel, liquidated at current prices: cost and the equity left. */
function kernelLiquidation(a: PerpAccount, rule: PerpLiquidationRule) {
  const kernel: VenueKernel = {
    venueId: 'v',
    health: { kind: 'margin' },
    legs: a.positions.map((p) => kernelLeg({ exposure: p.exposure, role: 'perp', equityUsd: p.sizeSigned * p.markPrice, valueUsd: Math.abs(p.sizeSigned) * p.markPrice, threshold: p.maintenanceMarginRate })),
    constantEquityUsd: a.cashUsd,
    fixedMaintenanceUsd: null,
    liquidation: rule,
    exactHealth: true,
  }
  const c = compilePortfolioKernel([kernel])
  const m = new Float64Array(c.legBase.length)
  computeLegMultipliers(c, Float64Array.from(c.factors, () => 1), m)
  const s = createKernelState(c)
  const scratch = new Float64Array(1)
  const cost = liquidateVenue(c, 0, m, s, scratch)
  evaluateVenue(c, 0, m, s, scratch)
  return { cost, equityAfter: scratch[0]!, held: s.held[0]! }
}

describe('perp liquidation rules', () => {
  // a market close with a partial first step over $100k (20%) and a backstop below 2/3 of maintenance (Hyperliquid's parameters)
  const hyperliquid: PerpLiquidationRule = { kind: 'marketClose', partialThresholdUsd: 100_000, partialShare: 0.2, backstopRatio: 2 / 3 }

  it('Hyperliquid: below 2/3 of maintenance the backstop takes everything', () => {
    const r = liquidatePerpAccount(long(2_000), at, hyperliquid)
    expect(r).toMatchObject({ costUsd: 2_000, equityAfterUsd: 0, backstop: true })
    expect(kernelLiquidation(long(2_000), hyperliquid)).toMatchObject({ cost: 2_000, equityAfter: 0, held: 0 })
  })

  it('Hyperliquid: above 2/3, a large position is closed by 20% at the mark when that restores maintenance, at no cost', () => {
    // 80% left needs $3200 of maintenance; $3500 of equity covers it
    const r = liquidatePerpAccount(long(3_500), at, hyperliquid)
    expect(r).toMatchObject({ costUsd: 0, equityAfterUsd: 3_500, backstop: false })
    expect(r.fills[0]!.share).toBe(0.2)
    const k = kernelLiquidation(long(3_500), hyperliquid)
    expect(k.cost).toBe(0)
    expect(k.held).toBeCloseTo(0.8, 12)
    expect(k.equityAfter).toBeCloseTo(3_500, 6)
  })

  it('Hyperliquid: when 20% is not enough the whole position goes, still at the mark', () => {
    const r = liquidatePerpAccount(long(3_000), at, hyperliquid)
    expect(r.fills[0]!.share).toBe(1)
    expect(r).toMatchObject({ costUsd: 0, equityAfterUsd: 3_000 })
    expect(kernelLiquidation(long(3_000), hyperliquid)).toMatchObject({ cost: 0, held: 0 })
  })

  it('dYdX v4: everything closed, up to 1.5% of the notional to the insurance fund, never more than the equity', () => {
    // a fee of up to 1.5% of the notional closed (dYdX v4's max_liquidation_fee_ppm)
    const dydx: PerpLiquidationRule = { kind: 'feeOnNotional', maxFeeRate: 0.015 }
    expect(liquidatePerpAccount(long(3_900), at, dydx)).toMatchObject({ costUsd: 3_000, equityAfterUsd: 900 })
    expect(liquidatePerpAccount(long(1_000), at, dydx)).toMatchObject({ costUsd: 1_000, equityAfterUsd: 0 })
    expect(kernelLiquidation(long(3_900), dydx)).toMatchObject({ cost: 3_000, held: 0 })
    expect(kernelLiquidation(long(3_900), dydx).equityAfter).toBeCloseTo(900, 6)
  })

  it('a healthy account is not liquidated', () => {
    expect(liquidatePerpAccount(long(5_000), at, hyperliquid).fills).toEqual([])
    expect(kernelLiquidation(long(5_000), hyperliquid).cost).toBe(0)
  })
})
