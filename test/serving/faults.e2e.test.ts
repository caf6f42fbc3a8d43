import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import pino from 'pino'
import { runServer } from '../../src/app/runServer.js'
import { loadConfig } from '../../src/config/loadConfig.js'
import type { DevnetManifest } from '../../src/devnet/manifest.js'
import type { GraphqlServer } from '../../src/graphql/createServer.js'
import { expectNoInternals, postGraphql } from '../graphql/http.js'
import { startFaultProxy, type Fault, type FaultProxy } from '../support/faultProxy.js'
import { TestChain, moveFactor, testManifest } from '../support/devnet.js'

const QUERY = (owner: string) => `{
  portfolio(owner: "${owner}", chainIds: [900001, 900002, 900003]) {
    blocks { chainId blockNumber blockHash }
    chains { chainId status stale headAgeSeconds error { code message } }
    venues { id chainId status healthFactorWad error { code message } }
  }
}`

type Answer = {
  portfolio: {
    blocks: { chainId: number; blockNumber: string; blockHash: string }[]
    chains: { chainId: number; status: string; stale: boolean | null; headAgeSeconds: number | null; error: { code: string; message: string } | null }[]
    venues: { id: string; chainId: number; status: string; healthFactorWad: string | null; error: { code: string; message: string } | null }[]
  }
}

/** The faulted chain (the Arbitrum-like L2) and the two that must keep answering. */
const FAULTED = 900002
const HEALTHY = [900001, 900003]

