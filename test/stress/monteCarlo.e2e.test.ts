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
