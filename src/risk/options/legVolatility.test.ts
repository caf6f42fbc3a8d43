import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ImpliedVolatility } from '../../domain/options.js'
import { InvalidArgumentError } from '../../errors/index.js'
import { legVolatility } from './legVolatility.js'

const smile = (...points: [number, number][]): ImpliedVolatility => ({ kind: 'smile', points: points.map(([strike, volatility]) => ({ strike, volatility })) })

describe('legVolatility', () => {
  it('a flat volatility applies at every strike', () => {
    expect(legVolatility({ kind: 'flat', volatility: 0.55 }, 1234)).toBe(0.55)
  })

  it('a smile is linear in strike between points and flat beyond the ends', () => {
    const s = smile([1500, 0.8], [2000, 0.6], [2500, 0.7])
    expect(legVolatility(s, 1000)).toBe(0.8)
    expect(legVolatility(s, 1500)).toBe(0.8)
    expect(legVolatility(s, 1750)).toBeCloseTo(0.7, 15)
    expect(legVolatility(s, 2000)).toBe(0.6)
    expect(legVolatility(s, 2400)).toBeCloseTo(0.68, 15)
    expect(legVolatility(s, 2500)).toBe(0.7)
    expect(legVolatility(s, 9000)).toBe(0.7)
  })

  it('does not depend on the order of the points', () => {
    const points: [number, number][] = [[1500, 0.8], [2000, 0.6], [2500, 0.7], [3000, 0.75]]
    fc.assert(
      fc.property(fc.shuffledSubarray(points, { minLength: 4, maxLength: 4 }), fc.double({ min: 0, max: 4000, noNaN: true }), (shuffled, strike) => {
        expect(legVolatility(smile(...shuffled), strike)).toBe(legVolatility(smile(...points), strike))
      }),
    )
  })

  it('a one-point smile is flat', () => {
    expect(legVolatility(smile([2000, 0.6]), 100)).toBe(0.6)
    expect(legVolatility(smile([2000, 0.6]), 5000)).toBe(0.6)
  })

  it('refuses an empty smile, a strike given twice and negative or NaN values, naming the point', () => {
    expect(() => legVolatility(smile(), 2000, 'leg[0].impliedVolatility')).toThrow('leg[0].impliedVolatility.points')
    expect(() => legVolatility(smile([2000, 0.6], [2000, 0.7]), 2000)).toThrow(/points\[1\]\.strike: strike 2000 is given twice/)
    expect(() => legVolatility(smile([2000, -0.1]), 2000)).toThrow(InvalidArgumentError)
    expect(() => legVolatility(smile([Number.NaN, 0.1]), 2000)).toThrow('points[0].strike')
    expect(() => legVolatility({ kind: 'flat', volatility: Number.NaN }, 2000)).toThrow('impliedVolatility.volatility')
  })
})
