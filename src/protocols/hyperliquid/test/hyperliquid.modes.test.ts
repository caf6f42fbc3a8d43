import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHyperliquidReader } from '../read/hyperliquidReader.js'
import { toHyperliquidAccountMode } from '../model/hyperliquidAccountMode.js'
import { hyperliquidReplayRoute } from '../devnet.js'
import { startReplayServer, type ReplayServer } from '../../../devnet/replayServer.js'
import { perpDetailsOf } from '../../../risk/perps/toPerpVenueModel.js'
import type { AvailableVenue } from '../../../domain/venue.js'
import type { DevnetReplayRoute } from '../../../devnet/types.js'
import type { VenueModel } from '../../../risk/venueModel.js'
import type { HyperliquidAccountDetails } from '../model/details.js'
import { compilePortfolioKernel, computeLegMultipliers, createKernelState, evaluateVenue } from '../../../risk/kernel/compilePortfolioKernel.js'
import { createSchema } from '../../../graphql/createServer.js'
import { sharedCorpus } from '../../../../test/support/sharedCorpus.js'

const corpus = sharedCorpus('fixtures/perps/hyperliquid')
const extra = sharedCorpus('fixtures/perps/hyperliquid-extra')
const details = (v: AvailableVenue) => (v.details as { hyperliquid: HyperliquidAccountDetails }).hyperliquid

/**
 * No recorded `userAbstraction` or `spotMetaAndAssetCtxs` answer is public
 * (hyperliquid-extra/SOURCES.md): the mode is the bare string the docs
 * document (Hyperliquid docs, Info endpoint, "Query a user's abstraction
 * state"; GoldRush's wire-equal reference: `"disabled"`, `"unifiedAccount"`),
 * and the spot prices a body built in the documented shape. These tests check
 * detection and what xmargin does with each mode, not a unified account's
 * margin rule, which no recording lets xmargin reproduce.
 */
describe('Hyperliquid account modes', () => {
  it('maps the documented userAbstraction values', () => {
    expect(toHyperliquidAccountMode('default')).toBe('STANDARD')
    expect(toHyperliquidAccountMode('disabled')).toBe('STANDARD')
    expect(toHyperliquidAccountMode('unifiedAccount')).toBe('UNIFIED')
    expect(toHyperliquidAccountMode('portfolioMargin')).toBe('PORTFOLIO_MARGIN')
    expect(toHyperliquidAccountMode('dexAbstraction')).toBe('DEX_ABSTRACTION')
    expect(toHyperliquidAccountMode('somethingNew')).toBe('UNKNOWN')
    expect(toHyperliquidAccountMode(null)).toBe('UNKNOWN')
  })

  it('the GraphQL schema builds with Venue.hyperliquid', () => {
    expect(createSchema().getType('HyperliquidAccount')).toBeDefined()
  })
})

