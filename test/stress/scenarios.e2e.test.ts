import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { GraphQLClient, gql } from 'graphql-request'
import pino from 'pino'
import { runServer } from '../../src/app/runServer.js'
import { loadConfig } from '../../src/config/loadConfig.js'
import type { DevnetManifest } from '../../src/devnet/manifest.js'
import { devnetPriceFeedAbi } from '../../src/devnet/priceFeedAbi.js'
import { exposureOfSymbol } from '../../src/domain/riskFactorTable.js'
import type { GraphqlServer } from '../../src/graphql/createServer.js'
import { applyMoves, toPriceMoves } from '../../src/risk/shock.js'
import { expectNoInternals, postGraphql } from '../graphql/http.js'
import { TestChain, testManifest } from '../support/devnet.js'

const QUERY = gql`
  query ($owner: Address!, $scenarios: [ScenarioInput!]) {
    portfolio(owner: $owner, scenarios: $scenarios) {
      venues { id protocol chainId healthFactor }
      customScenarios { scenario { label moves { riskFactor move } } venues { venueId healthFactor liquidatable equityUsd } lossUsd liquidatedVenueIds }
      historicalScenarios { episode { id name start end sources moves { riskFactor move } } unknownFactors lossUsd venues { venueId healthFactor } }
    }
  }
`
type Answer = {
  portfolio: {
    venues: { id: string; protocol: string; chainId: number; healthFactor: number | null }[]
    customScenarios: { scenario: { label: string }; venues: { venueId: string; healthFactor: number | null; liquidatable: boolean }[]; lossUsd: number }[]
    historicalScenarios: { episode: { id: string; sources: string[]; moves: { riskFactor: string; move: number }[] }; unknownFactors: string[]; lossUsd: number; venues: { venueId: string; healthFactor: number | null }[] }[]
  }
}

