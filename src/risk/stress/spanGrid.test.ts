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
