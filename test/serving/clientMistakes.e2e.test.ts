import { request as httpRequest } from 'node:http'
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pino from 'pino'
import { startGraphqlServer, type GraphqlServer } from '../../src/graphql/createServer.js'
import { StubPortfolioService } from '../graphql/builders.js'
import { expectNoInternals, postGraphql } from '../graphql/http.js'

const QUERY = '{ chains { chainId } }'
const persisted = (sha256Hash: unknown, version = 1) => ({ persistedQuery: { version, sha256Hash } })

describe('a request the client got wrong: a 4xx with a public code, never an error log', () => {
  const lines: string[] = []
  let server: GraphqlServer

  beforeAll(async () => {
    const memory = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter((l) => l !== ''))
        done()
      },
    })
    server = await startGraphqlServer({ service: new StubPortfolioService(), port: 0, logger: pino({ level: 'info' }, memory) })
  })
  afterAll(async () => {
    await server?.stop()
  })

  it.each([
    ['a mutation (the schema has none)', { query: 'mutation { chains { chainId } }' }, 400, 'GRAPHQL_VALIDATION_FAILED', 'This server has no mutations: the schema defines no mutation type.'],
    ['a persisted-query hash that does not match its query', { query: QUERY, extensions: persisted('ab'.repeat(32)) }, 400, 'BAD_REQUEST', 'provided sha does not match query'],
    ['a persisted-query hash that is not a string', { query: QUERY, extensions: persisted(12) }, 400, 'BAD_REQUEST', 'provided sha does not match query'],
    ['an unsupported persisted-query version', { query: QUERY, extensions: persisted('ab'.repeat(32), 2) }, 400, 'BAD_REQUEST', 'Unsupported persisted query version'],
    // the automatic persisted queries protocol: the client sends the query with its hash next
    ['a persisted-query hash the server does not know', { extensions: persisted('cd'.repeat(32)) }, 200, 'PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound'],
  ])('%s', async (_case, body, status, code, message) => {
    const before = lines.length
    const answer = await postGraphql(server.url, { raw: JSON.stringify(body) })

    expect(answer.status).toBe(status)
    expect(answer.json.errors).toEqual([expect.objectContaining({ message, extensions: { code } })])
    expectNoInternals(answer.text)
    expectNoErrorLogged(lines.slice(before))
  })

  it('a Host header that is no host name', async () => {
    const before = lines.length
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(server.url, { method: 'POST', headers: { host: 'exa mple', 'content-type': 'application/json' } }, (res) => {
        let body = ''
        res.on('data', (chunk: Buffer) => (body += chunk.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      })
      req.on('error', reject)
      req.end(JSON.stringify({ query: QUERY }))
    })

    expect(answer.status).toBe(400)
    expect(JSON.parse(answer.body)).toEqual({ errors: [{ message: 'Malformed HTTP request: the Host header is not a host name.', extensions: { code: 'BAD_REQUEST' } }] })
    expectNoErrorLogged(lines.slice(before))
  })
})

/** No line at error level or above, and no stack anywhere. */
function expectNoErrorLogged(lines: readonly string[]): void {
  const logged = lines.map((l) => JSON.parse(l) as { level: number; msg?: string })
  expect(logged.filter((l) => l.level >= 50)).toEqual([])
  for (const line of lines) {
    expect(line).not.toMatch(/stack/i)
    expect(line).not.toMatch(/\bat .+:\d+:\d+/)
  }
}
