import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GraphQLClient, gql } from 'graphql-request'
import pino from 'pino'
import { inject } from 'vitest'
import { runServer } from '../../src/app/runServer.js'
import { loadConfig } from '../../src/config/loadConfig.js'
import type { DevnetManifest } from '../../src/devnet/manifest.js'
import { setDevnetPrice } from '../../src/devnet/setDevnetPrice.js'
import type { GraphqlServer } from '../../src/graphql/createServer.js'
import { DEFAULT_RISK_PROFILE } from '../../src/risk/stress/defaultRiskProfile.js'
import { TestChain, testManifest } from '../support/devnet.js'
import { expectNoInternals, postGraphql } from './http.js'

/** The fields outside tools rely on (issue: fixed names), plus a few of the views. */
const PORTFOLIO = gql`
  query Portfolio($owner: Address!, $chainIds: [Int!]) {
    portfolio(owner: $owner, chainIds: $chainIds) {
      owner
      blocks { chainId blockNumber }
      chains { chainId status error { code message } }
      venues {
        id chainId protocol status healthFactor healthFactorWad
        error { code message }
        liquidationPrices { riskFactor priceUsd changePct }
      }
      liquidationDistance {
        horizonDays
        nearest { venueId riskFactor priceUsd changePct sigmaDistance ranking }
        perVenue { venueId riskFactor changePct sigmaDistance ranking }
        marketWide { changePct venueId }
      }
      oneAccount { healthFactor equityUsd maintenanceMarginUsd marginRatio separateRequirementUsd nettingBenefitUsd protocolsMaintenanceMarginUsd }
      totals { collateralUsd debtUsd netEquityUsd maintenanceMarginUsd }
    }
  }
`

type Answer = {
  portfolio: {
    owner: string
    blocks: { chainId: number; blockNumber: string }[]
    chains: { chainId: number; status: string; error: { code: string; message: string } | null }[]
    venues: {
      id: string
      chainId: number | null
      protocol: string
      status: string
      healthFactor: number | null
      healthFactorWad: string | null
      error: { code: string; message: string } | null
      liquidationPrices: { riskFactor: string; priceUsd: number; changePct: number }[] | null
    }[]
    liquidationDistance: {
      horizonDays: number
      nearest: { venueId: string; riskFactor: string; priceUsd: number; changePct: number; sigmaDistance: number | null; ranking: 'SIGMA' | 'PERCENT' } | null
      perVenue: { venueId: string; riskFactor: string; changePct: number; sigmaDistance: number | null; ranking: 'SIGMA' | 'PERCENT' }[]
      marketWide: { changePct: number; venueId: string } | null
    }
    oneAccount: { healthFactor: number | null; equityUsd: number; maintenanceMarginUsd: number; marginRatio: number | null; separateRequirementUsd: number; nettingBenefitUsd: number; protocolsMaintenanceMarginUsd: number }
    totals: { collateralUsd: number; debtUsd: number; netEquityUsd: number; maintenanceMarginUsd: number }
  }
}

const silent = pino({ level: 'silent' })

