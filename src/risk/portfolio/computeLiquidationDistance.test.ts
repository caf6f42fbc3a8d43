import { describe, expect, it } from 'vitest'
import type { LiquidationPrice } from '../../domain/venue.js'
import type { UniformMoveLiquidation, VenueModel } from '../venueModel.js'
import { aVenue } from '../../../test/support/portfolioBuilders.js'
import type { RiskProfile } from '../../domain/riskProfile.js'
import { DEFAULT_RISK_PROFILE } from '../stress/defaultRiskProfile.js'
import { computeLiquidationDistance, computeSingleFactorSigmaDistance } from './computeLiquidationDistance.js'

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

/** A profile of independent factors with the given annualized vols. */
function aProfile(vols: Readonly<Record<string, number>>): RiskProfile {
  const factors = Object.keys(vols)
  return { factors, annualizedVols: factors.map((f) => vols[f]!), correlation: factors.map((_, i) => factors.map((_, j) => (i === j ? 1 : 0))), sources: ['test'] }
}

/** One day under ETH 75.4%/yr and USDC 10.55%/yr. */
const ONE_DAY = { profile: aProfile({ ETH: 0.754, USDC: 0.1055 }), horizonDays: 1 }
/** The server's sourced default profile over the default one-day horizon. */
const DEFAULT_ONE_DAY = { profile: DEFAULT_RISK_PROFILE, horizonDays: 1 }
const volIn = (profile: RiskProfile, f: string) => profile.annualizedVols[profile.factors.indexOf(f)]!
const NO_VOLS = { profile: aProfile({}), horizonDays: 1 }

describe('computeSingleFactorSigmaDistance', () => {
  it('is |ln(P_liq/P0)| over the horizon sigma, and shrinks with the square root of the horizon', () => {
    // −50% of ETH: ln 2 / (0.754·√(1/365))
    expect(computeSingleFactorSigmaDistance(-50, 0.754, 1)).toBeCloseTo(Math.LN2 / (0.754 / Math.sqrt(365)), 12)
    expect(computeSingleFactorSigmaDistance(-50, 0.754, 4)! * 2).toBeCloseTo(computeSingleFactorSigmaDistance(-50, 0.754, 1)!, 12)
    // a +100% rise is as far in log terms as a −50% fall
    expect(computeSingleFactorSigmaDistance(100, 0.754, 1)).toBeCloseTo(computeSingleFactorSigmaDistance(-50, 0.754, 1)!, 12)
    expect(computeSingleFactorSigmaDistance(-100, 0.754, 1)).toBeNull()
    expect(computeSingleFactorSigmaDistance(-10, 0, 1)).toBeNull()
  })
})

