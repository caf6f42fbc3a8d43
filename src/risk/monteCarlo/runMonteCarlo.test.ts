import fc from 'fast-check'
import normalCdf from '@stdlib/stats-base-dists-normal-cdf'
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile'
import tQuantile from '@stdlib/stats-base-dists-t-quantile'
import normalPdf from '@stdlib/stats-base-dists-normal-pdf'
import { describe, expect, it } from 'vitest'
import type { OptionLeg } from '../../domain/options.js'
import type { RiskProfile } from '../../domain/riskProfile.js'
import { compilePortfolioKernel } from '../kernel/compilePortfolioKernel.js'
import { kernelLeg, type VenueKernel } from '../kernel/venueKernel.js'
import { black76PriceUnchecked } from '../options/black76.js'
import { createOptionBook } from '../options/optionBook.js'
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

const NOW = 1_790_000_000
const DAY = 86_400
const ETH_USD = 3_000

/** Test builder: a long put on 1 ETH struck at 2,700 USD, 60 days out, 70% flat volatility, no rate. */
function aLeg(p: Partial<OptionLeg> = {}): OptionLeg {
  return { id: 'leg[0]', riskFactor: 'ETH', right: 'PUT', strikeUsd: 2_700, expiry: NOW + 60 * DAY, size: 1, impliedVolatility: { kind: 'flat', volatility: 0.7 }, ...p }
}

/** A book of `legs` marked against ETH at 3,000 USD (read from a venue `aave`), valued at NOW. */
const bookOf = (legs: OptionLeg[]) => createOptionBook(legs, new Map([['ETH', { priceUsd: ETH_USD, venueId: 'aave' }]]), NOW)

const runWith = (kernels: VenueKernel[], legs: OptionLeg[], o: Partial<MonteCarloSettings> = {}, volatilityShock: number | null = null, profile = PROFILE) =>
  runMonteCarlo(createMonteCarloTask(compilePortfolioKernel(kernels), profile, settings(o), { book: bookOf(legs), volatilityShock }).task)

