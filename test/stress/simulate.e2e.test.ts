import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { GraphQLClient, gql } from 'graphql-request'
import pino from 'pino'
import { parseUnits } from 'viem'
import { runServer } from '../../src/app/runServer.js'
import { loadConfig } from '../../src/config/loadConfig.js'
import { MorphoDevnetActions } from '../../src/protocols/morphoBlue/devnet/deployMorphoBlue.js'
import type { DevnetManifest } from '../../src/devnet/manifest.js'
import { compileMorphoDevnetContracts } from '../../src/protocols/morphoBlue/devnet/morphoArtifacts.js'
import type { GraphqlServer } from '../../src/graphql/createServer.js'
import { expectNoInternals, postGraphql } from '../graphql/http.js'
import { TestChain, testManifest } from '../support/devnet.js'
import { ARTIFACT_CACHE_DIR } from '../../src/devnet/startDevnet.js'

const SIMULATE = gql`
  query ($owner: Address!, $actions: [VenueActionInput!], $priceMoves: [FactorMoveInput!]) {
    simulate(owner: $owner, actions: $actions, priceMoves: $priceMoves) {
      venues { id protocol chainId healthFactor healthFactorWad }
      simulation { warnings actions { venueId kind asset amount } priceMoves { riskFactor move } }
      liquidationDistance { nearest { venueId changePct } }
    }
  }
`
const PORTFOLIO = gql`
  query ($owner: Address!) { portfolio(owner: $owner) { venues { id protocol chainId healthFactor healthFactorWad } } }
`
type Venues = { venues: { id: string; protocol: string; chainId: number; healthFactor: number | null; healthFactorWad: string | null }[] }

describe('what-if: simulate, then do it for real and compare with the contracts', () => {
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

  it('Aave: a borrow and a supply give the health factor the contract reports once they are sent', async () => {
    const before = (await client.request<{ portfolio: Venues }>(PORTFOLIO, { owner: manifest.accounts.demo })).portfolio
    const venue = before.venues.find((v) => v.protocol === 'AAVE_V3' && v.chainId === 900001)!
    const actions = [
      { venueId: venue.id, kind: 'SUPPLY', asset: 'WBTC', amount: '0.01' },
      { venueId: venue.id, kind: 'BORROW', asset: 'USDC', amount: '2500' },
    ]
    const sim = (await client.request<{ simulate: Venues & { simulation: { warnings: string[] } } }>(SIMULATE, { owner: manifest.accounts.demo, actions })).simulate
    expect(sim.simulation.warnings).toEqual([])
    const predicted = sim.venues.find((v) => v.id === venue.id)!.healthFactor!
    expect(predicted).toBeLessThan(venue.healthFactor!)
    const chain = new TestChain(manifest.chains.find((c) => c.chainId === 900001)!)
    const snap = await chain.snapshot()
    try {
      await chain.aave.supply(chain.asset('WBTC'), manifest.accounts.demo, parseUnits('0.01', 8))
      await chain.aave.borrow(chain.asset('USDC'), manifest.accounts.demo, parseUnits('2500', 6), 'variable')
      const ref = await chain.userAccountData(manifest.accounts.demo, await chain.client.getBlockNumber())
      // a few seconds of interest between the read and the transactions: 1e-6 relative
      expect(Math.abs(predicted - Number(ref.healthFactor) / 1e18) / predicted).toBeLessThan(1e-6)
    } finally {
      await chain.revert(snap)
    }
  })

  it('Morpho: added collateral gives the health Morpho itself computes after supplyCollateral', async () => {
    const before = (await client.request<{ portfolio: Venues }>(PORTFOLIO, { owner: manifest.accounts.demo })).portfolio
    const venue = before.venues.find((v) => v.protocol === 'MORPHO_BLUE' && v.chainId === 900003)!
    const sim = (await client.request<{ simulate: Venues }>(SIMULATE, { owner: manifest.accounts.demo, actions: [{ venueId: venue.id, kind: 'SUPPLY', asset: 'WETH', amount: '1' }] })).simulate
    const predicted = sim.venues.find((v) => v.id === venue.id)!.healthFactor!
    expect(predicted).toBeCloseTo(venue.healthFactor! * 6 / 5, 3)
    const chain = new TestChain(manifest.chains.find((c) => c.chainId === 900003)!)
    const snap = await chain.snapshot()
    try {
      const abi = (await compileMorphoDevnetContracts(ARTIFACT_CACHE_DIR)).morpho.abi
      const market = chain.entry.morphoBlue!.markets.find((m) => venue.id.includes(m.id))!
      await new MorphoDevnetActions(chain.deployer, chain.entry.morphoBlue!.morpho, abi).supplyCollateral(market, manifest.accounts.demo, parseUnits('1', 18))
      const after = (await client.request<{ portfolio: Venues }>(PORTFOLIO, { owner: manifest.accounts.demo })).portfolio
      const real = after.venues.find((v) => v.id === venue.id)!.healthFactor!
      expect(Math.abs(predicted - real) / real).toBeLessThan(1e-6)
    } finally {
      await chain.revert(snap)
    }
  })

  it('price moves and actions together; a borrow past the LTV is flagged, not hidden', async () => {
    const before = (await client.request<{ portfolio: Venues }>(PORTFOLIO, { owner: manifest.accounts.demo })).portfolio
    const venue = before.venues.find((v) => v.protocol === 'AAVE_V3' && v.chainId === 900002)!
    const sim = (await client.request<{ simulate: Venues & { simulation: { warnings: string[]; priceMoves: { riskFactor: string; move: number }[] } } }>(SIMULATE, {
      owner: manifest.accounts.demo,
      priceMoves: [{ riskFactor: 'ETH', move: -0.2 }],
      actions: [{ venueId: venue.id, kind: 'BORROW', asset: 'USDC', amount: '100000' }],
    })).simulate
    expect(sim.simulation.priceMoves).toEqual([{ riskFactor: 'ETH', move: -0.2 }])
    expect(sim.simulation.warnings.join(' ')).toMatch(/exceeds the LTV/)
    expect(sim.venues.find((v) => v.id === venue.id)!.healthFactor!).toBeLessThan(1)
  })

  it('rejects an unknown venue, or repaying more than is owed, with BAD_USER_INPUT', async () => {
    const unknown = await postGraphql(server.url, { query: SIMULATE, variables: { owner: manifest.accounts.demo, actions: [{ venueId: 'aave-v3:1:0x0', kind: 'SUPPLY', asset: 'WETH', amount: '1' }] } })
    expect(unknown.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    const before = (await client.request<{ portfolio: Venues }>(PORTFOLIO, { owner: manifest.accounts.demo })).portfolio
    const venue = before.venues.find((v) => v.protocol === 'AAVE_V3' && v.chainId === 900002)!
    const tooMuch = await postGraphql(server.url, { query: SIMULATE, variables: { owner: manifest.accounts.demo, actions: [{ venueId: venue.id, kind: 'REPAY', asset: 'USDC', amount: '99999999' }] } })
    expect(tooMuch.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    expect(tooMuch.json.errors?.[0]?.message).toMatch(/owes less/)
    expectNoInternals(tooMuch.text)
  })
})
