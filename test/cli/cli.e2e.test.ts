import { execFile, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import pino from 'pino'
import { runServer } from '../../src/app/runServer.js'
import { loadConfig } from '../../src/config/loadConfig.js'
import type { DevnetManifest } from '../../src/devnet/manifest.js'
import type { GraphqlServer } from '../../src/graphql/createServer.js'
import { createXmarginClient, type PortfolioView } from '../../src/client/index.js'
import { formatLiquidationRanking, formatPct, formatRiskBasedRequirement, shortVenueId } from '../../src/cli/format.js'
import { TestChain, testManifest } from '../support/devnet.js'

const run = promisify(execFile)
const CHAINS = '900001,900002,900003'

/** `npx xmargin …` as a user runs it; never throws: returns the exit code and both streams. */
async function xmargin(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['--no-install', 'xmargin', ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 110_000 })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string }
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }
  }
}

describe('the xmargin CLI (npx xmargin)', () => {
  let manifest: DevnetManifest
  let server: GraphqlServer
  let chains: TestChain[]
  let snapshots: `0x${string}`[]

  beforeAll(async () => {
    manifest = await testManifest()
    chains = manifest.chains.map((c) => new TestChain(c))
    snapshots = await Promise.all(chains.map((c) => c.snapshot()))
    server = await runServer(
      loadConfig({ CHAINS_FILE: inject('devnetChainsFile'), PORT: '0', HYPERLIQUID_INFO_URL: 'off', LIGHTER_API_URL: 'off', RATE_LIMIT_PER_MINUTE: '0', SUBSCRIPTION_POLL_MS: '100' }),
      pino({ level: 'silent' }),
    )
  })
  afterAll(async () => {
    await server?.stop()
    await Promise.all(chains.map((c, i) => c.revert(snapshots[i]!)))
  })

  it('portfolio --json prints what the typed client answers', async () => {
    const r = await xmargin(['portfolio', manifest.accounts.demo, '--chains', CHAINS, '--json', '--endpoint', server.url])
    expect(r.code, r.stderr).toBe(0)
    const printed = JSON.parse(r.stdout) as PortfolioView
    const direct = await createXmarginClient({ endpoint: server.url }).portfolio({ owner: manifest.accounts.demo, chainIds: CHAINS.split(',').map(Number) })
    expect(printed.venues.map((v) => [v.id, v.healthFactor])).toEqual(direct.venues.map((v) => [v.id, v.healthFactor]))
    expect(printed.venues.length).toBeGreaterThanOrEqual(5)
  })

  it('portfolio prints a table of venues, health, the risk-based requirement as one account, nearest liquidation and the worst stress scenario', async () => {
    const r = await xmargin(['portfolio', manifest.accounts.demo, '--chains', CHAINS, '--endpoint', server.url])
    expect(r.code, r.stderr).toBe(0)
    const p = await createXmarginClient({ endpoint: server.url }).portfolio({ owner: manifest.accounts.demo, chainIds: CHAINS.split(',').map(Number) })
    for (const v of p.venues) {
      const row = r.stdout.split('\n').find((line) => line.includes(shortVenueId(v.id)))
      expect(row, v.id).toBeDefined()
      expect(row).toContain(v.status)
      if (v.healthFactor !== null) expect(row).toContain(v.healthFactor.toFixed(4))
      if (v.block) expect(row).toContain(`#${v.block.blockNumber}`)
    }
    expect(r.stdout).toContain(`Unified (one-account) health factor: ${p.oneAccount.healthFactor!.toFixed(4)}`)
    expect(r.stdout).toContain(`Worst stress scenario: ${p.stressGrid.worst!.scenario.label}`)
    // the one account's risk-based requirement, the scenario that sets it and the capital it frees, as the typed client answers
    const margin = await createXmarginClient({ endpoint: server.url }).portfolioMargin({ owner: manifest.accounts.demo, chainIds: CHAINS.split(',').map(Number) })
    // this process may color its strings; the CLI under NO_COLOR does not
    expect(r.stdout).toContain(formatRiskBasedRequirement(margin).replace(/\x1b\[[0-9;]*m/g, ''))
    expect(r.stdout).toMatch(/Risk-based requirement as one account \(SPAN\): \$[\d,]+ \(margin ratio [\d.]+\), frees \$[\d,]+ vs the protocols' .*; set by ETH: scenario \d+/)
    // the nearest by σ-distance, with its percent move and the ranking it used
    const nearest = p.liquidationDistance.nearest!
    expect(r.stdout).toContain(`Nearest liquidation: ${shortVenueId(nearest.venueId)} when ${nearest.riskFactor} reaches $${nearest.priceUsd.toFixed(2)} (${formatPct(nearest.changePct)}; ${formatLiquidationRanking(nearest, p.liquidationDistance.horizonDays)})`)
    expect(r.stdout).toMatch(/Nearest liquidation: .* when \w+ reaches \$[\d.]+ \(-[\d.]+%; [\d.]+σ in 1 d\)/)
  })

  it('says what was wrong, with the public code and exit code 1, for a bad address, chain or endpoint', async () => {
    const bad = await xmargin(['portfolio', '0x1234', '--endpoint', server.url])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('BAD_USER_INPUT')
    const chain = await xmargin(['portfolio', manifest.accounts.demo, '--chains', 'nowhere', '--endpoint', server.url])
    expect(chain.code).toBe(1)
    expect(chain.stderr).toMatch(/BAD_USER_INPUT: Unknown chain "nowhere"; this server reads: 900001/)
    const down = await xmargin(['portfolio', manifest.accounts.demo, '--endpoint', 'http://127.0.0.1:9/graphql'])
    expect(down.code).toBe(1)
    expect(down.stderr).toContain('NETWORK_ERROR')
    const usage = await xmargin(['watch', manifest.accounts.demo])
    expect(usage.code).toBe(1) // commander: a missing required option
    expect(usage.stderr).toContain("required option '--below <healthFactor>' not specified")
  })

  it('watch prints a line when a devnet price move takes a venue below the threshold', async () => {
    const client = createXmarginClient({ endpoint: server.url })
    const owner = manifest.accounts.demo
    const curve = await client.healthCurve({ owner, chainIds: [900001, 900002, 900003], riskFactor: 'ETH', moves: [-0.3] })
    const fallers = curve.venues.filter((v) => v.healthFactor !== null && v.points[0]!.healthFactor! < v.healthFactor)
    const lowestNow = Math.min(...curve.venues.map((v) => v.healthFactor ?? Infinity))
    const lowestAfter = Math.min(...fallers.map((v) => v.points[0]!.healthFactor!))
    expect(lowestAfter).toBeLessThan(lowestNow)
    const below = (Math.min(lowestNow, ...fallers.map((v) => v.healthFactor!)) + lowestAfter) / 2

    // the bin itself (not through npx) so that SIGINT reaches it as Ctrl-C would
    const child = spawn(process.execPath, ['bin/xmargin.js', 'watch', owner, '--below', String(below), '--chains', CHAINS, '--json', '--endpoint', server.url], { env: { ...process.env, NO_COLOR: '1' } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    try {
      await until(() => stderr.includes('watching'), 30_000, () => stderr)
      expect(stdout).toBe('') // no venue below the threshold yet
      const eth = await ethPriceUsd(server.url, owner)
      await run('npm', ['run', '--silent', 'devnet:price', '--', 'ETH', (eth * 0.7).toFixed(8), '--manifest', inject('devnetManifestPath')])
      await until(() => stdout.includes('\n'), 20_000, () => stdout + stderr)
      const alerts = stdout.trim().split('\n').map((l) => JSON.parse(l) as { venueId: string; direction: string; metric: string; current: number; message: string })
      expect(alerts.length).toBeGreaterThan(0)
      for (const a of alerts) {
        expect(a).toMatchObject({ direction: 'BELOW', metric: 'HEALTH_FACTOR' })
        expect(a.current).toBeLessThan(below)
        expect(fallers.map((v) => v.venueId)).toContain(a.venueId)
      }
    } finally {
      child.kill('SIGINT')
    }
    expect(await exited).toBe(0)
  })

  it('without --endpoint, starts its own devnet and engine, showing progress', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'xmargin-cli-'))
    try {
      const r = await xmargin(['portfolio', manifest.accounts.demo], { XMARGIN_CLI_DEVNET_DIR: dir, XMARGIN_CLI_DEVNET_PORT: '39145' })
      expect(r.code, r.stderr).toBe(0)
      expect(r.stderr).toMatch(/Devnet (deployed|loaded) in [\d.]+ s \(900001, 900002, 900003\)/)
      expect(r.stderr).toContain('Engine ready')
      expect(r.stdout).toContain(`xmargin: ${manifest.accounts.demo}`)
      expect(r.stdout).toMatch(/aave-v3:900001:.* HEALTHY/)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

async function until(ok: () => boolean, ms: number, show: () => string): Promise<void> {
  const deadline = Date.now() + ms
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${show()}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

async function ethPriceUsd(url: string, owner: string): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ portfolio(owner: "${owner}", chainIds: [900001]) { venues { liquidationPrices { riskFactor currentPriceE8 } } } }` }),
  })
  const body = (await response.json()) as { data: { portfolio: { venues: { liquidationPrices: { riskFactor: string; currentPriceE8: string }[] | null }[] } } }
  const eth = body.data.portfolio.venues.flatMap((v) => v.liquidationPrices ?? []).find((p) => p.riskFactor === 'ETH')
  if (!eth) throw new Error('no ETH price')
  return Number(eth.currentPriceE8) / 1e8
}
