import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { aaveV3TokenMath, calculateCompoundedInterest, calculateLinearInterest, getNormalizedDebt, getStableDebtBalance } from './aaveInterest.js'
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

describe('compounded interest: v3.0 binomial vs v3.4+ Taylor (MathUtils.calculateCompoundedInterest)', () => {
  // rate = SECONDS_PER_YEAR · 1e18 (≈ 3.15% a year in RAY) makes every division exact, so both formulas are hand-computable.
  const rate = YEAR * 10n ** 18n

  it('v3.0 (core v1.19) over 3 s: RAY + rate·n/SPY + n(n−1)/2·r² + n(n−1)(n−2)/6·r³', () => {
    // basePowerTwo = rate.rayMul(rate) / SPY² = (SPY²·1e36 + 0.5e27) / 1e27 / SPY² = 1e9
    // basePowerThree = basePowerTwo.rayMul(rate) / SPY = (1e9·SPY·1e18 + 0.5e27) / 1e27 / SPY = 1
    // 3·1e18 + 3·2·1e9/2 + 3·2·1·1/6 = 3e18 + 3e9 + 1
    expect(calculateCompoundedInterest(rate, 0n, 3n, '3.0')).toBe(RAY + 3n * 10n ** 18n + 3_000_000_000n + 1n)
  })

  it('v3.4+ (v3.6.0) over 3 s: x = 3e18; RAY + x + x.rayMul(x/2 + x.rayMul(x/6))', () => {
    // x.rayMul(x/6) = (3e18·5e17 + 0.5e27) / 1e27 = 1.5e9 (the half does not carry)
    // x.rayMul(1.5e18 + 1.5e9) = (4.5e36 + 4.5e27 + 0.5e27) / 1e27 = 4.5e9 + 5
    const v36 = calculateCompoundedInterest(rate, 0n, 3n, '3.6')
    expect(v36).toBe(RAY + 3n * 10n ** 18n + 4_500_000_005n)
    expect(calculateCompoundedInterest(rate, 0n, 3n, '3.7')).toBe(v36)
    // the same rate and time differ by 1_500_000_004 wei of RAY between the two logics
    expect(v36 - calculateCompoundedInterest(rate, 0n, 3n, '3.0')).toBe(1_500_000_004n)
  })

  it('v3.4+ over one second still has the x²/2 term (v3.0 has none: n(n−1) = 0)', () => {
    // x = 1e18, x/6 = 166666666666666666
    // x.rayMul(x/6) = (1e18·166666666666666666 + 0.5e27) / 1e27 = ⌊166666666.67 + 0.5⌋ = 166666667
    // x.rayMul(5e17 + 166666667) = (1e18·500000000166666667 + 0.5e27) / 1e27 = ⌊500000000.17 + 0.5⌋ = 500000000
    expect(calculateCompoundedInterest(rate, 0n, 1n, '3.6')).toBe(RAY + 10n ** 18n + 500_000_000n)
    expect(calculateCompoundedInterest(rate, 0n, 1n, '3.0')).toBe(RAY + 10n ** 18n)
  })

  it('getNormalizedDebt accrues with the version\'s formula', () => {
    const reserve = { variableBorrowIndexRay: RAY, currentVariableBorrowRateRay: rate, lastUpdateTimestamp: 0n }
    // index RAY: rayMul(factor, RAY) = factor
    expect(getNormalizedDebt(reserve, 3n, '3.6')).toBe(RAY + 3n * 10n ** 18n + 4_500_000_005n)
    expect(getNormalizedDebt(reserve, 3n)).toBe(RAY + 3n * 10n ** 18n + 3_000_000_001n)
  })
})

describe('token rounding per logic version (AToken/VariableDebtToken v1.19, TokenMath v3.6.0)', () => {
  // index 1.5 RAY, scaled 3: 4.5 units → aToken floor 4, debt ceil 5, v3.0 half up 5
  const index = (3n * RAY) / 2n
  it('balances: v3.6 floors aTokens and ceils debt; v3.0 rounds half up', () => {
    expect(aaveV3TokenMath('3.6').aTokenBalance(3n, index)).toBe(4n)
    expect(aaveV3TokenMath('3.6').variableDebtBalance(3n, index)).toBe(5n)
    expect(aaveV3TokenMath('3.0').aTokenBalance(3n, index)).toBe(5n)
    expect(aaveV3TokenMath('3.0').variableDebtBalance(3n, index)).toBe(5n)
  })
  it('scaled amounts: 5 units at 1.5 = 3.33 scaled: supply mints 3, withdraw burns 4, borrow mints 4, repay burns 3', () => {
    const m = aaveV3TokenMath('3.7')
    expect([m.aTokenMintScaled(5n, index), m.aTokenBurnScaled(5n, index), m.variableDebtMintScaled(5n, index), m.variableDebtBurnScaled(5n, index)]).toEqual([3n, 4n, 4n, 3n])
    // v3.0: rayDiv half up, 3.33 → 3 everywhere
    const old = aaveV3TokenMath('3.0')
    expect([old.aTokenMintScaled(5n, index), old.aTokenBurnScaled(5n, index), old.variableDebtMintScaled(5n, index), old.variableDebtBurnScaled(5n, index)]).toEqual([3n, 3n, 3n, 3n])
  })
})
