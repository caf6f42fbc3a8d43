import { readFileSync } from 'node:fs'
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
import { LIGHTER_RECORDINGS_DIR } from '../../src/protocols/lighter/devnet/lighterRecordings.js'
import { HYPERLIQUID_RECORDINGS_DIR } from '../../src/protocols/hyperliquid/devnet/hyperliquidRecordings.js'
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

const LIGHTER_QUERY = gql`
  query ($owner: Address!, $chainIds: [Int!], $apiVenues: [Protocol!]) {
    portfolio(owner: $owner, chainIds: $chainIds, apiVenues: $apiVenues) {
      blocks { chainId blockNumber }
      venues {
        id protocol chainId status
        source { kind recording recordedAt }
        perp { marginMode accountValueUsd venueAccountValueUsd maintenanceMarginUsd rule }
        positions { side asset { symbol riskFactor } perp { market sizeSigned venueLiquidationPrice } }
        liquidationPrices { riskFactor priceUsd direction }
      }
      exposures { riskFactor netUsd }
      totals { maintenanceMarginUsd }
      oneAccount { factors { riskFactor netUsd } }
      stressGrid {
        scenarios { scenario { id moves { riskFactor move } } venues { venueId liquidatable equityUsd } lossUsd }
      }
    }
  }
`

const WHOLE_ACCOUNT_QUERY = gql`
  query ($owner: Address!) {
    portfolio(owner: $owner) {
      venues {
        id protocol status
        source { kind recording recordedAt }
        margin { equityUsd }
        perp { marginMode }
        hyperliquid { accountMode dex collateralToken collateralPriceUsd unpricedBalances { coin } notes }
        positions { side amountFloat valueUsd asset { symbol riskFactor } perp { sizeSigned venueLiquidationPrice } }
        liquidationPrices { riskFactor priceUsd }
      }
      exposures { riskFactor netUsd }
    }
  }
`

type LighterAnswer = {
  portfolio: {
    blocks: { chainId: number; blockNumber: string }[]
    venues: {
      id: string
      protocol: string
      chainId: number | null
      status: string
      source: { kind: string; recording: string | null; recordedAt: string | null } | null
      perp: { marginMode: string; accountValueUsd: number; venueAccountValueUsd: number | null; maintenanceMarginUsd: number; rule: string } | null
      positions: { side: string; asset: { symbol: string; riskFactor: string }; perp: { market: string; sizeSigned: number; venueLiquidationPrice: number | null } | null }[]
      liquidationPrices: { riskFactor: string; priceUsd: number; direction: string }[] | null
    }[]
    exposures: { riskFactor: string; netUsd: number }[]
    totals: { maintenanceMarginUsd: number }
    oneAccount: { factors: { riskFactor: string; netUsd: number }[] }
    stressGrid: { scenarios: { scenario: { id: string; moves: { riskFactor: string; move: number }[] }; venues: { venueId: string; liquidatable: boolean; equityUsd: number }[]; lossUsd: number }[] }
  }
}

/** An account as the Lighter recording holds it (the venue's own strings). */
type LighterRecordedAccount = {
  index: number
  total_asset_value: string
  cross_asset_value: string
  positions: { symbol: string; sign: number; position: string; position_value: string; liquidation_price: string }[]
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b))

