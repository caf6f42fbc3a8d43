import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Address } from 'viem'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { perpDetailsOf } from '../../../risk/perps/toPerpVenueModel.js'
import type { LiquidationPrice } from '../../../domain/venue.js'
import { startReplayServer, type ReplayServer } from '../../../devnet/replayServer.js'
import type { DevnetReplayRoute } from '../../../devnet/types.js'
import { createApiReads } from '../../../services/apiReads.js'
import { VenueApiUnavailableError } from '../../../errors/index.js'
import { createLighterReader } from '../read/lighterReader.js'
import { lighterOrderBookDetailsSchema } from '../read/lighterSchemas.js'
import { lighterReplayRoute } from '../devnet.js'
import { lighter } from '../index.js'
import { sharedCorpus } from '../../../../test/support/sharedCorpus.js'

/**
 * Lighter against real recordings (../shared/fixtures/perps/lighter, see its
 * SOURCES.md), served from a loopback replay server. Expected values are the
 * recorded ones; xmargin's functions only produce the values under test.
 */

const corpus = sharedCorpus('fixtures/perps/lighter')
const file = (name: string) => path.join(corpus.dir, name)
const ACCOUNT_FILE = 'account_by_index_ETH_long_cross_liqpx.json'
const ACCOUNTS_FILE = 'accountsByL1Address_unified_assets.json'
const MARKETS_FILE = 'orderBookDetails_ETH_margin_fractions_2025-11.json'
const MARKETS_2026_FILE = 'orderBookDetails_ETH_mainnet_2026-05-05.json'
/** The L1 address of the recorded accounts. */
const OWNER: Address = '0x15f43D1f2DeE81424aFd891943262aa90F22cc2A'
const NOBODY: Address = '0x00000000000000000000000000000000000001d1'

/** The deadline of a read from an API that answers, ms: far above any loaded machine's loopback read (the test's own limit is 120 s). */
const ANSWERING_API_TIMEOUT_MS = 60_000
/** The deadline of a read from the API that never answers, ms: short, so the test does not wait long; it cannot be hit early. */
const SILENT_API_TIMEOUT_MS = 300

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b))

/** The recording as the venue sent it: expected values come from here only. */
type RecordedAccount = {
  index: number
  collateral: string
  total_asset_value: string
  cross_asset_value: string
  positions: { symbol: string; sign: number; position: string; position_value: string; liquidation_price: string; margin_mode: number }[]
}
const recordedAccounts = (name: string) => (JSON.parse(readFileSync(file(name), 'utf8')) as { response: { accounts: RecordedAccount[] } }).response.accounts

const priceOf = (l: LiquidationPrice | undefined) => {
  expect(l?.kind).toBe('price')
  return (l as Extract<LiquidationPrice, { kind: 'price' }>).priceUsd
}

