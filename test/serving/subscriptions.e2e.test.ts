import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import pino from 'pino'
import { WebSocket } from 'ws'
import { runServer } from '../../src/app/runServer.js'
import { loadConfig } from '../../src/config/loadConfig.js'
import type { DevnetManifest } from '../../src/devnet/manifest.js'
import type { GraphqlServer } from '../../src/graphql/createServer.js'
import { createXmarginClient, XmarginClientError } from '../../src/client/index.js'
import { watchHealth, type HealthUpdateView } from '../../src/client/live.js'
import { postGraphql } from '../graphql/http.js'
import { TestChain, testManifest } from '../support/devnet.js'

const run = promisify(execFile)
const CHAINS = [900001, 900002, 900003]

/** Collects a subscription's messages and lets a test wait for the one it expects. */
class Inbox {
  readonly updates: HealthUpdateView[] = []
  readonly errors: XmarginClientError[] = []
  stop: () => Promise<void> = async () => undefined
  private waiters: (() => void)[] = []
  push = (u: HealthUpdateView) => {
    this.updates.push(u)
    for (const w of this.waiters.splice(0)) w()
  }
  fail = (e: XmarginClientError) => {
    this.errors.push(e)
    for (const w of this.waiters.splice(0)) w()
  }
  /** Resolves with the first message (from index `from`) that `match` accepts; rejects after `ms`. */
  async next(match: (u: HealthUpdateView) => boolean, from = 0, ms = 20_000): Promise<HealthUpdateView> {
    const deadline = Date.now() + ms
    for (;;) {
      const found = this.updates.slice(from).find(match)
      if (found) return found
      if (this.errors.length > 0) throw this.errors[0]
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`no matching message in ${ms} ms; got ${JSON.stringify(this.updates.map((u) => [u.sequence, u.reason, u.changedVenueIds]))}`)
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left)
        this.waiters.push(() => {
          clearTimeout(t)
          resolve()
        })
      })
    }
  }
  async firstError(ms = 10_000): Promise<XmarginClientError> {
    await this.next(() => false, 0, ms).catch(() => undefined)
    const e = this.errors[0]
    if (!e) throw new Error('no error arrived')
    return e
  }
}

