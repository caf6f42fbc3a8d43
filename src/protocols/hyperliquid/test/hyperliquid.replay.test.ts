import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { perpDetailsOf } from '../../../risk/perps/toPerpVenueModel.js'
import { createHyperliquidReader } from '../read/hyperliquidReader.js'
import { hyperliquidCrossVenueId, toHyperliquidVenueModels } from '../model/toHyperliquidVenueModels.js'
import { clearinghouseStateSchema } from '../read/hyperliquidSchemas.js'
import { HYPERLIQUID_META_RECORDING, HYPERLIQUID_RECORDINGS, HYPERLIQUID_RECORDINGS_DIR, hyperliquidReplayFiles } from '../devnet/hyperliquidRecordings.js'
import { startReplayServer, type ReplayServer } from '../../../devnet/replayServer.js'
import { hyperliquidReplayRoute } from '../devnet.js'
import type { LiquidationPrice } from '../../../domain/venue.js'
import type { VenueModel } from '../../../risk/venueModel.js'
import type { AvailableVenue } from '../../../domain/venue.js'
import type { HyperliquidAccountDetails } from '../model/details.js'
import { computeExposures } from '../../../risk/portfolio/computeExposures.js'

/** A Hyperliquid venue's account details. */
const hyperliquidDetailsOf = (v: AvailableVenue): HyperliquidAccountDetails => (v.details as { hyperliquid: HyperliquidAccountDetails }).hyperliquid
import { sharedCorpus } from '../../../../test/support/sharedCorpus.js'

const corpus = sharedCorpus('fixtures/perps/hyperliquid')
const extra = sharedCorpus('fixtures/perps/hyperliquid-extra')
const SPOT_FILE = 'spotClearinghouseState_HYPE_UETH_USOL_USDH.json'
/** ccxt's spot balances come from the same test wallet as its flx case: replayed for that address. */
const SPOT_OWNER = HYPERLIQUID_RECORDINGS.find((r) => r.dex === 'flx')!.address
/** The spot recording served: the shared corpus's, else the devnet's copy of it (same response). */
const SPOT_PATH = extra.present ? path.join(extra.dir, SPOT_FILE) : path.join(HYPERLIQUID_RECORDINGS_DIR, 'ccxt-spot-hype-ueth-usol-usdh.json')
/** The recorded spot balances (the shared file is a `{source, request, response}` recording, the devnet copy the bare body). */
type RecordedSpot = { balances: { coin: string; token: string; total: string; entryNtl: string }[] }
const recordedSpot = (): RecordedSpot => {
  const file = JSON.parse(readFileSync(SPOT_PATH, 'utf8')) as RecordedSpot | { response: RecordedSpot }
  return 'response' in file ? file.response : file
}
/**
 * USDC per USDH the replay prices flx's collateral at: the devnet's
 * constructed spotMetaAndAssetCtxs marks each token at the spot recording's
 * cost basis, entryNtl / total (no spot price recording is in reach).
 */
const USDH_USD = (() => {
  const b = recordedSpot().balances.find((x) => x.coin === 'USDH')!
  return Number(b.entryNtl) / Number(b.total)
})()
/** Reads are kept by recording and address: the demo wallet replays the flx recording too. */
const keyOf = (r: { readonly file: string; readonly address: string }) => `${r.file}@${r.address}`
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b))

/** The recording as the venue sent it: expected values come from here only. */
type Recorded = {
  crossMarginSummary: { accountValue: string }
  crossMaintenanceMarginUsed?: string
  assetPositions: { position: { coin: string; szi: string; liquidationPx: string | null; marginUsed: string; leverage: { type: string } } }[]
}

