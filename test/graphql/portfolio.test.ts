import { getIntrospectionQuery, type IntrospectionQuery } from 'graphql'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startGraphqlServer, type GraphqlServer } from '../../src/graphql/createServer.js'
import { ChainUnavailableError, UnknownChainError } from '../../src/errors/index.js'
import {
  aLiquidationPrice,
  anAvailableVenue,
  aBlock,
  anUnavailableVenue,
  aPortfolio,
  ethNearest,
  OWNER,
  OWNER_CHECKSUMMED,
  POOL_MAINNET_CHECKSUMMED,
  StubPortfolioService,
  WETH_CHECKSUMMED,
} from './builders.js'
import { expectNoInternals, postGraphql } from './http.js'

/** The query outside tools send; its field names are fixed. */
const FIXED_QUERY = /* GraphQL */ `
  query Portfolio($owner: Address!) {
    portfolio(owner: $owner) {
      blocks { chainId blockNumber }
      venues {
        id chainId protocol status healthFactor healthFactorWad
        liquidationPrices { riskFactor priceUsd changePct }
      }
      liquidationDistance {
        nearest { venueId riskFactor priceUsd changePct }
        marketWide { changePct venueId }
      }
    }
  }
`

/** Every field of the schema once. */
const EVERY_FIELD_QUERY = /* GraphQL */ `
  query Everything($owner: Address!, $chainIds: [Int!]) {
    chains { chainId name key }
    portfolio(owner: $owner, chainIds: $chainIds) {
      owner
      blocks { ...block }
      chains { chainId name status block { ...block } error { code message } }
      venues {
        id protocol chainId account market protocolVersion status
        error { code message }
        block { ...block }
        formula eModeCategory healthFactor healthFactorWad
        positions {
          asset { symbol address decimals riskFactor ratioRiskFactor }
          side amount amountFloat valueUsd
          price { priceE8 priceUsd oracle feed updatedAt }
          maintenanceWeight initialWeight variableDebt stableDebt
        }
        margin {
          collateralUsd debtUsd equityUsd weightedCollateralUsd maintenanceMarginUsd initialMarginUsd
          totalCollateralBase totalDebtBase avgLiquidationThresholdBps avgLtvBps
        }
        liquidationPrices {
          riskFactor referenceAsset priceE8 priceUsd currentPriceE8 changePct direction alreadyLiquidatable
        }
        liquidationPriceGaps { riskFactor reason }
      }
      exposures { riskFactor kind longUsd shortUsd netUsd }
      totals { collateralUsd debtUsd netEquityUsd maintenanceMarginUsd initialMarginUsd }
      firstToLiquidate { changePct venueId }
      oneAccount {
        factors { riskFactor kind netUsd maintenanceWeight initialWeight }
        healthFactor assetsUsd liabilitiesUsd weightedAssetsUsd equityUsd
        maintenanceMarginUsd initialMarginUsd marginRatio liquidatable fragmentationCostUsd
      }
      liquidationDistance {
        horizonDays
        nearest { ...nearest }
        perRiskFactor { ...nearest }
        marketWide { changePct venueId }
        marketWideDown { changePct venueId }
        marketWideUp { changePct venueId }
      }
    }
  }
  fragment block on Block { chainId blockNumber blockHash timestamp }
  fragment nearest on NearestLiquidation { venueId riskFactor priceUsd changePct sigmaDistance ranking }
`

const VENUE_ID = anAvailableVenue().id
const service = new StubPortfolioService()
let server: GraphqlServer

beforeAll(async () => {
  server = await startGraphqlServer({ service, port: 0, logger: silentLogger() })
})
afterAll(async () => {
  await server.stop()
})
beforeEach(() => {
  service.calls = []
  service.answer = async () => aPortfolio()
})

