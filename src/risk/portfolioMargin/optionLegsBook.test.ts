import { describe, expect, it } from 'vitest'
import type { OptionLeg } from '../../domain/options.js'
import { black76 } from '../options/black76.js'
import { createOptionBook } from '../options/optionBook.js'
import { computePortfolioMargin } from './computePortfolioMargin.js'
import { optionLegsBook } from './optionLegsBook.js'
import { toSpanParameters } from './spanParameters.js'

const NOW = 1_800_000_000
const YEAR = 365 * 86_400
const leg = (over: Partial<OptionLeg>): OptionLeg => ({ id: 'l', riskFactor: 'ETH', right: 'PUT', strikeUsd: 3_000, expiry: NOW + YEAR / 4, size: 2, impliedVolatility: { kind: 'flat', volatility: 0.6 }, ...over })
const spots = new Map([['ETH', { priceUsd: 3_000, venueId: 'v' }]])
const parameters = toSpanParameters([{ riskFactor: 'ETH', scanRange: 0.1, source: 't' }], { volatilityScanRange: { ETH: { up: 0.5, down: 0.25 } } })

describe('optionLegsBook (option legs as a SPAN book)', () => {
  it('prices each scenario by Black-76 at the moved forward and the volatility moved by its multiple of the scan range', () => {
    const book = optionLegsBook(createOptionBook([leg({})], spots, NOW), parameters)
    const at = (move: number, sigma: number) => 2 * black76({ right: 'PUT', forwardUsd: 3_000 * (1 + move), strikeUsd: 3_000, timeToExpiryYears: 0.25, volatility: sigma }).priceUsd
    expect(book.value({ priceMoves: new Map(), volShifts: new Map() })).toBeCloseTo(at(0, 0.6), 9)
    expect(book.value({ priceMoves: new Map([['ETH', -0.1]]), volShifts: new Map([['ETH', 1]]) })).toBeCloseTo(at(-0.1, 0.9), 9)
    expect(book.value({ priceMoves: new Map([['ETH', 0.1]]), volShifts: new Map([['ETH', -1]]) })).toBeCloseTo(at(0.1, 0.45), 9)
    expect(book.shortOptions).toBeUndefined()
  })

  it('carries short calls and puts apart, in USD notional, for the short option minimum', () => {
    const book = optionLegsBook(createOptionBook([leg({ size: -3 }), leg({ id: 'c', right: 'CALL', size: -1 }), leg({ id: 'c2', right: 'CALL', size: 5 })], spots, NOW), parameters)
    expect(book.shortOptions?.get('ETH')).toEqual({ callsUsd: 3_000, putsUsd: 9_000 })
  })

  it('a long put against a long linear position lowers the one account\'s requirement', () => {
    const linear = { id: 'venue', value: (s: { priceMoves: ReadonlyMap<string, number> }) => 30 * 3_000 * (1 + (s.priceMoves.get('ETH') ?? 0)) }
    const puts = optionLegsBook(createOptionBook([leg({ size: 15, expiry: NOW + YEAR / 12 })], spots, NOW), parameters)
    const alone = computePortfolioMargin([linear], parameters).requirementUsd
    const hedged = computePortfolioMargin([linear, puts], parameters).requirementUsd
    expect(alone).toBeCloseTo(90_000 * 0.1, 6)
    expect(hedged).toBeLessThan(alone)
  })
})
