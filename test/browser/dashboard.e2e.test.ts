import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { formatUnits, type Hex } from 'viem'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { createXmarginClient, type PortfolioView, type XmarginClient } from '../../src/client/index.js'
import type { DevnetManifest } from '../../src/devnet/manifest.js'
import { devnetPriceFeedAbi } from '../../src/devnet/priceFeedAbi.js'
import { setDevnetPrice } from '../../src/devnet/setDevnetPrice.js'
import type { GraphqlServer } from '../../src/graphql/createServer.js'
import { formatHealthFactor, formatRatio, formatSigmas, formatUsd } from '../../web/src/format.js'
import { formatHedgeParam, formatLegParam, fridayExpiryAfter, optionStateOf, roundStrike, toHedgeInput, toOptionLegInputs, type DashboardHedge, type DashboardLeg } from '../../web/src/optionLegs.js'
import { TestChain, testManifest } from '../support/devnet.js'
import { startFaultProxy, type FaultProxy } from '../support/faultProxy.js'
import { expectWebBuilt, generationOf, launchChromium, offlineContext, paintedPixels, saveScreenshot, startServer, waitForLoad } from './browserSupport.js'

/** The chain the failure test takes down (the Arbitrum-like L2). */
const FAULTED = 900002

describe('dashboard in headless Chromium, against the test devnet', () => {
  let manifest: DevnetManifest
  let server: GraphqlServer
  let origin: string
  let client: XmarginClient
  let browser: Browser
  let context: BrowserContext
  /** Requests that tried to leave localhost (each aborted); checked after every test. */
  const external: string[] = []

  beforeAll(async () => {
    expectWebBuilt()
    manifest = await testManifest()
    ;({ server, origin } = await startServer())
    client = createXmarginClient({ endpoint: server.url })
    browser = await launchChromium()
    // the dashboard is bundled: it must not need any other host
    context = await offlineContext(browser, external)
  })
  afterEach(() => {
    expect(external).toEqual([])
  })
  afterAll(async () => {
    await context?.close()
    await browser?.close()
    await server?.stop()
  })

  /** Opens the dashboard on the demo wallet and waits for its first full load. */
  async function openDemo(at = origin): Promise<Page> {
    const page = await context.newPage()
    await page.goto(`${at}/?owner=${manifest.accounts.demo}`)
    await waitForLoad(page, 0)
    expect(await page.locator('[data-testid=error]').count()).toBe(0)
    return page
  }

  /** `actual` within `relative` of `expected` (values the server revalues at its clock: option legs age between two reads). */
  function expectNear(actual: number, expected: number, relative = 1e-4): void {
    expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(expected)))
  }

  /** A figure's raw value (`data-value`) and its text: the text is the raw value as the page formats it. */
  async function figureOf(page: Page, selector: string, format: (n: number) => string = formatUsd): Promise<number> {
    const raw = Number(await page.getAttribute(selector, 'data-value'))
    expect((await page.locator(`${selector} .metric-value`).textContent())?.trim()).toBe(format(raw))
    return raw
  }

  /** Every venue row shows the API's status and health factor (the raw value, and as formatted). */
  async function expectVenuesMatch(page: Page, api: PortfolioView): Promise<void> {
    expect(await page.locator('[data-testid=venue-row]').count()).toBe(api.venues.length)
    for (const v of api.venues) {
      const row = page.locator(`[data-testid=venue-row][data-venue-id="${v.id}"]`)
      expect(await row.getAttribute('data-status')).toBe(v.status)
      const hf = row.locator('[data-testid=venue-hf]')
      expect(await hf.getAttribute('data-hf')).toBe(v.healthFactor === null ? '' : String(v.healthFactor))
      expect((await hf.textContent())?.trim()).toBe(v.status === 'UNAVAILABLE' ? '—' : formatHealthFactor(v.healthFactor))
    }
  }

  it('shows the demo wallet: venues with the API’s health factors, chains, unified health, chart, heatmap and cascade', async () => {
    const page = await openDemo()
    const api = await client.portfolio({ owner: manifest.accounts.demo })
    expect(api.venues.filter((v) => v.healthFactor !== null).length).toBeGreaterThan(2)
    await expectVenuesMatch(page, api)

    // per-chain reads, all answered
    expect(await page.locator('[data-testid=partial-warning]').count()).toBe(0)
    for (const c of api.chains) {
      expect(await page.getAttribute(`[data-testid=chain-status][data-chain-id="${c.chainId}"]`, 'data-status')).toBe('OK')
    }
    // unified cross-margin health and the first venue to liquidate
    expect(await page.getAttribute('[data-testid=unified-hf]', 'data-hf')).toBe(api.oneAccount.healthFactor === null ? '' : String(api.oneAccount.healthFactor))
    expect(await page.locator('[data-testid=unified-hf] .hero-value').textContent()).toBe(formatHealthFactor(api.oneAccount.healthFactor))
    expect(await page.getAttribute('[data-testid=first-to-liquidate]', 'data-venue-id')).toBe(api.firstToLiquidate?.venueId ?? '')
    // the nearest single-factor liquidation, ranked by σ, with its percent move and the ranking it used
    const nearest = api.liquidationDistance.nearest
    expect(await page.getAttribute('[data-testid=nearest-liquidation]', 'data-venue-id')).toBe(nearest?.venueId ?? '')
    expect(await page.getAttribute('[data-testid=nearest-liquidation]', 'data-ranking')).toBe(nearest?.ranking ?? '')
    if (nearest?.ranking === 'SIGMA') expect(await page.locator('[data-testid=nearest-liquidation-ranking]').textContent()).toContain(formatSigmas(nearest.sigmaDistance!))

    // the health curve of the most exposed volatile factor, drawn
    const factor = await page.inputValue('[data-testid=risk-factor]')
    expect(api.exposures.map((e) => e.riskFactor)).toContain(factor)
    await page.waitForSelector('[data-testid=hf-chart][data-rendered=true]')
    expect(await paintedPixels(page, '[data-testid=hf-chart]')).toBeGreaterThan(5_000)

    // the stress grid: one row per scenario, one column per venue
    const grid = await client.stress({ owner: manifest.accounts.demo })
    await page.waitForSelector('[data-testid=stress-heatmap][data-rendered=true]')
    expect(Number(await page.getAttribute('[data-testid=stress-heatmap-card]', 'data-scenarios'))).toBe(grid.scenarios.length)
    expect(await paintedPixels(page, '[data-testid=stress-heatmap]')).toBeGreaterThan(5_000)
    expect(await page.getAttribute('[data-testid=cascade]', 'data-scenario-id')).toBe(grid.worst?.scenario.id)
    await saveScreenshot(page, 'dashboard-demo', { fullPage: true })

    // wider scan ranges liquidate venues in the worst scenario: the cascade lists them, as the API does
    const before = await generationOf(page)
    await page.selectOption('[data-testid=scan-range]', '35')
    await waitForLoad(page, before)
    const volatile = api.exposures.filter((e) => e.kind === 'VOLATILE').map((e) => e.riskFactor)
    const wide = await client.stress({ owner: manifest.accounts.demo, scanRanges: volatile.map((riskFactor) => ({ riskFactor, scanRange: 0.35 })) })
    expect(wide.worst!.cascade.length).toBeGreaterThan(0)
    const cascadeIds = await Promise.all((await page.locator('[data-testid=cascade-venue]').all()).map((r) => r.getAttribute('data-venue-id')))
    expect(cascadeIds).toEqual(wide.worst!.cascade.map((c) => c.venueId))
    expect(await page.textContent('[data-testid=cascade-total]')).toBe(formatUsd(wide.worst!.liquidationCostUsd))
    const liquidatable = wide.scenarios.reduce((n, s) => n + s.venues.filter((v) => v.liquidatable).length, 0)
    expect(Number(await page.getAttribute('[data-testid=stress-heatmap-card]', 'data-liquidatable-cells'))).toBe(liquidatable)
    await page.waitForSelector('[data-testid=stress-heatmap][data-rendered=true]')
    await saveScreenshot(page, 'dashboard-stress', { selector: 'section:has([data-testid=stress-heatmap])', docsName: 'dashboard-stress.png' })
    await saveScreenshot(page, 'dashboard-demo-wide-scan', { fullPage: true, docsName: 'dashboard.png' })
    await saveScreenshot(page, 'dashboard-chart', { selector: 'section:has([data-testid=hf-chart])' })
    await page.close()
  })

  it('shows the one account’s risk-based requirement with the scenario that sets it and the capital it frees; with a put leg, the Greeks per factor, the requirement with it and the hedged worst loss', async () => {
    const owner = manifest.accounts.demo
    const margin = await client.portfolioMargin({ owner })
    // an at-the-money ETH put four weeks out, a quarter of the wallet's net ETH
    const expiry = fridayExpiryAfter(Date.now(), 28)
    const probe = await client.options({ owner, optionLegs: [{ riskFactor: 'ETH', right: 'PUT', strike: 1, expiry, size: 1, impliedVolatility: 0.6 }] })
    const eth = probe.options!.factors.find((f) => f.riskFactor === 'ETH')!
    const strike = roundStrike(eth.priceUsd!)
    const leg: DashboardLeg = { riskFactor: 'ETH', right: 'PUT', strike, expiry, size: Math.round(eth.venuesDeltaUsd / eth.priceUsd! / 4), impliedVolatility: 0.6 }
    // and the same put sized to hold the worst stress loss to 85% of today's
    const grid = await client.stress({ owner })
    const hedge: DashboardHedge = { riskFactor: 'ETH', strike, expiry, impliedVolatility: 0.6, maxLossUsd: Math.round(grid.scanningRiskUsd * 0.85) }

    const page = await context.newPage()
    const search = new URLSearchParams({ owner, leg: formatLegParam(leg), hedge: formatHedgeParam(hedge) })
    await page.goto(`${origin}/?${search}`)
    await waitForLoad(page, 0)
    expect(await page.locator('[data-testid=error]').count()).toBe(0)
    const api = await client.options({ owner, optionLegs: toOptionLegInputs([leg]), hedge: toHedgeInput(hedge) })

    // the requirement as one account, the scenario that sets it, its margin ratio, and the capital freed against the protocols and the table
    const v = margin.venues
    expect(await figureOf(page, '[data-testid=pm-requirement]')).toBe(v.netted.requirementUsd)
    expect(v.netted.requirementUsd).toBeGreaterThan(0)
    expect(await page.textContent('[data-testid=pm-set-by]')).toContain(v.netted.setBy)
    expect(v.netted.setBy).toMatch(/scenario \d+/)
    expect(await figureOf(page, '[data-testid=pm-margin-ratio]', (r) => formatRatio(r))).toBe(v.netted.marginRatio)
    expect(await figureOf(page, '[data-testid=pm-netting-benefit]')).toBe(v.nettingBenefitUsd)
    expect(v.nettingBenefitUsd).toBeGreaterThanOrEqual(0)
    expect(await figureOf(page, '[data-testid=pm-freed-protocol]')).toBe(v.capitalFreedVsProtocolUsd)
    expect(await page.textContent('[data-testid=pm-freed-protocol]')).toContain(`protocols' own: ${formatUsd(v.protocolMaintenanceMarginUsd)}`)
    expect(await figureOf(page, '[data-testid=pm-freed-table]')).toBe(v.capitalFreedVsTableUsd)
    // per venue: each on its own against its protocol
    expect(await page.locator('[data-testid=pm-venue-row]').count()).toBe(v.perVenue.length)
    for (const x of v.perVenue) {
      const row = page.locator(`[data-testid=pm-venue-row][data-venue-id="${x.venueId}"]`)
      expect(await row.locator('[data-testid=pm-venue-requirement]').textContent()).toBe(formatUsd(x.requirementUsd))
      expect(await row.locator('[data-testid=pm-venue-freed-protocol]').textContent()).toBe(formatUsd(x.capitalFreedVsProtocolUsd))
    }
    // the sourced scan ranges in use, and the held factors without one (no scenario moves them)
    for (const p of margin.parameters) expect(Number(await page.getAttribute(`[data-testid=pm-scan-range][data-factor="${p.riskFactor}"]`, 'data-value'))).toBe(p.priceScanRange)
    expect(margin.unscannedFactors).toContain('USDC')
    expect(await page.textContent('[data-testid=pm-unscanned]')).toBe(`not scanned: ${margin.unscannedFactors.join(', ')}`)

    // the leg, valued
    expect(await page.getAttribute('[data-testid=options-panel]', 'data-state')).toBe('ok')
    const rows = page.locator('[data-testid=leg-row]')
    expect(await rows.count()).toBe(1)
    const value = Number(await rows.first().getAttribute('data-value'))
    expectNear(value, api.options!.legs[0]!.valueUsd)
    expect(await rows.first().locator('[data-testid=leg-value]').textContent()).toBe(formatUsd(value))
    // the Greeks per factor: the venues' ETH delta netted with the put's, its gamma, vega and theta
    const apiEth = api.options!.factors.find((f) => f.riskFactor === 'ETH')!
    expect(apiEth.optionsDeltaUsd).toBeLessThan(0)
    const greeks = page.locator('[data-testid=greeks-row][data-factor=ETH]')
    const shown = {
      netDeltaUsd: Number(await greeks.getAttribute('data-net-delta-usd')),
      gamma: Number(await greeks.getAttribute('data-gamma')),
      vega: Number(await greeks.getAttribute('data-vega')),
      theta: Number(await greeks.getAttribute('data-theta')),
    }
    expectNear(shown.netDeltaUsd, apiEth.netDeltaUsd)
    expectNear(shown.gamma, apiEth.gammaUnitsPerUsd)
    expectNear(shown.vega, apiEth.vegaUsdPerPoint)
    expectNear(shown.theta, apiEth.thetaUsdPerDay)
    expect(await greeks.locator('[data-testid=greeks-net-delta] strong').textContent()).toBe(formatUsd(shown.netDeltaUsd))
    expect(await greeks.locator('[data-testid=greeks-vega]').textContent()).toBe(formatUsd(shown.vega))
    expect(await greeks.locator('[data-testid=greeks-theta]').textContent()).toBe(formatUsd(shown.theta))
    // the requirement as one account without and with the put: the put lowers it
    const requirement = page.locator('[data-testid=legs-requirement]')
    expect(Number(await requirement.getAttribute('data-without'))).toBe(api.portfolioMargin!.venues.netted.requirementUsd)
    const withLegs = Number(await requirement.getAttribute('data-with'))
    expectNear(withLegs, api.portfolioMargin!.withOptionLegs!.requirementUsd)
    expect(await page.textContent('[data-testid=legs-requirement-with]')).toBe(formatUsd(withLegs))
    expect(withLegs).toBeLessThan(v.netted.requirementUsd)
    // the put sized to the bound: how many, and the worst stress loss before and after
    const sized = page.locator('[data-testid=hedge-result]')
    expect(api.hedge!.sizeUnits).toBeGreaterThan(0)
    expectNear(Number(await sized.getAttribute('data-size-units')), api.hedge!.sizeUnits!)
    const after = Number(await sized.getAttribute('data-worst-after'))
    expectNear(after, api.hedge!.worstLossAfterUsd)
    expect(after).toBeLessThanOrEqual(hedge.maxLossUsd * (1 + 1e-9))
    expect(await sized.locator('[data-testid=hedge-worst]').textContent()).toContain(formatUsd(after))
    // and what legs held elsewhere do not change: venue health
    expect(await page.textContent('[data-testid=options-note]')).toBe(api.options!.note)
    expect(api.options!.note).toMatch(/not any venue's health factor/)
    await expectVenuesMatch(page, await client.portfolio({ owner }))
    await saveScreenshot(page, 'dashboard-portfolio-margin', { selector: '.margin-row', docsName: 'dashboard-portfolio-margin.png' })

    // a second leg from the form: a covered call; the URL keeps both, the Greeks follow
    const call: DashboardLeg = { riskFactor: 'ETH', right: 'CALL', strike: roundStrike(eth.priceUsd! * 1.1), expiry, size: -5, impliedVolatility: 0.55 }
    await page.selectOption('[data-testid=leg-factor]', 'ETH')
    await page.selectOption('[data-testid=leg-right]', 'CALL')
    await page.fill('[data-testid=leg-strike]', String(call.strike))
    await page.fill('[data-testid=leg-expiry]', expiry.slice(0, 10))
    await page.fill('[data-testid=leg-size]', String(call.size))
    await page.fill('[data-testid=leg-iv]', '55')
    const generation = await generationOf(page)
    await page.click('[data-testid=leg-add]')
    await waitForLoad(page, generation)
    expect(await rows.count()).toBe(2)
    expect(optionStateOf(new URL(page.url()).searchParams).legs).toEqual([leg, call])
    const both = await client.options({ owner, optionLegs: toOptionLegInputs([leg, call]) })
    expectNear(Number(await greeks.getAttribute('data-net-delta-usd')), both.options!.factors.find((f) => f.riskFactor === 'ETH')!.netDeltaUsd)
    await page.close()
  })

  it('a leg the server refuses (expired) fails the option-legs panel alone, with the code and the leg and field named; the rest of the page answers', async () => {
    const page = await context.newPage()
    const expired: DashboardLeg = { riskFactor: 'ETH', right: 'PUT', strike: 3_000, expiry: '2020-01-03T08:00:00Z', size: 1, impliedVolatility: 0.6 }
    await page.goto(`${origin}/?${new URLSearchParams({ owner: manifest.accounts.demo, leg: formatLegParam(expired) })}`)
    await waitForLoad(page, 0)
    const error = page.locator('[data-testid=error][data-section=options]')
    expect(await error.getAttribute('data-code')).toBe('BAD_USER_INPUT')
    expect(await error.locator('[data-testid=error-message]').textContent()).toContain('optionLegs[leg 1].expiry')
    expect(await page.locator('[data-testid=error]').count()).toBe(1)
    expect(await page.getAttribute('[data-testid=portfolio-margin]', 'data-state')).toBe('ok')
    expect(await page.locator('[data-testid=venue-row]').count()).toBeGreaterThan(0)
    // removing it clears the panel and the link
    const generation = await generationOf(page)
    await page.click('[data-testid=leg-remove]')
    await waitForLoad(page, generation)
    expect(await page.locator('[data-testid=error]').count()).toBe(0)
    expect(new URL(page.url()).searchParams.getAll('leg')).toEqual([])
    await page.close()
  })

  it('asks for a wallet (offering the demo wallet), shows a spinner while fetching, and the server’s error code and message for a bad address', async () => {
    const page = await context.newPage()
    await page.goto(`${origin}/`)
    await page.locator('[data-testid=empty]').waitFor({ state: 'visible' })
    expect(await page.isDisabled('[data-testid=refresh]')).toBe(true)
    // the devnet server offers its demo wallet (and the replayed recordings) to pick
    const demoPick = page.locator(`[data-testid=example-wallet][data-address="${manifest.accounts.demo}"]`)
    await demoPick.waitFor({ state: 'visible' })
    const recorded = [...manifest.perps.hyperliquid.recordings, ...manifest.perps.lighter.recordings].filter((r) => r.address.toLowerCase() !== manifest.accounts.demo.toLowerCase())
    expect(await page.locator('[data-testid=example-wallet]').count()).toBe(1 + recorded.length)

    // hold the answers until the spinner has been seen
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route('**/graphql', async (route) => {
      await held
      await route.continue()
    })
    await demoPick.click()
    expect(await page.inputValue('[data-testid=owner-input]')).toBe(manifest.accounts.demo)
    await page.locator('[data-testid=loading][data-section=portfolio]').waitFor({ state: 'visible' })
    expect(await page.getAttribute('[data-testid=dashboard]', 'data-state')).toBe('loading')
    release()
    await waitForLoad(page, 0)
    expect(await page.locator('[data-testid=loading]').count()).toBe(0)
    expect(await page.locator('[data-testid=venue-row]').count()).toBeGreaterThan(0)
    expect(new URL(page.url()).searchParams.get('owner')).toBe(manifest.accounts.demo)
    await page.unroute('**/graphql')

    const before = await generationOf(page)
    await page.fill('[data-testid=owner-input]', '0xnot-an-address')
    await page.click('[data-testid=load]')
    await waitForLoad(page, before)
    const error = page.locator('[data-testid=error][data-section=portfolio]')
    expect(await error.getAttribute('data-code')).toBe('BAD_USER_INPUT')
    expect(await error.locator('[data-testid=error-code]').textContent()).toBe('BAD_USER_INPUT')
    expect(await error.locator('[data-testid=error-message]').textContent()).toMatch(/Invalid Address/)
    expect(await page.locator('[data-testid=venue-row]').count()).toBe(0)
    expect(new URL(page.url()).searchParams.get('owner')).toBe('0xnot-an-address')
    await saveScreenshot(page, 'dashboard-error', { fullPage: false })
    await page.close()
  })

  it('shows a failed chain as failed, its venues unavailable with the error (never zero), the other chains read', async () => {
    const faulted = manifest.chains.find((c) => c.chainId === FAULTED)!
    const proxy: FaultProxy = await startFaultProxy(faulted.rpcUrl)
    const failing = await startServer({ [`RPC_URL_${FAULTED}`]: proxy.url })
    try {
      proxy.fault = { kind: 'status', status: 503 }
      const failingOrigin = failing.origin
      const page = await openDemo(failingOrigin)
      const api = await createXmarginClient({ endpoint: failing.server.url }).portfolio({ owner: manifest.accounts.demo })
      expect(api.chains.find((c) => c.chainId === FAULTED)!.status).toBe('UNAVAILABLE')

      const chain = page.locator(`[data-testid=chain-status][data-chain-id="${FAULTED}"]`)
      expect(await chain.getAttribute('data-status')).toBe('UNAVAILABLE')
      expect(await chain.locator('[data-testid=chain-error]').textContent()).toContain('CHAIN_UNAVAILABLE')
      expect(await page.textContent('[data-testid=partial-warning]')).toContain(api.chains.find((c) => c.chainId === FAULTED)!.name)
      for (const c of manifest.chains.filter((x) => x.chainId !== FAULTED)) {
        expect(await page.getAttribute(`[data-testid=chain-status][data-chain-id="${c.chainId}"]`, 'data-status')).toBe('OK')
      }
      const rows = page.locator(`[data-testid=venue-row][data-chain-id="${FAULTED}"]`)
      expect(await rows.count()).toBeGreaterThan(0)
      for (const row of await rows.all()) {
        expect(await row.getAttribute('data-status')).toBe('UNAVAILABLE')
        expect(await row.locator('[data-testid=venue-hf]').textContent()).toBe('—')
        expect(await row.locator('[data-testid=venue-error]').textContent()).toContain('CHAIN_UNAVAILABLE')
        expect(await row.textContent()).not.toMatch(/\$0(\.00)?\b/)
      }
      // the healthy chains' venues still show the API's numbers
      await expectVenuesMatch(page, api)
      await saveScreenshot(page, 'dashboard-failed-chain', { fullPage: true })
      await page.close()
    } finally {
      await failing.server.stop()
      await proxy.close()
    }
  })

  it('Refresh re-reads the chains: after ETH falls on the devnet, an ETH-collateral venue shows its new health factor', async () => {
    const chains = manifest.chains.map((c) => new TestChain(c))
    const snapshots: Hex[] = await Promise.all(chains.map((c) => c.snapshot()))
    try {
      const page = await openDemo()
      const before = await client.portfolio({ owner: manifest.accounts.demo })
      // a loan against ETH: liquidated when ETH falls
      const venue = before.venues.find((v) => v.status === 'HEALTHY' && v.liquidationPrices?.some((p) => p.riskFactor === 'ETH' && p.direction === 'DOWN'))!
      expect(venue).toBeDefined()
      const shown = await page.getAttribute(`[data-testid=venue-row][data-venue-id="${venue.id}"] [data-testid=venue-hf]`, 'data-hf')
      expect(shown).toBe(String(venue.healthFactor))

      // ETH −15% on every chain, from the chain's own reference feed
      const l1 = chains.find((c) => c.entry.chainId === venue.chainId)!
      const weth = l1.entry.assets.find((a) => a.riskFactors.length === 1 && a.riskFactors[0] === 'ETH')!
      const priceE8 = (await l1.client.readContract({ address: weth.priceFeed, abi: devnetPriceFeedAbi, functionName: 'latestAnswer' })) as bigint
      await setDevnetPrice({ manifest, target: 'ETH', value: formatUnits((priceE8 * 85n) / 100n, 8) })

      const generation = await generationOf(page)
      await page.click('[data-testid=refresh]')
      await waitForLoad(page, generation)
      const after = await client.portfolio({ owner: manifest.accounts.demo })
      const moved = after.venues.find((v) => v.id === venue.id)!
      expect(moved.healthFactor).not.toBe(venue.healthFactor)
      expect(moved.healthFactor!).toBeLessThan(venue.healthFactor!)
      const hf = page.locator(`[data-testid=venue-row][data-venue-id="${venue.id}"] [data-testid=venue-hf]`)
      expect(await hf.getAttribute('data-hf')).toBe(String(moved.healthFactor))
      expect(await hf.textContent()).toBe(formatHealthFactor(moved.healthFactor))
      await expectVenuesMatch(page, after)
      await saveScreenshot(page, 'dashboard-after-eth-fall', { fullPage: true })
      await page.close()
    } finally {
      for (const [i, c] of chains.entries()) await c.revert(snapshots[i]!)
    }
  })
})
