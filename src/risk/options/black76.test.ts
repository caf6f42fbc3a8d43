import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { OptionRight } from '../../domain/options.js'
import { InvalidArgumentError } from '../../errors/index.js'
import { black76, black76PriceUnchecked, type Black76Input } from './black76.js'

/** Test builder: an at-the-money 3-month call on a 2,000 USD forward at 60% volatility. */
function anOption(p: Partial<Black76Input> = {}): Black76Input {
  return { right: 'CALL', forwardUsd: 2000, strikeUsd: 2000, timeToExpiryYears: 0.25, volatility: 0.6, rate: 0, ...p }
}

const price = (p: Black76Input) => black76(p).priceUsd

/** A market well inside the model's range: strikes within e^{±1.5} of the forward, 1 day to 3 years, 5% to 200% volatility. */
const anyMarket = fc.record({
  right: fc.constantFrom<OptionRight>('CALL', 'PUT'),
  forwardUsd: fc.double({ min: 0.01, max: 1e6, noNaN: true }),
  logMoneyness: fc.double({ min: -1.5, max: 1.5, noNaN: true }),
  timeToExpiryYears: fc.double({ min: 1 / 365, max: 3, noNaN: true }),
  volatility: fc.double({ min: 0.05, max: 2, noNaN: true }),
  rate: fc.double({ min: -0.02, max: 0.15, noNaN: true }),
})
type AnyMarket = typeof anyMarket extends fc.Arbitrary<infer T> ? T : never
const toInput = (m: AnyMarket): Black76Input => ({
  right: m.right,
  forwardUsd: m.forwardUsd,
  strikeUsd: m.forwardUsd * Math.exp(m.logMoneyness),
  timeToExpiryYears: m.timeToExpiryYears,
  volatility: m.volatility,
  rate: m.rate,
})

/**
 * Central differences against the analytic Greeks. Steps are scaled to the
 * option (the forward step is 1e-3 of one standard deviation F·σ√T) so the
 * truncation error, O(h²), stays ~1e-6 relative; the absolute floor covers
 * options worth ~0 where the difference is round-off of F-sized numbers.
 */
const FD_RELATIVE = 2e-5
function expectClose(analytic: number, numeric: number, absoluteFloor: number) {
  expect(Math.abs(analytic - numeric)).toBeLessThanOrEqual(FD_RELATIVE * Math.abs(analytic) + absoluteFloor)
}