type WholeAccountAnswer = {
  portfolio: {
    venues: {
      id: string
      protocol: string
      status: string
      source: { kind: string; recording: string | null; recordedAt: string | null } | null
      margin: { equityUsd: number } | null
      perp: { marginMode: string } | null
      hyperliquid: { accountMode: string; dex: string | null; collateralToken: string; collateralPriceUsd: number; unpricedBalances: { coin: string }[]; notes: string[] } | null
      positions: { side: string; amountFloat: number; valueUsd: number; asset: { symbol: string; riskFactor: string }; perp: { sizeSigned: number; venueLiquidationPrice: number | null } | null }[] | null
      liquidationPrices: { riskFactor: string; priceUsd: number }[] | null
    }[]
    exposures: { riskFactor: string; netUsd: number }[]
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

  it("shows the demo wallet's whole Hyperliquid account in one answer: the main dex, spot balances priced, and the HIP-3 dex flx in USD", async () => {
    const { portfolio: p } = await new GraphQLClient(server.url).request<WholeAccountAnswer>(WHOLE_ACCOUNT_QUERY, { owner: manifest.accounts.demo })
    const demo = manifest.accounts.demo
    const venue = (id: string) => p.venues.find((v) => v.id === id)
    // expected values come from the recordings the devnet replays
    const spotRec = JSON.parse(readFileSync(path.join(HYPERLIQUID_RECORDINGS_DIR, 'ccxt-spot-hype-ueth-usol-usdh.json'), 'utf8')) as { balances: { coin: string; total: string; entryNtl: string }[] }
    const flxRec = JSON.parse(readFileSync(path.join(HYPERLIQUID_RECORDINGS_DIR, 'ccxt-hip3-flx-crcl-isolated-long.json'), 'utf8')) as {
      crossMarginSummary: { accountValue: string }
      assetPositions: { position: { coin: string; szi: string; positionValue: string; marginUsed: string; liquidationPx: string } }[]
    }
    // the replay's spot prices are the spot recording's cost basis (entryNtl / total; SOURCES.md): USDH is flx's collateral
    const usdh = spotRec.balances.find((b) => b.coin === 'USDH')!
    const usdhUsd = Number(usdh.entryNtl) / Number(usdh.total)

    // the main dex, beside the lending venues
    expect(venue(`hyperliquid:cross:${demo}`)).toMatchObject({ status: 'HEALTHY', source: { recording: 'ccxt-cross-sol-short-eth-long.json' }, hyperliquid: { dex: '', collateralToken: 'USDC', collateralPriceUsd: 1 } })
    expect(p.venues.some((v) => v.protocol === 'AAVE_V3')).toBe(true)

    // spot: every recorded balance, each priced (USDC at 1, the rest at entryNtl / total), none left unpriced
    const spot = venue(`hyperliquid:spot:${demo}`)!
    expect(spot).toMatchObject({ status: 'NO_DEBT', source: { kind: 'REPLAY', recording: 'ccxt-spot-hype-ueth-usol-usdh.json' }, hyperliquid: { dex: null, unpricedBalances: [] } })
    expect(spot.positions!.map((x) => [x.asset.symbol, x.amountFloat]).sort()).toEqual(spotRec.balances.map((b) => [b.coin, Number(b.total)]).sort())
    for (const b of spotRec.balances) {
      const line = spot.positions!.find((x) => x.asset.symbol === b.coin)!
      expect(line.side).toBe('SUPPLY')
      expect(line.valueUsd).toBeCloseTo(b.coin === 'USDC' ? Number(b.total) : Number(b.entryNtl), 9)
    }
    expect(spot.positions!.find((x) => x.asset.symbol === 'UETH')!.asset.riskFactor).toBe('ETH')

    // the HIP-3 dex flx: its own venues, every USDH figure in USD at the USDH price
    const pos = flxRec.assetPositions[0]!.position
    const isolated = venue(`hyperliquid:isolated:${demo}:flx:CRCL`)!
    expect(isolated).toMatchObject({ source: { kind: 'REPLAY', recording: 'ccxt-hip3-flx-crcl-isolated-long.json', recordedAt: '1764350959' }, perp: { marginMode: 'ISOLATED' } })
    expect(isolated.hyperliquid).toMatchObject({ dex: 'flx', collateralToken: 'USDH' })
    expect(isolated.hyperliquid!.collateralPriceUsd).toBeCloseTo(usdhUsd, 15)
    expect(isolated.margin!.equityUsd).toBeCloseTo(Number(pos.marginUsed) * usdhUsd, 9)
    const crcl = isolated.positions!.find((x) => x.perp !== null)!
    expect(crcl.asset.riskFactor).toBe('CRCL')
    expect(crcl.perp!.sizeSigned).toBe(Number(pos.szi))
    expect(crcl.valueUsd).toBeCloseTo(Number(pos.positionValue) * usdhUsd, 9)
    expect(crcl.perp!.venueLiquidationPrice).toBeCloseTo(Number(pos.liquidationPx) * usdhUsd, 9)
    const price = isolated.liquidationPrices!.find((l) => l.riskFactor === 'CRCL')!
    expect(price.priceUsd / Number(pos.liquidationPx) / usdhUsd).toBeCloseTo(1, 9)
    expect(venue(`hyperliquid:cross:${demo}:flx`)!.margin!.equityUsd).toBeCloseTo(Number(flxRec.crossMarginSummary.accountValue) * usdhUsd, 9)

    // all of it in the one portfolio: its exposures carry spot HYPE and the CRCL perp
    expect(p.exposures.find((e) => e.riskFactor === 'HYPE')!.netUsd).toBeCloseTo(Number(spotRec.balances.find((b) => b.coin === 'HYPE')!.entryNtl), 9)
    expect(p.exposures.find((e) => e.riskFactor === 'CRCL')!.netUsd).toBeCloseTo(Number(pos.positionValue) * usdhUsd, 9)
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

  it("shows the demo wallet's recorded Lighter account beside its lending venues, in the unified view and the stress grid", async () => {
    // expected values come from the recording the devnet serves the demo wallet, never from xmargin's code
    const served = manifest.perps.lighter.recordings.find((r) => r.address === manifest.accounts.demo)!
    expect(served.file).toBe('account_by_index_ETH_long_cross_liqpx.json')
    const recorded = (JSON.parse(readFileSync(path.join(LIGHTER_RECORDINGS_DIR, served.file), 'utf8')) as { response: { accounts: LighterRecordedAccount[] } }).response.accounts
    expect(recorded).toHaveLength(1)
    const rec = recorded[0]!
    const pos = rec.positions[0]!
    const client = new GraphQLClient(server.url)
    const { portfolio: p } = await client.request<LighterAnswer>(LIGHTER_QUERY, { owner: manifest.accounts.demo })
    const lighterVenues = p.venues.filter((v) => v.protocol === 'LIGHTER')
    expect(lighterVenues.map((v) => v.id)).toEqual([`lighter:${rec.index}:cross`])
    const l = lighterVenues[0]!
    expect(l).toMatchObject({ chainId: null, status: 'HEALTHY', source: { kind: 'REPLAY', recording: served.file, recordedAt: null } })
    expect(l.perp).toMatchObject({ marginMode: 'CROSS', rule: 'lighter-v1', venueAccountValueUsd: Number(rec.cross_asset_value) })
    // account value = collateral + Σ uPnL against the recorded total_asset_value; the liquidation price against the recorded one
    expect(rel(l.perp!.accountValueUsd, Number(rec.total_asset_value))).toBeLessThan(1e-9)
    const eth = l.positions.find((x) => x.side === 'PERP' && x.perp?.market === pos.symbol)!
    expect(eth.asset.riskFactor).toBe('ETH')
    expect(eth.perp).toMatchObject({ sizeSigned: pos.sign * Number(pos.position), venueLiquidationPrice: Number(pos.liquidation_price) })
    const liq = l.liquidationPrices!.find((x) => x.riskFactor === 'ETH')!
    expect(liq.direction).toBe('DOWN')
    expect(rel(liq.priceUsd, Number(pos.liquidation_price)), `ours ${liq.priceUsd} vs recorded ${pos.liquidation_price}`).toBeLessThan(1e-9)
    // in one answer with the lending venues of the chains
    const lending = p.venues.filter((v) => v.chainId !== null && v.status !== 'UNAVAILABLE')
    expect(new Set(lending.map((v) => v.protocol))).toEqual(new Set(['AAVE_V3', 'SPARK', 'MORPHO_BLUE']))
    expect(lending.some((v) => v.positions.some((x) => x.side === 'DEBT' && x.asset.symbol === 'WETH'))).toBe(true)

    // the unified view: the same wallet without Lighter (same chains, Hyperliquid only), at the same blocks
    const chainIds = manifest.chains.map((c) => c.chainId)
    const { portfolio: without } = await client.request<LighterAnswer>(LIGHTER_QUERY, { owner: manifest.accounts.demo, chainIds, apiVenues: ['HYPERLIQUID'] })
    expect(without.blocks).toEqual(p.blocks)
    expect(without.venues.some((v) => v.protocol === 'LIGHTER')).toBe(false)
    const net = (x: LighterAnswer['portfolio'], f: string) => x.exposures.find((e) => e.riskFactor === f)?.netUsd ?? 0
    const oneNet = (x: LighterAnswer['portfolio'], f: string) => x.oneAccount.factors.find((e) => e.riskFactor === f)?.netUsd ?? 0
    const sum = (x: LighterAnswer['portfolio']) => x.exposures.reduce((s, e) => s + e.netUsd, 0)
    // the long adds its notional (position_value) to ETH, and the account value to the wallet's net
    expect(net(p, 'ETH') - net(without, 'ETH')).toBeCloseTo(Number(pos.position_value), 6)
    expect(oneNet(p, 'ETH') - oneNet(without, 'ETH')).toBeCloseTo(Number(pos.position_value), 6)
    expect(sum(p) - sum(without)).toBeCloseTo(Number(rec.total_asset_value), 6)
    expect(p.totals.maintenanceMarginUsd - without.totals.maintenanceMarginUsd).toBeCloseTo(l.perp!.maintenanceMarginUsd, 6)

    // the stress grid revalues it in every scenario: equity = total asset value + position value · ETH move
    const g = p.stressGrid
    for (const s of g.scenarios) {
      const v = s.venues.find((x) => x.venueId === l.id)
      expect(v, `scenario ${s.scenario.id}`).toBeDefined()
      const move = s.scenario.moves.find((m) => m.riskFactor === 'ETH')?.move ?? 0
      const expected = Number(rec.total_asset_value) + Number(pos.position_value) * move
      expect(rel(v!.equityUsd, expected), `scenario ${s.scenario.id}: ${v!.equityUsd} vs ${expected}`).toBeLessThan(1e-9)
      // liquidatable exactly when the move takes ETH's mark below the recorded liquidation price
      const mark = (Number(pos.position_value) / Number(pos.position)) * (1 + move)
      if (Math.abs(mark / Number(pos.liquidation_price) - 1) > 1e-9) expect(v!.liquidatable, `scenario ${s.scenario.id}`).toBe(mark < Number(pos.liquidation_price))
    }
    const ethDown = g.scenarios.find((s) => s.scenario.id === 'ETH:-1.000')!
    expect(ethDown.lossUsd).toBeGreaterThan(without.stressGrid.scenarios.find((s) => s.scenario.id === 'ETH:-1.000')!.lossUsd)
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
