import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { percentMul, RAY, rayDiv, rayMul, toFloat, WAD, wadDiv, wadMul } from './fixedPoint.js'

describe('fixed-point arithmetic (Aave WadRayMath / PercentageMath rounding)', () => {
  it('rounds half up', () => {
    expect(rayMul(RAY / 2n, 1n)).toBe(1n) // 0.5 → 1
    expect(rayMul(RAY / 2n - 1n, 1n)).toBe(0n)
    expect(wadDiv(1n, 2n * WAD)).toBe(1n) // 0.5 wei → 1
    expect(wadDiv(1n, 3n * WAD)).toBe(0n)
    expect(percentMul(1n, 5000n)).toBe(1n) // 0.5 → 1
    expect(percentMul(1n, 4999n)).toBe(0n)
    expect(wadMul(3n * WAD, 2n * WAD)).toBe(6n * WAD)
  })

  it('rayDiv inverts rayMul within the rounding of one rayMul step (RAY / b + 1 units)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: RAY, max: 10n ** 40n }), fc.bigInt({ min: RAY / 10n, max: 10n * RAY }), (a, b) => {
        const back = rayDiv(rayMul(a, b), b)
        const bound = RAY / b + 1n
        return back - a <= bound && a - back <= bound
      }),
    )
  })

  it('converts scaled integers to floats', () => {
    expect(toFloat(1_500_000_000_000_000_000n, WAD)).toBe(1.5)
    expect(toFloat(-150_000_000n, 100_000_000n)).toBe(-1.5)
  })
})
