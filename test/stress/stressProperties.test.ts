import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { factorsOf, type RiskFactorId } from '../../src/domain/riskFactor.js'
import type { AvailableVenue } from '../../src/domain/venue.js'
import { compilePortfolioKernel } from '../../src/risk/kernel/compilePortfolioKernel.js'
import { evaluatePortfolioKernel } from '../support/kernel.js'
import { toPriceMoves, type PriceMoves } from '../../src/risk/shock.js'
import { aaveArb, aaveFrom, FACTORS, morphoArb, morphoFrom, movesArb, perpArb, perpFrom } from '../support/venueArbitraries.js'
import type { VenueModel } from '../../src/risk/venueModel.js'
import { runStressScenarios } from '../../src/risk/stress/runStressScenarios.js'

/** Factors the venue's lines of `side` move with. */
function factorsOfSide(venue: AvailableVenue, side: 'COLLATERAL' | 'DEBT' | 'PERP'): Set<RiskFactorId> {
  return new Set(venue.positions.filter((p) => p.side === side).flatMap((p) => factorsOf(p.asset.exposure)))
}

/** The venue after `moves` (what-if at moved prices, no action). */
const movedVenue = (m: VenueModel, moves: Record<string, number>) => m.simulate(toPriceMoves(moves), []).model.venue

/**
 * Health in the real-valued model: Σ collateral·threshold / Σ debt, USD
 * (Aave without the whole-bps floor of the average threshold; Morpho with
 * LLTV); null without debt.
 */
function realValuedHealth(v: AvailableVenue): number | null {
  const debt = v.positions.filter((p) => p.side === 'DEBT').reduce((s, p) => s + p.valueUsd, 0)
  if (debt === 0) return null
  return v.positions.filter((p) => p.side === 'COLLATERAL').reduce((s, p) => s + p.valueUsd * p.maintenanceWeight, 0) / debt
}

const healthOf = (v: AvailableVenue) => (v.health.kind === 'ok' ? v.health.healthFactor : null)

/** A further fall (or rise) of one factor on top of base moves, as a relative move from today. */
const compound = (base: number, extra: number) => (1 + base) * (1 + extra) - 1

