import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { gql } from 'graphql-request'
import pino from 'pino'
import { runServer } from '../../src/app/runServer.js'
import { loadConfig } from '../../src/config/loadConfig.js'
import type { DevnetManifest } from '../../src/devnet/manifest.js'
import type { GraphqlServer } from '../../src/graphql/createServer.js'
import { expectNoInternals, postGraphql } from '../graphql/http.js'
import { testManifest } from '../support/devnet.js'

const QUERY = gql`
  query ($owner: Address!, $paths: Int, $steps: Int, $seed: Int, $horizonDays: Float, $distribution: MonteCarloDistribution, $degreesOfFreedom: Float) {
    portfolio(owner: $owner) {
      owner
      totals { netEquityUsd }
      venues { id status }
      monteCarlo(paths: $paths, steps: $steps, seed: $seed, horizonDays: $horizonDays, distribution: $distribution, degreesOfFreedom: $degreesOfFreedom) {
        paths steps evaluations horizonDays confidence seed distribution degreesOfFreedom degreesOfFreedomSource
        equityUsd meanEquityChangeUsd valueAtRiskUsd expectedShortfallUsd priceOnlyValueAtRiskUsd priceOnlyExpectedShortfallUsd
        liquidationProbability liquidationProbabilityStandardError expectedLiquidationCostUsd expectedLiquidationCostGivenLiquidationUsd
        venues { venueId liquidationProbability firstLiquidationProbability expectedLiquidationCostUsd }
        modelledFactors unmodelledFactors profileSources approximatedVenueIds
      }
    }
  }
`

type MonteCarlo = {
  paths: number
  steps: number
  evaluations: number
  equityUsd: number
  valueAtRiskUsd: number
  expectedShortfallUsd: number
  priceOnlyValueAtRiskUsd: number
  priceOnlyExpectedShortfallUsd: number
  liquidationProbability: number
  expectedLiquidationCostUsd: number
  degreesOfFreedom: number | null
  degreesOfFreedomSource: string | null
  distribution: string
  venues: { venueId: string; liquidationProbability: number; firstLiquidationProbability: number; expectedLiquidationCostUsd: number }[]
  modelledFactors: string[]
  unmodelledFactors: string[]
}
type Answer = { portfolio: { owner: string; totals: { netEquityUsd: number }; venues: { id: string; status: string }[]; monteCarlo: MonteCarlo | null } }