describe('health subscription over graphql-ws, driven by devnet price moves', () => {
  let manifest: DevnetManifest
  let server: GraphqlServer
  let chains: TestChain[]
  let snapshots: `0x${string}`[]
  const watches: { stop(): Promise<void> }[] = []

  beforeAll(async () => {
    manifest = await testManifest()
    chains = manifest.chains.map((c) => new TestChain(c))
    snapshots = await Promise.all(chains.map((c) => c.snapshot()))
    const env = { CHAINS_FILE: inject('devnetChainsFile'), PORT: '0', HYPERLIQUID_INFO_URL: 'off', LIGHTER_API_URL: 'off', RATE_LIMIT_PER_MINUTE: '0', SUBSCRIPTION_POLL_MS: '100', MAX_SUBSCRIPTIONS: '3' }
    server = await runServer(loadConfig(env), pino({ level: 'silent' }))
  })
  afterAll(async () => {
    await Promise.all(watches.map((w) => w.stop()))
    await server?.stop()
    await Promise.all(chains.map((c, i) => c.revert(snapshots[i]!)))
  })

  function subscribe(variables: Parameters<typeof watchHealth>[0]): Inbox {
    const inbox = new Inbox()
    const watch = watchHealth(variables, { endpoint: server.url, webSocketImpl: WebSocket, onUpdate: inbox.push, onError: inbox.fail, retryAttempts: 0 })
    watches.push(watch)
    inbox.stop = () => watch.stop()
    return inbox
  }

  /** The devnet's ETH price, USD (from the feed every ETH-priced asset follows). */
  async function ethPriceUsd(): Promise<number> {
    const r = await postGraphql(server.url, { query: `{ portfolio(owner: "${manifest.accounts.demo}", chainIds: [900001]) { venues { liquidationPrices { riskFactor currentPriceE8 } } } }` })
    const venues = (r.json.data as { portfolio: { venues: { liquidationPrices: { riskFactor: string; currentPriceE8: string }[] | null }[] } }).portfolio.venues
    const eth = venues.flatMap((v) => v.liquidationPrices ?? []).find((p) => p.riskFactor === 'ETH')
    if (!eth) throw new Error('the demo wallet has no ETH liquidation price on 900001')
    return Number(eth.currentPriceE8) / 1e8
  }

  /** `npm run devnet:price -- ETH <usd>` against the test devnet, as a user would move a price. */
  async function moveEth(usd: number): Promise<string> {
    const { stdout } = await run('npm', ['run', '--silent', 'devnet:price', '--', 'ETH', usd.toFixed(8), '--manifest', inject('devnetManifestPath')], { cwd: process.cwd() })
    return stdout
  }

  it('pushes the state, then the new health and a threshold alert when a price move crosses it, and the recovery', async () => {
    const client = createXmarginClient({ endpoint: server.url })
    const owner = manifest.accounts.demo
    // what the server's own model predicts for an ETH −25% move: the alert threshold sits halfway between
    const curve = await client.healthCurve({ owner, chainIds: CHAINS, riskFactor: 'ETH', moves: [-0.25] })
    const target = curve.venues
      .filter((v) => v.healthFactor !== null && v.points[0]!.healthFactor !== null && v.points[0]!.healthFactor < v.healthFactor)
      .sort((a, b) => a.healthFactor! - b.healthFactor!)[0]
    expect(target, 'a venue whose health falls with ETH').toBeDefined()
    const before = target!.healthFactor!
    const predicted = target!.points[0]!.healthFactor!
    const threshold = (before + predicted) / 2

    const inbox = subscribe({ owner, chainIds: CHAINS, alert: { healthFactorBelow: threshold } })
    const initial = await inbox.next((u) => u.reason === 'INITIAL')
    expect(initial.sequence).toBe(1)
    expect(initial.portfolio.venues.find((v) => v.id === target!.venueId)!.healthFactor).toBe(before)
    expect(initial.alerts.filter((a) => a.venueId === target!.venueId)).toEqual([])
    expect(initial.changedVenueIds.length).toBe(initial.portfolio.venues.length)

    const eth = await ethPriceUsd()
    const printed = await moveEth(eth * 0.75)
    expect(printed).toMatch(/chain 900001 WETH/)
    const fell = await inbox.next((u) => u.alerts.some((a) => a.venueId === target!.venueId))
    expect(fell.reason).toBe('CHANGED')
    expect(fell.changedVenueIds).toContain(target!.venueId)
    const alert = fell.alerts.find((a) => a.venueId === target!.venueId)!
    expect(alert).toMatchObject({ metric: 'HEALTH_FACTOR', direction: 'BELOW', threshold, previous: before })
    const now = fell.portfolio.venues.find((v) => v.id === target!.venueId)!.healthFactor!
    expect(alert.current).toBe(now)
    // the pushed health is the protocol's at the new price: what the model predicted for −25% (interest of a few seconds aside)
    expect(Math.abs(now / predicted - 1)).toBeLessThan(1e-4)
    expect(alert.block?.chainId).toBe(Number(target!.venueId.split(':')[1]))
    expect(alert.message).toContain('fell below')

    await moveEth(eth)
    const rose = await inbox.next((u) => u.sequence > fell.sequence && u.alerts.some((a) => a.venueId === target!.venueId))
    expect(rose.alerts.find((a) => a.venueId === target!.venueId)).toMatchObject({ metric: 'HEALTH_FACTOR', direction: 'ABOVE', threshold })
    // sequence numbers count messages without gaps
    expect(inbox.updates.map((u) => u.sequence)).toEqual(inbox.updates.map((_, i) => i + 1))
    expect(inbox.errors).toEqual([])
  })

  it('answers a subscription sent over HTTP with a 400 saying where subscriptions are served', async () => {
    const r = await postGraphql(server.url, { query: `subscription { health(owner: "${manifest.accounts.demo}") { sequence } }` })
    expect(r.status).toBe(400)
    expect(r.json.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' }, message: expect.stringContaining('WebSocket (graphql-ws') })
  })

  it('rejects bad arguments with the public code, and holds no more subscriptions than MAX_SUBSCRIPTIONS', async () => {
    const bad = subscribe({ owner: manifest.accounts.demo, chainIds: [12345] })
    expect((await bad.firstError()).code).toBe('BAD_USER_INPUT')

    // the first test's subscription is still held (1 of 3); two more fill the server
    const held = [subscribe({ owner: manifest.accounts.demo, chainIds: [900001] }), subscribe({ owner: manifest.accounts.demo, chainIds: [900003] })]
    await Promise.all(held.map((h) => h.next((u) => u.reason === 'INITIAL')))
    const over = subscribe({ owner: manifest.accounts.demo, chainIds: [900002] })
    expect((await over.firstError()).code).toBe('SERVER_BUSY')

    // a subscriber that leaves frees its slot
    await held[1]!.stop()
    const again = subscribe({ owner: manifest.accounts.demo, chainIds: [900002] })
    await again.next((u) => u.reason === 'INITIAL')
  })
})