describe('Query.portfolio', () => {
  it('answers the fixed query in the fixed shape', async () => {
    const answer = await postGraphql(server.url, { query: FIXED_QUERY, variables: { owner: OWNER } })

    expect(answer.status).toBe(200)
    expect(answer.json).toEqual({
      data: {
        portfolio: {
          blocks: [{ chainId: 1, blockNumber: '21000000' }],
          venues: [
            {
              id: VENUE_ID,
              chainId: 1,
              protocol: 'AAVE_V3',
              status: 'HEALTHY',
              healthFactor: 1.245,
              healthFactorWad: '1245000000000000000',
              liquidationPrices: [{ riskFactor: 'ETH', priceUsd: 2409.63855421, changePct: -19.678715 }],
            },
          ],
          liquidationDistance: {
            nearest: {
              venueId: VENUE_ID,
              riskFactor: 'ETH',
              priceUsd: 2409.63855421,
              changePct: -19.678715,
            },
            marketWide: { changePct: -19.678715, venueId: VENUE_ID },
          },
        },
      },
    })
  })

  it('passes the owner checksummed and chainIds as sent (undefined when omitted) to the service', async () => {
    await postGraphql(server.url, { query: FIXED_QUERY, variables: { owner: OWNER } })
    await postGraphql(server.url, {
      query: `{ portfolio(owner: "${OWNER.toUpperCase().replace('0X', '0x')}", chainIds: [1, 42161]) { owner } }`,
    })

    expect(service.calls).toEqual([
      { owner: OWNER_CHECKSUMMED, chainIds: undefined },
      { owner: OWNER_CHECKSUMMED, chainIds: [1, 42161] },
    ])
  })

  it('answers every field, addresses EIP-55 checksummed and on-chain integers as decimal strings', async () => {
    const answer = await postGraphql(server.url, { query: EVERY_FIELD_QUERY, variables: { owner: OWNER } })

    expect(answer.json.errors).toBeUndefined()
    const portfolio = answer.json.data?.['portfolio'] as Record<string, any>
    expect(portfolio['owner']).toBe(OWNER_CHECKSUMMED)
    const [venue] = portfolio['venues']
    expect(venue).toMatchObject({
      account: OWNER_CHECKSUMMED,
      market: POOL_MAINNET_CHECKSUMMED,
      status: 'HEALTHY',
      error: null,
      block: { chainId: 1, blockNumber: '21000000', blockHash: `0x${'ab'.repeat(32)}`, timestamp: '1730000000' },
      formula: 'Aave V3 GenericLogic.calculateUserAccountData',
      eModeCategory: 0,
      margin: { totalCollateralBase: '3000000000000', avgLiquidationThresholdBps: '8300', avgLtvBps: '8050' },
      liquidationPrices: [
        {
          riskFactor: 'ETH',
          referenceAsset: 'WETH',
          priceE8: '240963855421',
          currentPriceE8: '300000000000',
          direction: 'DOWN',
          alreadyLiquidatable: false,
        },
      ],
      liquidationPriceGaps: [{ riskFactor: 'USDC', reason: 'OUT_OF_RANGE' }],
    })
    expect(venue.positions[0]).toEqual({
      asset: { symbol: 'WETH', address: WETH_CHECKSUMMED, decimals: 18, riskFactor: 'ETH', ratioRiskFactor: null },
      side: 'COLLATERAL',
      amount: '10000000000000000000',
      amountFloat: 10,
      valueUsd: 30_000,
      price: {
        priceE8: '300000000000',
        priceUsd: 3000,
        oracle: '0x54586bE62E3c3580375aE3723C145253060Ca0C2',
        feed: '0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419',
        updatedAt: '1729999000',
      },
      maintenanceWeight: 0.83,
      initialWeight: 0.805,
      variableDebt: null,
      stableDebt: null,
    })
    expect(venue.positions[1]).toMatchObject({ side: 'DEBT', variableDebt: '20000000000', stableDebt: '0' })
    expect(portfolio['chains']).toEqual([
      { chainId: 1, name: 'Ethereum', status: 'OK', block: venue.block, error: null },
    ])
    expect(portfolio['exposures'][1]).toEqual({ riskFactor: 'USDC', kind: 'STABLE', longUsd: 0, shortUsd: 20_000, netUsd: -20_000 })
    expect(portfolio['oneAccount'].factors[0].kind).toBe('VOLATILE')
    expect(portfolio['liquidationDistance'].marketWideUp).toBeNull()
    // each entry keeps its percent move, with its σ-distance and the ranking it used
    expect(portfolio['liquidationDistance'].horizonDays).toBe(1)
    expect(portfolio['liquidationDistance'].nearest).toEqual(ethNearest(VENUE_ID))
    expect(portfolio['liquidationDistance'].nearest.sigmaDistance).toBeCloseTo(Math.log(1 / (1 - 0.19678715)) / (0.754 / Math.sqrt(365)), 9)
    expect(answer.json.data?.['chains']).toEqual([
      { chainId: 1, name: 'Ethereum', key: 'mainnet' },
      { chainId: 42161, name: 'Arbitrum One', key: 'arbitrum' },
    ])
  })

  it('derives the venue status from its health; no debt gives null health factors', async () => {
    service.answer = async () =>
      aPortfolio({
        venues: [
          anAvailableVenue({ id: 'no-debt', health: { kind: 'noDebt' }, liquidationPrices: [{ kind: 'none', riskFactor: 'ETH', reason: 'NO_DEBT' }] }),
          anAvailableVenue({
            id: 'underwater',
            health: { kind: 'ok', healthFactorWad: 999_999_999_999_999_999n, healthFactor: 0.999999999999999999, liquidatable: true },
            liquidationPrices: [aLiquidationPrice({ alreadyLiquidatable: true, changePct: 0 })],
          }),
          anAvailableVenue({ id: 'healthy' }),
        ],
      })
    const answer = await postGraphql(server.url, {
      query: `query($owner: Address!) { portfolio(owner: $owner) { venues {
        id status healthFactor healthFactorWad
        liquidationPrices { alreadyLiquidatable } liquidationPriceGaps { riskFactor reason } } } }`,
      variables: { owner: OWNER },
    })

    expect(answer.json.data?.['portfolio']).toEqual({
      venues: [
        { id: 'no-debt', status: 'NO_DEBT', healthFactor: null, healthFactorWad: null, liquidationPrices: [], liquidationPriceGaps: [{ riskFactor: 'ETH', reason: 'NO_DEBT' }] },
        { id: 'underwater', status: 'LIQUIDATABLE', healthFactor: 1, healthFactorWad: '999999999999999999', liquidationPrices: [{ alreadyLiquidatable: true }], liquidationPriceGaps: [] },
        { id: 'healthy', status: 'HEALTHY', healthFactor: 1.245, healthFactorWad: '1245000000000000000', liquidationPrices: [{ alreadyLiquidatable: false }], liquidationPriceGaps: [{ riskFactor: 'USDC', reason: 'OUT_OF_RANGE' }] },
      ],
    })
  })

  it('shows an UNAVAILABLE venue with its error code at its path while the other venues answer', async () => {
    service.answer = async () =>
      aPortfolio({
        chains: [
          { chainId: 1, name: 'Ethereum', status: 'ok', block: aBlock(), headAgeSeconds: 4, stale: false },
          {
            chainId: 42161,
            name: 'Arbitrum One',
            status: 'unavailable',
            // An adapter that let its node's URL slip into the message: it must not reach the client.
            error: { code: 'CHAIN_UNAVAILABLE', message: 'Chain 42161 could not be read: HTTP request failed. URL: http://10.0.0.7:8545/v2/SECRETKEY' },
          },
        ],
        venues: [anAvailableVenue(), anUnavailableVenue()],
      })
    const answer = await postGraphql(server.url, {
      query: `query($owner: Address!) { portfolio(owner: $owner) {
        blocks { chainId }
        chains { chainId status error { code message } }
        venues { id chainId status healthFactor healthFactorWad block { blockNumber } positions { side } margin { debtUsd }
                 liquidationPrices { riskFactor } liquidationPriceGaps { riskFactor } error { code message } } } }`,
      variables: { owner: OWNER },
    })

    expect(answer.status).toBe(200)
    expect(answer.json.errors).toBeUndefined()
    const portfolio = answer.json.data?.['portfolio'] as Record<string, any>
    expect(portfolio['blocks']).toEqual([{ chainId: 1 }])
    expect(portfolio['venues'][0]).toMatchObject({ chainId: 1, status: 'HEALTHY', healthFactor: 1.245, error: null })
    expect(portfolio['venues'][1]).toEqual({
      id: anUnavailableVenue().id,
      chainId: 42161,
      status: 'UNAVAILABLE',
      healthFactor: null,
      healthFactorWad: null,
      block: null,
      positions: null,
      margin: null,
      liquidationPrices: null,
      liquidationPriceGaps: null,
      error: { code: 'CHAIN_UNAVAILABLE', message: 'Chain 42161 could not be read: no answer within 5000 ms.' },
    })
    expect(portfolio['chains'][1]).toEqual({
      chainId: 42161,
      status: 'UNAVAILABLE',
      error: { code: 'CHAIN_UNAVAILABLE', message: 'Chain 42161 could not be read: HTTP request failed. URL: <url>' },
    })
    expect(answer.text).not.toContain('SECRETKEY')
  })
})

