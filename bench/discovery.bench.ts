import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import pino from 'pino'
import { createPublicClient, encodeFunctionData, http, multicall3Abi, numberToHex, type Address, type Hex } from 'viem'
import { devnetChains, MULTICALL3_ADDRESS } from '../chains/devnet.js'
import { loadConfig } from '../src/config/loadConfig.js'
import { resolveSources } from '../src/config/resolveChains.js'
import { DEVNET_ACCOUNTS } from '../src/devnet/accounts.js'
import { Deployer } from '../src/devnet/deployer.js'
import { ARTIFACT_CACHE_DIR, startDevnet } from '../src/devnet/startDevnet.js'
import type { RpcLog } from '../src/read/readPlan.js'
import { PROTOCOLS } from '../src/protocols/registry.js'
import type { ChainLogReader } from '../src/protocols/types.js'
import { morphoAbi } from '../src/protocols/morphoBlue/abi.js'
import { createPlainMorphoMarkets } from '../src/protocols/morphoBlue/devnet/createPlainMorphoMarkets.js'
import { compileMorphoDevnetContracts } from '../src/protocols/morphoBlue/devnet/morphoArtifacts.js'
import { MorphoBlueMarketIndex, marketIndexFile } from '../src/protocols/morphoBlue/read/marketIndex.js'
import { POSITIONS_LENS_MAX_IDS, positionsLensCallData } from '../src/protocols/morphoBlue/read/positionsLens.js'
import { createPortfolioService } from '../src/services/createPortfolioService.js'
import { startCountingProxy, type CountingProxy } from '../test/support/countingProxy.js'
import { startFaultProxy } from '../test/support/faultProxy.js'

/**
 * `npm run bench`: Morpho Blue market discovery on the devnet's L1 (900001),
 * whose Morpho has over 1,000 markets, then 2,000 more:
 * - the index build from genesis (CreateMarket logs): time, log queries, the
 *   index's heap and its saved file;
 * - a portfolio query of the demo wallet at a new block (chain 900001 only):
 *   HTTP requests, JSON-RPC calls and latency;
 * - the discovery itself, side by side at one block: the deployless
 *   positions lens (one eth_call) against `position(id, owner)` for every
 *   indexed market in Multicall3 chunks (the other way the issue names).
 */
const QUERIES = Number(process.env.BENCH_DISCOVERY_QUERIES ?? 60)
const EXTRA_MARKETS = 2_000
setFlagsFromString('--expose_gc')
const gc = runInNewContext('gc') as () => void

