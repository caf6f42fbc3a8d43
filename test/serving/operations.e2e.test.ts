import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import pino from 'pino'
import { runServer } from '../../src/app/runServer.js'
import { loadConfig } from '../../src/config/loadConfig.js'
import type { DevnetManifest } from '../../src/devnet/manifest.js'
import type { GraphqlServer } from '../../src/graphql/createServer.js'
import { postGraphql, postGraphqlHeld, refusesConnections } from '../graphql/http.js'
import { startCountingProxy, type CountingProxy } from '../support/countingProxy.js'
import { TestChain, testManifest } from '../support/devnet.js'

const BLOCKS = '{ portfolio(owner: "OWNER", chainIds: [900001, 900002, 900003]) { blocks { chainId blockNumber blockHash } chains { chainId headAgeSeconds stale } venues { id healthFactor } } }'

type Blocks = { portfolio: { blocks: { chainId: number; blockNumber: string; blockHash: string }[]; chains: { chainId: number; headAgeSeconds: number; stale: boolean }[]; venues: { id: string; healthFactor: number | null }[] } }

describe('serving: per-block cache, coalescing, operations endpoints', () => {
  let manifest: DevnetManifest
  let proxies: CountingProxy[]
  let server: GraphqlServer
  let base: string
  const query = () => BLOCKS.replace('OWNER', manifest.accounts.demo)
  const ask = async () => {
    const r = await postGraphql(server.url, { query: query() })
    expect(r.json.errors).toBeUndefined()
    return r.json.data as Blocks
  }
  const count = (method: string) => proxies.map((p) => p.methods.get(method) ?? 0)

  beforeAll(async () => {
    manifest = await testManifest()
    proxies = await Promise.all(manifest.chains.map((c) => startCountingProxy(c.rpcUrl)))
    const env: Record<string, string> = { CHAINS_FILE: inject('devnetChainsFile'), PORT: '0', HYPERLIQUID_INFO_URL: 'off', LIGHTER_API_URL: 'off', XMARGIN_DATA_DIR: 'off' }
    manifest.chains.forEach((c, i) => (env[`RPC_URL_${c.chainId}`] = proxies[i]!.url))
    server = await runServer(loadConfig(env), pino({ level: 'silent' }))
    base = server.url.replace(/\/graphql$/, '')
  })
  afterAll(async () => {
    await server.stop()
    await Promise.all(proxies.map((p) => p.close()))
  })

  it('a repeated query at the same block reads only each head; concurrent identical queries share their reads', async () => {
    const first = await ask() // warms metadata and the per-block cache
    proxies.forEach((p) => p.reset())
    const again = await ask()
    expect(again.portfolio.blocks).toEqual(first.portfolio.blocks)
    expect(again.portfolio.venues).toEqual(first.portfolio.venues)
    // one head read per chain, no multicall
    expect(proxies.map((p) => p.httpRequests)).toEqual([1, 1, 1])
    expect(count('eth_call')).toEqual([0, 0, 0])
    proxies.forEach((p) => p.reset())
    const many = await Promise.all(Array.from({ length: 8 }, () => ask()))
    for (const m of many) expect(m.portfolio.blocks).toEqual(first.portfolio.blocks)
    // eight queries in flight together: far fewer than eight head reads per chain
    for (const n of count('eth_getBlockByNumber')) expect(n).toBeLessThan(8)
    expect(count('eth_call')).toEqual([0, 0, 0])
  })

  it('a new block is read anew and reported: the cache never answers from an older block', async () => {
    const before = await ask()
    const l1 = new TestChain(manifest.chains[0]!)
    await l1.rpc('evm_mine')
    proxies.forEach((p) => p.reset())
    const after = await ask()
    const b0 = before.portfolio.blocks.find((b) => b.chainId === 900001)!
    const b1 = after.portfolio.blocks.find((b) => b.chainId === 900001)!
    expect(BigInt(b1.blockNumber)).toBe(BigInt(b0.blockNumber) + 1n)
    // the mined chain is read again: the head, then one batch (the multicall and Morpho's positions lens, two eth_calls); the others only their head
    expect(proxies.map((p) => p.httpRequests)).toEqual([2, 1, 1])
    expect(count('eth_call')).toEqual([2, 0, 0])
    // the devnet mines on demand: its head age is reported, never flagged stale
    for (const c of after.portfolio.chains) {
      expect(c.headAgeSeconds).toBeGreaterThanOrEqual(0)
      expect(c.stale).toBe(false)
    }
  })

  it('/healthz, /readyz and /metrics; every response carries a request id', async () => {
    const live = await fetch(`${base}/healthz`)
    expect(live.status).toBe(200)
    expect(await live.json()).toEqual({ status: 'ok' })
    const ready = await fetch(`${base}/readyz`)
    expect(ready.status).toBe(200)
    const body = (await ready.json()) as { status: string; chains: { chainId: number; ready: boolean; blockNumber: string }[] }
    expect(body.status).toBe('ready')
    expect(body.chains.map((c) => c.chainId)).toEqual([900001, 900002, 900003])
    expect(body.chains.every((c) => c.ready && BigInt(c.blockNumber) > 0n)).toBe(true)
    // each chain's background jobs: Morpho's market index on the L1 (1,100 markets) and the L2, none on the Arbitrum-like chain
    const jobs = (body as unknown as { chains: { jobs: { name: string; complete: boolean; progress: number; detail: string }[] }[] }).chains.map((c) => c.jobs)
    expect(jobs.map((j) => j.map((x) => x.name))).toEqual([['morpho-blue market index'], [], ['morpho-blue market index']])
    expect(jobs[0]![0]).toMatchObject({ complete: true, progress: 1 })
    expect(jobs[0]![0]!.detail).toMatch(/^1100 markets; blocks \d+\.\.\d+ of \d+$/)
    const metrics = await (await fetch(`${base}/metrics`)).text()
    for (const id of [900001, 900002, 900003]) expect(metrics).toMatch(new RegExp(`xmargin_rpc_requests_total\\{chain_id="${id}",outcome="ok"\\} \\d+`))
    expect(metrics).toMatch(/xmargin_http_requests_total\{route="\/graphql",status="200"\} \d+/)
    expect(metrics).toMatch(/xmargin_cache_lookups_total\{cache="chain_read",result="hit"\} \d+/)
    expect(metrics).toMatch(/xmargin_http_request_duration_seconds_bucket/)
    // the caller's id when it is a short token, a fresh one otherwise
    const mine = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'dash-42' } })
    expect(mine.headers.get('x-request-id')).toBe('dash-42')
    const junk = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'x'.repeat(500) } })
    expect(junk.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    const errors = await postGraphql(server.url, { query: '{ portfolio(owner: "0x12") { owner } }' })
    expect(errors.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    expect(await (await fetch(`${base}/metrics`)).text()).toMatch(/xmargin_graphql_errors_total\{code="BAD_USER_INPUT"\} \d+/)
  })

  it('graceful shutdown: a request in flight when stop() is called still gets its answer; new connections are refused', async () => {
    const env: Record<string, string> = { CHAINS_FILE: inject('devnetChainsFile'), PORT: '0', HYPERLIQUID_INFO_URL: 'off', LIGHTER_API_URL: 'off', XMARGIN_DATA_DIR: 'off' }
    const closing = await runServer(loadConfig(env), pino({ level: 'silent' }))
    const request = { query: `{ portfolio(owner: "${manifest.accounts.demo}") { blocks { chainId blockNumber } venues { id healthFactor } monteCarlo(paths: 200) { valueAtRiskUsd } } }` }
    // asked once before stopping: a fresh server's first answer (its Monte Carlo workers starting, its caches
    // empty) can take longer on a loaded machine than stopping allows in-flight requests (SHUTDOWN_GRACE_MS)
    const before = await postGraphql(closing.url, request)
    expect(before.status).toBe(200)
    expect(before.json.errors).toBeUndefined()
    // in flight by construction, not by timing: the server has the request (it answered 100 Continue) and
    // cannot answer it before its body, which is sent only once the server has stopped listening
    const held = postGraphqlHeld(closing.url, request)
    await held.received
    const stopped = closing.stop()
    await expect.poll(() => refusesConnections(closing.url), { timeout: 60_000, interval: 20 }).toBe(true)
    // the query runs while the server is closing: the engine and its Monte Carlo workers are still up
    const { answer, connection } = await held.send()
    await stopped
    expect(answer.status).toBe(200)
    expect(answer.json.errors).toBeUndefined()
    // the same blocks and seed (default 1): the same answer as before stopping
    expect(answer.json.data).toEqual(before.json.data)
    expect((answer.json.data as { portfolio: { monteCarlo: { valueAtRiskUsd: number } } }).portfolio.monteCarlo.valueAtRiskUsd).toBeGreaterThan(0)
    // answered, then its connection closed: the client sends no other request on it
    expect(connection).toBe('close')
    expect(await refusesConnections(closing.url)).toBe(true)
  })

  it('/readyz is 503, naming the chain, when a node does not answer', async () => {
    const down = 'http://127.0.0.1:9' // discard port: nothing listens
    const env: Record<string, string> = { CHAINS_FILE: inject('devnetChainsFile'), PORT: '0', HYPERLIQUID_INFO_URL: 'off', LIGHTER_API_URL: 'off', XMARGIN_DATA_DIR: 'off', CHAIN_TIMEOUT_MS: '500', RPC_URL_900002: down }
    const degraded = await runServer(loadConfig(env), pino({ level: 'silent' }))
    try {
      type Body = { status: string; chains: { chainId: number; ready: boolean; error: { code: string } | null }[] }
      const readyz = async () => {
        const r = await fetch(degraded.url.replace(/\/graphql$/, '/readyz'))
        expect(r.status).toBe(503)
        return (await r.json()) as Body
      }
      // the chains that answer are ready once their market indexes caught up (moments after start on the devnet)
      await expect.poll(async () => (await readyz()).chains.filter((c) => c.ready).length, { timeout: 30_000 }).toBe(2)
      const body = await readyz()
      expect(body.status).toBe('not ready')
      expect(body.chains.find((c) => c.chainId === 900002)).toMatchObject({ ready: false, error: { code: 'CHAIN_UNAVAILABLE' } })
      expect(body.chains.filter((c) => c.ready).map((c) => c.chainId)).toEqual([900001, 900003])
      expect(JSON.stringify(body)).not.toContain('127.0.0.1')
    } finally {
      await degraded.stop()
    }
  })
})