describe('Monte Carlo VaR over the devnet demo wallet', () => {
  let manifest: DevnetManifest
  let server: GraphqlServer
  const ask = async (variables: Record<string, unknown>) => {
    const r = await postGraphql(server.url, { query: QUERY, variables: { owner: manifest.accounts.demo, ...variables } })
    expectNoInternals(r.text)
    return r.json as { data: Answer | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] }
  }
  beforeAll(async () => {
    manifest = await testManifest()
    server = await runServer(loadConfig({ CHAINS_FILE: inject('devnetChainsFile'), PORT: '0', MONTE_CARLO_MAX_EVALUATIONS: '100000000' }), pino({ level: 'silent' }))
  })
  afterAll(async () => {
    await server.stop()
  })

  it('answers VaR, ES, liquidation odds and costs for every venue, reproducibly', async () => {
    const a = await ask({ horizonDays: 7 })
    expect(a.errors).toBeUndefined()
    const mc = a.data!.portfolio.monteCarlo!
    const available = a.data!.portfolio.venues.filter((v) => v.status !== 'UNAVAILABLE').map((v) => v.id).sort()
    expect(mc.venues.map((v) => v.venueId).sort()).toEqual(available)
    // daily monitoring over a week, the sourced fat tails by default
    expect(mc).toMatchObject({ paths: 10_000, steps: 7, distribution: 'STUDENT_T' })
    expect(mc.degreesOfFreedom).toBeCloseTo(4.756, 3)
    expect(mc.degreesOfFreedomSource).toMatch(/kurtosis/)
    expect(mc.modelledFactors).toEqual(expect.arrayContaining(['ETH', 'BTC', 'USDC', 'ARB']))
    expect(mc.unmodelledFactors).toEqual(expect.arrayContaining(['CBETH_ETH']))
    // equity over the simulated venues is the wallet's net equity
    expect(mc.equityUsd).toBeCloseTo(a.data!.portfolio.totals.netEquityUsd, 0)
    expect(mc.valueAtRiskUsd).toBeGreaterThan(0)
    expect(mc.expectedShortfallUsd).toBeGreaterThanOrEqual(mc.valueAtRiskUsd)
    expect(mc.priceOnlyExpectedShortfallUsd).toBeGreaterThanOrEqual(mc.priceOnlyValueAtRiskUsd)
    // a venue liquidated first is a venue liquidated
    for (const v of mc.venues) expect(v.firstLiquidationProbability).toBeLessThanOrEqual(v.liquidationProbability)
    expect(Math.max(...mc.venues.map((v) => v.liquidationProbability))).toBeLessThanOrEqual(mc.liquidationProbability)
    const again = await ask({ horizonDays: 7 })
    expect(again.data!.portfolio.monteCarlo).toEqual(mc)
    const other = await ask({ horizonDays: 7, seed: 2 })
    expect(other.data!.portfolio.monteCarlo!.valueAtRiskUsd).not.toBe(mc.valueAtRiskUsd)
  })

  it('a longer horizon liquidates more often and widens the tail', async () => {
    const day = (await ask({ horizonDays: 1 })).data!.portfolio.monteCarlo!
    const month = (await ask({ horizonDays: 30 })).data!.portfolio.monteCarlo!
    expect(month.valueAtRiskUsd).toBeGreaterThan(day.valueAtRiskUsd)
    expect(month.liquidationProbability).toBeGreaterThan(day.liquidationProbability)
    expect(month.liquidationProbability).toBeGreaterThan(0)
    expect(month.expectedLiquidationCostUsd).toBeGreaterThan(0)
  })

  it('past the cost limit: COST_LIMIT_EXCEEDED on that field only; the rest of the answer stands', async () => {
    const r = await ask({ paths: 1_000_000, steps: 1_000 })
    expect(r.data!.portfolio.owner.toLowerCase()).toBe(manifest.accounts.demo.toLowerCase())
    expect(r.data!.portfolio.monteCarlo).toBeNull()
    expect(r.errors).toHaveLength(1)
    expect(r.errors![0]).toMatchObject({ path: ['portfolio', 'monteCarlo'], extensions: { code: 'COST_LIMIT_EXCEEDED' } })
    expect(r.errors![0]!.message).toMatch(/fewer paths or steps/)
  })

  it('bad arguments are BAD_USER_INPUT naming the argument, never silently dropped', async () => {
    for (const [variables, argument] of [
      [{ paths: 5 }, 'paths'],
      [{ steps: 0 }, 'steps'],
      [{ horizonDays: 400 }, 'horizonDays'],
      [{ degreesOfFreedom: 2 }, 'degreesOfFreedom'],
      [{ distribution: 'NORMAL', degreesOfFreedom: 5 }, 'degreesOfFreedom'],
    ] as const) {
      const r = await ask(variables)
      expect(r.data!.portfolio.monteCarlo).toBeNull()
      expect(r.errors![0]).toMatchObject({ path: ['portfolio', 'monteCarlo'], extensions: { code: 'BAD_USER_INPUT' } })
      expect(r.errors![0]!.message).toContain(argument)
    }
    const normal = (await ask({ distribution: 'NORMAL' })).data!.portfolio.monteCarlo!
    expect(normal).toMatchObject({ distribution: 'NORMAL', degreesOfFreedom: null, degreesOfFreedomSource: null })
  })

  it('an ETH put bought against the wallet lowers its VaR and ES; venue liquidations are unchanged by a leg held elsewhere', async () => {
    const HEDGE = gql`
      query ($owner: Address!, $optionLegs: [OptionLegInput!], $volatilityShock: Float, $paths: Int, $steps: Int) {
        portfolio(owner: $owner, optionLegs: $optionLegs) {
          exposures { riskFactor netUsd }
          venues { positions { asset { riskFactor ratioRiskFactor } price { priceUsd } } }
          monteCarlo(horizonDays: 7, seed: 3, volatilityShock: $volatilityShock, paths: $paths, steps: $steps) {
            evaluations equityUsd optionsValueUsd valueAtRiskUsd expectedShortfallUsd liquidationProbability
            venues { venueId liquidationProbability }
            optionLegs unmodelledOptionFactors volatilityShock optionVolatility
          }
        }
      }
    `
    type Hedge = {
      exposures: { riskFactor: string; netUsd: number }[]
      venues: { positions: { asset: { riskFactor: string; ratioRiskFactor: string | null }; price: { priceUsd: number } }[] | null }[]
      monteCarlo: (MonteCarlo & { optionsValueUsd: number; optionLegs: number; unmodelledOptionFactors: string[]; volatilityShock: number | null; optionVolatility: string }) | null
    }
    const hedgeAsk = async (variables: Record<string, unknown>) => {
      const r = await postGraphql(server.url, { query: HEDGE, variables: { owner: manifest.accounts.demo, ...variables } })
      expectNoInternals(r.text)
      return r.json as { data: { portfolio: Hedge } | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] }
    }
    const bare = await hedgeAsk({})
    expect(bare.errors).toBeUndefined()
    const wallet = bare.data!.portfolio
    const ethUsd = wallet.venues.flatMap((v) => v.positions ?? []).find((p) => p.asset.riskFactor === 'ETH' && p.asset.ratioRiskFactor === null)!.price.priceUsd
    const ethNetUsd = wallet.exposures.find((e) => e.riskFactor === 'ETH')!.netUsd
    // the demo wallet is long ETH: puts on all of it, 10% out of the money, two months out, at Deribit's 08:00 UTC
    expect(ethNetUsd).toBeGreaterThan(0)
    const expiry = new Date(Date.now() + 60 * 86_400_000)
    expiry.setUTCHours(8, 0, 0, 0)
    const put = { id: 'eth-put', riskFactor: 'ETH', right: 'PUT', strike: 0.9 * ethUsd, expiry: expiry.toISOString(), size: ethNetUsd / ethUsd, impliedVolatility: 0.7 }
    const hedged = await hedgeAsk({ optionLegs: [put] })
    expect(hedged.errors).toBeUndefined()
    const without = bare.data!.portfolio.monteCarlo!
    const withPut = hedged.data!.portfolio.monteCarlo!
    expect(without).toMatchObject({ optionLegs: 0, optionsValueUsd: 0, volatilityShock: null, optionVolatility: 'sticky strike', unmodelledOptionFactors: [] })
    expect(withPut).toMatchObject({ optionLegs: 1, volatilityShock: null, optionVolatility: 'sticky strike', unmodelledOptionFactors: [] })
    expect(withPut.optionsValueUsd).toBeGreaterThan(0)
    expect(withPut.equityUsd).toBeCloseTo(without.equityUsd + withPut.optionsValueUsd, 6)
    // the leg is revalued once per path, a Black-76 price counted as 32 position legs
    expect(withPut.evaluations).toBe(without.evaluations + 32 * 10_000)
    expect(withPut.valueAtRiskUsd).toBeLessThan(without.valueAtRiskUsd)
    expect(withPut.expectedShortfallUsd).toBeLessThan(without.expectedShortfallUsd)
    // the same draws liquidate the venues on the same paths: the leg is held elsewhere
    expect(withPut.liquidationProbability).toBe(without.liquidationProbability)
    expect(withPut.venues).toEqual(without.venues)

    const shocked = (await hedgeAsk({ optionLegs: [put], volatilityShock: 0.5 })).data!.portfolio.monteCarlo!
    expect(shocked).toMatchObject({ volatilityShock: 0.5, optionVolatility: 'sticky strike, shocked at the horizon: σ × (1 + 0.5)' })
    // the value now is the market's (the shock applies at the horizon), a few seconds of theta apart
    expect(Math.abs(shocked.equityUsd - withPut.equityUsd)).toBeLessThan(1)
    // a long put gains vega: a vol rise at the horizon softens the tail
    expect(shocked.valueAtRiskUsd).toBeLessThan(withPut.valueAtRiskUsd)
    for (const volatilityShock of [-1, 10.5]) {
      const r = await hedgeAsk({ optionLegs: [put], volatilityShock })
      expect(r.data!.portfolio.monteCarlo).toBeNull()
      expect(r.errors![0]).toMatchObject({ path: ['portfolio', 'monteCarlo'], extensions: { code: 'BAD_USER_INPUT' } })
      expect(r.errors![0]!.message).toContain('volatilityShock')
    }
    // legs count toward the cost limit (10⁸ here): a million one-step paths fit without legs (31 position legs), not with three
    const costly = await hedgeAsk({ optionLegs: ['a', 'b', 'c'].map((id) => ({ ...put, id })), paths: 1_000_000, steps: 1 })
    expect(costly.data!.portfolio.monteCarlo).toBeNull()
    expect(costly.errors![0]).toMatchObject({ path: ['portfolio', 'monteCarlo'], extensions: { code: 'COST_LIMIT_EXCEEDED' } })
    expect(costly.errors![0]!.message).toContain('32 × option legs')
  })

  it("the server's own risk profile (RISK_PROFILE_FILE) drives Monte Carlo and σ-distance when a query brings none", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'xmargin-profile-'))
    const file = path.join(dir, 'profile.json')
    // a desk that also models a USDC depeg factor
    writeFileSync(file, JSON.stringify({ factors: [{ riskFactor: 'ETH', annualizedVol: 0.8 }, { riskFactor: 'BTC', annualizedVol: 0.45 }, { riskFactor: 'USDC', annualizedVol: 0.03 }], correlations: [{ a: 'ETH', b: 'BTC', rho: 0.8 }], sources: ['desk profile 2026-11'] }))
    const desk = await runServer(loadConfig({ CHAINS_FILE: inject('devnetChainsFile'), PORT: '0', RISK_PROFILE_FILE: file }), pino({ level: 'silent' }))
    try {
      const r = await postGraphql(desk.url, { query: '{ portfolio(owner: "' + manifest.accounts.demo + '") { sigmaDistance { profileSources } monteCarlo { modelledFactors profileSources } } }' })
      const p = (r.json.data as { portfolio: { sigmaDistance: { profileSources: string[] }; monteCarlo: { modelledFactors: string[]; profileSources: string[] } } }).portfolio
      expect(p.sigmaDistance.profileSources).toEqual(['desk profile 2026-11'])
      expect(p.monteCarlo.profileSources).toEqual(['desk profile 2026-11'])
      expect(p.monteCarlo.modelledFactors).toEqual(expect.arrayContaining(['ETH', 'BTC', 'USDC']))
    } finally {
      await desk.stop()
    }
  })

  it('runs off the event loop: a light query sent after a million-path run is answered before it', async () => {
    const order: string[] = []
    const heavy = ask({ paths: 1_000_000 }).then((r) => {
      order.push('heavy')
      return r
    })
    // let the heavy request reach its worker
    await new Promise((resolve) => setTimeout(resolve, 200))
    const light = postGraphql(server.url, { query: '{ chains { chainId } }' }).then((r) => {
      order.push('light')
      return r
    })
    const [h, l] = await Promise.all([heavy, light])
    expect(l.status).toBe(200)
    expect(h.data!.portfolio.monteCarlo!.paths).toBe(1_000_000)
    expect(order).toEqual(['light', 'heavy'])
  })
})
