import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { GraphQLClient, gql } from 'graphql-request'
import pino from 'pino'
import { runServer } from '../../src/app/runServer.js'
import { loadConfig } from '../../src/config/loadConfig.js'
import { createPortfolioService } from '../../src/services/createPortfolioService.js'
import { resolveSources } from '../../src/config/resolveChains.js'
import { PROTOCOLS } from '../../src/protocols/registry.js'
import { viewValue } from '../../src/graphql/requestedViews.js'
import type { DevnetManifest } from '../../src/devnet/manifest.js'
import type { GraphqlServer } from '../../src/graphql/createServer.js'
import { expectNoInternals, postGraphql } from '../graphql/http.js'
import { testManifest } from '../support/devnet.js'

const QUERY = gql`
  query ($owner: Address!, $riskProfile: RiskProfileInput, $horizonDays: Float) {
    portfolio(owner: $owner, riskProfile: $riskProfile, horizonDays: $horizonDays) {
      sigmaDistance {
        horizonDays
        nearest { venueId sigmas linearSigmas healthFactorAtShock shock { riskFactor move } }
        perVenue { venueId sigmas }
        unmodelledFactors
        profileSources
      }
    }
  }
`

describe('distance to liquidation in standard deviations', () => {
  let manifest: DevnetManifest
  let server: GraphqlServer
  beforeAll(async () => {
    manifest = await testManifest()
    server = await runServer(loadConfig({ CHAINS_FILE: inject('devnetChainsFile'), PORT: '0' }), pino({ level: 'silent' }))
  })
  afterAll(async () => {
    await server.stop()
  })

  it('returns, per venue, a shock that liquidates it exactly at the boundary (the shock scaled by 1 − 1e-6 does not)', async () => {
    const config = loadConfig({ CHAINS_FILE: inject('devnetChainsFile') })
    const service = createPortfolioService({ chains: (await resolveSources(config, PROTOCOLS)).chains, collateralFactors: config.oneAccount, chainTimeoutMs: 5000, logger: pino({ level: 'silent' }) })
    const p = await service.get({ owner: manifest.accounts.demo, chainIds: [900001, 900002, 900003], horizonDays: 1, views: { sigmaDistance: true } })
    const sigmaDistance = viewValue(p.views.sigmaDistance, 'sigmaDistance')
    expect(sigmaDistance.perVenue.length).toBeGreaterThan(0)
    // revalue each venue under its returned shock by the venue's own rule, as caller scenarios
    for (const d of sigmaDistance.perVenue) {
      expect(d.sigmas).toBeGreaterThan(0)
      expect(d.healthFactorAtShock).toBeLessThan(1)
      expect(d.healthFactorAtShock).toBeGreaterThan(1 - 1e-3)
      const scaled = Object.fromEntries(Object.entries(d.shock).map(([f, m]) => [f, m * (1 - 1e-6)]))
      // the same venue, re-read, is healthy just inside the shock
      const again = await service.get({ owner: manifest.accounts.demo, chainIds: [900001, 900002, 900003], scenarios: [{ name: 'at', moves: Object.entries(d.shock).map(([riskFactor, move]) => ({ riskFactor, move })) }, { name: 'inside', moves: Object.entries(scaled).map(([riskFactor, move]) => ({ riskFactor, move })) }], views: { customScenarios: true } })
      const customScenarios = viewValue(again.views.customScenarios, 'customScenarios')
      const at = customScenarios[0]!.venues.find((v) => v.venueId === d.venueId)!
      const inside = customScenarios[1]!.venues.find((v) => v.venueId === d.venueId)!
      expect(at.liquidatable, `${d.venueId} at its shock`).toBe(true)
      expect(inside.liquidatable, `${d.venueId} just inside its shock`).toBe(false)
    }
  })

  it('answers through GraphQL with the sourced profile, naming the factors it does not model', async () => {
    const { portfolio } = await new GraphQLClient(server.url).request<{ portfolio: { sigmaDistance: { horizonDays: number; nearest: { sigmas: number; linearSigmas: number; shock: { riskFactor: string }[] }; unmodelledFactors: string[]; profileSources: string[] } } }>(QUERY, { owner: manifest.accounts.demo })
    const s = portfolio.sigmaDistance
    expect(s.horizonDays).toBe(1)
    expect(s.nearest!.sigmas).toBeGreaterThan(0)
    // the sourced profile models the stablecoins and ARB; cbETH's ratio to ETH has no sourced vol
    expect(s.unmodelledFactors).toEqual(expect.arrayContaining(['CBETH_ETH']))
    expect(s.unmodelledFactors).not.toEqual(expect.arrayContaining(['USDC']))
    expect(s.unmodelledFactors).not.toEqual(expect.arrayContaining(['ARB']))
    expect(s.profileSources.join(' ')).toMatch(/S80|S81/)
    expect(s.profileSources.join(' ')).toMatch(/V04/)
  })

  it('a longer horizon brings the same shock fewer σ away (σ grows with √t)', async () => {
    const client = new GraphQLClient(server.url)
    const one = await client.request<{ portfolio: { sigmaDistance: { nearest: { sigmas: number } } } }>(QUERY, { owner: manifest.accounts.demo, horizonDays: 1 })
    const four = await client.request<{ portfolio: { sigmaDistance: { nearest: { sigmas: number } } } }>(QUERY, { owner: manifest.accounts.demo, horizonDays: 4 })
    expect(four.portfolio.sigmaDistance.nearest.sigmas).toBeCloseTo(one.portfolio.sigmaDistance.nearest.sigmas / 2, 3)
  })

  it('rejects a profile that is not positive definite, or a non-positive vol, naming the entry', async () => {
    const bad = await postGraphql(server.url, {
      query: QUERY,
      variables: {
        owner: manifest.accounts.demo,
        riskProfile: { factors: [{ riskFactor: 'ETH', annualizedVol: 0.7 }, { riskFactor: 'BTC', annualizedVol: 0.5 }, { riskFactor: 'SOL', annualizedVol: 0.9 }], correlations: [{ a: 'ETH', b: 'BTC', rho: 0.95 }, { a: 'ETH', b: 'SOL', rho: 0.95 }, { a: 'BTC', b: 'SOL', rho: -0.9 }] },
      },
    })
    expect(bad.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    expect(bad.json.errors?.[0]?.message).toContain('positive definite')
    const vol = await postGraphql(server.url, { query: QUERY, variables: { owner: manifest.accounts.demo, riskProfile: { factors: [{ riskFactor: 'ETH', annualizedVol: 0 }] } } })
    expect(vol.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    expect(vol.json.errors?.[0]?.message).toContain('riskProfile.factors[ETH].annualizedVol')
    expectNoInternals(vol.text)
  })
})
