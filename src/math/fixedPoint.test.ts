import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  mulDivCeil,
  percentDivCeil,
  percentDivFloor,
  percentMul,
  percentMulCeil,
  percentMulFloor,
  RAY,
  rayDiv,
  rayDivCeil,
  rayDivFloor,
  rayMul,
  rayMulCeil,
  rayMulFloor,
  toFloat,
  WAD,
  wadDiv,
  wadMul,
} from './fixedPoint.js'

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

describe('directed rounding (Aave v3.5+ WadRayMath / PercentageMath / MathUtils)', () => {
  it('floors and ceils where half-up would round the other way', () => {
    // 3 · 0.5 RAY / RAY = 1.5: half-up 2, floor 1, ceil 2; 0.4 → floor 0, ceil 1
    expect(rayMul(3n, RAY / 2n)).toBe(2n)
    expect(rayMulFloor(3n, RAY / 2n)).toBe(1n)
    expect(rayMulCeil(3n, RAY / 2n)).toBe(2n)
    expect(rayMulFloor(2n, RAY / 5n)).toBe(0n)
    expect(rayMulCeil(2n, RAY / 5n)).toBe(1n)
    // exact products are not moved
    expect(rayMulCeil(4n, RAY / 2n)).toBe(2n)
    // 2·RAY / 3RAY = 0.67: half-up 1, floor 0, ceil 1; 1·RAY / 3RAY = 0.33: half-up 0, ceil 1
    expect(rayDivFloor(2n, 3n * RAY)).toBe(0n)
    expect(rayDivCeil(1n, 3n * RAY)).toBe(1n)
    expect(rayDiv(1n, 3n * RAY)).toBe(0n)
    // 1 · 6000 / 1e4 = 0.6: half-up 1, floor 0; 1 · 4000 / 1e4 = 0.4: ceil 1
    expect(percentMulFloor(1n, 6000n)).toBe(0n)
    expect(percentMulCeil(1n, 4000n)).toBe(1n)
    // 1 · 1e4 / 3 = 3333.33: floor 3333, ceil 3334
    expect(percentDivFloor(1n, 3n)).toBe(3333n)
    expect(percentDivCeil(1n, 3n)).toBe(3334n)
    // 7 · 3 / 2 = 10.5 → 11; 8 · 3 / 2 = 12 exactly
    expect(mulDivCeil(7n, 3n, 2n)).toBe(11n)
    expect(mulDivCeil(8n, 3n, 2n)).toBe(12n)
  })

  it('floor ≤ half-up ≤ ceil, and ceil − floor is 1 exactly when the division is inexact', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n * RAY }), (a, b) => {
        const floor = rayMulFloor(a, b)
        const ceil = rayMulCeil(a, b)
        const exact = (a * b) % RAY === 0n
        return floor <= rayMul(a, b) && rayMul(a, b) <= ceil && ceil - floor === (exact ? 0n : 1n)
      }),
    )
  })
})