describe('black76: properties', () => {
  it('put–call parity: c − p = e^{−rT}(F − K), including at expiry and zero volatility', () => {
    const market = fc.record({
      m: anyMarket,
      expiry: fc.boolean(),
      zeroVol: fc.boolean(),
    })
    fc.assert(
      fc.property(market, ({ m, expiry, zeroVol }) => {
        const input = { ...toInput(m), ...(expiry ? { timeToExpiryYears: 0 } : {}), ...(zeroVol ? { volatility: 0 } : {}) }
        const c = price({ ...input, right: 'CALL' })
        const p = price({ ...input, right: 'PUT' })
        const parity = Math.exp(-m.rate * input.timeToExpiryYears) * (input.forwardUsd - input.strikeUsd)
        expect(Math.abs(c - p - parity)).toBeLessThanOrEqual(1e-12 * Math.max(input.forwardUsd, input.strikeUsd))
      }),
      { numRuns: 2000 },
    )
  })

  it('bounds: D·(F − K)⁺ ≤ c ≤ D·F and D·(K − F)⁺ ≤ p ≤ D·K, D = e^{−rT}', () => {
    fc.assert(
      fc.property(anyMarket, (m) => {
        const input = toInput(m)
        const d = Math.exp(-m.rate * input.timeToExpiryYears)
        const eps = 1e-12 * Math.max(input.forwardUsd, input.strikeUsd)
        const c = price({ ...input, right: 'CALL' })
        const p = price({ ...input, right: 'PUT' })
        expect(c).toBeGreaterThanOrEqual(0)
        expect(c).toBeGreaterThanOrEqual(d * Math.max(input.forwardUsd - input.strikeUsd, 0) - eps)
        expect(c).toBeLessThanOrEqual(d * input.forwardUsd + eps)
        expect(p).toBeGreaterThanOrEqual(0)
        expect(p).toBeGreaterThanOrEqual(d * Math.max(input.strikeUsd - input.forwardUsd, 0) - eps)
        expect(p).toBeLessThanOrEqual(d * input.strikeUsd + eps)
      }),
      { numRuns: 2000 },
    )
  })

  it('price is non-decreasing in volatility', () => {
    fc.assert(
      fc.property(anyMarket, fc.double({ min: 0, max: 3, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true }), (m, a, b) => {
        const input = toInput(m)
        const [lo, hi] = a < b ? [a, b] : [b, a]
        expect(price({ ...input, volatility: lo })).toBeLessThanOrEqual(price({ ...input, volatility: hi }) + 1e-12 * input.forwardUsd)
      }),
      { numRuns: 2000 },
    )
  })

  it('delta and gamma equal central differences of the price in F', () => {
    fc.assert(
      fc.property(anyMarket, (m) => {
        const input = toInput(m)
        const g = black76(input)
        const f = input.forwardUsd
        const h = 1e-3 * f * input.volatility * Math.sqrt(input.timeToExpiryYears)
        const up = price({ ...input, forwardUsd: f + h })
        const mid = g.priceUsd
        const down = price({ ...input, forwardUsd: f - h })
        expectClose(g.delta, (up - down) / (2 * h), 1e-7)
        // second difference: its round-off, ~ε·max(V, F)/h² (ε = 2.2e-16), dominates deep in the money
        expectClose(g.gamma, (up - 2 * mid + down) / (h * h), (1e-14 * Math.max(mid, f)) / (h * h))
      }),
      { numRuns: 2000 },
    )
  })

  it('vega equals the central difference of the price in σ, and vegaPerPoint is vega / 100', () => {
    fc.assert(
      fc.property(anyMarket, (m) => {
        const input = toInput(m)
        const g = black76(input)
        const h = 1e-4 * input.volatility
        const numeric = (price({ ...input, volatility: input.volatility + h }) - price({ ...input, volatility: input.volatility - h })) / (2 * h)
        expectClose(g.vega, numeric, 1e-8 * input.forwardUsd)
        expect(g.vegaPerPoint).toBe(g.vega / 100)
      }),
      { numRuns: 2000 },
    )
  })

  it('theta equals −∂V/∂T by central differences in T, and thetaPerDay is thetaPerYear / 365', () => {
    fc.assert(
      fc.property(anyMarket, (m) => {
        const input = toInput(m)
        const g = black76(input)
        const t = input.timeToExpiryYears
        const h = 1e-4 * t
        const numeric = -(price({ ...input, timeToExpiryYears: t + h }) - price({ ...input, timeToExpiryYears: t - h })) / (2 * h)
        expectClose(g.thetaPerYear, numeric, 1e-8 * input.forwardUsd)
        expect(g.thetaPerDay).toBe(g.thetaPerYear / 365)
      }),
      { numRuns: 2000 },
    )
  })

  it('the price-only path gives the same price', () => {
    fc.assert(
      fc.property(anyMarket, fc.boolean(), (m, expired) => {
        const input = { ...toInput(m), ...(expired ? { timeToExpiryYears: 0 } : {}) }
        expect(black76PriceUnchecked(input.right, input.forwardUsd, input.strikeUsd, input.timeToExpiryYears, input.volatility, m.rate)).toBe(price(input))
      }),
    )
  })
})

