import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { calculateCompoundedInterest, calculateLinearInterest, getNormalizedDebt, getStableDebtBalance } from './aaveInterest.js'
import { RAY } from '../../../math/fixedPoint.js'

const YEAR = 365n * 24n * 3600n

describe('Aave interest (MathUtils)', () => {
  it('is neutral with no time elapsed', () => {
    expect(calculateCompoundedInterest(RAY / 10n, 100n, 100n)).toBe(RAY)
    expect(calculateLinearInterest(RAY / 10n, 100n, 100n)).toBe(RAY)
  })

  it('linear interest at 10% over a year is exactly 1.1', () => {
    expect(calculateLinearInterest(RAY / 10n, 0n, YEAR)).toBe(RAY + RAY / 10n)
  })

  it('compounds close to e^r over a year (three-term binomial approximation undershoots)', () => {
    const factor = Number(calculateCompoundedInterest(RAY / 10n, 0n, YEAR)) / 1e27
    expect(factor).toBeGreaterThan(1.105)
    expect(factor).toBeLessThan(Math.exp(0.1))
  })

  it('compounded ≥ linear, and grows with time', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: RAY }), fc.bigInt({ min: 0n, max: 5n * YEAR }), (rate, dt) => {
        const c = calculateCompoundedInterest(rate, 0n, dt)
        return c >= calculateLinearInterest(rate, 0n, dt) && calculateCompoundedInterest(rate, 0n, dt + 1n) >= c
      }),
    )
  })

  it('keeps the stored index when the reserve was updated in the same block', () => {
    const reserve = { variableBorrowIndexRay: 2n * RAY, currentVariableBorrowRateRay: RAY, lastUpdateTimestamp: 50n }
    expect(getNormalizedDebt(reserve, 50n)).toBe(2n * RAY)
    expect(getNormalizedDebt(reserve, 51n)).toBeGreaterThan(2n * RAY)
  })

  it('stable debt is zero without principal', () => {
    expect(getStableDebtBalance({ principal: 0n, userRateRay: RAY, lastUpdateTimestamp: 0n }, YEAR)).toBe(0n)
  })
})
