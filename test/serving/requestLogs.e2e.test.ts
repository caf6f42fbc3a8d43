import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pino from 'pino'
import { startGraphqlServer, type GraphqlServer } from '../../src/graphql/createServer.js'
import { requestLogFields } from '../../src/observability/requestContext.js'
import { aPortfolio, OWNER, StubPortfolioService } from '../graphql/builders.js'

const QUERY = `{ portfolio(owner: "${OWNER}") { owner } }`

describe('request ids: echoed on every answer, and on every line logged while serving the request', () => {
  const lines: string[] = []
  const logger = pino(
    { level: 'debug', mixin: requestLogFields },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter((l) => l !== ''))
        done()
      },
    }),
  )
  const service = new StubPortfolioService()
  let server: GraphqlServer

  beforeAll(async () => {
    server = await startGraphqlServer({ service, port: 0, logger })
  })
  afterAll(async () => {
    await server?.stop()
  })

  /** POSTs `QUERY` as `requestId`, with a service that logs (after an await, as a chain read would) and then answers with `outcome`. */
  async function ask(requestId: string, outcome: () => Promise<ReturnType<typeof aPortfolio>>): Promise<Response> {
    service.answer = async () => {
      await new Promise((resolve) => setTimeout(resolve, 5))
      logger.debug('service reading')
      return outcome()
    }
    return fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': requestId }, body: JSON.stringify({ query: QUERY }) })
  }
  const linesOf = (requestId: string) => lines.filter((l) => l.includes(requestId))

  it("the service layer's lines carry the caller's id, once", async () => {
    const answer = await ask('trace-7', async () => aPortfolio())
    expect(answer.status).toBe(200)
    expect(answer.headers.get('x-request-id')).toBe('trace-7')
    const logged = linesOf('trace-7')
    expect(logged.map((l) => JSON.parse(l) as { reqId: string; msg: string })).toEqual([expect.objectContaining({ reqId: 'trace-7', msg: 'service reading' })])
    // one reqId key, not the mixin's and a child logger's both
    expect(logged[0]!.match(/"reqId"/g)).toHaveLength(1)
  })

  it('an unexpected error is logged in full under the id of the request that met it', async () => {
    const answer = await ask('trace-8', async () => {
      throw new TypeError('a bug')
    })
    expect((await answer.json()) as unknown).toMatchObject({ errors: [{ extensions: { code: 'INTERNAL_SERVER_ERROR' } }] })
    const logged = linesOf('trace-8').map((l) => JSON.parse(l) as { level: number; msg: string })
    expect(logged.find((l) => l.level === 50)?.msg).toMatch(/^Unexpected GraphQL error at portfolio: TypeError: a bug/)
  })
})
