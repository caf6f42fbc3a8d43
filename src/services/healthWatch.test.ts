import { describe, expect, it } from 'vitest'
import { changedVenues, crossings, type VenueHealthState } from './healthWatch.js'

const block = { chainId: 900001, blockNumber: 10n, blockHash: null, timestamp: 1n }
function state(venueId: string, healthFactor: number | null, liquidationDistancePct: number | null = 20, status = 'available'): VenueHealthState {
  return { venueId, status, healthFactor, liquidationDistancePct, block: healthFactor === null ? null : block }
}
const states = (...s: VenueHealthState[]) => new Map(s.map((x) => [x.venueId, x]))

describe('changedVenues', () => {
  it('names venues whose status, health factor or distance changed, new ones and gone ones', () => {
    const before = states(state('a', 1.5), state('b', 2), state('c', 3), state('d', 1.2))
    const after = states(state('a', 1.5), state('b', 1.9), state('c', 3, 15), state('e', 1.1))
    expect(changedVenues(before, after)).toEqual(['b', 'c', 'e', 'd'])
    expect(changedVenues(after, after)).toEqual([])
  })
  it('counts a venue going unavailable as a change', () => {
    expect(changedVenues(states(state('a', 1.5)), states(state('a', null, null, 'unavailable:CHAIN_UNAVAILABLE')))).toEqual(['a'])
  })
})

describe('crossings', () => {
  const t = { healthFactorBelow: 1.2 }
  it('alerts in the first message only for venues already below', () => {
    const alerts = crossings(null, states(state('a', 1.1), state('b', 1.5), state('c', Infinity)), t)
    expect(alerts).toHaveLength(1)
    expect(alerts[0]).toMatchObject({ venueId: 'a', metric: 'HEALTH_FACTOR', direction: 'BELOW', previous: null, current: 1.1, threshold: 1.2 })
    expect(alerts[0]!.message).toContain('is below 1.2')
  })
  it('alerts once per crossing, each way, and not while a venue stays on one side', () => {
    const down = crossings(states(state('a', 1.3)), states(state('a', 1.19)), t)
    expect(down.map((a) => [a.direction, a.previous, a.current])).toEqual([['BELOW', 1.3, 1.19]])
    expect(crossings(states(state('a', 1.19)), states(state('a', 1.1)), t)).toEqual([])
    const up = crossings(states(state('a', 1.1)), states(state('a', 1.2)), t)
    expect(up.map((a) => a.direction)).toEqual(['ABOVE']) // at the threshold counts as above it
    expect(crossings(states(state('a', 1.3)), states(state('a', 1.25)), t)).toEqual([])
  })
  it('treats no debt as infinitely healthy and skips unavailable venues', () => {
    const repaid = crossings(states(state('a', 1.1)), states(state('a', Infinity)), t)
    expect(repaid).toMatchObject([{ direction: 'ABOVE', previous: 1.1, current: null }])
    expect(crossings(states(state('a', 1.3)), states(state('a', null, null, 'unavailable:CHAIN_UNAVAILABLE')), t)).toEqual([])
  })
  it('alerts on the liquidation distance, percent, on its own threshold', () => {
    const alerts = crossings(states(state('a', 1.5, 12)), states(state('a', 1.4, 8)), { liquidationDistancePctBelow: 10 })
    expect(alerts).toMatchObject([{ metric: 'LIQUIDATION_DISTANCE', direction: 'BELOW', previous: 12, current: 8, threshold: 10 }])
  })
  it('alerts on nothing without thresholds', () => {
    expect(crossings(states(state('a', 1.5)), states(state('a', 0.5)), {})).toEqual([])
  })
})
