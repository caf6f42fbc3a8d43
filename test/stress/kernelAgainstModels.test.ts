import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toPriceMoves } from '../../src/risk/shock.js'
import { aaveArb, aaveFrom, morphoArb, morphoFrom, movesArb, perpArb, perpFrom } from '../support/venueArbitraries.js'
import type { VenueModel } from '../../src/risk/venueModel.js'
import { compilePortfolioKernel } from '../../src/risk/kernel/compilePortfolioKernel.js'
import { evaluatePortfolioKernel } from '../support/kernel.js'

const relErr = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-12))

/**
 * The kernel must say what the exact model says: health factor and equity
 * to float precision, liquidatable alike away from the boundary, and the
 * same liquidation cost. Near HF 1 (and the 0.95 close-factor switch) the
 * exact integer rounding may decide the other way; those draws are skipped
 * for the flag and the cost and counted.
 */
function expectKernelMatches(model: VenueModel, moves: Record<string, number>, tolerance: number): 'compared' | 'boundary' {
  const compiled = compilePortfolioKernel([model.kernel])
  const k = evaluatePortfolioKernel(compiled, moves)
  const exact = model.evaluate(toPriceMoves(moves))
  const kv = k.venues[0]!
  expect(relErr(kv.equityUsd, exact.equityUsd)).toBeLessThan(tolerance)
  if (exact.healthFactor === null) {
    expect(kv.healthFactor).toBeNull()
    return 'compared'
  }
  expect(relErr(kv.healthFactor!, exact.healthFactor)).toBeLessThan(tolerance)
  if (Math.abs(exact.healthFactor - 1) < 1e-6 || Math.abs(exact.healthFactor - 0.95) < 1e-6) return 'boundary'
  expect(kv.liquidatable).toBe(exact.liquidatable)
  const cost = model.liquidate(toPriceMoves(moves)).costUsd
  // the contract moves whole token units: a unit of 8-decimal WBTC is $0.0006 here, on top of the relative tolerance
  expect(Math.abs(k.liquidationCostUsd[0]! - cost)).toBeLessThanOrEqual(1e-3 + tolerance * Math.max(Math.abs(cost), Math.abs(exact.equityUsd)))
  return 'compared'
}

/**
 * Runs expectKernelMatches over random venues and moves; returns how many
 * draws reached the liquidation branch (a test must see enough of them).
 */
function checkAgainstExact<T>(venues: fc.Arbitrary<T>, build: (t: T) => VenueModel, tolerance: number, runs: { numRuns: number; seed: number }): number {
  let liquidated = 0
  fc.assert(
    fc.property(venues, movesArb, (t, moves) => {
      const model = build(t)
      expectKernelMatches(model, moves, tolerance)
      if (model.evaluate(toPriceMoves(moves)).liquidatable) liquidated += 1
    }),
    runs,
  )
  return liquidated
}

describe('venue kernels against the exact models', () => {
  it('Aave V3: health factor, equity, liquidatable and cascade cost over random accounts and moves', () => {
    expect(checkAgainstExact(aaveArb, aaveFrom, 1e-7, { numRuns: 400, seed: 20_261_121 })).toBeGreaterThan(50)
  })

  it('Morpho Blue: health factor, equity and the liquidation cost (full repay or bad debt)', () => {
    expect(checkAgainstExact(morphoArb, morphoFrom, 1e-7, { numRuns: 300, seed: 7_331 })).toBeGreaterThan(30)
  })

  it('linear perps, with and without margin tiers: margin ratio, equity and the forfeited margin', () => {
    expect(checkAgainstExact(perpArb, perpFrom, 1e-9, { numRuns: 300, seed: 42 })).toBeGreaterThan(30)
  })

  it('compiles several venues side by side, each keeping its own legs', () => {
    const venues = [aaveFrom({ decimals: [18, 8, 6, 18], lt: [8250, 7800, 7800, 8100], bonus: [10500, 10500, 10450, 10600], supplyUsd: [100_000, 0, 0, 0], debtUsd: [0, 0, 60_000, 0], eMode: false }), perpFrom({ cashUsd: 10_000, eth: -10, btc: 0, tiered: false })]
    const compiled = compilePortfolioKernel(venues.map((v) => v.kernel))
    expect(compiled.factors).toEqual(['ETH', 'USDC'])
    const moves = { ETH: -0.2 }
    const k = evaluatePortfolioKernel(compiled, moves)
    venues.forEach((v, i) => {
      const exact = v.evaluate(toPriceMoves(moves))
      expect(relErr(k.venues[i]!.healthFactor!, exact.healthFactor!)).toBeLessThan(1e-9)
      expect(relErr(k.venues[i]!.equityUsd, exact.equityUsd)).toBeLessThan(1e-9)
    })
  })
})
