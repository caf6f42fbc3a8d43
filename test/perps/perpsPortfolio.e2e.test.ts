import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { GraphQLClient, gql } from 'graphql-request'
import pino from 'pino'
import { runServer } from '../../src/app/runServer.js'
import { loadConfig } from '../../src/config/loadConfig.js'
import type { DevnetManifest } from '../../src/devnet/manifest.js'
import { startReplayServer, type ReplayServer } from '../../src/devnet/replayServer.js'
import { dydxV4ReplayRoute } from '../../src/protocols/dydxV4/devnet.js'
import type { GraphqlServer } from '../../src/graphql/createServer.js'
import { expectNoInternals, postGraphql } from '../graphql/http.js'
import { testManifest } from '../support/devnet.js'
import { sharedCorpus } from '../support/sharedCorpus.js'

const DYDX_ADDRESS = 'dydx1kzsvkf2ghjqlysuffdkhcdctknl4rsvcx5hkm5'

const QUERY = gql`
  query ($owner: Address!, $accounts: [LinkedAccountInput!]) {
    portfolio(owner: $owner, accounts: $accounts) {
      venues {
        id protocol status healthFactor
        source { kind recording recordedAt observedAt }
        perp { marginMode maintenanceMarginUsd venueMaintenanceMarginUsd accountValueUsd venueAccountValueUsd rule }
        positions { side asset { symbol riskFactor } perp { sizeSigned markPrice venueLiquidationPrice } }
      }
      exposures { riskFactor netUsd }
      liquidationDistance {
        perRiskFactorDown { riskFactor venueId changePct }
        perRiskFactorUp { riskFactor venueId changePct }
        marketWide { venueId changePct }
      }
      stressGrid {
        scanRanges { riskFactor scanRange source }
        unscannedFactors
        scanningRiskUsd
        worst { scenario { id label } lossUsd liquidatedVenueIds }
        scenarios { scenario { id weight moves { riskFactor move } } venues { venueId healthFactor liquidatable equityUsd } lossUsd }
      }
    }
  }
`

type Answer = {
  portfolio: {
    venues: { id: string; protocol: string; status: string; healthFactor: number | null; source: { kind: string; recording: string | null; recordedAt: string | null } | null; perp: { marginMode: string; maintenanceMarginUsd: number; venueMaintenanceMarginUsd: number | null; accountValueUsd: number; venueAccountValueUsd: number | null; rule: string } | null; positions: { side: string; asset: { symbol: string; riskFactor: string }; perp: { sizeSigned: number } | null }[] }[]
    exposures: { riskFactor: string; netUsd: number }[]
    liquidationDistance: { perRiskFactorDown: { riskFactor: string; venueId: string; changePct: number }[]; perRiskFactorUp: { riskFactor: string; venueId: string; changePct: number }[] }
    stressGrid: {
      scanRanges: { riskFactor: string }[]
      unscannedFactors: string[]
      scanningRiskUsd: number
      worst: { scenario: { id: string }; lossUsd: number; liquidatedVenueIds: string[] } | null
      scenarios: { scenario: { id: string; weight: number; moves: { riskFactor: string; move: number }[] }; venues: { venueId: string; healthFactor: number | null; liquidatable: boolean; equityUsd: number }[]; lossUsd: number }[]
    }
  }
}

