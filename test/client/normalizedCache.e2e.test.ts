import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import pino from 'pino'
import { runServer } from '../../src/app/runServer.js'
import { loadConfig } from '../../src/config/loadConfig.js'
import type { DevnetManifest } from '../../src/devnet/manifest.js'
import type { GraphqlServer } from '../../src/graphql/createServer.js'
import { PortfolioDocument, ScenarioHealthDocument } from '../../src/client/index.js'
import { testManifest } from '../support/devnet.js'

/**
 * A dashboard on a normalized-cache GraphQL client (Apollo Client's
 * InMemoryCache keys every object by `__typename:id`) querying two wallets,
 * as a new user would: the first wallet's cached answer must stay its own.
 */
describe('a normalized-cache client (Apollo Client) querying two wallets', () => {
  let manifest: DevnetManifest
  let server: GraphqlServer
  let apollo: ApolloClient

  beforeAll(async () => {
    manifest = await testManifest()
    server = await runServer(loadConfig({ CHAINS_FILE: inject('devnetChainsFile'), PORT: '0', RATE_LIMIT_PER_MINUTE: '0' }), pino({ level: 'silent' }))
    apollo = new ApolloClient({ link: new HttpLink({ uri: server.url }), cache: new InMemoryCache() })
  })
  afterAll(async () => {
    await server?.stop()
  })

  it("keeps each wallet's venues apart: the demo wallet's cached health factors survive a query of the deployer's", async () => {
    const demo = manifest.accounts.demo
    const other = manifest.accounts.deployer
    const first = await apollo.query({ query: PortfolioDocument, variables: { owner: demo } })
    const demoVenues = first.data!.portfolio!.venues.map((v) => [v.id, v.status, v.healthFactor])
    expect(demoVenues.filter(([, status]) => status === 'HEALTHY').length).toBeGreaterThan(2)
    const second = await apollo.query({ query: PortfolioDocument, variables: { owner: other } })
    const otherIds = new Set(second.data!.portfolio!.venues.map((v) => v.id))
    expect(otherIds.size).toBeGreaterThan(0)
    // no venue id is shared between two wallets
    expect(demoVenues.filter(([id]) => otherIds.has(id as string))).toEqual([])
    // what a dashboard re-renders from the cache is still the demo wallet's
    const cached = apollo.readQuery({ query: PortfolioDocument, variables: { owner: demo } })
    expect(cached!.portfolio!.venues.map((v) => [v.id, v.status, v.healthFactor])).toEqual(demoVenues)
  })

  it("keeps two requests' own scenarios apart: scenarios that move differently never share an id", async () => {
    const owner = manifest.accounts.demo
    const ask = (move: number) => apollo.query({ query: ScenarioHealthDocument, variables: { owner, scenarios: [{ name: 'ETH shock', moves: [{ riskFactor: 'ETH', move }] }] } })
    const down30 = await ask(-0.3)
    const down50 = await ask(-0.5)
    const [a] = down30.data!.portfolio!.customScenarios!
    const [b] = down50.data!.portfolio!.customScenarios!
    expect(a!.scenario.id).not.toBe(b!.scenario.id)
    const cached = apollo.readQuery({ query: ScenarioHealthDocument, variables: { owner, scenarios: [{ name: 'ETH shock', moves: [{ riskFactor: 'ETH', move: -0.3 }] }] } })
    expect(cached!.portfolio!.customScenarios![0]!.scenario.moves).toEqual([{ __typename: 'FactorMove', riskFactor: 'ETH', move: -0.3 }])
    expect(cached!.portfolio!.customScenarios![0]!.lossUsd).toBe(a!.lossUsd)
  })
})
