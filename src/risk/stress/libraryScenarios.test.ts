import { describe, expect, it } from 'vitest'
import { loadHistoricalEpisodes } from '../../services/loadHistoricalEpisodes.js'
import { libraryScenarios } from './libraryScenarios.js'

describe('built-in scenario library', () => {
  const episodes = loadHistoricalEpisodes()
  const worst = (f: string) => Math.min(...episodes.flatMap((e) => (e.moves[f] !== undefined ? [e.moves[f]] : [])))
  const held = [
    { riskFactor: 'ETH', kind: 'volatile' as const },
    { riskFactor: 'BTC', kind: 'volatile' as const },
    { riskFactor: 'ARB', kind: 'volatile' as const },
    { riskFactor: 'WSTETH_ETH', kind: 'ratio' as const },
    { riskFactor: 'CBETH_ETH', kind: 'ratio' as const },
    { riskFactor: 'USDC', kind: 'stable' as const },
  ]
  const library = libraryScenarios(held, episodes)

  it('market crash: each volatile factor at its worst sourced fall, naming those without a figure', () => {
    const crash = library.find((s) => s.kind === 'MARKET_CRASH')!
    expect(crash.scenario.moves).toEqual({ ETH: worst('ETH'), BTC: worst('BTC') })
    expect(worst('ETH')).toBeLessThan(-0.4)
    expect(crash.unknownFactors).toEqual(['ARB'])
    expect(crash.sourceEpisodes.length).toBeGreaterThan(0)
    for (const id of crash.sourceEpisodes) expect(episodes.some((e) => e.id === id)).toBe(true)
  })

  it('LST depeg while ETH holds: the stETH discount on wstETH, ETH unmoved, cbETH named as unknown', () => {
    const lst = library.find((s) => s.kind === 'LST_DEPEG')!
    expect(lst.scenario.moves).toEqual({ WSTETH_ETH: worst('WSTETH_ETH') })
    expect(lst.scenario.moves['ETH']).toBeUndefined()
    expect(lst.unknownFactors).toEqual(['CBETH_ETH'])
  })

  it('stablecoin depeg: USDC down to its SVB low and, where sourced, up', () => {
    const usdc = library.filter((s) => s.kind === 'STABLECOIN_DEPEG')
    expect(usdc.map((s) => s.scenario.moves['USDC'])).toContain(worst('USDC'))
    expect(worst('USDC')).toBeCloseTo(-0.13, 6)
    for (const s of usdc) expect(Object.keys(s.scenario.moves)).toEqual(['USDC'])
  })

  it('a wallet holding nothing of a kind gets no scenario of it', () => {
    expect(libraryScenarios([{ riskFactor: 'ETH', kind: 'volatile' }], episodes).map((s) => s.kind)).toEqual(['MARKET_CRASH'])
  })
})