describe('computeLiquidationDistance', () => {
  it('ranks a USDC +47% liquidation behind an ETH −50% one: nearer in percent, far less likely in σ', () => {
    const usdcDebt = aModel('usdc-debt', 1.3, [price('USDC', 47)], { kind: 'none' })
    const ethLoan = aModel('eth-loan', 1.6, [price('ETH', -50)], { kind: 'move', changePct: -50 })
    // under the default profile, which now has a sourced USDC vol
    const d = computeLiquidationDistance([usdcDebt, ethLoan], new Set(['ETH']), DEFAULT_ONE_DAY)
    const sigmaEth = computeSingleFactorSigmaDistance(-50, volIn(DEFAULT_RISK_PROFILE, 'ETH'), 1)!
    const sigmaUsdc = computeSingleFactorSigmaDistance(47, volIn(DEFAULT_RISK_PROFILE, 'USDC'), 1)!
    expect(sigmaEth).toBeLessThan(sigmaUsdc)
    expect(d.nearest).toEqual({ venueId: 'eth-loan', riskFactor: 'ETH', priceUsd: 1, changePct: -50, sigmaDistance: sigmaEth, ranking: 'SIGMA' })
    expect(d.perRiskFactor).toEqual([
      { venueId: 'eth-loan', riskFactor: 'ETH', priceUsd: 1, changePct: -50, sigmaDistance: sigmaEth, ranking: 'SIGMA' },
      { venueId: 'usdc-debt', riskFactor: 'USDC', priceUsd: 1, changePct: 47, sigmaDistance: sigmaUsdc, ranking: 'SIGMA' },
    ])
    expect(d.perRiskFactorUp.map((p) => [p.riskFactor, p.ranking])).toEqual([['USDC', 'SIGMA']])
    expect(d.horizonDays).toBe(1)
    expect(d.perVenue.map((p) => [p.venueId, p.riskFactor])).toEqual([['usdc-debt', 'USDC'], ['eth-loan', 'ETH']])
    // one venue liable to both moves names ETH as its own nearest, though USDC's move is smaller in percent
    const both = aModel('both', 1.2, [price('USDC', 47), price('ETH', -50)], { kind: 'move', changePct: -50 })
    expect(computeLiquidationDistance([both], new Set(['ETH']), DEFAULT_ONE_DAY).perVenue).toMatchObject([{ venueId: 'both', riskFactor: 'ETH', ranking: 'SIGMA' }])
    // the old rule, by |changePct|, would have named the USDC venue
    expect(computeLiquidationDistance([usdcDebt, ethLoan], new Set(['ETH']), NO_VOLS).nearest).toMatchObject({ venueId: 'usdc-debt', ranking: 'PERCENT', sigmaDistance: null })
  })

  it('ranks a factor without a vol by percent, after every σ-ranked one, however small its move', () => {
    const crcl = aModel('crcl-perp', 2, [price('CRCL', -5)], { kind: 'move', changePct: -5 })
    const eth = aModel('eth-loan', 1.6, [price('ETH', -50)], { kind: 'move', changePct: -50 })
    const d = computeLiquidationDistance([crcl, eth], new Set(['ETH', 'CRCL']), ONE_DAY)
    expect(d.nearest).toMatchObject({ venueId: 'eth-loan', riskFactor: 'ETH', ranking: 'SIGMA' })
    expect(d.perRiskFactor.find((p) => p.riskFactor === 'CRCL')).toEqual({ venueId: 'crcl-perp', riskFactor: 'CRCL', priceUsd: 1, changePct: -5, sigmaDistance: null, ranking: 'PERCENT' })
    // without a σ-ranked entry the percent-ranked one is the nearest
    expect(computeLiquidationDistance([crcl], new Set(['CRCL']), ONE_DAY).nearest).toMatchObject({ venueId: 'crcl-perp', ranking: 'PERCENT' })
  })

  it("measures a ratio factor's liquidation in the ratio's own vol, not its base's", () => {
    const lst = aModel('lst-loan', 1.1, [price('WSTETH_ETH', -5)], { kind: 'none' })
    const eth = aModel('eth-loan', 1.6, [price('ETH', -30)], { kind: 'move', changePct: -30 })
    const volatility = { profile: aProfile({ ETH: 0.754, WSTETH_ETH: 0.0545 }), horizonDays: 1 }
    const d = computeLiquidationDistance([lst, eth], new Set(['ETH']), volatility)
    const sigmaRatio = computeSingleFactorSigmaDistance(-5, 0.0545, 1)!
    expect(d.perRiskFactor.find((p) => p.riskFactor === 'WSTETH_ETH')!.sigmaDistance).toBe(sigmaRatio)
    // −5% of a 5.45%/yr ratio is further than −30% of ETH at 75.4%/yr
    expect(sigmaRatio).toBeGreaterThan(computeSingleFactorSigmaDistance(-30, 0.754, 1)!)
    expect(d.nearest).toMatchObject({ venueId: 'eth-loan', riskFactor: 'ETH' })
  })

  it('per factor, the nearer of a fall and a rise in σ is the smaller log move', () => {
    // −40% is ln(1/0.6) ≈ 0.51 away, +50% ln 1.5 ≈ 0.41: the rise is nearer in σ though larger in percent
    const long = aModel('long', 1.5, [price('ETH', -40)], { kind: 'move', changePct: -40 })
    const short = aModel('short', 1.5, [price('ETH', 50)], { kind: 'none' }, { kind: 'move', changePct: 50 })
    const d = computeLiquidationDistance([long, short], new Set(['ETH']), ONE_DAY)
    expect(d.perRiskFactor).toMatchObject([{ venueId: 'short', changePct: 50, ranking: 'SIGMA' }])
    expect(d.perRiskFactorDown).toMatchObject([{ venueId: 'long', changePct: -40 }])
    expect(d.perRiskFactorUp).toMatchObject([{ venueId: 'short', changePct: 50 }])
  })

  it('picks the nearest venue per factor, overall, and under the market-wide move', () => {
    const a = aModel('a', 1.4, [price('ETH', -30), price('USDC', 40)], { kind: 'move', changePct: -25 })
    const b = aModel('b', 1.2, [price('ETH', -20), { kind: 'none', riskFactor: 'ARB', reason: 'OUT_OF_RANGE' }], { kind: 'move', changePct: -22 }, { kind: 'move', changePct: 60 })
    const d = computeLiquidationDistance([a, b], new Set(['ETH']), ONE_DAY)
    expect(d.nearest).toMatchObject({ venueId: 'b', riskFactor: 'ETH', changePct: -20 })
    expect(d.perRiskFactor.map((p) => [p.riskFactor, p.venueId])).toEqual([['ETH', 'b'], ['USDC', 'a']])
    expect(d.marketWideDown).toEqual({ venueId: 'b', changePct: -22 })
    expect(d.marketWideUp).toEqual({ venueId: 'b', changePct: 60 })
    expect(d.marketWide).toEqual({ venueId: 'b', changePct: -22 })
  })

  it('breaks ties on the lowest health factor and counts an already liquidatable venue as 0%', () => {
    const a = aModel('a', 1.3, [price('ETH', -10)], { kind: 'move', changePct: -10 })
    const b = aModel('b', 1.1, [price('ETH', -10)], { kind: 'move', changePct: -10 })
    expect(computeLiquidationDistance([a, b], new Set(['ETH']), ONE_DAY).marketWide?.venueId).toBe('b')
    expect(computeLiquidationDistance([a, b], new Set(['ETH']), ONE_DAY).nearest?.venueId).toBe('b')
    const c = aModel('c', 0.9, [], { kind: 'already' })
    expect(computeLiquidationDistance([a, c], new Set(['ETH']), ONE_DAY).marketWide).toEqual({ venueId: 'c', changePct: 0 })
  })

  it('has no market-wide move without volatile factors', () => {
    const a = aModel('a', 1.3, [price('USDC', 10)], { kind: 'move', changePct: -10 })
    expect(computeLiquidationDistance([a], new Set(), ONE_DAY).marketWide).toBeNull()
  })
})
