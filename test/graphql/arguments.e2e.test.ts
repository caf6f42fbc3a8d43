import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import pino from 'pino'
import { runServer } from '../../src/app/runServer.js'
import { loadConfig } from '../../src/config/loadConfig.js'
import type { GraphqlServer } from '../../src/graphql/createServer.js'
import { testManifest } from '../support/devnet.js'
import { expectNoInternals, postGraphql } from './http.js'

const PORTFOLIO = /* GraphQL */ `
  query ($owner: Address!, $scenarios: [ScenarioInput!], $riskProfile: RiskProfileInput, $scanRanges: [ScanRangeInput!]) {
    portfolio(owner: $owner, scenarios: $scenarios, riskProfile: $riskProfile, scanRanges: $scanRanges) {
      owner
      customScenarios { lossUsd }
      sigmaDistance { nearest { venueId sigmas } }
      monteCarlo(paths: 200) { valueAtRiskUsd }
    }
  }
`

const SIMULATE = /* GraphQL */ `
  query ($owner: Address!, $priceMoves: [FactorMoveInput!]) {
    simulate(owner: $owner, priceMoves: $priceMoves) { owner }
  }
`

/** Log lines the server wrote, parsed. */
const lines: { level: number; msg?: string }[] = []
const memory = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line) as { level: number; msg?: string })
    done()
  },
})

describe('numbers that are finite but huge are bounded where they enter', () => {
  let server: GraphqlServer
  let owner: string
  beforeAll(async () => {
    owner = (await testManifest()).accounts.demo
    server = await runServer(loadConfig({ CHAINS_FILE: inject('devnetChainsFile'), PORT: '0', HYPERLIQUID_INFO_URL: 'off', LIGHTER_API_URL: 'off', RATE_LIMIT_PER_MINUTE: '0' }), pino({ level: 'info' }, memory))
  })
  afterAll(async () => {
    await server.stop()
  })

  it.each([
    ['a scenario move of 1e308', PORTFOLIO, { scenarios: [{ name: 'huge', moves: [{ riskFactor: 'ETH', move: 1e308 }] }] }, 'scenarios[0].moves[ETH].move'],
    ['a what-if price move of 1e308', SIMULATE, { priceMoves: [{ riskFactor: 'ETH', move: 1e308 }] }, 'priceMoves[ETH].move'],
    ['an annualized vol of 1e308', PORTFOLIO, { riskProfile: { factors: [{ riskFactor: 'ETH', annualizedVol: 1e308 }] } }, 'riskProfile.factors[ETH].annualizedVol'],
    ['a correlation of 1e308', PORTFOLIO, { riskProfile: { factors: [{ riskFactor: 'ETH', annualizedVol: 0.7 }, { riskFactor: 'BTC', annualizedVol: 0.5 }], correlations: [{ a: 'ETH', b: 'BTC', rho: 1e308 }] } }, 'riskProfile.correlations[0].rho'],
    ['a scan range of 1e308', PORTFOLIO, { scanRanges: [{ riskFactor: 'ETH', scanRange: 1e308 }] }, 'scanRanges[ETH].scanRange'],
  ])('%s is BAD_USER_INPUT naming the argument, and no error is logged', async (_case, query, variables, argument) => {
    const before = lines.length
    const answer = await postGraphql(server.url, { query, variables: { owner, ...variables } })
    expect(answer.json.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT')
    expect(answer.json.errors?.[0]?.message).toContain(argument)
    expect(answer.json.errors?.[0]?.message).toContain('1e+308')
    expectNoInternals(answer.text)
    // a request the client got wrong is not a server error
    expect(lines.slice(before).filter((l) => l.level >= 50)).toEqual([])
  })

  it('a huge number written in the document itself is refused the same way', async () => {
    const huge = await postGraphql(server.url, { query: `{ portfolio(owner: "${owner}", horizonDays: 1e308) { owner } }` })
    expect(huge.json.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT')
    expect(huge.json.errors?.[0]?.message).toContain('horizonDays')
  })

  it('in-range values still reach the engine', async () => {
    const answer = await postGraphql(server.url, {
      query: PORTFOLIO,
      variables: { owner, scenarios: [{ name: 'x100', moves: [{ riskFactor: 'ETH', move: 99 }] }], riskProfile: { factors: [{ riskFactor: 'ETH', annualizedVol: 19.9 }] } },
    })
    expect(answer.json.errors).toBeUndefined()
    const portfolio = answer.json.data?.['portfolio'] as { customScenarios: { lossUsd: number }[]; sigmaDistance: unknown; monteCarlo: { valueAtRiskUsd: number } }
    expect(Number.isFinite(portfolio.customScenarios[0]!.lossUsd)).toBe(true)
    expect(Number.isFinite(portfolio.monteCarlo.valueAtRiskUsd)).toBe(true)
  })
})