const devnet = await startDevnet({ basePort: 38745, dir: path.resolve('.devnet', 'bench-discovery') })
const dataDir = await mkdtemp(path.join(tmpdir(), 'xmargin-discovery-'))
try {
  const entry = devnet.manifest.chains.find((c) => c.chainId === 900001)!
  const morpho = entry.morphoBlue!.morpho
  const deploymentBlock = BigInt(entry.morphoBlue!.deploymentBlock)
  const chain = devnetChains.find((c) => c.chain.id === 900001)!.chain
  const proxy = await startCountingProxy(entry.rpcUrl)
  const rpc = (method: string, params: unknown[] = []) =>
    fetch(entry.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) }).then(async (r) => ((await r.json()) as { result: unknown }).result)
  const owner = DEVNET_ACCOUNTS.demo

  for (const round of [1, 2]) {
    if (round === 2) {
      const deployer = new Deployer(chain, entry.rpcUrl, DEVNET_ACCOUNTS.deployer)
      const t = performance.now()
      const created = await createPlainMorphoMarkets(deployer, { morpho, contracts: await compileMorphoDevnetContracts(ARTIFACT_CACHE_DIR), assets: entry.assets, count: EXTRA_MARKETS, offset: 100_000 })
      console.log(`  (${created.created} more markets created in ${((performance.now() - t) / 1000).toFixed(1)} s)`)
    }
    // 1. the index from genesis, through the counting proxy
    proxy.reset()
    const file = marketIndexFile(dataDir, 900001, morpho)
    await rm(file, { force: true })
    const t0 = performance.now()
    let index: MorphoBlueMarketIndex | null = new MorphoBlueMarketIndex({ chainId: 900001, morpho, deploymentBlock, logs: logReaderOver(proxy.url), file, logger: pino({ level: 'silent' }), followIntervalMs: 600_000 }).start()
    await index.settled
    const buildMs = performance.now() - t0
    const logQueries = proxy.methods.get('eth_getLogs') ?? 0
    // ids copied into fresh strings (and no snapshot kept), so dropping the index frees all it holds
    const { indexedTo, ids } = ((s) => ({ indexedTo: s.indexedTo, ids: s.markets.map((m) => Buffer.from(m.id).toString() as Hex) }))(index.snapshot())
    index.stop()
    await new Promise((r) => setTimeout(r, 200))
    const fileBytes = (await stat(file).catch(() => ({ size: 0 }))).size
    // the index's heap: what dropping it frees
    for (let i = 0; i < 3; i++) gc()
    const heapWith = process.memoryUsage().heapUsed
    index = null
    for (let i = 0; i < 3; i++) gc()
    const heapIndex = heapWith - process.memoryUsage().heapUsed
    const n = ids.length
    console.log(`Morpho Blue market discovery, devnet L1 (chain 900001), ${n} markets indexed:`)
    console.log(`  index build from genesis (block ${deploymentBlock}..${indexedTo}): ${buildMs.toFixed(0)} ms, ${logQueries} eth_getLogs; heap ${(heapIndex / 1024).toFixed(0)} KiB (${(heapIndex / n).toFixed(0)} B/market); saved file ${(fileBytes / 1024).toFixed(0)} KiB`)
    // the same build through a node that refuses log ranges over 8 blocks (public nodes cap ranges): the range shrinks and the scan goes on
    const capped = await startFaultProxy(entry.rpcUrl)
    capped.fault = { kind: 'logRange', maxBlocks: 8, code: -32005, message: 'query exceeds max block range 8' }
    const tc = performance.now()
    const cappedIndex = new MorphoBlueMarketIndex({ chainId: 900001, morpho, deploymentBlock, logs: logReaderOver(capped.url), file: null, logger: pino({ level: 'silent' }), followIntervalMs: 600_000 }).start()
    await cappedIndex.settled
    cappedIndex.stop()
    const cappedQueries = capped.calls.filter((c) => c.method === 'eth_getLogs').length
    console.log(
      `  the same build through a node capping log ranges at 8 blocks: ${(performance.now() - tc).toFixed(0)} ms, ${cappedQueries} eth_getLogs (${capped.refusedLogQueries} refused, the range halving from 10,000), ${cappedIndex.snapshot().markets.length} markets: ${cappedIndex.snapshot().markets.length === n ? 'all found' : 'MISSED SOME'}`,
    )
    await capped.close()

    // 2. the portfolio query at a new block, chain 900001 alone, discovery included
    const config = loadConfig({ CHAINS_FILE: devnet.chainsFile, XMARGIN_CHAINS: '900001', RPC_URL_900001: proxy.url, HYPERLIQUID_INFO_URL: 'off', LIGHTER_API_URL: 'off' })
    const service = createPortfolioService({ chains: (await resolveSources(config, PROTOCOLS)).chains, collateralFactors: config.oneAccount, chainTimeoutMs: 10_000, logger: pino({ level: 'silent' }), dataDir: null })
    await waitReady(service)
    const first = await service.get({ owner })
    const morphoVenues = first.venues.filter((v) => v.protocol === 'MORPHO_BLUE' && v.status === 'available').length
    const times: number[] = []
    let http = 0
    let calls = 0
    for (let i = 0; i < QUERIES; i++) {
      await rpc('evm_mine')
      proxy.reset()
      const t = performance.now()
      const p = await service.get({ owner })
      times.push(performance.now() - t)
      http += proxy.httpRequests
      calls += proxy.rpcCalls
      if (p.venues.some((v) => v.status !== 'available')) throw new Error(`a venue was unavailable: ${p.venues.filter((v) => v.status !== 'available').map((v) => `${v.id}: ${v.status === 'unavailable' ? v.error.message : ''}`).join(', ')}`)
    }
    await service.close()
    times.sort((a, b) => a - b)
    const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1)
    console.log(
      `  portfolio query at a new block (demo wallet, chain 900001, ${morphoVenues} Morpho venues found, ${QUERIES} queries): ${(http / QUERIES).toFixed(2)} HTTP requests / query (${(calls / QUERIES).toFixed(2)} JSON-RPC calls); latency p50 ${q(0.5)} ms, p90 ${q(0.9)} ms`,
    )

    // 3. discovery alone at one block: the lens against position() for every market in Multicall3 chunks
    const block = numberToHex(BigInt((await rpc('eth_blockNumber')) as string))
    const ways: [string, () => Promise<unknown>][] = [
      ['deployless positions lens (kept)', () => post(proxy, lensChunks(morpho, owner, ids).map((data) => ({ method: 'eth_call', params: [{ data }, block] })))],
      ['position() of every market, Multicall3 chunks of 200', () => post(proxy, positionChunks(morpho, owner, ids).map((data) => ({ method: 'eth_call', params: [{ to: MULTICALL3_ADDRESS, data }, block] })))],
    ]
    console.log(`  discovery alone at one block, ${n} markets (median of 20):`)
    for (const [name, run] of ways) {
      await run()
      proxy.reset()
      const ts: number[] = []
      let bytes = 0
      for (let i = 0; i < 20; i++) {
        const t = performance.now()
        bytes += ((await run()) as number)
        ts.push(performance.now() - t)
      }
      ts.sort((a, b) => a - b)
      console.log(`    ${name.padEnd(52)} ${(proxy.rpcCalls / 20).toFixed(0)} eth_call in 1 HTTP request, ${(bytes / 20 / 1024).toFixed(1)} KiB answered, ${ts[10]!.toFixed(1)} ms`)
    }
  }
  await proxy.close()
} finally {
  await devnet.stop()
  await rm(dataDir, { recursive: true, force: true })
}

