import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import pino from 'pino'
import { runServer } from '../../src/app/runServer.js'
import { loadConfig } from '../../src/config/loadConfig.js'
import type { DevnetManifest } from '../../src/devnet/manifest.js'
import type { GraphqlServer } from '../../src/graphql/createServer.js'
import { PublicErrorCode } from '../../src/graphql/errorCodes.js'
import { expectNoInternals, postGraphql, type HttpAnswer } from '../graphql/http.js'
import { testManifest } from '../support/devnet.js'

/** Every field that takes arguments, with every argument a variable. */
const QUERY = /* GraphQL */ `
  query (
    $owner: Address!
    $chainIds: [Int!]
    $apiVenues: [Protocol!]
    $scenarios: [ScenarioInput!]
    $scanRanges: [ScanRangeInput!]
    $riskProfile: RiskProfileInput
    $horizonDays: Float
    $paths: Int
    $steps: Int
    $confidence: Float
    $seed: Int
    $degreesOfFreedom: Float
  ) {
    portfolio(owner: $owner, chainIds: $chainIds, apiVenues: $apiVenues, scenarios: $scenarios, scanRanges: $scanRanges, riskProfile: $riskProfile, horizonDays: $horizonDays) {
      owner
      totals { netEquityUsd }
      customScenarios { lossUsd liquidatedVenueIds }
      sigmaDistance { nearest { venueId sigmas } }
      monteCarlo(paths: $paths, steps: $steps, confidence: $confidence, seed: $seed, degreesOfFreedom: $degreesOfFreedom) { valueAtRiskUsd }
    }
  }
`

const PUBLIC_CODES = new Set<string>(Object.values(PublicErrorCode))
const RUNS = 1_000
/** Generous per-request bound: catches a hang, not a latency figure (that is `npm run bench`'s). */
const REQUEST_TIMEOUT_MS = 10_000

/** Numbers as JSON carries them: the edges of the ranges, huge, tiny, negative zero. */
const number = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -5, max: 5 }), fc.constantFrom(-1, -1.0000001, 0, -0, 1e-300, 1e300, 0.5, 365, 366))
const text = fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('ETH', 'USDC', 'WSTETH_ETH', '', ' ', '__proto__', 'constructor', '\u0000', '💥'.repeat(20)))

function expectWellBehaved(r: HttpAnswer): void {
  expect(r.status, r.text.slice(0, 300)).toBeLessThan(500)
  expectNoInternals(r.text)
  const body = r.json
  for (const e of body.errors ?? []) expect(PUBLIC_CODES.has(String(e.extensions?.['code'])), JSON.stringify(e)).toBe(true)
}

describe(`fuzzing the GraphQL arguments (${RUNS} runs per property)`, () => {
  let manifest: DevnetManifest
  let server: GraphqlServer
  beforeAll(async () => {
    manifest = await testManifest()
    server = await runServer(loadConfig({ CHAINS_FILE: inject('devnetChainsFile'), PORT: '0', HYPERLIQUID_INFO_URL: 'off', LIGHTER_API_URL: 'off', RATE_LIMIT_PER_MINUTE: '0', MONTE_CARLO_MAX_EVALUATIONS: '2000000' }), pino({ level: 'silent' }))
  })
  afterAll(async () => {
    await server.stop()
  })

  it('typed arguments: never a 5xx, a stack trace or a server path; every error has a public code', async () => {
    const variables = fc.record(
      {
        owner: fc.oneof({ arbitrary: fc.constant(manifest.accounts.demo), weight: 6 }, fc.constant(manifest.accounts.demo.toLowerCase()), fc.stringMatching(/^0x[0-9a-fA-F]{0,45}$/), text),
        // 999 is HyperEVM, a chain this server does not read
        chainIds: fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, fc.array(fc.oneof(fc.constantFrom(900001, 900002, 900003, 999, 1), fc.integer()), { maxLength: 6 })),
        apiVenues: fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, fc.array(fc.constantFrom('HYPERLIQUID', 'DYDX_V4', 'AAVE_V3', 'NOT_A_PROTOCOL'), { maxLength: 3 })),
        scenarios: fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, fc.array(fc.record({ name: text, moves: fc.array(fc.record({ riskFactor: text, move: number }), { maxLength: 5 }) }), { maxLength: 4 })),
        scanRanges: fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, fc.array(fc.record({ riskFactor: text, scanRange: number }), { maxLength: 4 })),
        riskProfile: fc.oneof(
          { arbitrary: fc.constant(null), weight: 4 },
          fc.record({
            factors: fc.array(fc.record({ riskFactor: text, annualizedVol: number }), { maxLength: 4 }),
            correlations: fc.array(fc.record({ a: text, b: text, rho: number }), { maxLength: 4 }),
          }),
        ),
        horizonDays: fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, number),
        paths: fc.oneof(fc.constant(null), fc.integer({ min: -1_000, max: 2_000 })),
        steps: fc.oneof(fc.constant(null), fc.integer({ min: -2, max: 2_000 })),
        confidence: fc.oneof(fc.constant(null), number),
        seed: fc.oneof(fc.constant(null), fc.integer()),
        degreesOfFreedom: fc.oneof(fc.constant(null), number),
      },
      { requiredKeys: ['owner'] },
    )
    let answered = 0
    await fc.assert(
      fc.asyncProperty(variables, async (v) => {
        const r = await postGraphql(server.url, { query: QUERY, variables: v }, AbortSignal.timeout(REQUEST_TIMEOUT_MS))
        expectWellBehaved(r)
        if (r.json.data?.['portfolio']) answered += 1
      }),
      { numRuns: RUNS, seed: 66 },
    )
    // the arbitraries reach the engine, not only the validators
    expect(answered).toBeGreaterThan(RUNS / 5)
  }, 600_000)

  it('raw documents and bodies: never a 5xx, always JSON, never internals', async () => {
    const documents = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.constantFrom('{', '}', '{ portfolio', 'query ($a: Int) { chains { chainId } }', '{ __schema { types { name } } }', 'subscription { x }', 'mutation { x }', '{ chains { chainId } } { chains { chainId } }'),
      fc.array(fc.constantFrom('{', '}', 'portfolio', '(owner: "0x")', 'chains', 'chainId', '...', 'on', 'fragment f on Query', '@skip(if: true)', '$x', ':', 'a:', '"', '#'), { maxLength: 40 }).map((xs) => xs.join(' ')),
    )
    const bodies = fc.oneof(
      documents.map((query) => ({ query })),
      fc.record({ query: documents, variables: fc.jsonValue(), operationName: fc.oneof(fc.string({ maxLength: 20 }), fc.constant(null)) }),
      fc.jsonValue().map((raw) => ({ raw: JSON.stringify(raw) ?? 'null' })),
      fc.string({ maxLength: 200 }).map((raw) => ({ raw })),
    )
    await fc.assert(
      fc.asyncProperty(bodies, async (b) => {
        const r = await postGraphql(server.url, b as Parameters<typeof postGraphql>[1], AbortSignal.timeout(REQUEST_TIMEOUT_MS))
        expectWellBehaved(r)
        expect(r.contentType ?? '').toMatch(/json/)
      }),
      { numRuns: RUNS, seed: 67 },
    )
  }, 600_000)
})
