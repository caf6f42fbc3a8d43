import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import autocannon from 'autocannon'
import { createConfig, getBlock } from '@wagmi/core'
import { createPublicClient, http, numberToHex } from 'viem'
import pino from 'pino'
import { devnetChains } from '../chains/devnet.js'
import { createChainReader, type CallResult, type ChainReader, type ContractCall, type RpcLog, type SideResult } from '../src/read/readPlan.js'
import { readVenues, type VenueReader } from '../src/read/venueReader.js'
import { loadConfig } from '../src/config/loadConfig.js'
import { startDevnet } from '../src/devnet/startDevnet.js'
import type { DevnetManifestChain } from '../src/devnet/manifest.js'
import { createPortfolioService } from '../src/services/createPortfolioService.js'
import { resolveSources } from '../src/config/resolveChains.js'
import { PROTOCOLS } from '../src/protocols/registry.js'
import { startCountingProxy } from '../test/support/countingProxy.js'
import { startFaultProxy } from '../test/support/faultProxy.js'

/**
 * `npm run bench` (serving part), on its own devnet:
 * 1. latency with 50, 100 and 200 ms injected on the three chains (loopback
 *    proxies): a 3-chain query against the slowest single chain (target ≤ 1.2×);
 * 2. the same wallet read the naive way (one eth_call per value), with
 *    JSON-RPC batching, and as xmargin reads it (Multicall3): requests and time;
 * 3. GraphQL throughput of a cached portfolio query at 10 connections, with
 *    the security layer (query limits, rate limiter) and without (target
 *    ≥ 1,000 requests/s, p99 < 50 ms);
 * 4. load: BENCH_LOAD_SECONDS (default 60) at 10 and 50 connections, with and
 *    without one chain black-holed: every answer 2xx or a deliberate 4xx, no
 *    unhandled rejection, and the server's memory before and after.
 * The server runs in its own process, as in production; this process drives it.
 */
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60)
const THROUGHPUT_SECONDS = Number(process.env.BENCH_THROUGHPUT_SECONDS ?? 10)
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 15)
const SERVER_PORT = 38_790

