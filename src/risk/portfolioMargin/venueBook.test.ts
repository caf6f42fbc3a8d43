import { describe, expect, it } from 'vitest'
import { aVenue } from '../../../test/support/portfolioBuilders.js'
import { moveMultiplier } from '../shock.js'
import type { VenueModel } from '../venueModel.js'
import { venueBook } from './venueBook.js'

/** Test builder: a venue model whose equity is 1,000 USD cash, 5,000 USD of wstETH (ETH × WSTETH_ETH) and 2,000 USD of ETH debt. */
function aModel(id: string): VenueModel {
  return {
    venue: aVenue(id, []),
    evaluate: (moves) => ({ healthFactor: null, liquidatable: false, equityUsd: 1_000 + 5_000 * moveMultiplier({ base: 'ETH', ratio: 'WSTETH_ETH' }, moves) - 2_000 * moveMultiplier({ base: 'ETH' }, moves) }),
    liquidationUnderUniformMove: () => ({ kind: 'none' }),
    liquidate: () => ({ venueId: id, steps: [], costUsd: 0, exact: true, note: null }),
    simulate() {
      throw new TypeError('not used')
    },
    kernel: { venueId: id, health: { kind: 'margin' }, legs: [], constantEquityUsd: 0, fixedMaintenanceUsd: null, liquidation: { kind: 'closeCost', closeCostUsd: 0 }, exactHealth: true },
  }
}

describe('venueBook', () => {
  it('values a venue at its equity under the scenario\'s moves (ratio factors included), whatever the volatility shift', () => {
    const book = venueBook(aModel('venue:1'))
    expect(book.id).toBe('venue:1')
    expect(book.value({ priceMoves: new Map(), volShifts: new Map() })).toBeCloseTo(4_000, 9)
    const scenario = { priceMoves: new Map([['ETH', -0.1], ['WSTETH_ETH', -0.02]]), volShifts: new Map([['ETH', 1]]) }
    expect(book.value(scenario)).toBeCloseTo(1_000 + 5_000 * 0.9 * 0.98 - 2_000 * 0.9, 6)
    expect(book.value({ ...scenario, volShifts: new Map([['ETH', -1]]) })).toBe(book.value(scenario))
    expect(book.shortOptions).toBeUndefined()
  })
})
