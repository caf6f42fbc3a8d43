import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { findLiquidationBoundary } from './findLiquidationBoundary.js'

describe('findLiquidationBoundary', () => {
  it('finds the exact threshold of a monotone test in either direction', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 2n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.double({ min: 0.5, max: 1.5, noNaN: true }), (t0, gap, noise) => {
        const threshold = t0 - gap
        if (threshold < 1n) return true
        const r = findLiquidationBoundary({
          t0,
          direction: -1,
          tMin: 1n,
          tMax: 11n * t0,
          estimate: Number(threshold) * noise,
          probe: (t) => ({ liquidatable: t <= threshold, piece: 0n }),
        })
        return r.kind === 'crossing' && r.t === threshold
      }),
    )
    const up = findLiquidationBoundary({ t0: 100n, direction: 1, tMin: 1n, tMax: 1100n, estimate: 300, probe: (t) => ({ liquidatable: t >= 257n, piece: 0n }) })
    expect(up).toEqual({ kind: 'crossing', t: 257n })
  })

  it('returns the first crossing when a piece flips the test back (whole-bps average threshold)', () => {
    // liquidatable in [900, 950) and again from 800 down: the first crossing from 1000 downwards is 949
    const probe = (t: bigint) => ({ liquidatable: (t < 950n && t >= 900n) || t <= 800n, piece: t >= 900n ? 1n : 2n })
    expect(findLiquidationBoundary({ t0: 1000n, direction: -1, tMin: 1n, tMax: 11_000n, estimate: 790, probe })).toEqual({ kind: 'crossing', t: 949n })
  })

  it('reports none in range and already liquidatable', () => {
    expect(findLiquidationBoundary({ t0: 100n, direction: -1, tMin: 1n, tMax: 1100n, estimate: null, probe: () => ({ liquidatable: false, piece: 0n }) })).toEqual({ kind: 'none' })
    expect(findLiquidationBoundary({ t0: 100n, direction: -1, tMin: 1n, tMax: 1100n, estimate: 50, probe: () => ({ liquidatable: true, piece: 0n }) })).toEqual({ kind: 'already' })
  })
})
