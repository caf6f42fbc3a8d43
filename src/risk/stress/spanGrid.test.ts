import { describe, expect, it } from 'vitest'
import { spanGrid } from './spanGrid.js'

describe('spanGrid (SPAN price scenarios for a linear book)', () => {
  it('steps ±1/3, ±2/3, ±1 of the scan range at weight 1 and ±2× at 0.35, per factor and together', () => {
    const g = spanGrid([
      { riskFactor: 'ETH', scanRange: 0.06, source: 't' },
      { riskFactor: 'BTC', scanRange: 0.03, source: 't' },
    ])
    expect(g).toHaveLength(1 + 8 + 8 + 8)
    const eth = g.filter((s) => s.id.startsWith('ETH:')).map((s) => [s.moves.ETH, s.weight])
    expect(eth.map(([m]) => Number((m as number).toFixed(6))).sort((a, b) => a - b)).toEqual([-0.12, -0.06, -0.04, -0.02, 0.02, 0.04, 0.06, 0.12])
    expect(eth.filter(([, w]) => w === 0.35).map(([m]) => m)).toEqual([0.12, -0.12])
    const market = g.find((s) => s.id === 'market:-1.000')!
    expect(market.moves).toEqual({ ETH: -0.06, BTC: -0.03 })
  })

  it('is just the unchanged case without scan ranges', () => {
    expect(spanGrid([])).toEqual([{ id: 'unchanged', label: 'No price move', moves: {}, weight: 1 }])
  })
})

describe('spanGrid volatility axis (SPAN scenarios 1–14 paired in volatility, 15–16 not)', () => {
  const ranges = [
    { riskFactor: 'ETH', scanRange: 0.06, source: 't' },
    { riskFactor: 'BTC', scanRange: 0.03, source: 't' },
  ]
  const g = spanGrid(ranges, [{ riskFactor: 'ETH', up: 0.5, down: 0.25, source: 't' }])

  it('pairs each non-extreme ETH step, the unchanged case and the market line with volatility up and down; BTC lines and extremes stay single', () => {
    // unchanged: 2; ETH: 6 steps × 2 + 2 extremes; BTC: 8; market: 6 × 2 + 2
    expect(g).toHaveLength(2 + 14 + 8 + 14)
    const eth = g.filter((s) => s.id.startsWith('ETH:-1.000'))
    expect(eth.map((s) => [s.id, s.volatilityShifts])).toEqual([
      ['ETH:-1.000:vol+0.5', { ETH: 0.5 }],
      ['ETH:-1.000:vol-0.25', { ETH: -0.25 }],
    ])
    expect(g.filter((s) => s.id.startsWith('ETH:2.000')).map((s) => s.volatilityShifts)).toEqual([undefined])
    expect(g.filter((s) => s.id.startsWith('BTC:')).every((s) => s.volatilityShifts === undefined)).toBe(true)
    expect(g.find((s) => s.id === 'market:1.000:vol-0.25')!.volatilityShifts).toEqual({ ETH: -0.25 })
  })

  it('keeps ids unique', () => {
    expect(new Set(g.map((s) => s.id)).size).toBe(g.length)
  })
})
