import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { OptionLeg } from '../../domain/options.js'
import { InvalidArgumentError } from '../../errors/index.js'
import { black76, SECONDS_PER_YEAR } from './black76.js'
import { legValueUsd, priceLeg, type PriceLegParameters } from './priceLeg.js'

const NOW = 1_700_000_000
const DAY = 86_400

/** Test builder: a long put on 2 ETH struck at 1,800 USD, 30 days out, 60% flat volatility. */
function aLeg(p: Partial<OptionLeg> = {}): OptionLeg {
  return { id: 'leg[0]', riskFactor: 'ETH', right: 'PUT', strikeUsd: 1800, expiry: NOW + 30 * DAY, size: 2, impliedVolatility: { kind: 'flat', volatility: 0.6 }, ...p }
}

describe('priceLeg', () => {
  it('scales the per-unit Black-76 price and Greeks by the signed size, in USD', () => {
    for (const size of [2, -3]) {
      const v = priceLeg(aLeg({ size }), { forwardUsd: 2000, now: NOW })
      const unit = black76({ right: 'PUT', forwardUsd: 2000, strikeUsd: 1800, timeToExpiryYears: (30 * DAY) / SECONDS_PER_YEAR, volatility: 0.6 })
      expect(v.perUnit).toEqual(unit)
      expect(v.valueUsd).toBe(size * unit.priceUsd)
      expect(v.deltaUnits).toBe(size * unit.delta)
      expect(v.deltaUsd).toBe(size * unit.delta * 2000)
      expect(v.gammaUnitsPerUsd).toBe(size * unit.gamma)
      expect(v.vegaUsdPerPoint).toBeCloseTo((size * unit.vega) / 100, 12)
      expect(v.thetaUsdPerDay).toBeCloseTo((size * unit.thetaPerYear) / 365, 12)
      expect(v).toMatchObject({ legId: 'leg[0]', forwardUsd: 2000, volatility: 0.6, timeToExpiryYears: 30 / 365 })
    }
    // a long put: positive value and vega, negative delta and theta
    const long = priceLeg(aLeg(), { forwardUsd: 2000, now: NOW })
    expect(long.valueUsd).toBeGreaterThan(0)
    expect(long.deltaUnits).toBeLessThan(0)
    expect(long.vegaUsdPerPoint).toBeGreaterThan(0)
    expect(long.thetaUsdPerDay).toBeLessThan(0)
  })

  it('without a forward, grows the spot at the leg rate: F = S·e^{rT}; a given forward takes precedence', () => {
    const t = 30 / 365
    expect(priceLeg(aLeg({ rate: 0.05 }), { spotUsd: 2000, now: NOW }).forwardUsd).toBeCloseTo(2000 * Math.exp(0.05 * t), 9)
    expect(priceLeg(aLeg({ rate: 0.05, forwardUsd: 2020 }), { spotUsd: 2000, now: NOW }).forwardUsd).toBe(2020)
    expect(priceLeg(aLeg({ rate: 0.05, forwardUsd: 2020 }), { forwardUsd: 2010, now: NOW }).forwardUsd).toBe(2010)
    // the rate also discounts
    const v = priceLeg(aLeg({ rate: 0.05 }), { spotUsd: 2000, now: NOW })
    expect(v.perUnit).toEqual(black76({ right: 'PUT', forwardUsd: v.forwardUsd, strikeUsd: 1800, timeToExpiryYears: t, volatility: 0.6, rate: 0.05 }))
  })

  it('a price move moves the forward by the same relative move; the leg keeps its strike’s volatility (sticky strike)', () => {
    const leg = aLeg({ impliedVolatility: { kind: 'smile', points: [{ strike: 1600, volatility: 0.8 }, { strike: 2000, volatility: 0.6 }] } })
    const base = priceLeg(leg, { spotUsd: 2000, now: NOW })
    const down = priceLeg(leg, { spotUsd: 2000, now: NOW, priceMove: -0.2 })
    expect(base.volatility).toBeCloseTo(0.7, 15)
    expect(down.volatility).toBe(base.volatility)
    expect(down.forwardUsd).toBeCloseTo(1600, 9)
    expect(priceLeg(aLeg({ forwardUsd: 2500 }), { spotUsd: 2000, now: NOW, priceMove: 0.1 }).forwardUsd).toBeCloseTo(2750, 9)
    // a put gains when the underlying falls
    expect(down.valueUsd).toBeGreaterThan(base.valueUsd)
    expect(priceLeg(leg, { spotUsd: 2000, now: NOW, priceMove: -1 }).valueUsd).toBeCloseTo(2 * 1800, 9)
  })

  it('shifts the volatility relatively or absolutely, floored at 0', () => {
    const at = (volShift: PriceLegParameters['volShift']) => priceLeg(aLeg(), { forwardUsd: 2000, now: NOW, volShift }).volatility
    expect(at({ kind: 'relative', value: 0.25 })).toBeCloseTo(0.75, 15)
    expect(at({ kind: 'relative', value: -0.5 })).toBeCloseTo(0.3, 15)
    expect(at({ kind: 'absolute', value: 0.05 })).toBeCloseTo(0.65, 15)
    expect(at({ kind: 'absolute', value: -0.9 })).toBe(0)
    expect(at({ kind: 'relative', value: -2 })).toBe(0)
  })

  it('lets time pass: T shrinks by the horizon, and past expiry the leg is worth its intrinsic value at the moved forward', () => {
    const tenDays = priceLeg(aLeg(), { forwardUsd: 2000, now: NOW, horizonSeconds: 10 * DAY })
    expect(tenDays.timeToExpiryYears).toBeCloseTo(20 / 365, 15)
    const expired = priceLeg(aLeg(), { forwardUsd: 2000, now: NOW, horizonSeconds: 31 * DAY, priceMove: -0.2 })
    expect(expired.timeToExpiryYears).toBe(0)
    expect(expired.valueUsd).toBeCloseTo(2 * (1800 - 1600), 9)
    expect(expired).toMatchObject({ gammaUnitsPerUsd: 0, vegaUsdPerPoint: 0, thetaUsdPerDay: 0, deltaUnits: -2 })
    // a leg already expired at `now` is priced the same way
    expect(priceLeg(aLeg({ expiry: NOW - DAY }), { forwardUsd: 1700, now: NOW }).valueUsd).toBeCloseTo(200, 9)
    // the spot-derived forward grows over the time left at the horizon
    expect(priceLeg(aLeg({ rate: 0.05 }), { spotUsd: 2000, now: NOW, horizonSeconds: 10 * DAY }).forwardUsd).toBeCloseTo(2000 * Math.exp((0.05 * 20) / 365), 9)
  })

  it('legValueUsd is priceLeg’s value without the Greeks', () => {
    const scenario = fc.record({
      size: fc.double({ min: -100, max: 100, noNaN: true }),
      right: fc.constantFrom('CALL' as const, 'PUT' as const),
      strikeUsd: fc.double({ min: 100, max: 5000, noNaN: true }),
      priceMove: fc.double({ min: -0.99, max: 2, noNaN: true }),
      volShift: fc.double({ min: -0.5, max: 1, noNaN: true }),
      horizonDays: fc.integer({ min: 0, max: 40 }),
    })
    fc.assert(
      fc.property(scenario, (s) => {
        const leg = aLeg({ size: s.size, right: s.right, strikeUsd: s.strikeUsd, rate: 0.03 })
        const parameters: PriceLegParameters = { spotUsd: 2000, now: NOW, priceMove: s.priceMove, volShift: { kind: 'relative', value: s.volShift }, horizonSeconds: s.horizonDays * DAY }
        expect(legValueUsd(leg, parameters)).toBe(priceLeg(leg, parameters).valueUsd)
      }),
    )
  })

  it('refuses bad input, naming the leg and field', () => {
    const bad = (leg: Partial<OptionLeg>, parameters: Partial<PriceLegParameters> = {}) => () =>
      priceLeg(aLeg({ id: 'put-1', ...leg }), { forwardUsd: 2000, now: NOW, ...parameters } as PriceLegParameters)
    expect(bad({ strikeUsd: -1 })).toThrow(InvalidArgumentError)
    expect(bad({ strikeUsd: -1 })).toThrow('Invalid argument put-1.strikeUsd')
    expect(bad({ size: Number.NaN })).toThrow('put-1.size')
    expect(bad({ expiry: Number.NaN })).toThrow('put-1.expiry')
    expect(bad({ rate: Number.POSITIVE_INFINITY })).toThrow('put-1.rate')
    expect(bad({ impliedVolatility: { kind: 'flat', volatility: -0.1 } })).toThrow('put-1.impliedVolatility.volatility')
    expect(bad({}, { forwardUsd: -5 })).toThrow('put-1.forwardUsd')
    expect(bad({}, { forwardUsd: undefined, spotUsd: Number.NaN })).toThrow('put-1.spotUsd')
    expect(bad({}, { forwardUsd: undefined })).toThrow('put-1.forwardUsd: give the underlying spot price or the forward')
    expect(bad({}, { priceMove: -1.5 })).toThrow('priceMove')
    expect(bad({}, { horizonSeconds: -1 })).toThrow('horizonSeconds')
    expect(bad({}, { volShift: { kind: 'absolute', value: Number.NaN } })).toThrow('volShift.value')
  })
})