describe('Monte Carlo with option legs, revalued in full', () => {
  it("a leg's mean value at the horizon is its expectation under the engine's zero-drift lognormal, within 4 standard errors", () => {
    // With s² = σ_MC²·h the factor's log variance over the horizon (zero drift in log price), the
    // horizon forward is F_h = F_h0·e^{sZ}, and the leg's Black-76 value there is the discounted
    // E[(F_T − K)⁺ | F_h] under ln F_T ~ N(ln F_h − σ²τ/2, σ²τ), τ = T − h. Unconditionally
    // ln F_T ~ N(ln F_h0 − σ²τ/2, s² + σ²τ): a Black-76 price with total variance s² + σ²τ and
    // forward F_h0·e^{s²/2} (the zero-log-drift convexity), discounted over τ.
    const h = 30
    const tau = (60 - h) / 365
    const rate = 0.05
    const s2 = 0.754 ** 2 * (h / 365)
    // spot grown at the rate over the time left at the horizon
    const fh0 = ETH_USD * Math.exp(rate * tau)
    const horizonValue = (right: 'CALL' | 'PUT', z: number) => 2 * black76PriceUnchecked(right, fh0 * Math.exp(Math.sqrt(s2) * z), 2_900, tau, 0.6, rate)
    for (const right of ['CALL', 'PUT'] as const) {
      const legs = [aLeg({ right, strikeUsd: 2_900, size: 2, rate, impliedVolatility: { kind: 'flat', volatility: 0.6 } })]
      const paths = 200_000
      const r = runWith([], legs, { paths, horizonDays: h, steps: 1, degreesOfFreedom: null })
      // closed form: total variance as the vol over one year, the discount e^{−rτ} as the rate over one year
      const expected = 2 * black76PriceUnchecked(right, fh0 * Math.exp(s2 / 2), 2_900, 1, Math.sqrt(s2 + 0.36 * tau), rate * tau)
      // the same expectation and the second moment by quadrature over Z (trapezoid on [−9, 9])
      let m1 = 0
      let m2 = 0
      for (let i = 0, n = 18_000, dz = 18 / n; i <= n; i++) {
        const z = -9 + i * dz
        const w = (i === 0 || i === n ? 0.5 : 1) * dz * normalPdf(z, 0, 1)
        const v = horizonValue(right, z)
        m1 += w * v
        m2 += w * v * v
      }
      expect(Math.abs(m1 / expected - 1)).toBeLessThan(1e-6)
      const standardError = Math.sqrt((m2 - m1 * m1) / paths)
      expect(r.equityUsd).toBeCloseTo(bookOf(legs).valueUsd, 9)
      expect(r.optionsValueUsd).toBe(r.equityUsd)
      const meanAtHorizon = r.equityUsd + r.meanEquityChangeUsd
      expect(Math.abs(meanAtHorizon - expected)).toBeLessThan(4 * standardError)
    }
  })

  it('a put bought against a long-ETH loan lowers VaR and ES; the venue is liquidated exactly as often', () => {
    const loan = [aaveLoan('aave', 100_000, 60_000)]
    // 100,000 USD of ETH at 3,000: puts on all of it, 10% out of the money
    const put = [aLeg({ size: 100_000 / ETH_USD })]
    const bare = runWith(loan, [])
    const hedged = runWith(loan, put)
    expect(hedged.equityUsd).toBeCloseTo(bare.equityUsd + bookOf(put).valueUsd, 6)
    expect(hedged.valueAtRiskUsd).toBeLessThan(bare.valueAtRiskUsd)
    expect(hedged.expectedShortfallUsd).toBeLessThan(bare.expectedShortfallUsd)
    expect(hedged.priceOnlyValueAtRiskUsd).toBeLessThan(bare.priceOnlyValueAtRiskUsd)
    // below the strike the put pays what the collateral loses: the hedged tail is bounded by (S − K)·units plus the premium
    expect(hedged.priceOnlyExpectedShortfallUsd).toBeLessThan((ETH_USD - 2_700) * (100_000 / ETH_USD) + bookOf(put).valueUsd)
    // legs held elsewhere never enter the venue's health: the same draws liquidate it on the same paths
    expect(hedged.liquidationProbability).toBe(bare.liquidationProbability)
    expect(hedged.venues).toEqual(bare.venues)
    expect(hedged.expectedLiquidationCostUsd).toBe(bare.expectedLiquidationCostUsd)
  })

  it('a volatility shock revalues the legs at the horizon: a long straddle is worth more on average with +50%, less with −50%', () => {
    const straddle = [aLeg({ id: 'c', right: 'CALL', strikeUsd: ETH_USD, size: 10 }), aLeg({ id: 'p', right: 'PUT', strikeUsd: ETH_USD, size: 10 })]
    const o = { paths: 20_000, horizonDays: 7, steps: 7 }
    const sticky = runWith([], straddle, o)
    const up = runWith([], straddle, o, 0.5)
    const down = runWith([], straddle, o, -0.5)
    // the value now is the market's: the shock applies at the horizon
    expect(up.equityUsd).toBe(sticky.equityUsd)
    expect(up.meanEquityChangeUsd).toBeGreaterThan(sticky.meanEquityChangeUsd)
    expect(down.meanEquityChangeUsd).toBeLessThan(sticky.meanEquityChangeUsd)
    // the same draws: vega is positive on every path, so the whole loss distribution shifts
    expect(up.valueAtRiskUsd).toBeLessThan(sticky.valueAtRiskUsd)
    expect(down.valueAtRiskUsd).toBeGreaterThan(sticky.valueAtRiskUsd)
    // no shock and a zero shock are the same run
    expect(runWith([], straddle, o, 0)).toEqual(sticky)
  })

  it('is reproducible with legs, and counts each leg once per path', () => {
    const book = [aaveLoan('aave', 100_000, 60_000), perpAccount('hl', -50_000, 8_000)]
    const legs = [aLeg(), aLeg({ id: 'btc', riskFactor: 'BTC', right: 'CALL', strikeUsd: 100_000, forwardUsd: 95_000, size: -0.5 })]
    const a = runWith(book, legs, { steps: 5 })
    expect(runWith(book, legs, { steps: 5 })).toEqual(a)
    expect(runWith(book, legs, { steps: 5, seed: 8 }).valueAtRiskUsd).not.toBe(a.valueAtRiskUsd)
    // (5 steps × 3 position legs + 2 option legs, each a Black-76 price counted as 32) per path
    expect(a.evaluations).toBe(20_000 * (5 * 3 + 32 * 2))
  })

  it('a leg on a factor the profile does not model keeps its forward: only time passes, to its intrinsic value past expiry', () => {
    // SOL is not in the profile; the leg gives its own forward (no venue prices SOL); it expires 10 days into a 30-day horizon
    const leg = aLeg({ riskFactor: 'SOL', strikeUsd: 160, forwardUsd: 150, expiry: NOW + 10 * DAY, size: 4 })
    const plan = createMonteCarloTask(compilePortfolioKernel([aaveLoan('aave', 100_000, 60_000)]), PROFILE, settings(), { book: bookOf([leg]), volatilityShock: null })
    expect(plan.unmodelledOptionFactors).toEqual(['SOL'])
    expect(plan.modelledFactors).toEqual(['ETH'])
    expect(plan.task.factors).toEqual(['ETH', 'USDC', 'SOL'])
    const alone = runWith([], [leg])
    // 4 puts 10 in the money at a forward that does not move: 40 USD at the horizon on every path
    expect(alone.equityUsd + alone.meanEquityChangeUsd).toBeCloseTo(40, 9)
    expect(alone.valueAtRiskUsd).toBeCloseTo(alone.equityUsd - 40, 9)
  })

  it('a leg on a factor no venue holds is simulated when the profile models it, with its correlation', () => {
    const plan = createMonteCarloTask(compilePortfolioKernel([aaveLoan('aave', 100_000, 60_000)]), PROFILE, settings(), {
      book: bookOf([aLeg({ riskFactor: 'BTC', forwardUsd: 95_000, strikeUsd: 90_000 })]),
      volatilityShock: null,
    })
    expect(plan.task.factors).toEqual(['ETH', 'USDC', 'BTC'])
    expect(plan.modelledFactors).toEqual(['ETH', 'BTC'])
    expect(plan.task.factorIndexes).toEqual([0, 2])
    expect(plan.task.correlationCholesky[1]![0]).toBeCloseTo(0.79, 12)
    expect(plan.unmodelledOptionFactors).toEqual([])
  })

  it("the task's legs revalue as the option book does: at the horizon, prices unchanged, shock applied", () => {
    const legs = [aLeg({ rate: 0.04 }), aLeg({ id: 'c', right: 'CALL', strikeUsd: 3_300, size: -2, impliedVolatility: { kind: 'smile', points: [{ strike: 2_500, volatility: 0.8 }, { strike: 3_500, volatility: 0.6 }] } })]
    const book = bookOf(legs)
    const { task } = createMonteCarloTask(compilePortfolioKernel([]), PROFILE, settings({ horizonDays: 12 }), { book, volatilityShock: 0.25 })
    const at = (m: number) => task.optionLegs.reduce((s, l) => s + l.size * black76PriceUnchecked(l.right, l.horizonForwardUsd * m, l.strikeUsd, l.horizonTimeToExpiryYears, l.horizonVolatility, l.rate), 0)
    expect(at(1)).toBeCloseTo(book.valueAt({}, { ETH: 0.25 }, 12 * DAY), 9)
    expect(at(0.8)).toBeCloseTo(book.valueAt({ ETH: -0.2 }, { ETH: 0.25 }, 12 * DAY), 9)
    // the smile's volatility at 3,300 (linear between the points), sticky strike now
    expect(task.optionLegs[1]!.volatility).toBeCloseTo(0.64, 12)
    expect(task.optionLegs[1]!.horizonVolatility).toBeCloseTo(0.8, 12)
  })
})
