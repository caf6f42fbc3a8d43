import { describe, expect, it } from 'vitest'
import { aPosition, aVenue } from '../../../test/support/portfolioBuilders.js'
import { computeExposures, computeTotals } from './computeExposures.js'
import { computeOneAccountView } from './computeOneAccountView.js'

const TABLE = { stable: 0.95, volatile: 0.7, overrides: {} }

describe('computeExposures', () => {
  it('nets one risk factor across venues and counts an LST under its base and its ratio factor', () => {
    const a = aVenue('a', [aPosition({ symbol: 'wstETH', exposure: { base: 'ETH', ratio: 'WSTETH_ETH' }, valueUsd: 10_000 }), aPosition({ symbol: 'USDC', side: 'DEBT', valueUsd: 4_000 })])
    const b = aVenue('b', [aPosition({ symbol: 'USDC', valueUsd: 6_000 }), aPosition({ symbol: 'WETH', exposure: { base: 'ETH' }, side: 'DEBT', valueUsd: 3_000 })])
    const byFactor = Object.fromEntries(computeExposures([a, b]).map((e) => [e.riskFactor, e]))
    expect(byFactor.ETH).toMatchObject({ longUsd: 10_000, shortUsd: 3_000, netUsd: 7_000, kind: 'volatile' })
    expect(byFactor.USDC).toMatchObject({ netUsd: 2_000, kind: 'stable' })
    expect(byFactor.WSTETH_ETH).toMatchObject({ netUsd: 10_000, kind: 'ratio' })
    expect(computeTotals([a, b])).toMatchObject({ collateralUsd: 16_000, debtUsd: 7_000, netEquityUsd: 9_000 })
  })
})

describe('computeOneAccountView', () => {
  it('applies one collateral-factor table to the netted factors', () => {
    // ETH +10k, BTC +5k, USDC −9k: health = (0.7·15k) / 9k
    const exposures = computeExposures([
      aVenue('a', [aPosition({ symbol: 'ETH', valueUsd: 10_000 }), aPosition({ symbol: 'USDC', side: 'DEBT', valueUsd: 6_000 })]),
      aVenue('b', [aPosition({ symbol: 'BTC', valueUsd: 5_000 }), aPosition({ symbol: 'USDC', side: 'DEBT', valueUsd: 3_000 })]),
    ])
    const view = computeOneAccountView(exposures, TABLE, 4_000)
    expect(view.healthFactor).toBeCloseTo(10_500 / 9_000, 12)
    expect(view.equityUsd).toBe(6_000)
    expect(view.maintenanceMarginUsd).toBeCloseTo(4_500, 9)
    expect(view.initialMarginUsd).toBeCloseTo(0.35 * 15_000, 9)
    expect(view.marginRatio).toBeCloseTo(6_000 / 4_500, 12)
    expect(view.liquidatable).toBe(false)
    expect(view.fragmentationCostUsd).toBeCloseTo(-500, 9)
  })

  it('nets a hedge away: long ETH on one venue, short on another', () => {
    const exposures = computeExposures([
      aVenue('a', [aPosition({ symbol: 'ETH', valueUsd: 10_000 }), aPosition({ symbol: 'USDC', side: 'DEBT', valueUsd: 7_000 })]),
      aVenue('b', [aPosition({ symbol: 'USDC', valueUsd: 12_000 }), aPosition({ symbol: 'ETH', side: 'DEBT', valueUsd: 9_000 })]),
    ])
    const view = computeOneAccountView(exposures, TABLE, 5_000)
    // ETH net +1k (0.7), USDC net +5k (0.95): no net liabilities
    expect(view.healthFactor).toBeNull()
    expect(view.maintenanceMarginUsd).toBeCloseTo(0.3 * 1_000 + 0.05 * 5_000, 9)
    expect(view.fragmentationCostUsd).toBeCloseTo(5_000 - 550, 9)
  })

  it('uses per-factor overrides and skips ratio factors', () => {
    const exposures = computeExposures([aVenue('a', [aPosition({ symbol: 'wstETH', exposure: { base: 'ETH', ratio: 'WSTETH_ETH' }, valueUsd: 1_000 }), aPosition({ symbol: 'USDC', side: 'DEBT', valueUsd: 500 })])])
    const view = computeOneAccountView(exposures, { ...TABLE, overrides: { ETH: 0.8 } }, 0)
    expect(view.factors.map((f) => f.riskFactor).sort()).toEqual(['ETH', 'USDC'])
    expect(view.healthFactor).toBeCloseTo(1.6, 12)
  })

  it('flags a liquidatable account when equity falls below maintenance margin', () => {
    const exposures = computeExposures([aVenue('a', [aPosition({ symbol: 'ETH', valueUsd: 1_000 }), aPosition({ symbol: 'USDC', side: 'DEBT', valueUsd: 800 })])])
    const view = computeOneAccountView(exposures, TABLE, 0)
    expect(view.healthFactor).toBeCloseTo(0.875, 12)
    expect(view.liquidatable).toBe(true)
  })
})
