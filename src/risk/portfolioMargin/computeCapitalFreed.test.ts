import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Book, ShortOptionNotional } from './book.js'
import { computeCapitalFreed } from './computeCapitalFreed.js'
import { computePortfolioMargin } from './computePortfolioMargin.js'
import { toSpanParameters } from './spanParameters.js'
import { InvalidArgumentError } from '../../errors/index.js'

const testRange = (riskFactor: string, scanRange: number) => ({ riskFactor, scanRange, source: 'test' })

/**
 * Test builder: a venue linear in each base factor, with an LST line (ETH ×
 * the WSTETH_ETH ratio, not separable) and optional short option notional.
 * value = cash + Σ_f exposure_f · m_f + lst · ((1 + m_ETH)(1 + m_ratio) − 1). USD.
 */
function aVenueBook(id: string, v: { cashUsd: number; exposureUsd: Record<string, number>; lstUsd: number; shortOptions?: Map<string, ShortOptionNotional> }): Book {
  return {
    id,
    value: (s) => {
      const m = (f: string) => s.priceMoves.get(f) ?? 0
      const linear = Object.entries(v.exposureUsd).reduce((x, [f, e]) => x + e * m(f), v.cashUsd)
      return linear + v.lstUsd * ((1 + m('ETH')) * (1 + m('WSTETH_ETH')) - 1)
    },
    ...(v.shortOptions ? { shortOptions: v.shortOptions } : {}),
  }
}

describe('computeCapitalFreed', () => {
  it('per venue and in total, against the protocols\' requirements and the haircut table', () => {
    const parameters = toSpanParameters([testRange('ETH', 0.066)])
    // a: 10,000 USD of ETH collateral; b: a 6,000 USD short ETH perp: they offset in one account
    const a = aVenueBook('a', { cashUsd: 4_000, exposureUsd: { ETH: 10_000 }, lstUsd: 0 })
    const b = aVenueBook('b', { cashUsd: 1_000, exposureUsd: { ETH: -6_000 }, lstUsd: 0 })
    const freed = computeCapitalFreed([a, b], parameters, {
      protocolMaintenanceMarginUsd: new Map([['a', 800], ['b', 300]]),
      tableRequirementUsd: new Map([['a', 3_000], ['b', 1_800]]),
      nettedTableRequirementUsd: 1_200,
    })
    expect(freed.venues.map((v) => [v.bookId, v.requirementUsd, v.capitalFreedVsProtocolUsd, v.capitalFreedVsTableUsd])).toEqual([
      ['a', expect.closeTo(660, 9), expect.closeTo(140, 9), expect.closeTo(2_340, 9)],
      ['b', expect.closeTo(396, 9), expect.closeTo(-96, 9), expect.closeTo(1_404, 9)],
    ])
    expect(freed.netted.requirementUsd).toBeCloseTo(264, 9)
    expect(freed.separateRequirementUsd).toBeCloseTo(1_056, 9)
    expect(freed.nettingBenefitUsd).toBeCloseTo(792, 9)
    expect(freed.protocolMaintenanceMarginUsd).toBe(1_100)
    expect(freed.capitalFreedVsProtocolUsd).toBeCloseTo(836, 9)
    expect(freed.separateTableRequirementUsd).toBe(4_800)
    expect(freed.capitalFreedVsTableUsd).toBeCloseTo(936, 9)
    expect(freed.netted.equityUsd).toBe(5_000)
  })

  it('refuses a venue without the other rules\' figures, or given twice', () => {
    const parameters = toSpanParameters([testRange('ETH', 0.066)])
    const a = aVenueBook('a', { cashUsd: 0, exposureUsd: { ETH: 1 }, lstUsd: 0 })
    const other = { protocolMaintenanceMarginUsd: new Map([['a', 1]]), tableRequirementUsd: new Map<string, number>(), nettedTableRequirementUsd: 0 }
    expect(() => computeCapitalFreed([a], parameters, other)).toThrow(/tableRequirementUsd\[a\]/)
    expect(() => computeCapitalFreed([a, a], parameters, { ...other, tableRequirementUsd: new Map([['a', 1]]) })).toThrow(InvalidArgumentError)
  })

  it('netting never costs margin: Σ_v requirement_v ≥ requirement(netted) ≥ 0 for random books (fast-check)', () => {
    const factors = ['BTC', 'ETH', 'SOL'] as const
    const usd = fc.double({ min: -1e6, max: 1e6, noNaN: true })
    const notional = fc.record({ callsUsd: fc.double({ min: 0, max: 1e6, noNaN: true }), putsUsd: fc.double({ min: 0, max: 1e6, noNaN: true }) })
    const venue = fc.record({
      cashUsd: usd,
      exposureUsd: fc.record({ BTC: usd, ETH: usd, SOL: usd }, { requiredKeys: [] }),
      lstUsd: usd,
      shortOptions: fc.option(fc.dictionary(fc.constantFrom(...factors), notional, { maxKeys: 2 }), { nil: undefined }),
    })
    const parameters = fc.record({
      ranges: fc.tuple(...factors.map(() => fc.double({ min: 0.01, max: 0.3, noNaN: true }))),
      ratioRange: fc.double({ min: 0.001, max: 0.05, noNaN: true }),
      extreme: fc.constantFrom({ multiple: 2, coverFraction: 0.35 }, { multiple: 3, coverFraction: 0.33 }),
      somRate: fc.double({ min: 0, max: 0.05, noNaN: true }),
    })
    fc.assert(
      fc.property(fc.array(venue, { minLength: 1, maxLength: 5 }), parameters, (venues, p) => {
        const ranges = [...factors.map((f, i) => testRange(f, p.ranges[i]!)), testRange('WSTETH_ETH', p.ratioRange)]
        const span = toSpanParameters(ranges, { extremeMove: p.extreme, shortOptionMinimumRate: Object.fromEntries(ranges.map((r) => [r.riskFactor, p.somRate])) })
        const books = venues.map((v, i) => aVenueBook(`v${i}`, { ...v, shortOptions: v.shortOptions ? new Map(Object.entries(v.shortOptions)) : undefined }))
        const zero = new Map(books.map((b) => [b.id, 0]))
        const freed = computeCapitalFreed(books, span, { protocolMaintenanceMarginUsd: zero, tableRequirementUsd: zero, nettedTableRequirementUsd: 0 })
        // float tolerance: sums of products of amounts up to 1e6
        const tolerance = 1e-9 * (1 + freed.separateRequirementUsd)
        expect(freed.netted.requirementUsd).toBeGreaterThanOrEqual(0)
        for (const v of freed.venues) expect(v.requirementUsd).toBeGreaterThanOrEqual(0)
        expect(freed.nettingBenefitUsd).toBeGreaterThanOrEqual(-tolerance)
        expect(freed.netted.spanRequirementUsd).toBeLessThanOrEqual(freed.venues.reduce((s, v) => s + v.alone.spanRequirementUsd, 0) + tolerance)
        // the shared valuation gives what computing each set on its own gives
        expect(freed.netted.requirementUsd).toBeCloseTo(computePortfolioMargin(books, span).requirementUsd, 6)
      }),
      { numRuns: 300 },
    )
  })
})