describe('perps beside lending in one answer', () => {
  let manifest: DevnetManifest
  let server: GraphqlServer
  let replay: ReplayServer | undefined
  const dydx = sharedCorpus('fixtures/perps/dydx')

  beforeAll(async () => {
    manifest = await testManifest()
    const env: Record<string, string> = { CHAINS_FILE: inject('devnetChainsFile'), PORT: '0' }
    if (dydx.present) {
      replay = await startReplayServer([dydxV4ReplayRoute({ subaccounts: { [DYDX_ADDRESS]: path.join(dydx.dir, 'nautilus-subaccount.json') }, markets: path.join(dydx.dir, 'nautilus-perpetual-markets.json') })])
      env.DYDX_INDEXER_URL = `${replay.url}/v4`
    }
    server = await runServer(loadConfig(env), pino({ level: 'silent' }))
  })
  afterAll(async () => {
    await server.stop()
    await replay?.stop()
  })

  it('shows the demo wallet long ETH on the Hyperliquid replay and short ETH on Aave, with both-direction distances', async () => {
    const { portfolio: p } = await new GraphQLClient(server.url).request<Answer>(QUERY, { owner: manifest.accounts.demo })
    const hl = p.venues.find((v) => v.protocol === 'HYPERLIQUID')!
    expect(hl.source).toMatchObject({ kind: 'REPLAY', recording: 'ccxt-cross-sol-short-eth-long.json', recordedAt: '1728568314' })
    expect(hl.perp).toMatchObject({ marginMode: 'CROSS', rule: 'hyperliquid-current', venueMaintenanceMarginUsd: 38.8818 })
    expect(hl.perp!.maintenanceMarginUsd).toBeCloseTo(38.8818, 9)
    expect(hl.perp!.accountValueUsd).toBeCloseTo(hl.perp!.venueAccountValueUsd!, 6)
    expect(hl.positions.find((x) => x.asset.symbol === 'ETH')!.perp!.sizeSigned).toBe(1.6)
    const aaveL1 = p.venues.find((v) => v.protocol === 'AAVE_V3' && v.id.includes(':900001:'))!
    expect(aaveL1.positions.some((x) => x.side === 'DEBT' && x.asset.symbol === 'WETH')).toBe(true)
    // both directions: SOL liquidates the perp on a rally; ETH liquidates a loan on a fall
    expect(p.liquidationDistance.perRiskFactorUp.find((x) => x.riskFactor === 'SOL')?.venueId).toBe(hl.id)
    expect(p.liquidationDistance.perRiskFactorDown.find((x) => x.riskFactor === 'ETH')!.changePct).toBeLessThan(0)
    expect(p.liquidationDistance.perRiskFactorDown.find((x) => x.riskFactor === 'ETH')!.venueId).not.toBe(hl.id)
  })

  it('runs the SPAN-style grid over lending and perps venues together', async () => {
    const { portfolio: p } = await new GraphQLClient(server.url).request<Answer>(QUERY, { owner: manifest.accounts.demo })
    const g = p.stressGrid
    expect(g.scanRanges.map((r) => r.riskFactor).sort()).toEqual(['BTC', 'ETH', 'SOL'])
    expect(g.unscannedFactors).toContain('ARB')
    // 1 unchanged + 8 per scanned factor + 8 market-wide
    expect(g.scenarios).toHaveLength(1 + 8 * 3 + 8)
    const ids = p.venues.filter((v) => v.status !== 'UNAVAILABLE').map((v) => v.id).sort()
    for (const s of g.scenarios) expect(s.venues.map((v) => v.venueId).sort()).toEqual(ids)
    const unchanged = g.scenarios.find((s) => s.scenario.id === 'unchanged')!
    expect(unchanged.lossUsd).toBeCloseTo(0, 6)
    for (const v of p.venues.filter((x) => x.healthFactor !== null)) {
      expect(unchanged.venues.find((u) => u.venueId === v.id)!.healthFactor).toBeCloseTo(v.healthFactor!, 9)
    }
    // an ETH fall hurts the long book; the extreme steps carry 35% weight
    const ethDown = g.scenarios.find((s) => s.scenario.id === 'ETH:-1.000')!
    expect(ethDown.lossUsd).toBeGreaterThan(0)
    expect(g.scenarios.filter((s) => s.scenario.weight === 0.35)).toHaveLength(8)
    expect(g.scanningRiskUsd).toBe(Math.max(0, ...g.scenarios.map((s) => s.lossUsd * s.scenario.weight)))
  })

  it.skipIf(!dydx.present && !dydx.mustExist)('adds a linked dYdX v4 subaccount, and rejects a malformed one', async () => {
    expect(dydx.present, `the recorded corpus is required under CI: ${dydx.dir}`).toBe(true)
    const { portfolio: p } = await new GraphQLClient(server.url).request<Answer>(QUERY, { owner: manifest.accounts.demo, accounts: [{ venue: 'DYDX_V4', id: DYDX_ADDRESS }] })
    const d = p.venues.find((v) => v.protocol === 'DYDX_V4')!
    expect(d.status).toBe('HEALTHY')
    expect(d.perp!.rule).toBe('dydx-v4')
    const bad = await postGraphql(server.url, { query: QUERY, variables: { owner: manifest.accounts.demo, accounts: [{ venue: 'DYDX_V4', id: 'dydx1notanaddress' }] } })
    expect(bad.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    expectNoInternals(bad.text)
  })
})
