import path from 'node:path'
import pino from 'pino'
import { loadConfig } from '../src/config/loadConfig.js'
import { startDevnet } from '../src/devnet/startDevnet.js'
import { createPortfolioService } from '../src/services/createPortfolioService.js'
import { resolveChains } from '../src/services/resolveChains.js'
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
  const env: Record<string, string> = { DEVNET_MANIFEST: devnet.manifestPath }
  devnet.manifest.chains.forEach((c, i) => (env[`RPC_URL_${c.chainId}`] = proxies[i]!.url))
  const config = loadConfig(env)
  const service = createPortfolioService({
    chains: await resolveChains(config),
    collateralFactors: config.oneAccount,
    chainTimeoutMs: config.chainTimeoutMs,
    logger: pino({ level: 'silent' }),
  })
  const owner = devnet.manifest.accounts.demo
  await service.get({ owner }) // warm the metadata cache
  const cold = proxies.map((p) => p.httpRequests)
  proxies.forEach((p) => p.reset())
  const times: number[] = []
  for (let i = 0; i < ITERATIONS; i++) {
    const t = performance.now()
    await service.get({ owner })
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1)
  console.log(`portfolio query, demo wallet, 3 chains, ${ITERATIONS} iterations`)
  console.log(`  latency ms: p50 ${q(0.5)}  p90 ${q(0.9)}  p99 ${q(0.99)}  max ${times[times.length - 1]!.toFixed(1)}`)
  devnet.manifest.chains.forEach((c, i) => {
    const p = proxies[i]!
    console.log(
      `  chain ${c.chainId}: ${(p.httpRequests / ITERATIONS).toFixed(2)} HTTP requests / query (${(p.rpcCalls / ITERATIONS).toFixed(2)} JSON-RPC calls); first (cold cache) query: ${cold[i]}`,
    )
  })
  await Promise.all(proxies.map((p) => p.close()))
} finally {
  await devnet.stop()
}