describe.skipIf(!corpus.present && !corpus.mustExist)('Hyperliquid: independent computation against recorded venue values', () => {
  let server: ReplayServer
  const read = new Map<string, VenueModel[]>()
  const stats = { liquidationPrices: 0, nulls: 0, maxRelErr: 0, crossMaintenance: 0, hip3MaxRelErr: 0 }
  /** Largest relative error per recording over its liquidation prices, isolated margins and cross maintenance margin. */
  const perRecording: Record<string, number> = {}
  const note = (file: string, e: number) => (perRecording[file] = Math.max(perRecording[file] ?? 0, e))

  beforeAll(async () => {
    expect(corpus.present, `the recorded corpus is required under CI: ${corpus.dir}`).toBe(true)
    server = await startReplayServer([
      hyperliquidReplayRoute({
        ...hyperliquidReplayFiles(corpus.dir, path.join),
        spot: { [SPOT_OWNER.toLowerCase()]: SPOT_PATH },
        meta: path.join(corpus.dir, HYPERLIQUID_META_RECORDING),
      }),
    ])
    const reader = createHyperliquidReader({ infoUrl: `${server.url}/info`, sourceLabel: () => ({ kind: 'API' }) })
    for (const r of HYPERLIQUID_RECORDINGS) {
      const { models } = await reader.read({ owner: r.address, linked: [], signal: AbortSignal.timeout(5000) })
      read.set(keyOf(r), models)
    }
  })
  afterAll(async () => {
    console.log('Hyperliquid replay:', stats, perRecording)
    await server?.stop()
  })

  const recorded = (file: string) => JSON.parse(readFileSync(path.join(corpus.dir, file), 'utf8')) as Recorded

  for (const r of HYPERLIQUID_RECORDINGS) {
    it(`${r.file} for ${r.address}: liquidation prices, maintenance margin and account value`, () => {
      const rec = recorded(r.file)
      const models = read.get(keyOf(r))!
      for (const { position: pos } of rec.assetPositions) {
        const isolated = pos.leverage.type === 'isolated'
        const venue = models.find((m) => (isolated ? m.venue.id.endsWith(`:${pos.coin}`) : m.venue.id.includes(':cross:')))!.venue
        expect(perpDetailsOf(venue)!.marginMode).toBe(isolated ? 'ISOLATED' : 'CROSS')
        // the venue's own number is kept as sent
        const line = venue.positions.find((p) => p.perp?.market === pos.coin)!
        expect(line.perp!.venueLiquidationPrice).toBe(pos.liquidationPx === null ? null : Number(pos.liquidationPx) * (r.dex === undefined ? 1 : USDH_USD))
        const ours = venue.liquidationPrices.find((p) => p.riskFactor === line.asset.exposure.base)!
        // a HIP-3 dex reports in its collateral (USDH): xmargin's figures are in USD at the collateral's spot price
        const rate = r.dex === undefined ? 1 : USDH_USD
        expect(hyperliquidDetailsOf(venue).collateralPriceUsd).toBe(rate)
        if (pos.liquidationPx === null) {
          expect(ours.kind, `${pos.coin} has no liquidation price`).toBe('none')
          stats.nulls += 1
        } else {
          const price = (ours as Extract<LiquidationPrice, { kind: 'price' }>).priceUsd / rate
          const e = rel(price, Number(pos.liquidationPx))
          expect(e, `${pos.coin}: ours ${price} vs recorded ${pos.liquidationPx}`).toBeLessThan(1e-6)
          stats.liquidationPrices += 1
          stats.maxRelErr = Math.max(stats.maxRelErr, e)
          note(r.file, e)
          if (r.dex !== undefined) {
            // a HIP-3 position: the closed form, taken back to the dex's collateral (USDH), reproduces the venue to 1e-9
            expect(e).toBeLessThan(1e-9)
            stats.hip3MaxRelErr = Math.max(stats.hip3MaxRelErr, e, rel(venue.margin.equityUsd / rate, Number(pos.marginUsed)))
          }
        }
        if (isolated) {
          const e = rel(venue.margin.equityUsd, Number(pos.marginUsed) * (r.dex === undefined ? 1 : USDH_USD))
          expect(e).toBeLessThan(1e-9)
          note(r.file, e)
        }
      }
      const cross = models.find((m) => m.venue.id === hyperliquidCrossVenueId(r.address, r.dex))?.venue
      if (cross) {
        expect(Math.abs(cross.margin.equityUsd - Number(rec.crossMarginSummary.accountValue) * (r.dex === undefined ? 1 : USDH_USD))).toBeLessThan(1e-6)
        if (rec.crossMaintenanceMarginUsed !== undefined && Number(rec.crossMaintenanceMarginUsed) > 0) {
          expect(rel(perpDetailsOf(cross)!.maintenanceMarginUsd, Number(rec.crossMaintenanceMarginUsed))).toBeLessThan(1e-9)
          note(r.file, rel(perpDetailsOf(cross)!.maintenanceMarginUsd, Number(rec.crossMaintenanceMarginUsed)))
          expect(perpDetailsOf(cross)!.venueMaintenanceMarginUsd).toBe(Number(rec.crossMaintenanceMarginUsed))
          stats.crossMaintenance += 1
        }
      }
    })
  }

  it('reproduces the isolated recordings at max leverage 10 and 3, not only the 1% cross rate', () => {
    const rates = HYPERLIQUID_RECORDINGS.flatMap((r) => read.get(keyOf(r))!.flatMap((m) => m.venue.positions.filter((p) => p.perp?.marginMode === 'ISOLATED').map((p) => p.perp!.maintenanceMarginRate)))
    expect(rates).toContain(0.05)
    expect(rates.some((x) => Math.abs(x - 1 / 6) < 1e-12)).toBe(true)
  })

  it('tells the 2023 schema apart: its legacy rule reproduces it and the current rule does not', () => {
    const file = 'python-sdk-user-state-2023.json'
    const state = clearinghouseStateSchema.parse(JSON.parse(readFileSync(path.join(corpus.dir, file), 'utf8')))
    const legacy = read.get(keyOf(HYPERLIQUID_RECORDINGS.find((x) => x.file === file)!))![0]!.venue
    expect(legacy.protocolVersion).toBe('legacy-2023')
    // the current rule at the 1% rate the legacy rule uses (maxLeverage 50): the (1 − l·side) term and a moving maintenance
    const meta = { universe: state.assetPositions.map((a) => ({ name: a.position.coin, maxLeverage: 50 })) }
    const current = toHyperliquidVenueModels('0x5e9EE1089755c3435139848e47e6635505d5a13A', state, meta, { kind: 'API' }, 'current')[0]!.venue
    const recordedPx = Object.fromEntries(state.assetPositions.filter((a) => a.position.liquidationPx !== null).map((a) => [a.position.coin, a.position.liquidationPx!]))
    let mismatches = 0
    for (const [coin, px] of Object.entries(recordedPx)) {
      const p = current.liquidationPrices.find((l) => l.riskFactor === coin.toUpperCase())
      if (!p || p.kind !== 'price' || rel(p.priceUsd, px) > 1e-6) mismatches += 1
    }
    expect(Object.keys(recordedPx).length).toBeGreaterThanOrEqual(5)
    expect(mismatches).toBe(Object.keys(recordedPx).length)
  })

  it('reads the HIP-3 dex with its `dex` parameter: its own venues, converted from its collateral (USDH) to USD, the main dex empty', () => {
    const r = HYPERLIQUID_RECORDINGS.find((x) => x.dex === 'flx')!
    const rec = recorded(r.file)
    const models = read.get(keyOf(r))!
    const isolated = models.find((m) => m.venue.id === `hyperliquid:isolated:${r.address}:flx:CRCL`)!.venue
    const cross = models.find((m) => m.venue.id === `hyperliquid:cross:${r.address}:flx`)!.venue
    for (const v of [isolated, cross]) {
      const d = hyperliquidDetailsOf(v)
      expect(d.dex).toBe('flx')
      expect(d.collateralToken).toBe('USDH')
      expect(d.collateralPriceUsd).toBe(USDH_USD)
      expect(d.notes.join(' ')).toContain(`shown in USD at ${USDH_USD} USDC per USDH`)
      expect(v.positions.find((p) => p.perp === null)!.asset.symbol).toBe('USDH')
    }
    // every USDH figure times the USDH price: the position's notional and mark, the isolated margin, the cross account value
    const pos = rec.assetPositions[0]!.position as Recorded['assetPositions'][number]['position'] & { positionValue: string; szi: string }
    const line = isolated.positions.find((p) => p.perp !== null)!
    expect(rel(line.valueUsd, Number(pos.positionValue) * USDH_USD)).toBeLessThan(1e-12)
    expect(rel(line.perp!.markPrice, (Number(pos.positionValue) / Number(pos.szi)) * USDH_USD)).toBeLessThan(1e-12)
    expect(rel(isolated.margin.equityUsd, Number(pos.marginUsed) * USDH_USD)).toBeLessThan(1e-9)
    expect(rel(cross.margin.equityUsd, Number(rec.crossMarginSummary.accountValue) * USDH_USD)).toBeLessThan(1e-12)
    // the position moves with CRCL, whatever dex lists it
    expect(isolated.liquidationPrices[0]!.riskFactor).toBe('CRCL')
    expect(models.some((m) => m.venue.id === `hyperliquid:cross:${r.address}`)).toBe(false)
  })

  it('spot balances are a venue of their own, each priced (USDC at 1, the rest at the replay\'s cost-basis marks), none dropped', () => {
    const balances = recordedSpot().balances
    const models = read.get(keyOf(HYPERLIQUID_RECORDINGS.find((x) => x.dex === 'flx')!))!
    const spot = models.find((m) => m.venue.id === `hyperliquid:spot:${SPOT_OWNER}`)!
    const d = hyperliquidDetailsOf(spot.venue)
    expect(d.unpricedBalances).toEqual([])
    expect(spot.venue.positions.map((p) => [p.asset.symbol, p.amountFloat]).sort()).toEqual(balances.map((b) => [b.coin, Number(b.total)]).sort())
    // USDC at 1; every other balance at entryNtl / total, so valued at its recorded entryNtl
    for (const b of balances) {
      const line = spot.venue.positions.find((p) => p.asset.symbol === b.coin)!
      expect(rel(line.valueUsd, b.coin === 'USDC' ? Number(b.total) : Number(b.entryNtl))).toBeLessThan(1e-12)
    }
    expect(spot.venue.health.kind).toBe('noDebt')
    expect(spot.evaluate(new Map()).liquidatable).toBe(false)
    // mode not recorded: spot is shown apart, and the details say the mode is unknown
    expect(d.accountMode).toBe('UNKNOWN')
    expect(d.spotBacksPerpMargin).toBeNull()
    // spot enters the exposures: UETH moves with ETH
    expect(computeExposures([spot.venue]).find((e) => e.riskFactor === 'USDC')!.longUsd).toBe(1.2908594)
    expect(rel(computeExposures([spot.venue]).find((e) => e.riskFactor === 'ETH')!.longUsd, Number(balances.find((b) => b.coin === 'UETH')!.entryNtl))).toBeLessThan(1e-12)
  })
})