describe('scenarios: custom and historical, revalued by each protocol', () => {
  let manifest: DevnetManifest
  let server: GraphqlServer
  let client: GraphQLClient
  beforeAll(async () => {
    manifest = await testManifest()
    server = await runServer(loadConfig({ CHAINS_FILE: inject('devnetChainsFile'), PORT: '0' }), pino({ level: 'silent' }))
    client = new GraphQLClient(server.url)
  })
  afterAll(async () => {
    await server.stop()
  })

  it("a custom scenario's Aave health factors are what the contract computes once the feeds move that way", async () => {
    const moves = { ETH: -0.3, BTC: -0.1, WSTETH_ETH: -0.05 }
    const { portfolio } = await client.request<Answer>(QUERY, {
      owner: manifest.accounts.demo,
      scenarios: [{ name: 'ETH −30%, BTC −10%, wstETH depeg 5%', moves: Object.entries(moves).map(([riskFactor, move]) => ({ riskFactor, move })) }],
    })
    const result = portfolio.customScenarios[0]!
    expect(result.scenario.label).toBe('ETH −30%, BTC −10%, wstETH depeg 5%')
    expect(result.lossUsd).toBeGreaterThan(0)
    const priceMoves = toPriceMoves(moves)
    let compared = 0
    for (const entry of manifest.chains) {
      const chain = new TestChain(entry)
      const snap = await chain.snapshot()
      try {
        for (const a of entry.assets) {
          const feed0 = (await chain.client.readContract({ address: a.priceFeed, abi: devnetPriceFeedAbi, functionName: 'latestAnswer' })) as bigint
          const moved = applyMoves(feed0, exposureOfSymbol(a.symbol), priceMoves)
          if (moved !== feed0) await chain.deployer.send(a.priceFeed, devnetPriceFeedAbi, 'setAnswer', [moved])
        }
        const ref = await chain.userAccountData(manifest.accounts.demo, await chain.client.getBlockNumber())
        const venueId = portfolio.venues.find((v) => v.protocol === 'AAVE_V3' && v.chainId === entry.chainId)!.id
        const ours = result.venues.find((v) => v.venueId === venueId)!
        // a few seconds of interest separate the read block from the contract's: 1e-6 relative
        expect(Math.abs(ours.healthFactor! - Number(ref.healthFactor) / 1e18) / ours.healthFactor!).toBeLessThan(1e-6)
        expect(ours.liquidatable).toBe(ref.healthFactor < 10n ** 18n)
        compared += 1
      } finally {
        await chain.revert(snap)
      }
    }
    expect(compared).toBe(3)
  })

  it('replays the sourced historical episodes and names the factors each has no figure for', async () => {
    const { portfolio } = await client.request<Answer>(QUERY, { owner: manifest.accounts.demo })
    const ids = portfolio.historicalScenarios.map((h) => h.episode.id)
    for (const id of ['black-thursday-2020', 'may-19-2021-crash', 'steth-celsius-3ac-2022', 'ftx-collapse-2022', 'usdc-svb-depeg-2023', 'aug-5-2024-crash', 'oct-10-2025-liquidation-cascade']) {
      expect(ids).toContain(id)
    }
    for (const h of portfolio.historicalScenarios) expect(h.episode.sources.length).toBeGreaterThan(0)
    const covid = portfolio.historicalScenarios.find((h) => h.episode.id === 'black-thursday-2020')!
    expect(covid.lossUsd).toBeGreaterThan(0)
    // no sourced SOL, ARB or LST-ratio figure in March 2020: held unchanged and said so
    expect(covid.unknownFactors).toEqual(expect.arrayContaining(['ARB', 'CBETH_ETH', 'SOL', 'WSTETH_ETH']))
    expect(covid.unknownFactors).not.toContain('ETH')
    // the stETH discount of June 2022 is applied to wstETH
    const steth = portfolio.historicalScenarios.find((h) => h.episode.id === 'steth-celsius-3ac-2022')!
    expect(steth.episode.moves).toContainEqual({ riskFactor: 'WSTETH_ETH', move: -0.063 })
    expect(steth.unknownFactors).not.toContain('WSTETH_ETH')
  })

  it('a crash scenario lists the cascade: deepest venue first, each with its calls and cost', async () => {
    const cascadeQuery = gql`
      query ($owner: Address!, $scenarios: [ScenarioInput!]) {
        portfolio(owner: $owner, scenarios: $scenarios) {
          customScenarios {
            liquidatedVenueIds
            liquidationCostUsd
            venues { venueId healthFactor }
            cascade { venueId costUsd exact note steps { debtAsset debtRepaidUsd collateralAsset collateralSeizedUsd costUsd closeFactor healthFactorAfter } }
          }
        }
      }
    `
    const { portfolio } = await client.request<{ portfolio: { customScenarios: { liquidatedVenueIds: string[]; liquidationCostUsd: number; venues: { venueId: string; healthFactor: number | null }[]; cascade: { venueId: string; costUsd: number; exact: boolean; steps: { debtRepaidUsd: number; collateralSeizedUsd: number; costUsd: number; closeFactor: number }[] }[] }[] } }>(cascadeQuery, {
      owner: manifest.accounts.demo,
      scenarios: [{ name: 'crash', moves: [{ riskFactor: 'ETH', move: -0.55 }, { riskFactor: 'BTC', move: -0.55 }] }],
    })
    const r = portfolio.customScenarios[0]!
    expect(r.liquidatedVenueIds.length).toBeGreaterThan(0)
    expect(r.cascade.map((c) => c.venueId)).toEqual(r.liquidatedVenueIds)
    const hfs = r.liquidatedVenueIds.map((id) => r.venues.find((v) => v.venueId === id)!.healthFactor!)
    expect([...hfs].sort((a, b) => a - b)).toEqual(hfs)
    for (const c of r.cascade.filter((x) => x.venueId.startsWith('aave-v3') || x.venueId.startsWith('morpho-blue'))) {
      expect(c.exact).toBe(true)
      expect(c.steps.length).toBeGreaterThan(0)
      for (const s of c.steps) {
        // the liquidator is paid a bonus: collateral seized is worth more than the debt repaid
        expect(s.collateralSeizedUsd).toBeGreaterThan(s.debtRepaidUsd)
        expect(s.costUsd).toBeCloseTo(s.collateralSeizedUsd - s.debtRepaidUsd, 6)
      }
    }
    expect(r.liquidationCostUsd).toBeCloseTo(r.cascade.reduce((s, c) => s + c.costUsd, 0), 6)
    expect(r.liquidationCostUsd).toBeGreaterThan(0)
  })

  it('the built-in library (market crash, LST depeg, stablecoin depeg) revalues like the same moves sent as scenarios', async () => {
    const LIBRARY = gql`
      query ($owner: Address!, $scenarios: [ScenarioInput!]) {
        portfolio(owner: $owner, scenarios: $scenarios) {
          venues { id healthFactor positions { side asset { symbol ratioRiskFactor } } }
          libraryScenarios { kind basis sourceEpisodes unknownFactors scenario { id moves { riskFactor move } } venues { venueId healthFactor liquidatable equityUsd } lossUsd liquidatedVenueIds liquidationCostUsd }
          customScenarios { venues { venueId healthFactor liquidatable equityUsd } lossUsd liquidationCostUsd }
        }
      }
    `
    type Library = { kind: string; sourceEpisodes: string[]; unknownFactors: string[]; scenario: { id: string; moves: { riskFactor: string; move: number }[] }; venues: { venueId: string; healthFactor: number | null; liquidatable: boolean; equityUsd: number }[]; lossUsd: number; liquidationCostUsd: number }
    type Venues = { id: string; healthFactor: number | null; positions: { side: string; asset: { symbol: string; ratioRiskFactor: string | null } }[] }[]
    const first = await client.request<{ portfolio: { venues: Venues; libraryScenarios: Library[] } }>(LIBRARY, { owner: manifest.accounts.demo })
    const library = first.portfolio.libraryScenarios
    expect(library.map((l) => l.kind)).toEqual(expect.arrayContaining(['MARKET_CRASH', 'LST_DEPEG', 'STABLECOIN_DEPEG']))
    const second = await client.request<{ portfolio: { customScenarios: Omit<Library, 'kind' | 'scenario' | 'sourceEpisodes' | 'unknownFactors'>[] } }>(LIBRARY, {
      owner: manifest.accounts.demo,
      scenarios: library.map((l) => ({ name: l.scenario.id, moves: l.scenario.moves })),
    })
    library.forEach((l, i) => {
      const custom = second.portfolio.customScenarios[i]!
      expect(custom.venues, l.scenario.id).toEqual(l.venues)
      expect(custom.lossUsd).toBeCloseTo(l.lossUsd, 6)
      expect(custom.liquidationCostUsd).toBeCloseTo(l.liquidationCostUsd, 6)
    })
    // the crash hurts; the LST depeg leaves ETH alone and lowers the health of every venue with an LST as collateral
    expect(library.find((l) => l.kind === 'MARKET_CRASH')!.lossUsd).toBeGreaterThan(0)
    const lst = library.find((l) => l.kind === 'LST_DEPEG')!
    expect(lst.scenario.moves.map((m) => m.riskFactor)).not.toContain('ETH')
    const lstVenues = first.portfolio.venues.filter((v) => v.positions.some((p) => p.side === 'COLLATERAL' && p.asset.ratioRiskFactor !== null && lst.scenario.moves.some((m) => m.riskFactor === p.asset.ratioRiskFactor)))
    expect(lstVenues.length).toBeGreaterThan(0)
    for (const v of lstVenues) expect(lst.venues.find((x) => x.venueId === v.id)!.healthFactor!).toBeLessThan(v.healthFactor!)
    // cbETH's ratio has no sourced discount: named, not assumed unmoved
    expect(lst.unknownFactors).toContain('CBETH_ETH')
  })

  it('caller scenarios are bounded per request (scenarios × (venues + option legs)): COST_LIMIT_EXCEEDED past it', async () => {
    const small = await runServer(loadConfig({ CHAINS_FILE: inject('devnetChainsFile'), PORT: '0', MAX_SCENARIO_EVALUATIONS: '5' }), pino({ level: 'silent' }))
    try {
      const answer = await postGraphql(small.url, { query: QUERY, variables: { owner: manifest.accounts.demo, scenarios: [{ name: 'one', moves: [{ riskFactor: 'ETH', move: -0.1 }] }] } })
      expect(answer.json.errors?.[0]).toMatchObject({ path: ['portfolio', 'customScenarios'], extensions: { code: 'COST_LIMIT_EXCEEDED' } })
      const need = /^These scenarios need (\d+) evaluations \(scenarios × \(venues \+ option legs\)\); this server allows 5\./.exec(answer.json.errors?.[0]?.message ?? '')
      expect(need).not.toBeNull()
      expectNoInternals(answer.text)
      // option legs are revalued in every scenario too: each counts like a venue
      const put = { riskFactor: 'ETH', right: 'PUT', strike: 1_000, expiry: new Date(Date.now() + 30 * 86_400_000).toISOString(), size: 1, impliedVolatility: 0.6 }
      const withLegs = await postGraphql(small.url, {
        query: QUERY.replace('$scenarios: [ScenarioInput!]', '$scenarios: [ScenarioInput!], $legs: [OptionLegInput!]').replace('scenarios: $scenarios)', 'scenarios: $scenarios, optionLegs: $legs)'),
        variables: { owner: manifest.accounts.demo, scenarios: [{ name: 'one', moves: [{ riskFactor: 'ETH', move: -0.1 }] }], legs: [put, put, put] },
      })
      expect(withLegs.json.errors?.[0]?.message).toMatch(new RegExp(`^These scenarios need ${Number(need![1]) + 3} evaluations`))
    } finally {
      await small.stop()
    }
  })

  it('rejects a move below −100% with BAD_USER_INPUT', async () => {
    const answer = await postGraphql(server.url, {
      query: QUERY,
      variables: { owner: manifest.accounts.demo, scenarios: [{ name: 'impossible', moves: [{ riskFactor: 'ETH', move: -1.5 }] }] },
    })
    expect(answer.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    expect(answer.json.errors?.[0]?.message).toMatch(/−100%|-1/)
    expectNoInternals(answer.text)
  })
})
