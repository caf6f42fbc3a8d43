import path from 'node:path'
import pino from 'pino'
import { loadConfig } from '../src/config/loadConfig.js'
import { startDevnet } from '../src/devnet/startDevnet.js'
import { createPortfolioService } from '../src/services/createPortfolioService.js'
import { resolveSources } from '../src/config/resolveChains.js'
import { PROTOCOLS } from '../src/protocols/registry.js'
import { startCountingProxy } from '../test/support/countingProxy.js'

/**
 * `npm run bench`: portfolio read cost on the devnet. Reports JSON-RPC
 * requests per query per chain (counted by a loopback proxy in front of each
 * node) and the latency of a full portfolio query (three chains, demo wallet).
 */
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200)
const devnet = await startDevnet({ basePort: 38545, dir: path.resolve('.devnet', 'bench') })
try {
  const proxies = await Promise.all(devnet.manifest.chains.map((c) => startCountingProxy(c.rpcUrl)))
  const env: Record<string, string> = { CHAINS_FILE: devnet.chainsFile }
  devnet.manifest.chains.forEach((c, i) => (env[`RPC_URL_${c.chainId}`] = proxies[i]!.url))
  const config = loadConfig(env)
  const service = createPortfolioService({
    chains: (await resolveSources(config, PROTOCOLS)).chains,
    collateralFactors: config.oneAccount,
    chainTimeoutMs: config.chainTimeoutMs,
    logger: pino({ level: 'silent' }),
  })
  const owner = devnet.manifest.accounts.demo
  await service.get({ owner }) // warm the metadata cache
  const cold = proxies.map((p) => p.httpRequests)
  const mineAll = () =>
    Promise.all(devnet.manifest.chains.map((c) => fetch(c.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'evm_mine', params: [] }) })))
  // a new block on every chain before each query (the full read), then repeated queries at one block (the per-block cache)
  for (const newBlock of [true, false]) {
    proxies.forEach((p) => p.reset())
    const times: number[] = []
    for (let i = 0; i < ITERATIONS; i++) {
      if (newBlock) await mineAll()
      const t = performance.now()
      await service.get({ owner })
      times.push(performance.now() - t)
      // (mining goes to the nodes directly, not through the counting proxies)
    }
    times.sort((a, b) => a - b)
    const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1)
    console.log(`portfolio query, demo wallet, 3 chains, ${ITERATIONS} iterations, ${newBlock ? 'a new block each time (full read)' : 'the same block (per-block cache)'}`)
    console.log(`  latency ms: p50 ${q(0.5)}  p90 ${q(0.9)}  p99 ${q(0.99)}  max ${times[times.length - 1]!.toFixed(1)}`)
    devnet.manifest.chains.forEach((c, i) => {
      const p = proxies[i]!
      console.log(`  chain ${c.chainId}: ${(p.httpRequests / ITERATIONS).toFixed(2)} HTTP requests / query (${(p.rpcCalls / ITERATIONS).toFixed(2)} JSON-RPC calls)${newBlock ? `; first (cold cache) query: ${cold[i]}` : ''}`)
    })
  }
  await Promise.all(proxies.map((p) => p.close()))
} finally {
  await devnet.stop()
}
