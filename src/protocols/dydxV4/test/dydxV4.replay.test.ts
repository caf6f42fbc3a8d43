import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Address } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { perpDetailsOf } from '../../../risk/perps/toPerpVenueModel.js'
import { createDydxV4Reader } from '../read/dydxV4Reader.js'
import { dydxV4VenueId } from '../model/toDydxV4VenueModel.js'
import { dydxV4PerpetualMarketSchema, dydxV4PerpetualMarketsResponseSchema, isDydxV4Address } from '../read/dydxV4Schemas.js'
import type { ApiSourceLabel } from '../../../read/apiVenueReader.js'
import { startReplayServer, type ReplayServer } from '../../../devnet/replayServer.js'
import { dydxV4ReplayRoute } from '../devnet.js'
import { dydxV4EffectiveInitialMarginFraction, dydxV4FreeCollateral, dydxV4ImpliedOraclePrice, dydxV4TotalNetCollateral } from './dydxV4MarginFormulas.js'
import { dydxV4SignedSize } from '../model/dydxV4Margin.js'

/**
 * dYdX v4 against real indexer recordings (../shared/fixtures/perps/dydx, see
 * its SOURCES.md), replayed byte for byte from a loopback server. Expected
 * values are the recorded ones (or plain arithmetic on recorded numbers in
 * this file); xmargin's functions only produce the values under test.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..')
const sharedDir = path.resolve(repoRoot, '..', 'shared')
const dydxDir = path.join(sharedDir, 'fixtures', 'perps', 'dydx')
const SUBACCOUNT_FILE = path.join(dydxDir, 'nautilus-subaccount.json')
const MARKETS_FILE = path.join(dydxDir, 'nautilus-perpetual-markets.json')
const corpusPresent = existsSync(SUBACCOUNT_FILE) && existsSync(MARKETS_FILE)

/** The recorded subaccount's address. */
const RECORDED = 'dydx1kzsvkf2ghjqlysuffdkhcdctknl4rsvcx5hkm5'
/** A well-formed address (20 bytes of 0xab, valid checksum) with no recording: the replay answers the indexer's 404. */
const UNKNOWN = 'dydx14w46h2at4w46h2at4w46h2at4w46h2at4h5332'
const OWNER: Address = '0x00000000000000000000000000000000000001D1'

const relativeError = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected)

type RawSide = 'LONG' | 'SHORT'
type RawSubaccount = {
  subaccount: {
    address: string
    equity: string
    freeCollateral: string
    assetPositions: Record<string, { symbol: string; side: RawSide; size: string }>
    openPerpetualPositions: Record<string, { market: string; side: RawSide; size: string; entryPrice: string; unrealizedPnl: string }>
  }
}
type RawMarkets = { markets: Record<string, { ticker: string; initialMarginFraction: string; maintenanceMarginFraction: string; oraclePrice: string; openInterest: string; openInterestLowerCap: string; openInterestUpperCap: string }> }

