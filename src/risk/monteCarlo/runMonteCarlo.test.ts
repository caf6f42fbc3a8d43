import fc from 'fast-check'
import normalCdf from '@stdlib/stats-base-dists-normal-cdf'
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile'
import tQuantile from '@stdlib/stats-base-dists-t-quantile'
import { describe, expect, it } from 'vitest'
import type { RiskProfile } from '../../domain/riskProfile.js'
import { compilePortfolioKernel } from '../kernel/compilePortfolioKernel.js'
import { kernelLeg, type VenueKernel } from '../kernel/venueKernel.js'
import { createMonteCarloTask, type MonteCarloSettings } from './createMonteCarloTask.js'
import { runMonteCarlo, tailStatistics } from './runMonteCarlo.js'

/** An Aave account: ETH collateral (LT 82.5%, bonus 5%) against USDC debt. USD. */
const aaveLoan = (id: string, collateralUsd: number, debtUsd: number): VenueKernel => ({
  venueId: id,
  health: { kind: 'collateralized', averageThreshold: 'wholeBps' },
  legs: [
    kernelLeg({ exposure: { base: 'ETH' }, role: 'collateral', equityUsd: collateralUsd, valueUsd: collateralUsd, threshold: 0.825, bonus: 1.05 }),
    kernelLeg({ exposure: { base: 'USDC' }, role: 'debt', equityUsd: -debtUsd, valueUsd: debtUsd }),
  ],
  constantEquityUsd: 0,
  fixedMaintenanceUsd: null,
  // 50% of a debt per call above HF 0.95, all of it below (Aave v3.0's close factor)
  liquidation: { kind: 'closeFactor', partialCloseFactor: 0.5, fullCloseBelowHealth: 0.95, maxCalls: 20, clearsBadDebt: false },
  exactHealth: true,
})

/** A cross perp account: a BTC position (signed size × mark), cash, 1% maintenance. USD. */
const perpAccount = (id: string, notionalUsd: number, cashUsd: number): VenueKernel => ({
  venueId: id,
  health: { kind: 'margin' },
  legs: [kernelLeg({ exposure: { base: 'BTC' }, role: 'perp', equityUsd: notionalUsd, valueUsd: Math.abs(notionalUsd), threshold: 0.01 })],
  constantEquityUsd: cashUsd,
  fixedMaintenanceUsd: null,
  liquidation: { kind: 'marketClose', partialThresholdUsd: 100_000, partialShare: 0.2, backstopRatio: 2 / 3 },
  exactHealth: true,
})

const PROFILE: RiskProfile = {
  factors: ['ETH', 'BTC'],
  annualizedVols: [0.754, 0.419],
  correlation: [
    [1, 0.79],
    [0.79, 1],
  ],
  sources: ['test'],
}

const settings = (o: Partial<MonteCarloSettings> = {}): MonteCarloSettings => ({ paths: 20_000, steps: 1, horizonDays: 30, confidence: 0.99, seed: 7, degreesOfFreedom: 4.756, ...o })

const run = (kernels: VenueKernel[], o: Partial<MonteCarloSettings> = {}, profile = PROFILE) => runMonteCarlo(createMonteCarloTask(compilePortfolioKernel(kernels), profile, settings(o)).task)