describe('black76: expiry, zero volatility and zero prices', () => {
  it('at T = 0: intrinsic value, delta 0 or ±1, gamma, vega and theta 0', () => {
    const itmCall = black76(anOption({ forwardUsd: 2100, timeToExpiryYears: 0, rate: 0.05 }))
    expect(itmCall).toEqual({ priceUsd: 100, delta: 1, gamma: 0, vega: 0, vegaPerPoint: 0, thetaPerYear: 0, thetaPerDay: 0 })
    const otmPut = black76(anOption({ right: 'PUT', forwardUsd: 2100, timeToExpiryYears: 0 }))
    expect(otmPut).toMatchObject({ priceUsd: 0, delta: -0, gamma: 0, vega: 0, thetaPerYear: 0 })
    expect(black76(anOption({ right: 'PUT', forwardUsd: 1900, timeToExpiryYears: 0 }))).toMatchObject({ priceUsd: 100, delta: -1 })
    // exactly at the money: the limit N(d1) → ½
    expect(black76(anOption({ timeToExpiryYears: 0 }))).toMatchObject({ priceUsd: 0, delta: 0.5, gamma: 0 })
  })

  it('T → 0 approaches the expiry values', () => {
    for (const right of ['CALL', 'PUT'] as const) {
      for (const forwardUsd of [1500, 1900, 2100, 2500]) {
        const atExpiry = black76(anOption({ right, forwardUsd, timeToExpiryYears: 0 }))
        const oneMinute = black76(anOption({ right, forwardUsd, timeToExpiryYears: 60 / (365 * 86_400) }))
        expect(oneMinute.priceUsd).toBeCloseTo(atExpiry.priceUsd, 6)
        expect(oneMinute.delta).toBeCloseTo(atExpiry.delta, 6)
        expect(oneMinute.gamma).toBeLessThan(1e-12)
      }
    }
  })

  it('at σ = 0 with time left: discounted intrinsic value, theta r·V, vega only at the money', () => {
    const r = 0.05
    const t = 0.5
    const d = Math.exp(-r * t)
    const call = black76(anOption({ forwardUsd: 2100, volatility: 0, timeToExpiryYears: t, rate: r }))
    expect(call.priceUsd).toBeCloseTo(d * 100, 12)
    expect(call.delta).toBeCloseTo(d, 15)
    expect(call).toMatchObject({ gamma: 0, vega: 0 })
    expect(call.thetaPerYear).toBeCloseTo(r * d * 100, 12)
    const atm = black76(anOption({ volatility: 0, timeToExpiryYears: t, rate: r }))
    // one-sided derivative: V ≈ D·F·σ·√T·φ(0) for small σ at the money
    expect(atm.vega).toBeCloseTo((d * 2000 * Math.sqrt(t)) / Math.sqrt(2 * Math.PI), 9)
    expect(black76(anOption({ volatility: 1e-9, timeToExpiryYears: t, rate: r })).vega).toBeCloseTo(atm.vega, 6)
    expect(black76(anOption({ forwardUsd: 2100, volatility: 1e-6, timeToExpiryYears: t, rate: r })).priceUsd).toBeCloseTo(call.priceUsd, 9)
  })

  it('F = 0: the call is worthless, the put is worth D·K', () => {
    expect(black76(anOption({ forwardUsd: 0 }))).toMatchObject({ priceUsd: 0, delta: 0, gamma: 0, vega: 0 })
    expect(black76(anOption({ right: 'PUT', forwardUsd: 0, rate: 0.1 }))).toMatchObject({ priceUsd: 2000 * Math.exp(-0.025), gamma: 0 })
  })

  it('K = 0: the call is the discounted forward', () => {
    const g = black76(anOption({ strikeUsd: 0, rate: 0.1 }))
    expect(g.priceUsd).toBeCloseTo(2000 * Math.exp(-0.025), 9)
    expect(g.delta).toBeCloseTo(Math.exp(-0.025), 12)
    expect(black76(anOption({ right: 'PUT', strikeUsd: 0 })).priceUsd).toBe(0)
  })
})

describe('black76: bad input', () => {
  const cases: [keyof Black76Input, number][] = [
    ['forwardUsd', -1],
    ['forwardUsd', Number.NaN],
    ['strikeUsd', -0.01],
    ['strikeUsd', Number.POSITIVE_INFINITY],
    ['timeToExpiryYears', -1e-9],
    ['volatility', -0.2],
    ['volatility', Number.NaN],
    ['rate', Number.NaN],
    ['rate', Number.NEGATIVE_INFINITY],
  ]
  it.each(cases)('%s = %s throws InvalidArgumentError naming the field', (field, value) => {
    const call = () => black76(anOption({ [field]: value }))
    expect(call).toThrow(InvalidArgumentError)
    expect(call).toThrow(`Invalid argument ${field}:`)
  })

  it('accepts a negative rate', () => {
    expect(black76(anOption({ rate: -0.01 })).priceUsd).toBeGreaterThan(0)
  })
})