describe.skipIf(!corpus.present && !corpus.mustExist)('Hyperliquid: a HIP-3 dex whose collateral has no spot price', () => {
  it('is answered unavailable with the reason, never in USD at a guessed rate', async () => {
    const r = HYPERLIQUID_RECORDINGS.find((x) => x.dex === 'flx')!
    const inner = hyperliquidReplayRoute({ ...hyperliquidReplayFiles(corpus.dir, path.join), spot: { [r.address.toLowerCase()]: SPOT_PATH }, meta: null })
    const server = await startReplayServer([
      {
        async answer(req, url, body) {
          const request = JSON.parse((await body()).toString()) as { type?: string }
          // the spot prices refused: no price for USDH
          if (request.type === 'spotMetaAndAssetCtxs') return { status: 422, body: '{}', route: 'test:refused' }
          return inner.answer(req, url, body)
        },
      },
    ])
    try {
      const reader = createHyperliquidReader({ infoUrl: `${server.url}/info`, sourceLabel: () => ({ kind: 'API' }) })
      const { models, unavailable } = await reader.read({ owner: r.address, linked: [], signal: AbortSignal.timeout(5000) })
      expect(models.some((m) => m.venue.id.includes(':flx'))).toBe(false)
      expect(unavailable).toHaveLength(1)
      expect(unavailable[0]).toMatchObject({ id: `hyperliquid:cross:${r.address}:flx`, error: { code: 'CHAIN_UNAVAILABLE' } })
      expect(unavailable[0]!.error.message).toContain('reports its figures in USDH, and no spot price for USDH was found')
      // the spot venue still answers, USDC priced and the rest listed unpriced
      const spot = models.find((m) => m.venue.id === `hyperliquid:spot:${r.address}`)!.venue
      expect(hyperliquidDetailsOf(spot).unpricedBalances.map((u) => u.coin).sort()).toEqual(['HYPE', 'UETH', 'USDH', 'USOL'])
    } finally {
      await server.stop()
    }
  })
})