describe('Monte Carlo over venue kernels', () => {
  it('is reproducible: the same seed gives the same figures, another seed others', () => {
    const book = [aaveLoan('aave', 100_000, 60_000), perpAccount('hl', -50_000, 8_000)]
    const a = run(book)
    expect(run(book)).toEqual(a)
    expect(run(book, { seed: 8 }).valueAtRiskUsd).not.toBe(a.valueAtRiskUsd)
    expect(a.evaluations).toBe(20_000 * 3)
  })

  it('Gaussian VaR and ES of one ETH holding match the lognormal closed form', () => {
    // no debt: loss = V·(1 − e^{σ√h·Z}); VaR_α = V·(1 − e^{−σ√h·z_α}), ES = V·(1 − e^{σ²h/2}·Φ(−z_α − σ√h)/(1 − α))
    const v = 100_000
    const s = 0.754 * Math.sqrt(30 / 365)
    const r = run([aaveLoan('spot', v, 0)], { paths: 200_000, degreesOfFreedom: null })
    const za = normalQuantile(0.99, 0, 1)
    expect(r.valueAtRiskUsd / (v * (1 - Math.exp(-s * za)))).toBeCloseTo(1, 1)
    const es = v * (1 - (Math.exp((s * s) / 2) * normalCdf(-za - s, 0, 1)) / 0.01)
    expect(Math.abs(r.expectedShortfallUsd / es - 1)).toBeLessThan(0.02)
    expect(r.liquidationProbability).toBe(0)
  })

  it('Student-t increments: the VaR quantile is the unit-variance t quantile, fatter than the Gaussian', () => {
    const v = 100_000
    const s = 0.754 * Math.sqrt(1 / 365)
    const nu = 4.756
    const r = run([aaveLoan('spot', v, 0)], { paths: 200_000, horizonDays: 1 })
    const q = tQuantile(0.99, nu) * Math.sqrt((nu - 2) / nu)
    expect(Math.abs(r.valueAtRiskUsd / (v * (1 - Math.exp(-s * q))) - 1)).toBeLessThan(0.03)
    const gaussian = run([aaveLoan('spot', v, 0)], { paths: 200_000, horizonDays: 1, degreesOfFreedom: null })
    expect(r.expectedShortfallUsd).toBeGreaterThan(gaussian.expectedShortfallUsd)
  })

  it('correlation enters: ETH held against a BTC short hedges by ρ, as the normal approximation of the P&L says', () => {
    // a quarter hour (so e^x − 1 ≈ x to 0.5%), Gaussian: loss ≈ −(a·x_ETH + b·x_BTC), sd = √(a²σ₁² + b²σ₂² + 2abρσ₁σ₂)·√(h/365)
    const a = 100_000
    const b = -100_000
    const h = 0.01
    const r = run([aaveLoan('spot', a, 0), perpAccount('hl', b, 1_000_000)], { paths: 200_000, horizonDays: h, degreesOfFreedom: null })
    const sd = Math.sqrt(a * a * 0.754 ** 2 + b * b * 0.419 ** 2 + 2 * a * b * 0.79 * 0.754 * 0.419) * Math.sqrt(h / 365)
    expect(Math.abs(r.priceOnlyValueAtRiskUsd / (normalQuantile(0.99, 0, 1) * sd) - 1)).toBeLessThan(0.03)
  })

  it('the liquidation probability of one step is the probability of crossing the closed-form liquidation price', () => {
    // HF = 0.825·m·100k / 60k < 1 ⇔ m < 60/82.5
    const r = run([aaveLoan('aave', 100_000, 60_000)], { paths: 100_000, degreesOfFreedom: null })
    const p = normalCdf(Math.log(60 / 82.5) / (0.754 * Math.sqrt(30 / 365)), 0, 1)
    expect(Math.abs(r.liquidationProbability - p)).toBeLessThan(4 * r.liquidationProbabilityStandardError)
    expect(r.venues[0]).toMatchObject({ venueId: 'aave', liquidationProbability: r.liquidationProbability, firstLiquidationProbability: r.liquidationProbability })
    // a liquidation costs the bonus on what it repays: between 5% of half the debt and 5% of all of it
    expect(r.expectedLiquidationCostGivenLiquidationUsd!).toBeGreaterThan(0.05 * 30_000 * 0.9)
    expect(r.expectedLiquidationCostGivenLiquidationUsd!).toBeLessThan(0.05 * 60_000 * 1.05)
    // liquidation deepens the tail
    expect(r.expectedShortfallUsd).toBeGreaterThan(r.priceOnlyExpectedShortfallUsd)
  })

  it('monitoring within the horizon finds more liquidations than checking only its end', () => {
    const book = [aaveLoan('aave', 100_000, 60_000)]
    const once = run(book, { paths: 40_000, degreesOfFreedom: null })
    const daily = run(book, { paths: 40_000, steps: 30, degreesOfFreedom: null })
    expect(daily.liquidationProbability).toBeGreaterThan(once.liquidationProbability + 3 * once.liquidationProbabilityStandardError)
  })

  it('factors the profile does not model stay at their price and are named', () => {
    const c = compilePortfolioKernel([aaveLoan('aave', 100_000, 60_000)])
    const { task, unmodelledFactors, modelledFactors } = createMonteCarloTask(c, PROFILE, settings())
    expect(modelledFactors).toEqual(['ETH'])
    expect(unmodelledFactors).toEqual(['USDC'])
    expect(task.factorIndexes).toEqual([c.factors.indexOf('ETH')])
  })

  it('properties: ES ≥ VaR, and the VaR of a doubled book is twice the VaR', () => {
    const bookArb = fc.record({
      collateral: fc.integer({ min: 1_000, max: 1_000_000 }),
      ltv: fc.integer({ min: 0, max: 95 }),
      perp: fc.integer({ min: -500_000, max: 500_000 }),
      cash: fc.integer({ min: 5_000, max: 200_000 }),
      confidence: fc.constantFrom(0.9, 0.95, 0.99, 0.995),
      seed: fc.integer({ min: 0, max: 2 ** 31 }),
      t: fc.boolean(),
    })
    fc.assert(
      fc.property(bookArb, (b) => {
        const book = (k: number) => [aaveLoan('aave', k * b.collateral, (k * b.collateral * b.ltv) / 100), perpAccount('hl', k * b.perp, k * b.cash)]
        const o = { paths: 2_000, horizonDays: 7, steps: 7, confidence: b.confidence, seed: b.seed, degreesOfFreedom: b.t ? 4.756 : null }
        const one = run(book(1), o)
        expect(one.expectedShortfallUsd).toBeGreaterThanOrEqual(one.valueAtRiskUsd)
        expect(one.priceOnlyExpectedShortfallUsd).toBeGreaterThanOrEqual(one.priceOnlyValueAtRiskUsd)
        const two = run(book(2), o)
        expect(Math.abs(two.valueAtRiskUsd - 2 * one.valueAtRiskUsd)).toBeLessThanOrEqual(1e-9 * Math.abs(one.equityUsd) + 1e-6)
        expect(Math.abs(two.expectedLiquidationCostUsd - 2 * one.expectedLiquidationCostUsd)).toBeLessThanOrEqual(1e-9 * Math.abs(one.equityUsd) + 1e-6)
      }),
      { numRuns: 40, seed: 11 },
    )
  })

  it('tail statistics: VaR is the k-th largest loss and ES the mean of the k largest', () => {
    const losses = Float64Array.from({ length: 1000 }, (_, i) => i)
    // k = ⌈0.01·1000⌉ = 10: 990 … 999
    expect(tailStatistics(losses, 0.99)).toEqual({ valueAtRisk: 990, expectedShortfall: 994.5 })
    expect(tailStatistics(Float64Array.from([3, 1, 2]), 0.999)).toEqual({ valueAtRisk: 3, expectedShortfall: 3 })
  })
})