describe.skipIf(!corpus.present || !extra.present)('Hyperliquid modes over a loopback info API', () => {
  const owner = '0x00000000000000000000000000000000000000c1' as const
  let server: ReplayServer
  const read = new Map<string, VenueModel[]>()
  /** A documented mode string and a spot price body beside the recorded states. */
  const modeRoute = (mode: string): DevnetReplayRoute => ({
    async answer(req, url, body) {
      const request = JSON.parse((await body()).toString()) as { type?: string }
      if (request.type === 'userAbstraction') return { status: 200, body: JSON.stringify(mode), route: 'test:userAbstraction' }
      if (request.type === 'spotMetaAndAssetCtxs') {
        // built in the documented shape: HYPE/USDC at 40.0, no USDH pair
        const meta = { tokens: [{ name: 'USDC', index: 0 }, { name: 'HYPE', index: 150 }, { name: 'USDH', index: 360 }], universe: [{ name: '@107', tokens: [150, 0], index: 107 }] }
        return { status: 200, body: JSON.stringify([meta, [{ coin: '@107', markPx: '40.0' }]]), route: 'test:spotMetaAndAssetCtxs' }
      }
      const inner = hyperliquidReplayRoute({
        users: { [owner]: path.join(corpus.dir, 'ccxt-cross-sol-short-eth-long.json') },
        meta: null,
        spot: { [owner]: path.join(extra.dir, 'spotClearinghouseState_HYPE_UETH_USOL_USDH.json') },
      })
      return inner.answer(req, url, async () => Buffer.from(JSON.stringify(request)))
    },
  })

  beforeAll(async () => {
    for (const mode of ['disabled', 'unifiedAccount', 'portfolioMargin']) {
      server = await startReplayServer([modeRoute(mode)])
      const reader = createHyperliquidReader({ infoUrl: `${server.url}/info`, sourceLabel: () => ({ kind: 'API' }) })
      read.set(mode, (await reader.read({ owner, linked: [], signal: AbortSignal.timeout(5000) })).models)
      await server.stop()
    }
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('standard: the closed form, and spot said not to back perps margin', () => {
    const cross = read.get('disabled')!.find((m) => m.venue.id === `hyperliquid:cross:${owner}`)!.venue
    expect(details(cross).accountMode).toBe('STANDARD')
    expect(details(cross).spotBacksPerpMargin).toBe(false)
    expect(cross.liquidationPrices.some((p) => p.kind === 'price')).toBe(true)
    const spot = read.get('disabled')!.find((m) => m.venue.id === `hyperliquid:spot:${owner}`)!.venue
    expect(details(spot).spotBacksPerpMargin).toBe(false)
    // HYPE priced at its pair's mark; USDH, UETH and USOL have no pair in the body: unpriced, listed
    expect(spot.positions.find((p) => p.asset.symbol === 'HYPE')!.valueUsd).toBeCloseTo(4.43762752 * 40, 12)
    expect(details(spot).unpricedBalances.map((u) => u.coin).sort()).toEqual(['UETH', 'USDH', 'USOL'])
  })

  for (const mode of ['unifiedAccount', 'portfolioMargin']) {
    it(`${mode}: never read as standard: the venue's own figures kept, every liquidation price a RULE_NOT_REPRODUCED gap`, () => {
      const cross = read.get(mode)!.find((m) => m.venue.id === `hyperliquid:cross:${owner}`)!.venue
      expect(details(cross).accountMode).toBe(mode === 'unifiedAccount' ? 'UNIFIED' : 'PORTFOLIO_MARGIN')
      expect(details(cross).spotBacksPerpMargin).toBe(true)
      expect(cross.liquidationPrices.length).toBeGreaterThan(0)
      for (const p of cross.liquidationPrices) expect(p).toMatchObject({ kind: 'none', reason: 'RULE_NOT_REPRODUCED' })
      // the venue's own maintenance margin, as recorded
      expect(perpDetailsOf(cross)!.venueMaintenanceMarginUsd).toBe(38.8818)
      expect(details(cross).notes.join(' ')).toContain('cannot be reproduced')
    })

    it(`${mode}: stress never liquidates it by the standard rule; its equity still moves`, () => {
      const standard = read.get('disabled')!.find((m) => m.venue.id === `hyperliquid:cross:${owner}`)!
      const model = read.get(mode)!.find((m) => m.venue.id === `hyperliquid:cross:${owner}`)!
      // SOL ×200: the standard rule liquidates the SOL short (recorded liquidationPx 22881.19788911)
      const solUp = new Map([['SOL', { num: 200n, den: 1n }]])
      expect(standard.evaluate(solUp).liquidatable).toBe(true)
      expect(model.evaluate(solUp)).toMatchObject({ liquidatable: false, healthFactor: null })
      expect(model.evaluate(solUp).equityUsd).toBeCloseTo(standard.evaluate(solUp).equityUsd, 9)
      expect(model.liquidate(solUp).steps).toEqual([])
      for (const direction of [-1, 1] as const) expect(model.liquidationUnderUniformMove(new Set(['ETH', 'SOL']), direction)).toEqual({ kind: 'none' })
      // the float kernel (scenario grid, Monte Carlo) agrees: never liquidatable, equity as evaluate's, marked not exact
      const c = compilePortfolioKernel([model.kernel])
      const legs = new Float64Array(c.legBase.length)
      computeLegMultipliers(c, Float64Array.from(c.factors, (f) => (f === 'SOL' ? 200 : 1)), legs)
      const equity = new Float64Array(1)
      expect(evaluateVenue(c, 0, legs, createKernelState(c), equity)).toBe(Number.POSITIVE_INFINITY)
      expect(equity[0]).toBeCloseTo(model.evaluate(solUp).equityUsd, 6)
      expect(model.kernel.exactHealth).toBe(false)
    })
  }
})
