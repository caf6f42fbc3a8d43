import { describe, expect, it } from 'vitest'
import type { LiquidationPrice } from '../../domain/venue.js'
import type { UniformMoveLiquidation, VenueModel } from '../venueModel.js'
import { aVenue } from '../../../test/support/portfolioBuilders.js'
import { computeLiquidationDistance } from './computeLiquidationDistance.js'

function aModel(id: string, hf: number, prices: LiquidationPrice[], down: UniformMoveLiquidation, up: UniformMoveLiquidation = { kind: 'none' }): VenueModel {
  const venue = { ...aVenue(id, [], hf), health: { kind: 'ok' as const, healthFactorWad: 1n, healthFactor: hf, liquidatable: hf < 1 }, liquidationPrices: prices }
  return { venue, liquidationUnderUniformMove: (_f, direction) => (direction < 0 ? down : up), evaluate: () => ({ healthFactor: hf, liquidatable: hf < 1, equityUsd: 0 }), liquidate: () => ({ venueId: id, steps: [], costUsd: 0, exact: true, note: null }), simulate() { throw new TypeError('not used') }, kernel: { venueId: id, health: { kind: 'margin' }, legs: [], constantEquityUsd: 0, fixedMaintenanceUsd: null, liquidation: { kind: 'closeCost', closeCostUsd: 0 }, exactHealth: true } }
}

const price = (riskFactor: string, changePct: number): LiquidationPrice => ({
  kind: 'price',
  riskFactor,
  referenceAsset: riskFactor,
  priceE8: 1n,
  priceUsd: 1,
  currentPriceE8: 1n,
  changePct,
  direction: changePct < 0 ? 'DOWN' : 'UP',
  alreadyLiquidatable: false,
})

describe('computeLiquidationDistance', () => {
  it('picks the nearest venue per factor, overall, and under the market-wide move', () => {
    const a = aModel('a', 1.4, [price('ETH', -30), price('USDC', 40)], { kind: 'move', changePct: -25 })
    const b = aModel('b', 1.2, [price('ETH', -20), { kind: 'none', riskFactor: 'ARB', reason: 'OUT_OF_RANGE' }], { kind: 'move', changePct: -22 }, { kind: 'move', changePct: 60 })
    const d = computeLiquidationDistance([a, b], new Set(['ETH']))
    expect(d.nearest).toMatchObject({ venueId: 'b', riskFactor: 'ETH', changePct: -20 })
    expect(d.perRiskFactor.map((p) => [p.riskFactor, p.venueId])).toEqual([['ETH', 'b'], ['USDC', 'a']])
    expect(d.marketWideDown).toEqual({ venueId: 'b', changePct: -22 })
    expect(d.marketWideUp).toEqual({ venueId: 'b', changePct: 60 })
    expect(d.marketWide).toEqual({ venueId: 'b', changePct: -22 })
  })

  it('breaks ties on the lowest health factor and counts an already liquidatable venue as 0%', () => {
    const a = aModel('a', 1.3, [price('ETH', -10)], { kind: 'move', changePct: -10 })
    const b = aModel('b', 1.1, [price('ETH', -10)], { kind: 'move', changePct: -10 })
    expect(computeLiquidationDistance([a, b], new Set(['ETH'])).marketWide?.venueId).toBe('b')
    const c = aModel('c', 0.9, [], { kind: 'already' })
    expect(computeLiquidationDistance([a, c], new Set(['ETH'])).marketWide).toEqual({ venueId: 'c', changePct: 0 })
  })

  it('has no market-wide move without volatile factors', () => {
    const a = aModel('a', 1.3, [price('USDC', 10)], { kind: 'move', changePct: -10 })
    expect(computeLiquidationDistance([a], new Set()).marketWide).toBeNull()
  })
})
