import path from 'node:path'
import pino from 'pino'
import { WebSocket } from 'ws'
import { runServer } from '../src/app/runServer.js'
import { watchHealth, type HealthUpdateView } from '../src/client/live.js'
import { loadConfig } from '../src/config/loadConfig.js'
import { setDevnetPrice } from '../src/devnet/setDevnetPrice.js'
import { startDevnet } from '../src/devnet/startDevnet.js'
import { startCountingProxy } from '../test/support/countingProxy.js'

/**
 * `npm run bench` (live alerts part), on its own devnet: SUBSCRIBERS
 * subscriptions to the demo wallet's health (graphql-ws, in this process),
 * the chains behind counting proxies.
 * 1. idle cost: RPC requests per second per chain while everyone watches and
 *    no block comes (the shared head poll: one read per chain per poll,
 *    whatever the number of subscribers);
 * 2. push latency: from the price-move transaction's return to each
 *    subscriber's message (the poll interval bounds it);
 * 3. reads per block: RPC requests the server makes for one new block shared
 *    by every subscriber of one wallet.
 * No issue names a target for these; they are reported, not judged.
 */
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 100)
const POLL_MS = Number(process.env.BENCH_SUBSCRIPTION_POLL_MS ?? 1_000)
const MOVES = Number(process.env.BENCH_LIVE_MOVES ?? 5)

const devnet = await startDevnet({ basePort: 38845, dir: path.resolve('.devnet', 'bench-live') })
try {
  const manifest = devnet.manifest
  const owner = manifest.accounts.demo
  const proxies = await Promise.all(manifest.chains.map((c) => startCountingProxy(c.rpcUrl)))
  const env: Record<string, string> = {
    CHAINS_FILE: devnet.chainsFile,
    PORT: '0',
    HYPERLIQUID_INFO_URL: 'off', LIGHTER_API_URL: 'off',
    SUBSCRIPTION_POLL_MS: String(POLL_MS),
    MAX_SUBSCRIPTIONS: String(SUBSCRIBERS + 10),
    RATE_LIMIT_PER_MINUTE: '0',
  }
  manifest.chains.forEach((c, i) => (env[`RPC_URL_${c.chainId}`] = proxies[i]!.url))
  const server = await runServer(loadConfig(env), pino({ level: 'silent' }))
  const arrivals: number[][] = Array.from({ length: SUBSCRIBERS }, () => [])
  const initial: Promise<void>[] = []
  const watches = Array.from({ length: SUBSCRIBERS }, (_, i) => {
    let ready!: () => void
    initial.push(new Promise<void>((r) => (ready = r)))
    return watchHealth(
      { owner, chainIds: manifest.chains.map((c) => c.chainId) },
      {
        endpoint: server.url,
        webSocketImpl: WebSocket,
        onUpdate: (u: HealthUpdateView) => (u.reason === 'INITIAL' ? ready() : arrivals[i]!.push(performance.now())),
        onError: (e) => console.error(`subscriber ${i}: ${e.code} ${e.message}`),
      },
    )
  })
  try {
    await Promise.all(initial)
    console.log(`live alerts: ${SUBSCRIBERS} subscribers to one wallet, 3 chains, SUBSCRIPTION_POLL_MS ${POLL_MS}`)

    // 1. idle
    const idleSeconds = 5
    proxies.forEach((p) => p.reset())
    await new Promise((r) => setTimeout(r, idleSeconds * 1_000))
    const idle = proxies.map((p) => p.httpRequests / idleSeconds)
    console.log(`  idle: ${idle.map((x) => x.toFixed(1)).join(', ')} RPC requests/s per chain (one head poll per chain per ${POLL_MS} ms, for all ${SUBSCRIBERS})`)

    // 2 and 3: price moves
    const latencies: number[] = []
    const perBlock: number[] = []
    for (let m = 0; m < MOVES; m++) {
      const before = arrivals.map((a) => a.length)
      proxies.forEach((p) => p.reset())
      const price = m % 2 === 0 ? '1500' : '2000'
      await setDevnetPrice({ manifest, target: 'ETH', value: price, chainId: 900001 })
      const sent = performance.now()
      const deadline = sent + POLL_MS * 10
      while (arrivals.some((a, i) => a.length === before[i]) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10))
      const missed = arrivals.filter((a, i) => a.length === before[i]).length
      if (missed > 0) console.log(`  move ${m + 1}: ${missed} of ${SUBSCRIBERS} subscribers got no message`)
      for (let i = 0; i < SUBSCRIBERS; i++) if (arrivals[i]!.length > before[i]!) latencies.push(arrivals[i]![before[i]!]! - sent)
      perBlock.push(proxies[0]!.httpRequests)
      await new Promise((r) => setTimeout(r, POLL_MS * 2))
    }
    latencies.sort((a, b) => a - b)
    const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(0)
    console.log(`  push after a price move (${MOVES} moves × ${SUBSCRIBERS} subscribers): p50 ${q(0.5)} ms, p90 ${q(0.9)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms`)
    console.log(`  RPC requests on the moved chain per move, all subscribers together (head polls included): ${perBlock.join(', ')}`)
  } finally {
    await Promise.all(watches.map((w) => w.stop()))
    await server.stop()
    await Promise.all(proxies.map((p) => p.close()))
  }
} finally {
  await devnet.stop()
}