describe.skipIf(!corpus.present && !corpus.mustExist)('Lighter: independent computation against recorded venue values', () => {
  const servers: ReplayServer[] = []
  const stats = { liquidationPrices: 0, accountValues: 0, maxRelErrLiquidationPrice: 0, maxRelErrAccountValue: 0 }
  const serve = async (...routes: DevnetReplayRoute[]) => {
    const s = await startReplayServer(routes)
    servers.push(s)
    return s
  }
  const readAs = async (accountsFile: string, owner: Address = OWNER) => {
    const server = await serve(lighterReplayRoute({ accounts: { [OWNER.toLowerCase()]: file(accountsFile) }, markets: file(MARKETS_FILE) }))
    const reader = createLighterReader({ baseUrl: server.url, sourceLabel: () => ({ kind: 'REPLAY', recording: accountsFile, recordedAt: null }), timeoutMs: ANSWERING_API_TIMEOUT_MS })
    return (await reader.read({ owner, linked: [], signal: AbortSignal.timeout(ANSWERING_API_TIMEOUT_MS) })).models
  }

  beforeAll(() => {
    expect(corpus.present, `the recorded corpus is required under CI: ${corpus.dir}`).toBe(true)
  })
  afterAll(async () => {
    console.log('Lighter replay:', stats)
    await Promise.all(servers.map((s) => s.stop()))
  })

  it(`${ACCOUNT_FILE}: the cross ETH long's liquidation price and the account's total asset value`, async () => {
    const models = await readAs(ACCOUNT_FILE)
    const [rec] = recordedAccounts(ACCOUNT_FILE)
    expect(models.map((m) => m.venue.id)).toEqual([`lighter:${rec!.index}:cross`])
    const venue = models[0]!.venue
    const details = perpDetailsOf(venue)!
    expect(details.marginMode).toBe('CROSS')
    // account value = collateral + Σ uPnL, against the venue's total_asset_value
    const eAv = rel(venue.margin.equityUsd, Number(rec!.total_asset_value))
    expect(eAv, `ours ${venue.margin.equityUsd} vs recorded ${rec!.total_asset_value}`).toBeLessThan(1e-9)
    expect(details.venueAccountValueUsd).toBe(Number(rec!.cross_asset_value))
    // maintenance = |size|·mark·1.2% (ETH's maintenance_margin_fraction 120 in the markets recording)
    expect(rel(details.maintenanceMarginUsd, Number(rec!.positions[0]!.position_value) * 0.012)).toBeLessThan(1e-12)
    const pos = rec!.positions[0]!
    const line = venue.positions.find((p) => p.perp?.market === pos.symbol)!
    expect(line.perp!.sizeSigned).toBe(pos.sign * Number(pos.position))
    expect(line.perp!.venueLiquidationPrice).toBe(Number(pos.liquidation_price))
    const ours = priceOf(venue.liquidationPrices.find((l) => l.riskFactor === line.asset.exposure.base))
    const eLp = rel(ours, Number(pos.liquidation_price))
    expect(eLp, `ours ${ours} vs recorded ${pos.liquidation_price}`).toBeLessThan(1e-9)
    stats.liquidationPrices += 1
    stats.accountValues += 1
    stats.maxRelErrLiquidationPrice = Math.max(stats.maxRelErrLiquidationPrice, eLp)
    stats.maxRelErrAccountValue = Math.max(stats.maxRelErrAccountValue, eAv)
  })

  it(`${ACCOUNTS_FILE}: the master account and its sub-account are venues of the same owner`, async () => {
    const models = await readAs(ACCOUNTS_FILE)
    const recs = recordedAccounts(ACCOUNTS_FILE)
    expect(models.map((m) => m.venue.id)).toEqual(recs.map((r) => `lighter:${r.index}:cross`))
    for (const [i, rec] of recs.entries()) {
      const venue = models[i]!.venue
      // the venue's own figure is kept as sent
      expect(perpDetailsOf(venue)!.venueAccountValueUsd).toBe(Number(rec.cross_asset_value))
      expect(venue.positions.filter((p) => p.side === 'PERP')).toHaveLength(0)
      expect(venue.margin.equityUsd).toBe(Number(rec.collateral))
    }
    // the sub-account (no position): its total asset value is its collateral; spot assets are not margin
    const sub = recs[1]!
    const e = rel(models[1]!.venue.margin.equityUsd, Number(sub.total_asset_value))
    expect(e).toBeLessThan(1e-9)
    stats.accountValues += 1
    stats.maxRelErrAccountValue = Math.max(stats.maxRelErrAccountValue, e)
    // the master account's recorded total asset value exceeds its collateral although the recording lists no
    // position: the ccxt fetchBalance fixture dropped its positions (SOURCES.md), so there is nothing to reproduce
    expect(Number(recs[0]!.total_asset_value)).toBeGreaterThan(Number(recs[0]!.collateral))
  })

  it('reads both recorded orderBookDetails schemas to the same ETH margin fractions (1e-4 units)', () => {
    const fractions = (name: string) => {
      const m = lighterOrderBookDetailsSchema.parse(JSON.parse(readFileSync(file(name), 'utf8')).response).order_book_details.find((x) => x.symbol === 'ETH')!
      return [m.default_initial_margin_fraction, m.min_initial_margin_fraction, m.maintenance_margin_fraction, m.closeout_margin_fraction]
    }
    expect(fractions(MARKETS_FILE)).toEqual([500, 200, 120, 80])
    expect(fractions(MARKETS_2026_FILE)).toEqual([500, 200, 120, 80])
  })

  it('an address with no account (Lighter code 21100) is an empty answer', async () => {
    expect(await readAs(ACCOUNT_FILE, NOBODY)).toEqual([])
  })

  it('a failing or silent API degrades only the Lighter venues that read it, as CHAIN_UNAVAILABLE', async () => {
    const good = await serve(lighterReplayRoute({ accounts: { [OWNER.toLowerCase()]: file(ACCOUNT_FILE) }, markets: file(MARKETS_FILE) }))
    const failing = await serve({ answer: async () => ({ status: 503, body: '{"code":503}', route: 'down' }) })
    const silent = await serve({ answer: () => new Promise(() => undefined) })
    // one engine per endpoint (reads of one protocol and owner are shared within an engine), each with its own
    // deadline: the answering APIs get one no machine is slow enough to reach, so what they answer is what is
    // asserted; only the silent one, which never answers, is cut short by its deadline
    const readVia = (s: ReplayServer, timeoutMs: number) => {
      const reads = createApiReads({ venues: [{ protocol: lighter, url: s.url, sourceLabel: () => ({ kind: 'API' as const }) }], timeoutMs, ttlMs: 0, logger: pino({ level: 'silent' }) })
      return reads.read(reads.venues[0]!, OWNER, [])
    }
    const [ok, down, timedOut] = await Promise.all([readVia(good, ANSWERING_API_TIMEOUT_MS), readVia(failing, ANSWERING_API_TIMEOUT_MS), readVia(silent, SILENT_API_TIMEOUT_MS)])
    expect(ok!.unavailable).toEqual([])
    expect(ok!.models.map((m) => m.venue.id)).toEqual(['lighter:1077:cross'])
    for (const r of [down!, timedOut!]) {
      expect(r.models).toEqual([])
      expect(r.unavailable).toHaveLength(1)
      expect(r.unavailable[0]).toMatchObject({ status: 'unavailable', protocol: 'LIGHTER', id: `lighter:${OWNER}`, error: { code: 'CHAIN_UNAVAILABLE' } })
    }
    expect(down!.unavailable[0]!.error.message).toMatch(/HTTP 503/)
    expect(timedOut!.unavailable[0]!.error.message).toMatch(new RegExp(`within ${SILENT_API_TIMEOUT_MS} ms|aborted`))
  })

  it('a position on a market the details do not list is an unavailable read, not a guessed fraction', async () => {
    const server = await serve(lighterReplayRoute({ accounts: { [OWNER.toLowerCase()]: file(ACCOUNT_FILE) }, markets: null }))
    const reader = createLighterReader({ baseUrl: server.url, sourceLabel: () => ({ kind: 'API' }), timeoutMs: ANSWERING_API_TIMEOUT_MS })
    await expect(reader.read({ owner: OWNER, linked: [], signal: AbortSignal.timeout(ANSWERING_API_TIMEOUT_MS) })).rejects.toBeInstanceOf(VenueApiUnavailableError)
  })
})