const devnet = await startDevnet({ basePort: 38745, dir: path.resolve('.devnet', 'bench-serving') })
const children: ChildProcess[] = []
try {
  const manifest = devnet.manifest
  const owner = manifest.accounts.demo
  const mine = (c: DevnetManifestChain) => fetch(c.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'evm_mine', params: [] }) })

  // 1. latency under injected delays
  {
    const delays = [50, 100, 200]
    const proxies = await Promise.all(manifest.chains.map((c) => startFaultProxy(c.rpcUrl)))
    proxies.forEach((p, i) => (p.fault = { kind: 'latency', ms: delays[i]! }))
    const env: Record<string, string> = { CHAINS_FILE: devnet.chainsFile, HYPERLIQUID_INFO_URL: 'off', LIGHTER_API_URL: 'off' }
    manifest.chains.forEach((c, i) => (env[`RPC_URL_${c.chainId}`] = proxies[i]!.url))
    const config = loadConfig(env)
    const service = createPortfolioService({ chains: (await resolveSources(config, PROTOCOLS)).chains, collateralFactors: config.oneAccount, chainTimeoutMs: 10_000, logger: pino({ level: 'silent' }) })
    await service.get({ owner }) // verified endpoints, warm metadata
    const time = async (chainIds: number[]) => {
      const xs: number[] = []
      for (let i = 0; i < ITERATIONS; i++) {
        await Promise.all(manifest.chains.map(mine)) // a new block: the full read (head + multicall), no cache
        const t = performance.now()
        await service.get({ owner, chainIds })
        xs.push(performance.now() - t)
      }
      return median(xs)
    }
    const single = []
    for (const c of manifest.chains) single.push(await time([c.chainId]))
    const all = await time(manifest.chains.map((c) => c.chainId))
    const slowest = Math.max(...single)
    console.log(`latency with ${delays.join('/')} ms injected per chain (a read is 2 round trips: head, then the multicall; median of ${ITERATIONS})`)
    console.log(`  single chains: ${single.map((x, i) => `${manifest.chains[i]!.chainId} ${x.toFixed(0)} ms`).join(', ')}; all three: ${all.toFixed(0)} ms = ${(all / slowest).toFixed(2)}× the slowest (target ≤ 1.2×: ${verdict(all <= 1.2 * slowest)})`)
    await service.close()
    await Promise.all(proxies.map((p) => p.close()))
  }

  // 2. naive vs JSON-RPC batching vs Multicall3, the demo wallet's Aave and Morpho reads on the L1
  {
    const entry = manifest.chains[0]!
    const proxy = await startCountingProxy(entry.rpcUrl)
    const chain = devnetChains.find((c) => c.chain.id === entry.chainId)!.chain
    // the chain's protocols as the server reads them (every deployment in the devnet's chain list), each with a fresh metadata cache
    const readable = (await resolveSources(loadConfig({ CHAINS_FILE: devnet.chainsFile }), PROTOCOLS)).chains.find((c) => c.chainId === entry.chainId)!
    const readers = (): VenueReader[] => readable.deployments.map((d) => d.protocol.createReaders()({ chain: readable, deployment: d.deployment, owner }))
    const wagmi = createConfig({ chains: [chain], transports: { [chain.id]: http(proxy.url) }, ssr: true, multiInjectedProviderDiscovery: false })
    const b = await getBlock(wagmi, { chainId: chain.id })
    const block = { chainId: chain.id, blockNumber: b.number, blockHash: b.hash, timestamp: b.timestamp }
    const perValue = (batch: boolean): ChainReader => {
      const client = createPublicClient({ chain, transport: http(proxy.url, { batch }) })
      return {
        chainId: chain.id,
        block,
        multicall: (calls: readonly ContractCall[]) =>
          Promise.all(
            calls.map((c): Promise<CallResult> =>
              client.readContract({ address: c.address, abi: c.abi, functionName: c.functionName, args: c.args ?? [], blockNumber: block.blockNumber } as never).then(
                (result) => ({ status: 'success', result }),
                (error: Error) => ({ status: 'failure', error }),
              ),
            ),
          ),
        getStorageAt: (address, slot) => client.getStorageAt({ address, slot, blockNumber: block.blockNumber }).then((v) => v ?? '0x'),
        // a lens call or a log query, one request each, as the batched reader sends them
        side: (requests) =>
          Promise.all(
            requests.map((r): Promise<SideResult> =>
              (r.kind === 'deployless'
                ? client.call({ data: r.data, blockNumber: block.blockNumber }).then((x): SideResult => ({ status: 'success', data: x.data ?? '0x' }))
                : client
                    .request({ method: 'eth_getLogs', params: [{ address: r.address, topics: [...r.topics], fromBlock: numberToHex(r.fromBlock), toBlock: numberToHex(block.blockNumber) }] } as never)
                    .then((logs): SideResult => ({ status: 'success', logs: logs as RpcLog[] }))
              ).catch((error: Error): SideResult => ({ status: 'failure', error })),
            ),
          ),
      }
    }
    const ways = [
      ['one eth_call per value', () => perValue(false)],
      ['JSON-RPC batching', () => perValue(true)],
      ['Multicall3 (xmargin)', () => createChainReader(wagmi, block)],
    ] as const
    const rows = []
    for (const [name, reader] of ways) {
      const warm = readers()
      await readVenues(reader(), warm) // metadata cached: measure the per-query read only
      proxy.reset()
      await readVenues(reader(), warm)
      const requests = proxy.httpRequests
      const calls = proxy.rpcCalls
      const xs: number[] = []
      for (let i = 0; i < ITERATIONS; i++) {
        const t = performance.now()
        await readVenues(reader(), warm)
        xs.push(performance.now() - t)
      }
      rows.push({ name, requests, calls, ms: median(xs) })
    }
    const base = rows[2]!
    console.log(`reading the demo wallet's Aave V3 and Morpho venues on one chain (${rows[0]!.calls} values), per query, median of ${ITERATIONS}:`)
    for (const r of rows) console.log(`  ${r.name.padEnd(24)} ${String(r.requests).padStart(4)} HTTP requests, ${String(r.calls).padStart(4)} JSON-RPC calls, ${r.ms.toFixed(1)} ms (${(r.requests / base.requests).toFixed(0)}× the requests, ${(r.ms / base.ms).toFixed(1)}× the time of Multicall3)`)
    await proxy.close()
  }

  // 3 and 4: the server in its own process
  const query = JSON.stringify({ query: `{ portfolio(owner: "${owner}") { venues { id healthFactor } totals { netEquityUsd } } }` })
  const start = async (env: Record<string, string>) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/app/serve.ts'], {
      env: { ...process.env, CHAINS_FILE: devnet.chainsFile, PORT: String(SERVER_PORT), LOG_LEVEL: 'silent', HEAD_CACHE_MS: '1000', MONTE_CARLO_THREADS: '1', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    children.push(child)
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => d.toString().includes('xmargin GraphQL') && resolve())
      child.once('exit', (code) => reject(new TypeError(`the server exited with ${code}`)))
    })
    return {
      url: `http://127.0.0.1:${SERVER_PORT}/graphql`,
      metric: async (name: string) => {
        const text = await (await fetch(`http://127.0.0.1:${SERVER_PORT}/metrics`)).text()
        const line = text.split('\n').find((l) => l.startsWith(`${name} `))
        return line === undefined ? Number.NaN : Number(line.split(' ').pop())
      },
      stop: async () => {
        child.kill('SIGTERM')
        await new Promise((r) => child.once('exit', r))
      },
    }
  }
  const load = (url: string, connections: number, seconds: number) =>
    autocannon({ url, connections, duration: seconds, method: 'POST', headers: { 'content-type': 'application/json' }, body: query })

  // 3. throughput of a cached query, with and without the security layer
  {
    const rows = []
    for (const [name, env] of [
      ['with the security layer', { RATE_LIMIT_PER_MINUTE: '1000000' }],
      ['without it', { RATE_LIMIT_PER_MINUTE: '0', QUERY_LIMITS: 'off' }],
    ] as const) {
      const server = await start(env)
      await load(server.url, 10, 2) // warm
      const r = await load(server.url, 10, THROUGHPUT_SECONDS)
      rows.push({ name, rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors })
      await server.stop()
    }
    console.log(`GraphQL throughput, cached portfolio query (head reused 1 s), 10 connections, ${THROUGHPUT_SECONDS} s (target ≥ 1,000 requests/s with p99 < 50 ms):`)
    for (const r of rows) console.log(`  ${r.name.padEnd(24)} ${r.rps.toFixed(0)} requests/s, p99 ${r.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}: ${verdict(r.rps >= 1000 && r.p99 < 50)}`)
    console.log(`  the security layer costs ${((1 - rows[0]!.rps / rows[1]!.rps) * 100).toFixed(1)}% of the throughput`)
  }

  // 4. load with and without a black-holed chain
  {
    const hole = await startFaultProxy(manifest.chains[1]!.rpcUrl)
    console.log(`load: ${LOAD_SECONDS} s per run; every answer must be 2xx or a deliberate 4xx`)
    for (const faulted of [false, true]) {
      hole.fault = { kind: faulted ? 'blackhole' : 'none' }
      const server = await start({ RATE_LIMIT_PER_MINUTE: '0', [`RPC_URL_${manifest.chains[1]!.chainId}`]: hole.url })
      for (const connections of [10, 50]) {
        const rssBefore = await server.metric('xmargin_process_resident_memory_bytes')
        const r = await load(server.url, connections, LOAD_SECONDS)
        const rssAfter = await server.metric('xmargin_process_resident_memory_bytes')
        const unhandled = await server.metric('xmargin_unhandled_rejections_total')
        const ok = r.non2xx === 0 && r.errors === 0 && unhandled === 0
        console.log(
          `  ${faulted ? 'chain 900002 black-holed' : 'all chains up'}, ${connections} connections: ${r.requests.average.toFixed(0)} requests/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}, unhandled rejections ${unhandled}; server RSS ${(rssBefore / 2 ** 20).toFixed(0)} → ${(rssAfter / 2 ** 20).toFixed(0)} MiB: ${verdict(ok)}`,
        )
      }
      await server.stop()
    }
    await hole.close()
  }
} finally {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL')
  await devnet.stop()
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

function verdict(met: boolean): string {
  return met ? 'met' : 'NOT MET'
}