describe('errors', () => {
  it.each([
    ['too short', '0x1234', /has 4 hex characters after 0x; an address has exactly 40/],
    ['not hex', `0x${'g'.repeat(40)}`, /non-hex character "g" at index 2/],
    ['no 0x', 'a'.repeat(42), /must start with 0x/],
    ['wrong EIP-55 checksum', OWNER_CHECKSUMMED.replace('E0F7', 'e0F7'), /invalid EIP-55 checksum/],
  ])('rejects an address that is %s with BAD_USER_INPUT saying what is wrong', async (_case, owner, reason) => {
    const answer = await postGraphql(server.url, { query: FIXED_QUERY, variables: { owner } })

    expect(answer.status).toBe(400)
    expect(answer.json.data).toBeUndefined()
    expect(answer.json.errors).toHaveLength(1)
    const [error] = answer.json.errors!
    expect(error!.extensions).toEqual({ code: 'BAD_USER_INPUT' })
    expect(error!.message).toMatch(/^Variable "\$owner": Invalid Address: /)
    expect(error!.message).toMatch(reason)
    expectNoInternals(answer.text)
    expect(service.calls).toEqual([])
  })

  it('rejects an invalid address literal with BAD_USER_INPUT too', async () => {
    const answer = await postGraphql(server.url, { query: '{ portfolio(owner: "0xnope") { owner } }' })

    expect(answer.status).toBe(400)
    expect(answer.json.errors?.[0]).toMatchObject({
      message: 'Invalid Address: "0xnope" has a non-hex character "n" at index 2; expected 0x followed by 40 hex characters.',
      extensions: { code: 'BAD_USER_INPUT' },
    })
    expectNoInternals(answer.text)
  })

  it('quotes at most 64 characters of a huge invalid value', async () => {
    const owner = `0x${'f'.repeat(20_000)}`
    const literal = await postGraphql(server.url, { query: `{ portfolio(owner: "${owner}") { owner } }` })
    const variable = await postGraphql(server.url, { query: FIXED_QUERY, variables: { owner } })

    for (const answer of [literal, variable]) {
      expect(answer.json.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT' })
      expect(answer.json.errors?.[0]?.message).toContain('has 20000 hex characters after 0x')
      expect(answer.text.length).toBeLessThan(400)
    }
  })

  it('answers an unknown chain id (UnknownChainError) with BAD_USER_INPUT and the configured ids', async () => {
    service.answer = async () => {
      throw new UnknownChainError(5, [1, 42161])
    }
    const answer = await postGraphql(server.url, {
      query: 'query($owner: Address!) { portfolio(owner: $owner, chainIds: [5]) { owner } }',
      variables: { owner: OWNER },
    })

    expect(answer.json).toEqual({
      data: { portfolio: null },
      errors: [
        {
          message: 'Chain 5 is not configured. Configured chain ids: 1, 42161.',
          locations: [{ line: 1, column: 27 }],
          path: ['portfolio'],
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    })
  })

  it('answers a ChainUnavailableError thrown for the whole request with CHAIN_UNAVAILABLE', async () => {
    service.answer = async () => {
      throw new ChainUnavailableError(1, { reason: 'no answer within 5000 ms', cause: new Error('fetch http://127.0.0.1:8545 failed') })
    }
    const answer = await postGraphql(server.url, { query: FIXED_QUERY, variables: { owner: OWNER } })

    expect(answer.json.errors?.[0]).toMatchObject({
      message: 'Chain 1 could not be read: no answer within 5000 ms.',
      extensions: { code: 'CHAIN_UNAVAILABLE' },
    })
    expectNoInternals(answer.text)
  })

  it('answers an unexpected error with INTERNAL_SERVER_ERROR and nothing internal', async () => {
    service.answer = async () => {
      throw new TypeError('Cannot read properties of undefined at http://10.0.0.7:8545/v2/SECRETKEY (/work/main/src/adapters/aaveV3/fetch.ts:12:3)')
    }
    const answer = await postGraphql(server.url, { query: FIXED_QUERY, variables: { owner: OWNER } })

    expect(answer.status).toBe(200)
    expect(answer.json.data).toEqual({ portfolio: null })
    expect(answer.json.errors).toEqual([
      {
        message: 'Internal server error. The failure was logged; retry later or report it.',
        locations: [{ line: 3, column: 5 }],
        path: ['portfolio'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ])
    expectNoInternals(answer.text)
    expect(answer.text).not.toContain('SECRETKEY')
    expect(answer.text).not.toContain('TypeError')
  })

  it('keeps Apollo codes for parse and validation errors', async () => {
    const parse = await postGraphql(server.url, { query: '{ portfolio(owner: ' })
    const validation = await postGraphql(server.url, { query: '{ portfolio { nope } }' })

    expect(parse.status).toBe(400)
    expect(parse.json.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' })
    expect(validation.status).toBe(400)
    expect(validation.json.errors?.map((e) => e.extensions?.['code'])).toEqual([
      'GRAPHQL_VALIDATION_FAILED',
      'GRAPHQL_VALIDATION_FAILED',
    ])
    expect(validation.json.errors?.map((e) => e.message)).toEqual([
      'Cannot query field "nope" on type "Portfolio".',
      'Field "portfolio" argument "owner" of type "Address!" is required, but it was not provided.',
    ])
  })

  it('answers HTTP-level problems as JSON in the GraphQL error shape', async () => {
    const badJson = await postGraphql(server.url, { raw: '{"query": ' })
    const tooLarge = await postGraphql(server.url, { raw: JSON.stringify({ query: `{ chains { name } } #${'x'.repeat(100_000)}` }) })
    const wrongPath = await fetch(server.url.replace('/graphql', '/nowhere'), { method: 'POST' })
    const postToPage = await fetch(server.url.replace('/graphql', '/'), { method: 'POST' })

    expect(badJson.status).toBe(400)
    expect(badJson.json).toEqual({ errors: [{ message: 'Request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] })
    expect(tooLarge.status).toBe(413)
    expect(tooLarge.json.errors?.[0]?.extensions).toEqual({ code: 'BAD_REQUEST' })
    expect(wrongPath.status).toBe(404)
    expect(await wrongPath.json()).toEqual({
      errors: [{ message: 'Not found. The GraphQL endpoint is /graphql.', extensions: { code: 'BAD_REQUEST' } }],
    })
    // the dashboard's path answers GET only
    expect(postToPage.status).toBe(405)
    expect(await postToPage.json()).toEqual({ errors: [{ message: 'The web pages answer GET only.', extensions: { code: 'BAD_REQUEST' } }] })
    for (const answer of [badJson, tooLarge]) expectNoInternals(answer.text)
  })

  it('rejects a document with more aliased fields than the limit', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `p${i}: portfolio(owner: "${OWNER}") { owner }`).join('\n')
    const answer = await postGraphql(server.url, { query: `{ ${aliases} }` })

    expect(answer.status).toBe(400)
    expect(answer.json.errors?.[0]).toMatchObject({
      message: expect.stringContaining('Aliases limit of 15 exceeded, found 16.'),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    })
    expect(service.calls).toEqual([])
  })

  it('accepts a query selecting every field of the schema within the cost and depth limits', async () => {
    const answer = await postGraphql(server.url, {
      query: EVERY_FIELD_QUERY,
      variables: { owner: OWNER, chainIds: [1] },
    })

    expect(answer.status).toBe(200)
    expect(answer.json.errors).toBeUndefined()
  })
})

describe('abuse', () => {
  it('rate limits each client on /graphql with a JSON 429 and Retry-After; operations endpoints and other clients are not held', async () => {
    const limited = await startGraphqlServer({ service, port: 0, logger: silentLogger(), rateLimit: { requestsPerMinute: 3, trustForwardedFor: true } })
    try {
      const ask = (client: string) =>
        fetch(limited.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': client }, body: JSON.stringify({ query: '{ chains { chainId } }' }) })
      for (let i = 0; i < 3; i++) expect((await ask('203.0.113.7')).status).toBe(200)
      const refused = await ask('203.0.113.7')
      expect(refused.status).toBe(429)
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60)
      expect(await refused.json()).toEqual({ errors: [{ message: expect.stringMatching(/^Too many requests from this client; retry in \d+ s\.$/), extensions: { code: 'RATE_LIMITED' } }] })
      expect((await ask('203.0.113.8')).status).toBe(200)
      expect((await fetch(limited.url.replace('/graphql', '/healthz'))).status).toBe(200)
    } finally {
      await limited.stop()
    }
  })

  it('CSRF prevention: a simple GET without a preflight-forcing header is refused, with one it is served', async () => {
    const url = `${server.url}?query=${encodeURIComponent('{ chains { chainId } }')}`
    const simple = await fetch(url)
    expect(simple.status).toBe(400)
    const body = (await simple.json()) as { errors: { message: string; extensions: { code: string } }[] }
    expect(body.errors[0]!.message).toMatch(/Cross-Site Request Forgery/)
    expect(body.errors[0]!.extensions.code).toBe('BAD_REQUEST')
    const preflighted = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } })
    expect(preflighted.status).toBe(200)
  })

  it('an oversized request line is a JSON 431, a 1 MB argument a JSON 413, both fast and without internals', async () => {
    const started = performance.now()
    const longUrl = await fetch(`${server.url}?query=${encodeURIComponent(`{ portfolio(owner: "${'a'.repeat(1_000_000)}") { owner } }`)}`)
    expect(longUrl.status).toBe(431)
    const text = await longUrl.text()
    expect(JSON.parse(text)).toEqual({ errors: [{ message: 'The request line or headers are too large; send the query in a POST body.', extensions: { code: 'BAD_REQUEST' } }] })
    expectNoInternals(text)
    const bigArgument = await postGraphql(server.url, { query: FIXED_QUERY, variables: { owner: '0x' + 'a'.repeat(1_000_000) } })
    expect(bigArgument.status).toBe(413)
    expectNoInternals(bigArgument.text)
    expect(performance.now() - started).toBeLessThan(5_000)
    expect(service.calls).toEqual([])
  })
})

describe('with NODE_ENV=development', () => {
  const previous = process.env['NODE_ENV']
  const devService = new StubPortfolioService()
  let devServer: GraphqlServer

  beforeAll(async () => {
    // Apollo and node's HTTP helpers read NODE_ENV when they are built; start a server under it.
    process.env['NODE_ENV'] = 'development'
    devServer = await startGraphqlServer({ service: devService, port: 0, logger: silentLogger() })
  })
  afterAll(async () => {
    await devServer.stop()
    process.env['NODE_ENV'] = previous
  })

  it('still returns no stack, URL or path for unexpected errors, bad input or a bad body', async () => {
    devService.answer = async () => {
      throw new Error('connect ECONNREFUSED http://127.0.0.1:8545 at /work/main/src/services/x.ts:1:1')
    }
    const unexpected = await postGraphql(devServer.url, { query: FIXED_QUERY, variables: { owner: OWNER } })
    const badInput = await postGraphql(devServer.url, { query: FIXED_QUERY, variables: { owner: '0x12' } })
    const badLiteral = await postGraphql(devServer.url, { query: '{ portfolio(owner: 12) { owner } }' })
    const badBody = await postGraphql(devServer.url, { raw: '{"query": ' })

    expect(unexpected.json.errors?.[0]?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' })
    expect(badInput.json.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT' })
    expect(badLiteral.json.errors?.[0]).toMatchObject({
      message: 'Invalid Address: expected a string literal like "0xAbC…", got an Int literal.',
      extensions: { code: 'BAD_USER_INPUT' },
    })
    expect(badBody.status).toBe(400)
    for (const answer of [unexpected, badInput, badLiteral, badBody]) expectNoInternals(answer.text)
  })
})

describe('introspection', () => {
  it('is on by default and can be turned off', async () => {
    const closed = await startGraphqlServer({ service, port: 0, introspection: false, logger: silentLogger() })
    try {
      const query = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true })
      const open = await postGraphql(server.url, { query })
      const shut = await postGraphql(closed.url, { query })

      expect(open.json.errors).toBeUndefined()
      const types = (open.json.data as unknown as IntrospectionQuery).__schema.types
      expect(types.find((type) => type.name === 'Address')).toMatchObject({
        kind: 'SCALAR',
        specifiedByURL: 'https://eips.ethereum.org/EIPS/eip-55',
      })
      expect(shut.status).toBe(400)
      expect(shut.json.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' })
    } finally {
      await closed.stop()
    }
  })
})

function silentLogger() {
  const noop = (): void => {}
  return { debug: noop, info: noop, warn: noop, error: noop }
}

describe('web pages', () => {
  it('serves the built dashboard at /, the explorer at /explorer and hashed assets as immutable', async () => {
    const origin = server.url.replace('/graphql', '')
    const page = await fetch(`${origin}/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(page.headers.get('cache-control')).toBe('no-cache')
    const html = await page.text()
    expect(html).toContain('<div id="root">')
    // every script and stylesheet is served from here (no CDN)
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((u) => /\.(js|css)$/.test(u))
    expect(assets.length).toBeGreaterThan(0)
    for (const asset of assets) {
      expect(asset.startsWith('/assets/')).toBe(true)
      const r = await fetch(`${origin}${asset}`)
      expect(r.status).toBe(200)
      expect(r.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    }
    const explorer = await fetch(`${origin}/explorer`)
    expect(explorer.status).toBe(200)
    expect(await explorer.text()).toContain('explorer')
    const missing = await fetch(`${origin}/assets/nothing-here.js`)
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] })
  })

  it('before the pages are built, answers a JSON 404 saying so and still serves GraphQL', async () => {
    const unbuilt = await startGraphqlServer({ service, port: 0, logger: silentLogger(), webRoot: new URL('file:///nonexistent-xmargin-web/') })
    try {
      const r = await fetch(unbuilt.url.replace('/graphql', '/'))
      expect(r.status).toBe(404)
      expect(await r.json()).toEqual({ errors: [{ message: 'The dashboard is not built on this server (run `npm run build:web`); GraphQL is at /graphql.', extensions: { code: 'BAD_REQUEST' } }] })
      expect((await postGraphql(unbuilt.url, { query: '{ chains { chainId } }' })).status).toBe(200)
    } finally {
      await unbuilt.stop()
    }
  })
})
