import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { perpDetailsOf } from '../../../risk/perps/toPerpVenueModel.js'
import { createHyperliquidReader } from '../read/hyperliquidReader.js'
import { toHyperliquidVenueModels } from '../model/toHyperliquidVenueModels.js'
import { clearinghouseStateSchema } from '../read/hyperliquidSchemas.js'
import { HYPERLIQUID_META_RECORDING, HYPERLIQUID_RECORDINGS, hyperliquidReplayFiles } from '../devnet/hyperliquidRecordings.js'
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
        spot: extra.present ? { [SPOT_OWNER.toLowerCase()]: path.join(extra.dir, SPOT_FILE) } : {},
        meta: path.join(corpus.dir, HYPERLIQUID_META_RECORDING),
      }),
    ])
    const reader = createHyperliquidReader({ infoUrl: `${server.url}/info`, sourceLabel: () => ({ kind: 'API' }) })
    for (const r of HYPERLIQUID_RECORDINGS) {
      const { models } = await reader.read({ owner: r.address, linked: [], signal: AbortSignal.timeout(5000) })
      read.set(r.file, models)
    }
  })
  afterAll(async () => {
    console.log('Hyperliquid replay:', stats, perRecording)
    await server?.stop()
  })

  const recorded = (file: string) => JSON.parse(readFileSync(path.join(corpus.dir, file), 'utf8')) as Recorded

  for (const r of HYPERLIQUID_RECORDINGS) {
    it(`${r.file}: liquidation prices, maintenance margin and account value`, () => {
      const rec = recorded(r.file)
      const models = read.get(r.file)!
      for (const { position: pos } of rec.assetPositions) {
        const isolated = pos.leverage.type === 'isolated'
        const venue = models.find((m) => (isolated ? m.venue.id.endsWith(`:${pos.coin}`) : m.venue.id.includes(':cross:')))!.venue
        expect(perpDetailsOf(venue)!.marginMode).toBe(isolated ? 'ISOLATED' : 'CROSS')
        // the venue's own number is kept as sent
        const line = venue.positions.find((p) => p.perp?.market === pos.coin)!
        expect(line.perp!.venueLiquidationPrice).toBe(pos.liquidationPx === null ? null : Number(pos.liquidationPx))
        const ours = venue.liquidationPrices.find((p) => p.riskFactor === line.asset.exposure.base)!
        if (pos.liquidationPx === null) {
          expect(ours.kind, `${pos.coin} has no liquidation price`).toBe('none')
          stats.nulls += 1
        } else {
          const price = (ours as Extract<LiquidationPrice, { kind: 'price' }>).priceUsd
          const e = rel(price, Number(pos.liquidationPx))
          expect(e, `${pos.coin}: ours ${price} vs recorded ${pos.liquidationPx}`).toBeLessThan(1e-6)
          stats.liquidationPrices += 1
          stats.maxRelErr = Math.max(stats.maxRelErr, e)
          note(r.file, e)
          if (r.dex !== undefined) {
            // a HIP-3 position: the closed form in the dex's collateral (USDH) reproduces the venue to 1e-9
            expect(e).toBeLessThan(1e-9)
            stats.hip3MaxRelErr = Math.max(stats.hip3MaxRelErr, e, rel(venue.margin.equityUsd, Number(pos.marginUsed)))
          }
        }
        if (isolated) {
          expect(rel(venue.margin.equityUsd, Number(pos.marginUsed))).toBeLessThan(1e-9)
          note(r.file, rel(venue.margin.equityUsd, Number(pos.marginUsed)))
        }
      }
      const cross = models.find((m) => m.venue.id.includes(':cross:'))?.venue
      if (cross) {
        expect(Math.abs(cross.margin.equityUsd - Number(rec.crossMarginSummary.accountValue))).toBeLessThan(1e-6)
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
    const rates = HYPERLIQUID_RECORDINGS.flatMap((r) => read.get(r.file)!.flatMap((m) => m.venue.positions.filter((p) => p.perp?.marginMode === 'ISOLATED').map((p) => p.perp!.maintenanceMarginRate)))
    expect(rates).toContain(0.05)
    expect(rates.some((x) => Math.abs(x - 1 / 6) < 1e-12)).toBe(true)
  })

  it('tells the 2023 schema apart: its legacy rule reproduces it and the current rule does not', () => {
    const file = 'python-sdk-user-state-2023.json'
    const state = clearinghouseStateSchema.parse(JSON.parse(readFileSync(path.join(corpus.dir, file), 'utf8')))
    const legacy = read.get(file)![0]!.venue
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

  it('reads the HIP-3 dex with its `dex` parameter: its own venues, in its collateral (USDH), the main dex empty', () => {
    const r = HYPERLIQUID_RECORDINGS.find((x) => x.dex === 'flx')!
    const models = read.get(r.file)!
    const isolated = models.find((m) => m.venue.id === `hyperliquid:isolated:${r.address}:flx:CRCL`)!.venue
    const cross = models.find((m) => m.venue.id === `hyperliquid:cross:${r.address}:flx`)!.venue
    for (const v of [isolated, cross]) {
      const d = hyperliquidDetailsOf(v)
      expect(d.dex).toBe('flx')
      expect(d.collateralToken).toBe('USDH')
      expect(v.positions.find((p) => p.perp === null)!.asset.symbol).toBe('USDH')
    }
    // the position moves with CRCL, whatever dex lists it
    expect(isolated.liquidationPrices[0]!.riskFactor).toBe('CRCL')
    expect(models.some((m) => m.venue.id === `hyperliquid:cross:${r.address}`)).toBe(false)
  })

  it.skipIf(!extra.present)('spot balances are a venue of their own: USDC at 1, the rest listed unpriced (no spotMetaAndAssetCtxs recording), none dropped', () => {
    const rec = JSON.parse(readFileSync(path.join(extra.dir, SPOT_FILE), 'utf8')) as { response: { balances: { coin: string; total: string }[] } }
    const models = read.get(HYPERLIQUID_RECORDINGS.find((x) => x.dex === 'flx')!.file)!
    const spot = models.find((m) => m.venue.id === `hyperliquid:spot:${SPOT_OWNER}`)!
    const d = hyperliquidDetailsOf(spot.venue)
    const priced = spot.venue.positions.map((p) => [p.asset.symbol, p.amountFloat])
    const unpriced = d.unpricedBalances.map((u) => [u.coin, u.total])
    expect([...priced, ...unpriced].sort()).toEqual(rec.response.balances.map((b) => [b.coin, Number(b.total)]).sort())
    expect(priced).toEqual([['USDC', 1.2908594]])
    expect(spot.venue.positions[0]!.valueUsd).toBe(1.2908594)
    expect(spot.venue.health.kind).toBe('noDebt')
    expect(spot.evaluate(new Map()).liquidatable).toBe(false)
    // mode not recorded: spot is shown apart, and the details say the mode is unknown
    expect(d.accountMode).toBe('UNKNOWN')
    expect(d.spotBacksPerpMargin).toBeNull()
    // spot enters the exposures
    expect(computeExposures([spot.venue]).find((e) => e.riskFactor === 'USDC')!.longUsd).toBe(1.2908594)
  })
})