describe('stress properties', () => {
  it('lending health never rises when a collateral price falls or a debt price rises (Aave: up to one whole-bps step of the average threshold)', () => {
    let checked = 0
    const build = fc.oneof(aaveArb.map((a) => aaveFrom(a)), morphoArb.map((p) => morphoFrom(p)))
    fc.assert(
      fc.property(build, movesArb, fc.constantFrom(...FACTORS), fc.integer({ min: 1, max: 900 }), (model, base, factor, permille) => {
        const collateral = factorsOfSide(model.venue, 'COLLATERAL')
        const debt = factorsOfSide(model.venue, 'DEBT')
        const collateralOnly = collateral.has(factor) && !debt.has(factor)
        const debtOnly = debt.has(factor) && !collateral.has(factor)
        if (!collateralOnly && !debtOnly) return
        const extra = (collateralOnly ? -permille : permille) / 1000
        const before = movedVenue(model, base)
        const after = movedVenue(model, { ...base, [factor]: compound(base[factor] ?? 0, extra) })
        const h0 = healthOf(before)
        const h1 = healthOf(after)
        if (h0 === null || h1 === null) return
        checked += 1
        // the real-valued model is monotone
        expect(realValuedHealth(after)!).toBeLessThanOrEqual(realValuedHealth(before)! * (1 + 1e-12))
        // the contract's value too, except that a collateral fall can lift the floored average threshold by one bps: HF/avgLT
        const step = collateralOnly && model.venue.protocol === 'AAVE_V3' ? h1 / Number(after.margin.avgLiquidationThresholdBps) : 0
        expect(h1).toBeLessThanOrEqual(h0 + step + 1e-18)
      }),
      { numRuns: 600, seed: 5 },
    )
    expect(checked).toBeGreaterThan(200)
  })

  it('a perp account loses margin buffer (equity − maintenance) when the price moves against its only side', () => {
    let checked = 0
    fc.assert(
      fc.property(perpArb, movesArb, fc.constantFrom('ETH', 'BTC'), fc.integer({ min: 1, max: 900 }), (p, base, factor, permille) => {
        const size = factor === 'ETH' ? p.eth : p.btc
        if (size === 0) return
        const model = perpFrom(p)
        const against = (size > 0 ? -permille : permille) / 1000
        const buffer = (v: AvailableVenue) => v.margin.equityUsd - v.margin.maintenanceMarginUsd
        const before = buffer(movedVenue(model, base))
        const after = buffer(movedVenue(model, { ...base, [factor]: compound(base[factor] ?? 0, against) }))
        checked += 1
        // the ratio equity/maintenance need not fall (an over-collateralized long's requirement shrinks faster); the buffer does
        expect(after).toBeLessThan(before + 1e-9 * Math.abs(before))
      }),
      { numRuns: 300, seed: 6 },
    )
    expect(checked).toBeGreaterThan(150)
  })

  it('at a returned liquidation price the venue is exactly at the boundary: liquidatable there, not one unit on the safe side', () => {
    let checked = 0
    const build = fc.oneof(aaveArb.map((a) => aaveFrom(a)), morphoArb.map((p) => morphoFrom(p)))
    fc.assert(
      fc.property(build, (model) => {
        for (const lp of model.venue.liquidationPrices) {
          if (lp.kind !== 'price' || lp.alreadyLiquidatable) continue
          const at = (priceE8: bigint): PriceMoves => new Map([[lp.riskFactor, { num: priceE8, den: lp.currentPriceE8 }]])
          const safe = lp.direction === 'DOWN' ? lp.priceE8 + 1n : lp.priceE8 - 1n
          expect(model.evaluate(at(lp.priceE8)).liquidatable, `${lp.riskFactor} at ${lp.priceE8}`).toBe(true)
          expect(model.evaluate(at(safe)).liquidatable, `${lp.riskFactor} at ${safe}`).toBe(false)
          checked += 1
        }
      }),
      { numRuns: 200, seed: 7 },
    )
    expect(checked).toBeGreaterThan(150)
  })

  it('at a perp liquidation price, equity equals maintenance', () => {
    let checked = 0
    fc.assert(
      fc.property(perpArb, (p) => {
        const model = perpFrom(p)
        for (const lp of model.venue.liquidationPrices) {
          if (lp.kind !== 'price' || lp.alreadyLiquidatable) continue
          const v = movedVenue(model, { [lp.riskFactor]: lp.changePct / 100 })
          // moves resolve to 1e-9 of today's price: that much of today's notional is the tolerance
          const notional = model.venue.positions.filter((x) => x.side === 'PERP').reduce((s, x) => s + x.valueUsd, 0)
          expect(Math.abs(v.margin.equityUsd - v.margin.maintenanceMarginUsd)).toBeLessThan(2e-9 * notional)
          checked += 1
        }
      }),
      { numRuns: 200, seed: 8 },
    )
    expect(checked).toBeGreaterThan(100)
  })

  it('a −100% shock of every collateral factor leaves no collateral value: health 0, nothing to seize', () => {
    let checked = 0
    const build = fc.oneof(aaveArb.map((a) => aaveFrom(a)), morphoArb.map((p) => morphoFrom(p)))
    fc.assert(
      fc.property(build, (model) => {
        const moves = Object.fromEntries([...factorsOfSide(model.venue, 'COLLATERAL')].map((f) => [f, -1]))
        const after = movedVenue(model, moves)
        expect(after.positions.filter((p) => p.side === 'COLLATERAL').reduce((s, p) => s + p.valueUsd, 0)).toBe(0)
        expect(after.margin.weightedCollateralUsd).toBe(0)
        const debtLeft = after.positions.filter((p) => p.side === 'DEBT').reduce((s, p) => s + p.valueUsd, 0)
        if (debtLeft === 0) return
        checked += 1
        expect(healthOf(after)).toBe(0)
        const [scenario] = runStressScenarios([model], [{ id: 'zero', label: 'collateral to zero', moves, weight: 1 }])
        expect(scenario!.liquidatedVenueIds).toEqual([model.venue.id])
        expect(scenario!.cascade.flatMap((c) => c.steps).reduce((s, x) => s + x.collateralSeizedUsd, 0)).toBe(0)
        // the float kernel agrees: health 0, equity = −debt
        const k = evaluatePortfolioKernel(compilePortfolioKernel([model.kernel]), moves).venues[0]!
        expect(k.healthFactor).toBe(0)
        expect(k.equityUsd).toBeCloseTo(-debtLeft, 6)
      }),
      { numRuns: 200, seed: 9 },
    )
    expect(checked).toBeGreaterThan(50)
  })
})
