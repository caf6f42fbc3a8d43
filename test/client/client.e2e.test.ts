import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import pino from 'pino'
import { runServer } from '../../src/app/runServer.js'
import { loadConfig } from '../../src/config/loadConfig.js'
import type { DevnetManifest } from '../../src/devnet/manifest.js'
import type { GraphqlServer } from '../../src/graphql/createServer.js'
import { createXmarginClient, PortfolioDocument, XmarginClientError } from '../../src/client/index.js'
import { testManifest } from '../support/devnet.js'

const run = promisify(execFile)
const CHAIN_IDS = [900001, 900002, 900003]

describe('the typed client (xmargin/client)', () => {
  let manifest: DevnetManifest
  let server: GraphqlServer

  beforeAll(async () => {
    manifest = await testManifest()
    server = await runServer(loadConfig({ CHAINS_FILE: inject('devnetChainsFile'), PORT: '0', HYPERLIQUID_INFO_URL: 'off', LIGHTER_API_URL: 'off', RATE_LIMIT_PER_MINUTE: '0' }), pino({ level: 'silent' }))
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('is exported by the package, compiled (npm install builds it), and answers typed results', async () => {
    // a separate plain-node process importing the package by name, as a plugin would
    const script = `
      import { createXmarginClient } from 'xmargin/client'
      const c = createXmarginClient({ endpoint: process.argv[1] })
      const p = await c.portfolio({ owner: process.argv[2], chainIds: [900001] })
      console.log(JSON.stringify(p.venues.map((v) => [v.id, v.healthFactor])))`
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script, server.url, manifest.accounts.demo])
    const direct = await createXmarginClient({ endpoint: server.url }).portfolio({ owner: manifest.accounts.demo, chainIds: [900001] })
    expect(JSON.parse(stdout)).toEqual(direct.venues.map((v) => [v.id, v.healthFactor]))
    expect(direct.venues.length).toBeGreaterThan(0)
  })

  it('throws XmarginClientError with the server code, or NETWORK_ERROR when no server answers', async () => {
    const client = createXmarginClient({ endpoint: server.url })
    const bad = await client.portfolio({ owner: '0x1234' }).catch((e: unknown) => e)
    expect(bad).toBeInstanceOf(XmarginClientError)
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', status: 400 })
    const chain = await client.portfolio({ owner: manifest.accounts.demo, chainIds: [12345] }).catch((e: unknown) => e)
    expect(chain).toMatchObject({ code: 'BAD_USER_INPUT' })
    const down = await createXmarginClient({ endpoint: 'http://127.0.0.1:9/graphql', timeoutMs: 2_000 }).chains().catch((e: unknown) => e)
    expect(down).toMatchObject({ code: 'NETWORK_ERROR', status: undefined })
    await expect(client.healthCurve({ owner: manifest.accounts.demo, riskFactor: 'ETH', moves: [] })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' })
    // any typed document goes through `request`
    const raw = await client.request(PortfolioDocument, { owner: manifest.accounts.demo, chainIds: [900003] })
    expect(raw.portfolio?.chains.map((c) => c.chainId)).toEqual([900003])
  })

  it('healthCurve crosses health factor 1 exactly where each venue’s liquidation price is', async () => {
    const client = createXmarginClient({ endpoint: server.url })
    const coarse = await client.healthCurve({ owner: manifest.accounts.demo, chainIds: CHAIN_IDS, riskFactor: 'ETH', moves: [-0.6, -0.3, 0, 0.3] })
    const withPrice = coarse.venues.filter((v) => v.liquidationPrices.length > 0)
    expect(withPrice.length).toBeGreaterThan(0)
    // move 0 is now (a venue with no debt, a lender's, has no health factor)
    for (const v of coarse.venues) {
      if (v.healthFactor === null) expect(v.points[2]!.healthFactor).toBeNull()
      else expect(v.points[2]!.healthFactor).toBeCloseTo(v.healthFactor, 9)
    }
    expect(coarse.venues.filter((v) => v.healthFactor !== null).length).toBeGreaterThan(0)
    for (const v of withPrice) {
      const at = v.liquidationPrices[0]!.changePct / 100
      // just on the safe side of the liquidation price, and just past it (0.01% either way)
      const side = Math.sign(at)
      const curve = await client.healthCurve({ owner: manifest.accounts.demo, chainIds: CHAIN_IDS, riskFactor: 'ETH', moves: [at - side * 1e-4, at + side * 1e-4] })
      const [safe, past] = curve.venues.find((x) => x.venueId === v.venueId)!.points
      expect(safe!.liquidatable, v.venueId).toBe(false)
      expect(past!.liquidatable, v.venueId).toBe(true)
      expect(safe!.healthFactor!).toBeGreaterThanOrEqual(1)
      expect(past!.healthFactor!).toBeLessThan(1)
    }
  })
})