describe('GraphQL end to end over the devnet', () => {
  let manifest: DevnetManifest
  let server: GraphqlServer
  let client: GraphQLClient
  beforeAll(async () => {
    manifest = await testManifest()
    server = await runServer(loadConfig({ CHAINS_FILE: inject('devnetChainsFile'), PORT: '0' }), silent)
    client = new GraphQLClient(server.url)
  })
  afterAll(async () => {
    await server.stop()
  })

  it("answers the demo wallet's Aave and Morpho venues on three chains in one answer, with the contracts' health factors", async () => {
    const { portfolio } = await client.request<Answer>(PORTFOLIO, { owner: manifest.accounts.demo.toLowerCase() })
    expect(portfolio.owner).toBe(manifest.accounts.demo) // checksummed on output
    expect(portfolio.blocks.map((b) => b.chainId).sort()).toEqual([900001, 900002, 900003])
    const byProtocol = (p: string) => portfolio.venues.filter((v) => v.protocol === p).map((v) => v.chainId).sort()
    expect(byProtocol('AAVE_V3')).toEqual([900001, 900002, 900003])
    // on the L1 the listed market and the three no list names, found by the market index; on the L2 the listed one
    expect(byProtocol('MORPHO_BLUE')).toEqual([900001, 900001, 900001, 900001, 900003])
    const l1 = manifest.chains.find((c) => c.chainId === 900001)!.morphoBlue!
    const morphoIds = portfolio.venues.filter((v) => v.protocol === 'MORPHO_BLUE').map((v) => v.id)
    expect(l1.unlistedDemoMarkets).toHaveLength(3)
    for (const m of [...l1.unlistedDemoMarkets, l1.markets.find((x) => x.label === 'wstETH/WETH 94.5%')!]) expect(morphoIds.filter((id) => id.includes(m.id))).toHaveLength(1)
    // every venue healthy but those without debt: the USDC supplied in Morpho's WETH/USDC 98% (a lender's venue), the Hyperliquid spot balances and the flx dex's cross account (cash, no position)
    const supplyOnly = l1.unlistedDemoMarkets.find((m) => m.label.startsWith('WETH/USDC'))!
    const noDebt = [`hyperliquid:spot:${manifest.accounts.demo}`, `hyperliquid:cross:${manifest.accounts.demo}:flx`].map((id) => id.toLowerCase())
    for (const venue of portfolio.venues) expect(venue.status, venue.id).toBe(venue.id.includes(supplyOnly.id) || noDebt.includes(venue.id.toLowerCase()) ? 'NO_DEBT' : 'HEALTHY')
    // the done-when, in this one answer: Morpho positions in unlisted markets (above), Hyperliquid spot and a HIP-3 dex venue, and a Lighter venue
    const ids = portfolio.venues.map((v) => v.id.toLowerCase())
    expect(ids).toContain(noDebt[0])
    expect(ids.some((id) => id.startsWith('hyperliquid:') && id.endsWith(':flx'))).toBe(true)
    expect(portfolio.venues.some((v) => v.protocol === 'LIGHTER')).toBe(true)
    // Morpho's wstETH collateral nets with Aave's WETH debt under one ETH risk factor
    const listedL1 = l1.markets.find((x) => x.label === 'wstETH/WETH 94.5%')!
    expect(portfolio.venues.find((v) => v.id.includes(listedL1.id))!.liquidationPrices!.map((p) => p.riskFactor)).toContain('WSTETH_ETH')
    for (const venue of portfolio.venues.filter((v) => v.protocol === 'AAVE_V3')) {
      const block = BigInt(portfolio.blocks.find((b) => b.chainId === venue.chainId)!.blockNumber)
      const chain = new TestChain(manifest.chains.find((c) => c.chainId === venue.chainId)!)
      const ref = await chain.userAccountData(manifest.accounts.demo, block)
      expect(venue.healthFactorWad).toBe(ref.healthFactor.toString())
      expect(venue.healthFactor).toBeCloseTo(Number(ref.healthFactor) / 1e18, 12)
      expect(venue.liquidationPrices!.length).toBeGreaterThan(0)
    }
    const hfs = portfolio.venues.map((v) => v.healthFactor!)
    expect(hfs.some((hf) => hf > 1.1 && hf < 1.6)).toBe(true)
    // nearest is the smallest single-factor σ-distance, |ln(P_liq/P0)| / (σ·√(1/365)), over every venue's prices under the sourced
    // default profile; a factor it has no vol for (the HIP-3 CRCL perp, cbETH's ratio to ETH) ranks by percent after those
    const vols = new Map(DEFAULT_RISK_PROFILE.factors.map((f, i) => [f, DEFAULT_RISK_PROFILE.annualizedVols[i]!]))
    const sigmaOf = (p: { riskFactor: string; changePct: number }) => (vols.has(p.riskFactor) ? Math.abs(Math.log1p(p.changePct / 100)) / (vols.get(p.riskFactor)! / Math.sqrt(365)) : null)
    const all = portfolio.venues.flatMap((v) => (v.liquidationPrices ?? []).map((p) => ({ ...p, venueId: v.id, sigma: sigmaOf(p) })))
    const ranked = all.filter((p) => p.sigma !== null)
    const nearest = portfolio.liquidationDistance.nearest!
    expect(portfolio.liquidationDistance.horizonDays).toBe(1)
    expect(nearest.ranking).toBe('SIGMA')
    expect(nearest.sigmaDistance).toBeCloseTo(Math.min(...ranked.map((p) => p.sigma!)), 9)
    expect(ranked.find((p) => p.venueId === nearest.venueId && p.riskFactor === nearest.riskFactor)).toMatchObject({ changePct: nearest.changePct, priceUsd: nearest.priceUsd })
    // the percent rule would have named another entry: one without a vol, nearer in percent
    const unranked = all.filter((p) => p.sigma === null)
    expect(unranked.map((p) => p.riskFactor)).toEqual(expect.arrayContaining(['CRCL', 'CBETH_ETH']))
    expect(Math.min(...all.map((p) => Math.abs(p.changePct)))).toBeLessThan(Math.abs(nearest.changePct))
    // each venue's own nearest in the same order: its smallest σ, else (no factor with a vol) its smallest |changePct|
    const withPrices = portfolio.venues.filter((v) => (v.liquidationPrices ?? []).length > 0)
    expect(portfolio.liquidationDistance.perVenue.map((n) => n.venueId).sort()).toEqual(withPrices.map((v) => v.id).sort())
    for (const n of portfolio.liquidationDistance.perVenue) {
      const own = all.filter((p) => p.venueId === n.venueId)
      const sigmas = own.filter((p) => p.sigma !== null).map((p) => p.sigma!)
      if (sigmas.length > 0) expect(n.sigmaDistance, n.venueId).toBeCloseTo(Math.min(...sigmas), 9)
      else expect(Math.abs(n.changePct), n.venueId).toBe(Math.min(...own.map((p) => Math.abs(p.changePct))))
    }
    expect(portfolio.venues.map((v) => v.id)).toContain(portfolio.liquidationDistance.marketWide!.venueId)
    expect(portfolio.liquidationDistance.marketWide!.changePct).toBeLessThan(0)
    expect(portfolio.oneAccount.equityUsd).toBeCloseTo(portfolio.totals.netEquityUsd, 6)
    // like for like: the table per venue, summed, minus the one account's; the demo wallet's Aave WETH debt nets its Morpho and Hyperliquid ETH, so netting frees margin
    expect(portfolio.oneAccount.nettingBenefitUsd).toBeCloseTo(portfolio.oneAccount.separateRequirementUsd - portfolio.oneAccount.maintenanceMarginUsd, 6)
    expect(portfolio.oneAccount.nettingBenefitUsd).toBeGreaterThan(0)
    // the protocols' own figure stays beside it
    expect(portfolio.oneAccount.protocolsMaintenanceMarginUsd).toBeCloseTo(portfolio.totals.maintenanceMarginUsd, 6)
  })

  it('reads only the requested chains', async () => {
    const { portfolio } = await client.request<Answer>(PORTFOLIO, { owner: manifest.accounts.demo, chainIds: [900002] })
    expect(portfolio.venues.map((v) => v.chainId)).toEqual([900002]) // the Arbitrum-like chain has no Morpho
    expect(portfolio.blocks.map((b) => b.chainId)).toEqual([900002])
  })

  it('marks a venue LIQUIDATABLE once the price crosses its predicted liquidation price', async () => {
    const { portfolio } = await client.request<Answer>(PORTFOLIO, { owner: manifest.accounts.demo, chainIds: [900001] })
    const eth = portfolio.venues.find((v) => v.protocol === 'AAVE_V3')!.liquidationPrices!.find((p) => p.riskFactor === 'ETH')!
    const chain = new TestChain(manifest.chains.find((c) => c.chainId === 900001)!)
    const snap = await chain.snapshot()
    try {
      await setDevnetPrice({ manifest, target: 'ETH', value: eth.priceUsd.toFixed(8), chainId: 900001 })
      const after = await client.request<Answer>(PORTFOLIO, { owner: manifest.accounts.demo, chainIds: [900001] })
      const aave = after.portfolio.venues.find((v) => v.protocol === 'AAVE_V3')!
      expect(aave.status).toBe('LIQUIDATABLE')
      expect(aave.healthFactor!).toBeLessThan(1)
      expect(after.portfolio.liquidationDistance.marketWide!.changePct).toBe(0)
    } finally {
      await chain.revert(snap)
    }
  })

  it('rejects a malformed owner with BAD_USER_INPUT and no internals', async () => {
    for (const owner of ['0x123', 'not an address', `0x${'z'.repeat(40)}`, '0x70997970c51812dc3a010c7d01b50e0d17dc79C8']) {
      const answer = await postGraphql(server.url, { query: 'query($o: Address!) { portfolio(owner: $o) { owner } }', variables: { o: owner } })
      expect(answer.json.errors?.[0]?.extensions?.code, owner).toBe('BAD_USER_INPUT')
      expect(answer.json.errors?.[0]?.message).toMatch(/address|checksum|hex/i)
      expectNoInternals(answer.text)
    }
  })

  it('rejects unknown and empty chain id lists with BAD_USER_INPUT', async () => {
    const unknown = await postGraphql(server.url, { query: `{ portfolio(owner: "${manifest.accounts.demo}", chainIds: [1, 900001]) { owner } }` })
    expect(unknown.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    expect(unknown.json.errors?.[0]?.message).toContain('Chain 1 is not configured')
    expectNoInternals(unknown.text)
    const empty = await postGraphql(server.url, { query: `{ portfolio(owner: "${manifest.accounts.demo}", chainIds: []) { owner } }` })
    expect(empty.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
  })

  it('degrades only the venues of a chain that does not answer', async () => {
    // chain 900003 pointed at a closed port: its venue answers an error, the others still answer
    const degraded = await runServer(
      loadConfig({ CHAINS_FILE: inject('devnetChainsFile'), PORT: '0', RPC_URL_900003: 'http://127.0.0.1:9', CHAIN_TIMEOUT_MS: '1500' }),
      silent,
    )
    try {
      const answer = await postGraphql(degraded.url, { query: PORTFOLIO, variables: { owner: manifest.accounts.demo } })
      const p = (answer.json.data as Answer).portfolio
      expect(answer.json.errors ?? []).toEqual([])
      for (const v of p.venues.filter((x) => x.chainId === 900003)) {
        expect(v).toMatchObject({ status: 'UNAVAILABLE', healthFactor: null, error: { code: 'CHAIN_UNAVAILABLE' } })
      }
      expect(p.venues.filter((x) => x.chainId === 900003).map((v) => v.protocol).sort()).toEqual(['AAVE_V3', 'MORPHO_BLUE', 'MORPHO_BLUE'])
      expect(p.chains.find((c) => c.chainId === 900003)).toMatchObject({ status: 'UNAVAILABLE', error: { code: 'CHAIN_UNAVAILABLE' } })
      // the other chains, and the Hyperliquid venue (read over its API: no chain id), still answer
      expect([...new Set(p.venues.filter((v) => v.status === 'HEALTHY').map((v) => v.chainId))]).toEqual([900001, 900002, null])
      expect(p.venues.find((v) => v.protocol === 'HYPERLIQUID')).toMatchObject({ chainId: null, status: 'HEALTHY' })
      expect(p.blocks.map((b) => b.chainId).sort()).toEqual([900001, 900002])
      expectNoInternals(answer.text)
    } finally {
      await degraded.stop()
    }
  })
})
