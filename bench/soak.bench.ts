import { spawn } from 'node:child_process'
import path from 'node:path'
import autocannon from 'autocannon'
import { startDevnet } from '../src/devnet/startDevnet.js'

/**
 * `npm run bench:soak`: a long load on the server in its own process, with
 * its resident memory sampled after a warm-up and at the end (target: growth
 * under 10%). BENCH_SOAK_SECONDS (default 600) sets the length;
 * BENCH_SOAK_CONNECTIONS (default 10) the connections. Each query names a
 * different owner among a rotating set, so caches fill and evict as they would.
 */
const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 600)
const CONNECTIONS = Number(process.env.BENCH_SOAK_CONNECTIONS ?? 10)
const WARMUP_SECONDS = Math.min(60, Math.max(5, Math.floor(SECONDS / 10)))
const PORT = 38_890

const devnet = await startDevnet({ basePort: 38845, dir: path.resolve('.devnet', 'bench-soak') })
const child = spawn(process.execPath, ['--import', 'tsx', 'src/app/serve.ts'], {
  env: { ...process.env, CHAINS_FILE: devnet.chainsFile, PORT: String(PORT), LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', HEAD_CACHE_MS: '1000' },
  stdio: ['ignore', 'pipe', 'inherit'],
})
try {
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('xmargin GraphQL') && resolve())
    child.once('exit', (code) => reject(new TypeError(`the server exited with ${code}`)))
  })
  const url = `http://127.0.0.1:${PORT}/graphql`
  const metric = async (name: string) => {
    const line = (await (await fetch(`http://127.0.0.1:${PORT}/metrics`)).text()).split('\n').find((l) => l.startsWith(`${name} `))
    return line === undefined ? Number.NaN : Number(line.split(' ').pop())
  }
  // 1,000 owners: the demo wallet and 999 empty ones
  const owners = [devnet.manifest.accounts.demo, ...Array.from({ length: 999 }, (_, i) => `0x${(0x50a4n + BigInt(i)).toString(16).padStart(40, '0')}`)]
  let n = 0
  const run = (seconds: number) =>
    autocannon({
      url,
      connections: CONNECTIONS,
      duration: seconds,
      requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: JSON.stringify({ query: `{ portfolio(owner: "${owners[n++ % owners.length]}") { venues { id healthFactor } totals { netEquityUsd } } }` }) }) }],
    })
  await run(WARMUP_SECONDS)
  const before = await metric('xmargin_process_resident_memory_bytes')
  const r = await run(SECONDS)
  const after = await metric('xmargin_process_resident_memory_bytes')
  const growth = (after / before - 1) * 100
  console.log(`soak: ${SECONDS} s at ${CONNECTIONS} connections after ${WARMUP_SECONDS} s of warm-up, 1,000 owners in rotation`)
  console.log(`  ${r.requests.total} requests (${r.requests.average.toFixed(0)}/s), p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}, unhandled rejections ${await metric('xmargin_unhandled_rejections_total')}`)
  console.log(`  server RSS ${(before / 2 ** 20).toFixed(0)} → ${(after / 2 ** 20).toFixed(0)} MiB: ${growth.toFixed(1)}% (target < 10%: ${growth < 10 ? 'met' : 'NOT MET'})`)
} finally {
  child.kill('SIGTERM')
  await devnet.stop()
}