describe('faults on one chain at a time, through a loopback fault proxy', () => {
  let manifest: DevnetManifest
  let proxies: Map<number, FaultProxy>
  let servers: GraphqlServer[] = []

  /** A server reading every chain through its proxy (a fresh one: no cached endpoint verdicts or reads). */
  async function serve(extra: Record<string, string> = {}): Promise<GraphqlServer> {
    const env: Record<string, string> = { CHAINS_FILE: inject('devnetChainsFile'), PORT: '0', HYPERLIQUID_INFO_URL: 'off', LIGHTER_API_URL: 'off', RATE_LIMIT_PER_MINUTE: '0' }
    for (const [chainId, p] of proxies) env[`RPC_URL_${chainId}`] = p.url
    const s = await runServer(loadConfig({ ...env, ...extra }), pino({ level: 'silent' }))
    servers.push(s)
    return s
  }
  async function ask(server: GraphqlServer) {
    const started = performance.now()
    const r = await postGraphql(server.url, { query: QUERY(manifest.accounts.demo) })
    expect(r.status).toBe(200)
    expectNoInternals(r.text)
    return { answer: r.json.data as Answer, ms: performance.now() - started }
  }
  /** The healthy chains answered in full; the faulted one degraded with a typed error on each of its venues. */
  function expectDegraded(answer: Answer, code = 'CHAIN_UNAVAILABLE') {
    const byId = new Map(answer.portfolio.chains.map((c) => [c.chainId, c]))
    for (const id of HEALTHY) expect(byId.get(id)!.status).toBe('OK')
    expect(byId.get(FAULTED)).toMatchObject({ status: 'UNAVAILABLE', error: { code } })
    const faulted = answer.portfolio.venues.filter((v) => v.chainId === FAULTED)
    expect(faulted.length).toBeGreaterThan(0)
    for (const v of faulted) expect(v).toMatchObject({ status: 'UNAVAILABLE', error: { code } })
    for (const v of answer.portfolio.venues.filter((x) => x.chainId !== FAULTED)) expect(v.status).not.toBe('UNAVAILABLE')
    expect(answer.portfolio.blocks.map((b) => b.chainId).sort()).toEqual(HEALTHY)
  }
  function expectAllOk(answer: Answer) {
    expect(answer.portfolio.chains.map((c) => c.status)).toEqual(['OK', 'OK', 'OK'])
    expect(answer.portfolio.venues.every((v) => v.status !== 'UNAVAILABLE')).toBe(true)
  }
  /** A new block on the faulted chain, so the next query reads it instead of the per-block cache. */
  const mine = (chainId = FAULTED) => new TestChain(manifest.chains.find((c) => c.chainId === chainId)!).rpc('evm_mine')
  const fault = (f: Fault, chainId = FAULTED) => (proxies.get(chainId)!.fault = f)

  beforeAll(async () => {
    manifest = await testManifest()
    proxies = new Map(await Promise.all(manifest.chains.map(async (c) => [c.chainId, await startFaultProxy(c.rpcUrl)] as const)))
  })
  afterEach(async () => {
    for (const p of proxies.values()) {
      p.fault = { kind: 'none' }
      p.before = null
    }
    await Promise.all(servers.map((s) => s.stop()))
    servers = []
  })
  afterAll(async () => {
    await Promise.all([...proxies.values()].map((p) => p.close()))
  })

  it('200 ms of added latency: every chain answers', async () => {
    const server = await serve()
    fault({ kind: 'latency', ms: 200 })
    const { answer } = await ask(server)
    expectAllOk(answer)
  })

  for (const [name, f] of [
    ['2 s of added latency (two round trips overrun the 3 s deadline)', { kind: 'latency', ms: 2_000 }],
    ['a black hole', { kind: 'blackhole' }],
    ['a persistent HTTP 503', { kind: 'status', status: 503 }],
    ['HTTP 429 with a Retry-After of a minute', { kind: 'status', status: 429, headers: { 'retry-after': '60' } }],
    ['a dropped connection', { kind: 'drop' }],
    ['truncated JSON', { kind: 'truncate' }],
  ] as const) {
    it(`${name}: the other chains answer, the faulted one is UNAVAILABLE with a code, within the deadline`, async () => {
      const server = await serve()
      await ask(server) // endpoints verified, metadata cached
      await mine()
      fault(f as Fault)
      const { answer, ms } = await ask(server)
      expectDegraded(answer)
      // the 3 s deadline, not stacked retries or a minute of Retry-After
      expect(ms).toBeLessThan(4_500)
    })
  }

  it('after a chain fails, its venues are answered unavailable at once for a while, then it is tried again', async () => {
    const server = await serve({ CHAIN_CIRCUIT_OPEN_MS: '1500' })
    await ask(server)
    await mine()
    fault({ kind: 'blackhole' })
    expectDegraded((await ask(server)).answer) // waits out the deadline once
    const fast = await ask(server)
    expectDegraded(fast.answer)
    expect(fast.ms).toBeLessThan(1_000)
    expect(fast.answer.portfolio.chains.find((c) => c.chainId === FAULTED)!.error!.message).toMatch(/failed moments ago; it is tried again from \d{4}-\d\d-\d\dT/)
    fault({ kind: 'none' })
    await new Promise((r) => setTimeout(r, 1_600))
    expectAllOk((await ask(server)).answer)
  })

  it('a short Retry-After is honoured: two 429s, then the node answers', async () => {
    const server = await serve()
    await ask(server)
    await mine()
    fault({ kind: 'status', status: 429, headers: { 'retry-after': '0' }, times: 2 })
    expectAllOk((await ask(server)).answer)
  })

  it('a 503 once is retried', async () => {
    const server = await serve()
    await ask(server)
    await mine()
    fault({ kind: 'status', status: 503, times: 1 })
    expectAllOk((await ask(server)).answer)
  })

  it('fallback URLs: a dead first endpoint is skipped for a working one', async () => {
    const dead = 'http://127.0.0.1:9'
    const server = await serve({ [`RPC_URL_${FAULTED}`]: `${dead},${proxies.get(FAULTED)!.url}` })
    expectAllOk((await ask(server)).answer)
  })

  it('a node reporting the wrong chain id is refused, never mixed in; a correct fallback is used instead', async () => {
    fault({ kind: 'chainId', chainId: 1 })
    const server = await serve()
    const { answer } = await ask(server)
    expectDegraded(answer)
    expect(answer.portfolio.chains.find((c) => c.chainId === FAULTED)!.error!.message).toBe('Chain 900002 could not be read: its RPC endpoint serves chain 1, so its answers are not used.')
    const good = await startFaultProxy(manifest.chains.find((c) => c.chainId === FAULTED)!.rpcUrl)
    try {
      const withFallback = await serve({ [`RPC_URL_${FAULTED}`]: `${proxies.get(FAULTED)!.url},${good.url}` })
      expectAllOk((await ask(withFallback)).answer)
    } finally {
      await good.close()
    }
  })

  it('a node that starts serving another chain is refused at the next query, not up to minutes later', async () => {
    const server = await serve()
    expectAllOk((await ask(server)).answer) // the endpoint is verified and trusted
    // the same URL now reaches the Base-like chain's node (a load balancer or DNS change)
    proxies.get(FAULTED)!.target = manifest.chains.find((c) => c.chainId === 900003)!.rpcUrl
    try {
      const { answer } = await ask(server)
      expectDegraded(answer)
      expect(answer.portfolio.chains.find((c) => c.chainId === FAULTED)!.error!.message).toBe('Chain 900002 could not be read: its RPC endpoint serves chain 900003, so its answers are not used.')
    } finally {
      proxies.get(FAULTED)!.target = manifest.chains.find((c) => c.chainId === FAULTED)!.rpcUrl
    }
  })

  it('the head read asks eth_chainId in the same HTTP request: still one request per chain for the head', async () => {
    const server = await serve()
    await ask(server)
    await mine()
    const proxy = proxies.get(FAULTED)!
    const before = proxy.calls.length
    const requestsBefore = proxy.requests
    await ask(server)
    const calls = proxy.calls.slice(before).map((c) => c.method)
    expect(calls.filter((m) => m === 'eth_chainId')).toHaveLength(1)
    expect(calls.filter((m) => m === 'eth_getBlockByNumber')).toHaveLength(1)
    // the head with its chain id, then the multicall
    expect(proxy.requests - requestsBefore).toBe(2)
  })

  it('a head that goes backwards (a lagging node after a newer one) is marked stale, with no head-age bound configured', async () => {
    const server = await serve()
    const first = await ask(server)
    expectAllOk(first.answer)
    expect(first.answer.portfolio.chains.find((c) => c.chainId === FAULTED)!.stale).toBe(false)
    await mine()
    await mine()
    fault({ kind: 'laggingHead', blocks: 3 })
    const { answer } = await ask(server)
    expectAllOk(answer)
    const faulted = answer.portfolio.chains.find((c) => c.chainId === FAULTED)!
    const before = first.answer.portfolio.blocks.find((b) => b.chainId === FAULTED)!
    expect(BigInt(answer.portfolio.blocks.find((b) => b.chainId === FAULTED)!.blockNumber)).toBeLessThan(BigInt(before.blockNumber))
    expect(faulted.stale).toBe(true)
    for (const id of HEALTHY) expect(answer.portfolio.chains.find((c) => c.chainId === id)!.stale).toBe(false)
  })

  it('-32000 out of gas on the multicall: it is split and sent again, and the answer is whole', async () => {
    const server = await serve()
    await ask(server)
    await mine()
    const before = proxies.get(FAULTED)!.calls.length
    fault({ kind: 'rpcError', method: 'eth_call', code: -32000, message: 'out of gas', times: 1 })
    const { answer } = await ask(server)
    expectAllOk(answer)
    const calls = proxies.get(FAULTED)!.calls.slice(before).filter((c) => c.method === 'eth_call')
    // the refused one, then its two halves
    expect(calls.length).toBeGreaterThanOrEqual(3)
  })

  it('-32005 limit exceeded once is retried', async () => {
    const server = await serve()
    await ask(server)
    await mine()
    fault({ kind: 'rpcError', method: 'eth_call', code: -32005, message: 'limit exceeded', times: 1 })
    expectAllOk((await ask(server)).answer)
  })

  it('a head that stops advancing: the chain answers, marked stale with its age; /readyz says not ready', async () => {
    fault({ kind: 'stalledHead', ageSeconds: 3_600 })
    const server = await serve({ MAX_HEAD_AGE_SECONDS: '60' })
    const { answer } = await ask(server)
    expectAllOk(answer)
    const faulted = answer.portfolio.chains.find((c) => c.chainId === FAULTED)!
    expect(faulted.stale).toBe(true)
    expect(faulted.headAgeSeconds).toBeGreaterThanOrEqual(3_600)
    const ready = await fetch(server.url.replace(/\/graphql$/, '/readyz'))
    expect(ready.status).toBe(503)
  })

  it('reads are pinned by block hash: a reorg between the head read and the multicall is read again at the new head, never mixed', async () => {
    const id = 900001
    const chain = new TestChain(manifest.chains.find((c) => c.chainId === id)!)
    const server = await serve()
    await ask(server)
    // reverting consumes a snapshot: one to reorganize to, an earlier one to restore the devnet for the other tests
    const original = await chain.snapshot()
    const snapshot = await chain.snapshot()
    try {
      await chain.rpc('evm_mine') // the head the server will read first
      const proxy = proxies.get(id)!
      // after that head is read, the chain reorganizes under the read: revert, then a different block moves ETH
      proxy.before = {
        method: 'eth_call',
        run: async () => {
          await chain.revert(snapshot)
          const b = await chain.client.getBlock()
          await moveFactor(chain, 'ETH', 2_000n, 1_700n, b.timestamp)
        },
      }
      const first = proxy.calls.length
      const { answer } = await ask(server)
      expectAllOk(answer)
      const calls = proxy.calls.slice(first).filter((c) => c.method === 'eth_call')
      // pinned by hash (EIP-1898), and read twice: the stale hash, then the new head
      expect(calls.length).toBeGreaterThanOrEqual(2)
      expect((calls[0]!.params as unknown[])[1]).toMatchObject({ blockHash: expect.stringMatching(/^0x[0-9a-f]{64}$/), requireCanonical: true })
      const head = await chain.client.getBlock()
      const reported = answer.portfolio.blocks.find((b) => b.chainId === id)!
      expect(reported.blockHash).toBe(head.hash)
      // the data is the new fork's: the health factor the contract computes at the reported block
      const venue = answer.portfolio.venues.find((v) => v.id.startsWith(`aave-v3:${id}:`))!
      const reference = await chain.userAccountData(manifest.accounts.demo, head.number)
      expect(BigInt(venue.healthFactorWad!)).toBe(reference.healthFactor)
    } finally {
      await chain.revert(original)
    }
  })
})
