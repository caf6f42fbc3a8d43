import type { IncomingMessage } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, type Client } from 'graphql-ws'
import type { GraphQLFormattedError } from 'graphql'
import { WebSocket } from 'ws'
import { startGraphqlServer, type GraphqlServer } from '../../src/graphql/createServer.js'
import { OWNER, StubPortfolioService } from '../graphql/builders.js'

const HEALTH = `subscription { health(owner: "${OWNER}") { sequence reason } }`

type Outcome = { readonly data?: unknown; readonly errors?: readonly GraphQLFormattedError[] }

/** A graphql-ws client whose connection comes from `client` (its `X-Forwarded-For`), as a proxy would forward it. */
function wsClient(url: string, client: string): Client {
  class ForwardedWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { 'x-forwarded-for': client } })
    }
  }
  return createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: ForwardedWebSocket, retryAttempts: 0, lazy: true })
}

/** The first message a `subscribe` gets: its first result, or the errors it is refused with. */
function firstOutcome(client: Client, query: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const stop = client.subscribe<unknown>(
      { query },
      {
        next: (result) => {
          stop()
          resolve(result as Outcome)
        },
        error: (error) => (Array.isArray(error) ? resolve({ errors: error as GraphQLFormattedError[] }) : reject(error)),
        complete: () => undefined,
      },
    )
  })
}

/** A WebSocket upgrade the server refuses with an HTTP answer instead of a socket. */
function refusedUpgrade(url: string, client: string): Promise<{ status: number; retryAfter: string | undefined; body: unknown }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws', { headers: { 'x-forwarded-for': client } })
    socket.on('open', () => reject(new Error('the upgrade was accepted')))
    socket.on('unexpected-response', (_request, response: IncomingMessage) => {
      let text = ''
      response.on('data', (chunk: Buffer) => (text += chunk.toString()))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'], body: JSON.parse(text) }))
    })
    socket.on('error', () => undefined)
  })
}

function post(url: string, client: string): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': client }, body: JSON.stringify({ query: '{ chains { chainId } }' }) })
}

const silentLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined }

describe('GraphQL over WebSocket: subscriptions only, within the HTTP rate limit', () => {
  let open: GraphqlServer
  let limited: GraphqlServer
  const clients: Client[] = []
  const track = (c: Client) => (clients.push(c), c)

  beforeAll(async () => {
    open = await startGraphqlServer({ service: new StubPortfolioService(), port: 0, logger: silentLogger })
    limited = await startGraphqlServer({ service: new StubPortfolioService(), port: 0, logger: silentLogger, rateLimit: { requestsPerMinute: 3, trustForwardedFor: true } })
  })
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()))
    await open?.stop()
    await limited?.stop()
  })

  it('refuses a query or a mutation sent over WebSocket with BAD_REQUEST, pointing at HTTP POST; a subscription is served', async () => {
    const client = track(wsClient(open.url, '198.51.100.1'))
    for (const [operation, query] of [
      ['query', '{ chains { chainId } }'],
      ['mutation', 'mutation { chains }'],
    ] as const) {
      const outcome = await firstOutcome(client, query)
      expect(outcome.data).toBeUndefined()
      expect(outcome.errors).toEqual([{ message: `WebSocket serves subscriptions only; send a ${operation} as an HTTP POST to /graphql.`, extensions: { code: 'BAD_REQUEST' } }])
    }
    const live = await firstOutcome(client, HEALTH)
    expect(live.errors).toBeUndefined()
    expect(live.data).toEqual({ health: { sequence: 1, reason: 'INITIAL' } })
  })

  it('a WebSocket connection and each subscribe spend the client’s HTTP budget: RATE_LIMITED, then a JSON 429 for a new connection', async () => {
    const spender = '203.0.113.21'
    expect((await post(limited.url, spender)).status).toBe(200)
    expect((await post(limited.url, spender)).status).toBe(200)
    // the connection is the third request of the minute; its first subscribe is over the budget
    const client = track(wsClient(limited.url, spender))
    const refused = await firstOutcome(client, HEALTH)
    expect(refused.errors).toEqual([{ message: expect.stringMatching(/^Too many requests from this client; retry in \d+ s\.$/), extensions: { code: 'RATE_LIMITED' } }])
    const again = await firstOutcome(client, '{ chains { chainId } }')
    expect(again.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED' })

    const upgrade = await refusedUpgrade(limited.url, spender)
    expect(upgrade.status).toBe(429)
    expect(Number(upgrade.retryAfter)).toBeGreaterThan(0)
    expect(Number(upgrade.retryAfter)).toBeLessThanOrEqual(60)
    expect(upgrade.body).toEqual({ errors: [{ message: expect.stringMatching(/^Too many requests from this client; retry in \d+ s\.$/), extensions: { code: 'RATE_LIMITED' } }] })
    expect((await post(limited.url, spender)).status).toBe(429)

    // another client's subscription spends its own budget, which HTTP then finds spent
    const other = '203.0.113.22'
    const live = await firstOutcome(track(wsClient(limited.url, other)), HEALTH)
    expect(live.data).toEqual({ health: { sequence: 1, reason: 'INITIAL' } })
    expect((await post(limited.url, other)).status).toBe(200)
    expect((await post(limited.url, other)).status).toBe(429)
  })
})