/** Waits for the service's background jobs (the market index) to complete, as /readyz does. */
async function waitReady(service: ReturnType<typeof createPortfolioService>): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if ((await service.readiness()).ready) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('the devnet service did not become ready in 60 s')
}

/** One JSON-RPC batch through the proxy; the answer's size in bytes. */
async function post(proxy: CountingProxy, calls: { method: string; params: unknown[] }[]): Promise<number> {
  const res = await fetch(proxy.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(calls.map((c, id) => ({ jsonrpc: '2.0', id, ...c }))) })
  const text = await res.text()
  if (text.includes('"error"')) throw new Error(`discovery call failed: ${text.slice(0, 200)}`)
  return text.length
}

/** The lens's calls over `ids`, POSITIONS_LENS_MAX_IDS each, as the reader sends them. */
function lensChunks(morpho: Address, owner: Address, ids: readonly Hex[]): Hex[] {
  const chunks: Hex[] = []
  for (let i = 0; i < ids.length; i += POSITIONS_LENS_MAX_IDS) chunks.push(positionsLensCallData(morpho, owner, ids.slice(i, i + POSITIONS_LENS_MAX_IDS)))
  return chunks
}

/** Multicall3 aggregate3 calldata of position(id, owner) for every id, 200 per chunk (the reader's chunk size). */
function positionChunks(morpho: Address, owner: Address, ids: readonly Hex[]): Hex[] {
  const chunks: Hex[] = []
  for (let i = 0; i < ids.length; i += 200) {
    const calls = ids.slice(i, i + 200).map((id) => ({ target: morpho, allowFailure: true, callData: encodeFunctionData({ abi: morphoAbi, functionName: 'position', args: [id, owner] }) }))
    chunks.push(encodeFunctionData({ abi: multicall3Abi, functionName: 'aggregate3', args: [calls] }))
  }
  return chunks
}

/** The chain's logs and head over plain JSON-RPC to `url`. */
function logReaderOver(url: string): ChainLogReader {
  // retries as the server's chain transport makes them (RPC_RETRY_COUNT 2, 100 ms backoff)
  const client = createPublicClient({ transport: http(url, { retryCount: 2, retryDelay: 100 }) })
  return {
    blockNumber: () => client.getBlockNumber({ cacheTime: 0 }),
    blockHash: async (n) => (await client.getBlock({ blockNumber: n }).catch(() => null))?.hash ?? null,
    getLogs: (p) => client.request({ method: 'eth_getLogs', params: [{ address: p.address, topics: [...p.topics], fromBlock: numberToHex(p.fromBlock), toBlock: numberToHex(p.toBlock) }] } as never) as Promise<RpcLog[]>,
  }
}