if (!corpusPresent) {
  if (process.env.CI === 'true') {
    it('needs the perps corpus in ../shared/fixtures/perps/dydx (CI always has it)', () => {
      expect.fail(`missing ${SUBACCOUNT_FILE} or ${MARKETS_FILE}`)
    })
  } else {
    it.skip(`dYdX v4 replay: skipped, the recordings corpus ${dydxDir} is absent`, () => {})
  }
} else {
  describe('dYdX v4 against recorded indexer responses', () => {
    const raw = JSON.parse(readFileSync(SUBACCOUNT_FILE, 'utf8')) as RawSubaccount
    const rawMarkets = JSON.parse(readFileSync(MARKETS_FILE, 'utf8')) as RawMarkets
    const sub = raw.subaccount
    const usdcRecorded = sub.assetPositions.USDC!
    const usdcSigned = usdcRecorded.side === 'LONG' ? Number(usdcRecorded.size) : -Number(usdcRecorded.size)
    const recordedPositions = Object.values(sub.openPerpetualPositions)
    const label: ApiSourceLabel = (account) =>
      account === RECORDED ? { kind: 'REPLAY', recording: 'nautilus-subaccount.json', recordedAt: null } : { kind: 'API' }

    let server: ReplayServer
    beforeAll(async () => {
      server = await startReplayServer([dydxV4ReplayRoute({ subaccounts: { [RECORDED]: SUBACCOUNT_FILE }, markets: MARKETS_FILE })])
    })
    afterAll(async () => {
      await server?.stop()
    })

    /** xmargin's independent view of each recorded position: the oracle implied by uPnL and entry, the IMF of the markets file. */
    const independentPositions = () =>
      recordedPositions.map((pos) => {
        const market = rawMarkets.markets[pos.market]!
        const implied = dydxV4ImpliedOraclePrice({ side: pos.side, size: Number(pos.size), entryPrice: Number(pos.entryPrice), unrealizedPnl: Number(pos.unrealizedPnl) })
        expect(implied).not.toBeNull()
        return { sizeSigned: dydxV4SignedSize(pos.side, Number(pos.size)), oraclePrice: implied!, initialMarginFraction: Number(market.initialMarginFraction) }
      })

    it('reproduces the recorded freeCollateral from equity, the open positions and the IMF', () => {
      expect(recordedPositions).toHaveLength(1)
      const computed = dydxV4FreeCollateral({ equity: Number(sub.equity), positions: independentPositions() })
      expect(relativeError(computed, Number(sub.freeCollateral))).toBeLessThan(1e-9)
    })

    it('reproduces the recorded equity as USDC + Σ S·P at the implied oracle prices', () => {
      const computed = dydxV4TotalNetCollateral({ usdc: usdcSigned, positions: independentPositions() })
      expect(relativeError(computed, Number(sub.equity))).toBeLessThan(1e-9)
    })

    it("holds the SOURCES note's figures: implied ETH oracle 2914.962518", () => {
      const eth = sub.openPerpetualPositions['ETH-USD']!
      const implied = dydxV4ImpliedOraclePrice({ side: eth.side, size: Number(eth.size), entryPrice: Number(eth.entryPrice), unrealizedPnl: Number(eth.unrealizedPnl) })!
      expect(relativeError(implied, 2914.962518)).toBeLessThan(1e-12)
      // the same oracle from the recorded equity (circular, so only a consistency check of the note)
      expect(relativeError((Number(sub.equity) - Number(usdcRecorded.size)) / 0.003, 2914.962518)).toBeLessThan(1e-12)
      // freeCollateral = equity − 0.05 × 0.003 × 2914.962518; uPnL = 0.003 × (2914.962518 − entry)
      expect(relativeError(Number(sub.equity) - 0.05 * 0.003 * 2914.962518, Number(sub.freeCollateral))).toBeLessThan(1e-12)
      expect(relativeError(0.003 * (2914.962518 - Number(eth.entryPrice)), Number(eth.unrealizedPnl))).toBeLessThan(1e-12)
      // the two files are from different moments: the markets file's ETH oracle is another price
      expect(Number(rawMarkets.markets['ETH-USD']!.oraclePrice)).toBe(3264.309572)
    })

    it('reads one venue for the recorded subaccount, marked at the markets file oracle', async () => {
      const reader = createDydxV4Reader({ indexerUrl: `${server.url}/v4`, sourceLabel: label })
      const before = { sub: server.served['dydx:subaccount'] ?? 0, markets: server.served['dydx:perpetualMarkets'] ?? 0 }
      const { models, unavailable } = await reader.read({ owner: OWNER, linked: [{ venue: 'DYDX_V4', id: RECORDED }], signal: new AbortController().signal })
      expect(unavailable).toEqual([])
      expect(models).toHaveLength(1)
      expect(server.served['dydx:subaccount']).toBe(before.sub + 1)
      expect(server.served['dydx:perpetualMarkets']).toBe(before.markets + 1)
      const v = models[0]!.venue
      expect(v).toMatchObject({ id: dydxV4VenueId(RECORDED), protocol: 'DYDX_V4', chainId: null, account: OWNER, protocolVersion: 'v4', block: null })
      expect(v.id).toBe(`dydx-v4:${RECORDED}:0`)
      expect(v.source).toMatchObject({ kind: 'REPLAY', recording: 'nautilus-subaccount.json', recordedAt: null })
      expect(v.source.kind !== 'CHAIN' && v.source.endpoint).toContain(RECORDED)
      expect(perpDetailsOf(v)).toMatchObject({ marginMode: 'CROSS', freeCollateralUsd: Number(sub.freeCollateral), venueMarginUsedUsd: null, venueMaintenanceMarginUsd: null, rule: 'dydx-v4' })

      const eth = rawMarkets.markets['ETH-USD']!
      const recordedEth = sub.openPerpetualPositions['ETH-USD']!
      const size = Number(recordedEth.size)
      const oracle = Number(eth.oraclePrice)
      const perpLines = v.positions.filter((p) => p.side === 'PERP')
      expect(perpLines).toHaveLength(1)
      expect(perpLines[0]!.perp).toMatchObject({
        market: 'ETH-USD',
        sizeSigned: size,
        markPrice: oracle,
        entryPrice: Number(recordedEth.entryPrice),
        unrealizedPnlUsd: Number(recordedEth.unrealizedPnl),
        maintenanceMarginRate: Number(eth.maintenanceMarginFraction),
        initialMarginRate: Number(eth.initialMarginFraction),
      })
      expect(perpLines[0]!.asset.exposure).toEqual({ base: 'ETH' })
      const cash = v.positions.find((p) => p.side === 'COLLATERAL')!
      expect(cash.asset.symbol).toBe('USDC')
      expect(cash.amountFloat).toBe(Number(usdcRecorded.size))

      // maintenance = Σ |S·P·MMF|, initial = Σ |S·P·IMF|, equity = USDC + Σ S·P, at the markets file's oracle
      expect(relativeError(v.margin.maintenanceMarginUsd, Math.abs(size * oracle * Number(eth.maintenanceMarginFraction)))).toBeLessThan(1e-12)
      expect(relativeError(perpDetailsOf(v)!.initialMarginUsd!, Math.abs(size * oracle * Number(eth.initialMarginFraction)))).toBeLessThan(1e-12)
      expect(relativeError(v.margin.equityUsd, usdcSigned + size * oracle)).toBeLessThan(1e-12)
      expect(v.health).toMatchObject({ kind: 'ok', liquidatable: false })
    })

    it('answers an unavailable venue for a well-formed address the indexer does not know (404)', async () => {
      expect(isDydxV4Address(UNKNOWN)).toBe(true)
      const reader = createDydxV4Reader({ indexerUrl: `${server.url}/v4`, sourceLabel: label })
      const { models, unavailable } = await reader.read({
        owner: OWNER,
        linked: [
          { venue: 'DYDX_V4', id: UNKNOWN },
          { venue: 'DYDX_V4', id: RECORDED },
        ],
        signal: new AbortController().signal,
      })
      expect(models.map((m) => m.venue.id)).toEqual([dydxV4VenueId(RECORDED)])
      expect(unavailable).toHaveLength(1)
      expect(unavailable[0]).toMatchObject({ status: 'unavailable', id: `dydx-v4:${UNKNOWN}:0`, protocol: 'DYDX_V4', chainId: null, account: OWNER, error: { code: 'BAD_USER_INPUT' } })
      expect(unavailable[0]!.error.message).toMatch(/not found/)
      expect(unavailable[0]!.error.message).not.toContain('127.0.0.1')
    })

    it('rejects a malformed dydx address without asking the indexer', async () => {
      const badChecksum = `${RECORDED.slice(0, -1)}6`
      const reader = createDydxV4Reader({ indexerUrl: `${server.url}/v4`, sourceLabel: label })
      const before = server.served['dydx:subaccount'] ?? 0
      const { models, unavailable } = await reader.read({
        owner: OWNER,
        linked: [
          { venue: 'DYDX_V4', id: badChecksum },
          { venue: 'DYDX_V4', id: 'dydx1short' },
          { venue: 'DYDX_V4', id: RECORDED.toUpperCase() },
        ],
        signal: new AbortController().signal,
      })
      expect(models).toEqual([])
      expect(unavailable.map((u) => u.error.code)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT'])
      expect(unavailable[0]!.error.message).toMatch(/not a dYdX v4 address/)
      expect(server.served['dydx:subaccount'] ?? 0).toBe(before)
    })

    it('degrades the venue when the indexer fails or the read is aborted', async () => {
      const noMarkets = await startReplayServer([dydxV4ReplayRoute({ subaccounts: { [RECORDED]: SUBACCOUNT_FILE }, markets: null })])
      try {
        const reader = createDydxV4Reader({ indexerUrl: `${noMarkets.url}/v4`, sourceLabel: label })
        const r = await reader.read({ owner: OWNER, linked: [{ venue: 'DYDX_V4', id: RECORDED }], signal: new AbortController().signal })
        expect(r.models).toEqual([])
        expect(r.unavailable[0]).toMatchObject({ id: dydxV4VenueId(RECORDED), error: { code: 'CHAIN_UNAVAILABLE' } })
        expect(r.unavailable[0]!.error.message).not.toContain('127.0.0.1')
      } finally {
        await noMarkets.stop()
      }
      const aborted = new AbortController()
      aborted.abort()
      const reader = createDydxV4Reader({ indexerUrl: `${server.url}/v4`, sourceLabel: label })
      const r = await reader.read({ owner: OWNER, linked: [{ venue: 'DYDX_V4', id: RECORDED }], signal: aborted.signal })
      expect(r.unavailable[0]).toMatchObject({ error: { code: 'CHAIN_UNAVAILABLE' } })
      expect(r.unavailable[0]!.error.message).toMatch(/aborted/)
      expect(reader.fail({ owner: OWNER, linked: [{ venue: 'DYDX_V4', id: RECORDED }] }, new Error('boom'))).toEqual([
        expect.objectContaining({ id: dydxV4VenueId(RECORDED), status: 'unavailable', error: expect.objectContaining({ code: 'INTERNAL_SERVER_ERROR' }) }),
      ])
    })

    it('parses the markets file and checks it against itself', () => {
      const parsed = dydxV4PerpetualMarketsResponseSchema.parse(rawMarkets)
      const tickers = Object.keys(parsed.markets)
      expect(tickers).toHaveLength(125)
      const markets = Object.fromEntries(tickers.map((t) => [t, dydxV4PerpetualMarketSchema.parse(parsed.markets[t])]))
      expect(markets['BTC-USD']).toMatchObject({ ticker: 'BTC-USD', initialMarginFraction: 0.05, maintenanceMarginFraction: 0.03, oraclePrice: 68526.44763 })
      expect(markets['ETH-USD']).toMatchObject({ ticker: 'ETH-USD', initialMarginFraction: 0.05, maintenanceMarginFraction: 0.03, oraclePrice: 3264.309572 })
      expect(markets['SOL-USD']).toMatchObject({ ticker: 'SOL-USD', initialMarginFraction: 0.1, maintenanceMarginFraction: 0.05, oraclePrice: 181.9227402 })
      for (const t of tickers) {
        const r = rawMarkets.markets[t]!
        // each parsed figure is the recorded string's value; every key is its market's ticker
        expect(markets[t]).toMatchObject({ ticker: t, initialMarginFraction: Number(r.initialMarginFraction), maintenanceMarginFraction: Number(r.maintenanceMarginFraction), oraclePrice: Number(r.oraclePrice) })
        expect(Number(r.maintenanceMarginFraction)).toBeLessThanOrEqual(Number(r.initialMarginFraction))
        // OIMF: in this recording no market's open notional passes its lower cap, so the effective IMF is the base IMF
        const openNotional = Number(r.openInterest) * Number(r.oraclePrice)
        const lower = Number(r.openInterestLowerCap)
        const upper = Number(r.openInterestUpperCap)
        expect(upper === 0 || openNotional <= lower).toBe(true)
        expect(
          dydxV4EffectiveInitialMarginFraction({ baseInitialMarginFraction: Number(r.initialMarginFraction), openNotionalUsd: openNotional, openInterestLowerCapUsd: lower, openInterestUpperCapUsd: upper }),
        ).toBe(Number(r.initialMarginFraction))
      }
    })
  })
}
