import fc from 'fast-check'
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
    const venues = [
      aVenue('a', [aPosition({ symbol: 'ETH', valueUsd: 10_000 }), aPosition({ symbol: 'USDC', side: 'DEBT', valueUsd: 6_000 })]),
      aVenue('b', [aPosition({ symbol: 'BTC', valueUsd: 5_000 }), aPosition({ symbol: 'USDC', side: 'DEBT', valueUsd: 3_000 })]),
    ]
    const view = computeOneAccountView(computeExposures(venues), TABLE, 4_000, venues.map((v) => computeExposures([v])))
    expect(view.healthFactor).toBeCloseTo(10_500 / 9_000, 12)
    expect(view.equityUsd).toBe(6_000)
    expect(view.maintenanceMarginUsd).toBeCloseTo(4_500, 9)
    expect(view.initialMarginUsd).toBeCloseTo(0.35 * 15_000, 9)
    expect(view.marginRatio).toBeCloseTo(6_000 / 4_500, 12)
    expect(view.liquidatable).toBe(false)
    // the protocols' figure (4,000) against this table's (4,500): two rules, so it can be negative
    expect(view.fragmentationCostUsd).toBeCloseTo(-500, 9)
    expect(view.protocolsMaintenanceMarginUsd).toBe(4_000)
    // like for like: each venue alone holds the same assets (nothing nets across factors), so netting frees nothing
    expect(view.separateRequirementUsd).toBeCloseTo(0.3 * 10_000 + 0.3 * 5_000, 9)
    expect(view.nettingBenefitUsd).toBeCloseTo(0, 9)
  })

  it('nets a hedge away: long ETH on one venue, short on another', () => {
    const venues = [
      aVenue('a', [aPosition({ symbol: 'ETH', valueUsd: 10_000 }), aPosition({ symbol: 'USDC', side: 'DEBT', valueUsd: 7_000 })]),
      aVenue('b', [aPosition({ symbol: 'USDC', valueUsd: 12_000 }), aPosition({ symbol: 'ETH', side: 'DEBT', valueUsd: 9_000 })]),
    ]
    const view = computeOneAccountView(computeExposures(venues), TABLE, 5_000, venues.map((v) => computeExposures([v])))
    // ETH net +1k (0.7), USDC net +5k (0.95): no net liabilities
    expect(view.healthFactor).toBeNull()
    expect(view.maintenanceMarginUsd).toBeCloseTo(0.3 * 1_000 + 0.05 * 5_000, 9)
    expect(view.fragmentationCostUsd).toBeCloseTo(5_000 - 550, 9)
    // like for like: venue a alone needs 0.3·10k, venue b 0.05·12k; netted 550
    expect(view.separateRequirementUsd).toBeCloseTo(3_000 + 600, 9)
    expect(view.nettingBenefitUsd).toBeCloseTo(3_600 - 550, 9)
  })

  it('uses per-factor overrides and skips ratio factors', () => {
    const exposures = computeExposures([aVenue('a', [aPosition({ symbol: 'wstETH', exposure: { base: 'ETH', ratio: 'WSTETH_ETH' }, valueUsd: 1_000 }), aPosition({ symbol: 'USDC', side: 'DEBT', valueUsd: 500 })])])
    const view = computeOneAccountView(exposures, { ...TABLE, overrides: { ETH: 0.8 } }, 0, [exposures])
    expect(view.factors.map((f) => f.riskFactor).sort()).toEqual(['ETH', 'USDC'])
    expect(view.healthFactor).toBeCloseTo(1.6, 12)
  })

  it('flags a liquidatable account when equity falls below maintenance margin', () => {
    const exposures = computeExposures([aVenue('a', [aPosition({ symbol: 'ETH', valueUsd: 1_000 }), aPosition({ symbol: 'USDC', side: 'DEBT', valueUsd: 800 })])])
    const view = computeOneAccountView(exposures, TABLE, 0, [exposures])
    expect(view.healthFactor).toBeCloseTo(0.875, 12)
    expect(view.liquidatable).toBe(true)
  })

  it('netting benefit is never negative: the table\'s requirement is subadditive over venues (fast-check)', () => {
    const symbols = [
      { symbol: 'ETH', exposure: { base: 'ETH' } },
      { symbol: 'wstETH', exposure: { base: 'ETH', ratio: 'WSTETH_ETH' } },
      { symbol: 'BTC', exposure: { base: 'BTC' } },
      { symbol: 'USDC', exposure: { base: 'USDC' } },
      { symbol: 'DAI', exposure: { base: 'DAI' } },
    ] as const
    const position = fc.record({ asset: fc.constantFrom(...symbols), debt: fc.boolean(), valueUsd: fc.double({ min: 0, max: 1e7, noNaN: true }) })
    const venue = fc.array(position, { minLength: 1, maxLength: 6 })
    const table = fc.record({ stable: fc.double({ min: 0.5, max: 1, noNaN: true }), volatile: fc.double({ min: 0.1, max: 1, noNaN: true }), eth: fc.option(fc.double({ min: 0.1, max: 1, noNaN: true })) })
    fc.assert(
      fc.property(fc.array(venue, { minLength: 1, maxLength: 6 }), table, (books, t) => {
        const venues = books.map((b, i) => aVenue(`v${i}`, b.map((p) => aPosition({ symbol: p.asset.symbol, exposure: p.asset.exposure, side: p.debt ? 'DEBT' : 'COLLATERAL', valueUsd: p.valueUsd }))))
        const cf = { stable: t.stable, volatile: t.volatile, overrides: t.eth === null ? ({} as Record<string, number>) : { ETH: t.eth } }
        const view = computeOneAccountView(computeExposures(venues), cf, 0, venues.map((v) => computeExposures([v])))
        expect(view.nettingBenefitUsd).toBeGreaterThanOrEqual(-1e-9 * Math.max(1, view.separateRequirementUsd))
        // one venue alone: nothing to net, so no benefit
        if (venues.length === 1) expect(Math.abs(view.nettingBenefitUsd)).toBeLessThanOrEqual(1e-9 * Math.max(1, view.separateRequirementUsd))
      }),
      { numRuns: 500 },
    )
  })
})
