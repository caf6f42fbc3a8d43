import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { GraphQLClient, gql } from 'graphql-request'
import pino from 'pino'
import { runServer } from '../../src/app/runServer.js'
import { loadConfig } from '../../src/config/loadConfig.js'
import type { DevnetManifest } from '../../src/devnet/manifest.js'
import type { GraphqlServer } from '../../src/graphql/createServer.js'
import { black76 } from '../../src/risk/options/black76.js'
import { expectNoInternals, postGraphql } from '../graphql/http.js'
import { testManifest } from '../support/devnet.js'

/** Option legs on the devnet demo wallet: valuation, Greeks netting, every scenario set, portfolio margin and hedge sizing through GraphQL. */

const QUERY = gql`
  query ($owner: Address!, $legs: [OptionLegInput!], $hedge: HedgeInput) {
    portfolio(owner: $owner, optionLegs: $legs, hedge: $hedge) {
      venues { id healthFactor liquidationPrices { riskFactor priceUsd } }
      exposures { riskFactor netUsd }
      totals { maintenanceMarginUsd }
      oneAccount { maintenanceMarginUsd separateRequirementUsd }
      options {
        valuationTime valueUsd note
        legs { id riskFactor right strike size underlyingPriceUsd priceSource forwardUsd impliedVolatility timeToExpiryYears unitPriceUsd valueUsd unitDelta deltaUsd vegaUsdPerPoint thetaUsdPerDay }
        factors { riskFactor priceUsd venuesDeltaUsd optionsDeltaUsd netDeltaUsd netDeltaUnits gammaUnitsPerUsd vegaUsdPerPoint thetaUsdPerDay }
      }
      stressGrid { volatilityScanRanges { riskFactor up down } scanningRiskUsd worst { scenario { id } weightedLossUsd } scenarios { scenario { id moves { riskFactor move } volatilityShifts { riskFactor move } weight } lossUsd weightedLossUsd optionLegsValueUsd } }
      historicalScenarios { episode { id } lossUsd optionLegsValueUsd }
      portfolioMargin {
        parameters { riskFactor priceScanRange volatilityScanRangeUp volatilityScanRangeDown sources }
        extremeMove { multiple coverFraction }
        venues {
          netted { requirementUsd spanRequirementUsd setBy equityUsd marginRatio factors { riskFactor scanningRiskUsd scenarios { number } } allFactors { worstLossUsd } }
          perVenue { venueId requirementUsd protocolMaintenanceMarginUsd capitalFreedVsProtocolUsd tableRequirementUsd capitalFreedVsTableUsd }
          separateRequirementUsd nettingBenefitUsd protocolMaintenanceMarginUsd capitalFreedVsProtocolUsd separateTableRequirementUsd nettedTableRequirementUsd capitalFreedVsTableUsd
        }
        withOptionLegs { requirementUsd setBy }
        scanRangeComparison { riskFactor inUse { scanRange } published { scheme priceScanRange } }
        unscannedFactors
      }
      hedge { sizeUnits unitPremiumUsd premiumUsd worstLossBeforeUsd worstLossAfterUsd worstScenarioAfter bestSizeUnits note }
    }
  }
`

type Leg = { id?: string; riskFactor: string; right: 'CALL' | 'PUT'; strike: number; expiry: string; size: number; impliedVolatility: number }
type Answer = {
  portfolio: {
    venues: { id: string; healthFactor: number | null; liquidationPrices: unknown[] }[]
    exposures: { riskFactor: string; netUsd: number }[]
    totals: { maintenanceMarginUsd: number }
    oneAccount: { maintenanceMarginUsd: number; separateRequirementUsd: number }
    options: null | {
      valuationTime: string
      valueUsd: number
      note: string
      legs: { id: string; riskFactor: string; strike: number; size: number; underlyingPriceUsd: number; priceSource: string; forwardUsd: number; impliedVolatility: number; timeToExpiryYears: number; unitPriceUsd: number; valueUsd: number; unitDelta: number; deltaUsd: number }[]
      factors: { riskFactor: string; priceUsd: number | null; venuesDeltaUsd: number; optionsDeltaUsd: number; netDeltaUsd: number; netDeltaUnits: number | null; vegaUsdPerPoint: number; thetaUsdPerDay: number }[]
    }
    stressGrid: {
      volatilityScanRanges: { riskFactor: string; up: number; down: number }[]
      scanningRiskUsd: number
      worst: { scenario: { id: string }; weightedLossUsd: number }
      scenarios: { scenario: { id: string; moves: { riskFactor: string; move: number }[]; volatilityShifts: { riskFactor: string; move: number }[]; weight: number }; lossUsd: number; weightedLossUsd: number; optionLegsValueUsd: number | null }[]
    }
    historicalScenarios: { episode: { id: string }; lossUsd: number; optionLegsValueUsd: number | null }[]
    portfolioMargin: {
      parameters: { riskFactor: string; priceScanRange: number; volatilityScanRangeUp: number; volatilityScanRangeDown: number; sources: string[] }[]
      extremeMove: { multiple: number; coverFraction: number }
      venues: {
        netted: { requirementUsd: number; spanRequirementUsd: number; setBy: string; equityUsd: number; marginRatio: number | null; factors: { riskFactor: string; scanningRiskUsd: number; scenarios: { number: number }[] }[]; allFactors: { worstLossUsd: number } }
        perVenue: { venueId: string; requirementUsd: number; protocolMaintenanceMarginUsd: number; capitalFreedVsProtocolUsd: number; tableRequirementUsd: number; capitalFreedVsTableUsd: number }[]
        separateRequirementUsd: number
        nettingBenefitUsd: number
        protocolMaintenanceMarginUsd: number
        capitalFreedVsProtocolUsd: number
        separateTableRequirementUsd: number
        nettedTableRequirementUsd: number
        capitalFreedVsTableUsd: number
      }
      withOptionLegs: { requirementUsd: number; setBy: string } | null
      scanRangeComparison: { riskFactor: string; inUse: { scanRange: number } | null; published: { scheme: string; priceScanRange: number }[] }[]
      unscannedFactors: string[]
    }
    hedge: null | { sizeUnits: number | null; unitPremiumUsd: number; premiumUsd: number | null; worstLossBeforeUsd: number; worstLossAfterUsd: number; worstScenarioAfter: string; bestSizeUnits: number | null; note: string }
  }
}

const DAY = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

describe('option legs on the demo wallet', () => {
  let manifest: DevnetManifest
  let server: GraphqlServer
  let client: GraphQLClient
  let plain: Answer['portfolio']
  let hedged: Answer['portfolio']
  let put: Leg
  beforeAll(async () => {
    manifest = await testManifest()
    server = await runServer(loadConfig({ CHAINS_FILE: inject('devnetChainsFile'), PORT: '0' }), pino({ level: 'silent' }))
    client = new GraphQLClient(server.url)
    plain = (await client.request<Answer>(QUERY, { owner: manifest.accounts.demo })).portfolio
    const eth = plain.exposures.find((e) => e.riskFactor === 'ETH')!
    expect(eth.netUsd).toBeGreaterThan(0)
    // a 30-day ETH put at the money, sized to a quarter of the wallet's ETH
    const ethPrice = (await client.request<Answer>(QUERY, { owner: manifest.accounts.demo, legs: [{ riskFactor: 'ETH', right: 'PUT', strike: 1, expiry: iso(Date.now() + 90 * DAY), size: 1, impliedVolatility: 0.7 }] })).portfolio.options!.legs[0]!.underlyingPriceUsd
    put = { id: 'eth-put', riskFactor: 'ETH', right: 'PUT', strike: Math.round(ethPrice), expiry: iso(Date.now() + 30 * DAY), size: Math.round(eth.netUsd / ethPrice / 4), impliedVolatility: 0.7 }
    hedged = (await client.request<Answer>(QUERY, { owner: manifest.accounts.demo, legs: [put] })).portfolio
  }, 240_000)
  afterAll(async () => {
    await server.stop()
  })

  it('values the put by Black-76 at the venue price of ETH and nets its delta with the venues\' ETH exposure', () => {
    const view = hedged.options!
    const leg = view.legs[0]!
    expect(leg.id).toBe('eth-put')
    expect(hedged.venues.map((v) => v.id)).toContain(leg.priceSource)
    // r = 0 and no forward given: the forward is the spot
    expect(leg.forwardUsd).toBe(leg.underlyingPriceUsd)
    const expected = black76({ right: 'PUT', forwardUsd: leg.forwardUsd, strikeUsd: put.strike, timeToExpiryYears: leg.timeToExpiryYears, volatility: 0.7 })
    expect(leg.timeToExpiryYears).toBeCloseTo(30 / 365, 4)
    expect(leg.unitPriceUsd).toBeCloseTo(expected.priceUsd, 9)
    expect(leg.valueUsd).toBeCloseTo(put.size * expected.priceUsd, 6)
    expect(view.valueUsd).toBeCloseTo(leg.valueUsd, 9)
    const eth = view.factors.find((f) => f.riskFactor === 'ETH')!
    expect(eth.venuesDeltaUsd).toBeCloseTo(plain.exposures.find((e) => e.riskFactor === 'ETH')!.netUsd, 6)
    expect(eth.optionsDeltaUsd).toBeCloseTo(put.size * expected.delta * leg.forwardUsd, 6)
    expect(eth.optionsDeltaUsd).toBeLessThan(0)
    expect(eth.netDeltaUsd).toBeCloseTo(eth.venuesDeltaUsd + eth.optionsDeltaUsd, 6)
    expect(eth.netDeltaUnits! * eth.priceUsd!).toBeCloseTo(eth.netDeltaUsd, 6)
    expect(eth.vegaUsdPerPoint).toBeCloseTo(put.size * expected.vegaPerPoint, 6)
    expect(plain.options).toBeNull()
  })

  it('leaves every venue\'s health and liquidation prices as they are, and says so', () => {
    expect(hedged.venues).toEqual(plain.venues)
    expect(hedged.options!.note).toMatch(/not any venue's health factor, liquidation prices or liquidations/)
  })

  it('revalues the put in full in the stress grid, paired in volatility on ETH, and lowers the worst loss', () => {
    expect(plain.stressGrid.volatilityScanRanges).toEqual([])
    expect(hedged.stressGrid.volatilityScanRanges).toEqual([{ riskFactor: 'ETH', up: 0.5, down: 0.25 }])
    const down = hedged.stressGrid.scenarios.find((s) => s.scenario.id === 'ETH:-1.000:vol+0.5')!
    expect(down.scenario.volatilityShifts).toEqual([{ riskFactor: 'ETH', move: 0.5 }])
    const move = down.scenario.moves.find((m) => m.riskFactor === 'ETH')!.move
    const leg = hedged.options!.legs[0]!
    const after = black76({ right: 'PUT', forwardUsd: leg.forwardUsd * (1 + move), strikeUsd: put.strike, timeToExpiryYears: leg.timeToExpiryYears, volatility: 0.7 * 1.5 })
    expect(down.optionLegsValueUsd).toBeCloseTo(put.size * after.priceUsd, 4)
    const unpaired = plain.stressGrid.scenarios.find((s) => s.scenario.id === 'ETH:-1.000')!
    // the venues lose the same; the put gains what Black-76 says
    expect(unpaired.lossUsd - down.lossUsd).toBeCloseTo(put.size * after.priceUsd - leg.valueUsd, 4)
    expect(hedged.stressGrid.scanningRiskUsd).toBeLessThan(plain.stressGrid.scanningRiskUsd)
  })

  it('replays the historical episodes with the put (sticky strike)', () => {
    for (const [i, h] of hedged.historicalScenarios.entries()) {
      expect(h.optionLegsValueUsd).not.toBeNull()
      expect(plain.historicalScenarios[i]!.optionLegsValueUsd).toBeNull()
      if (plain.historicalScenarios[i]!.lossUsd > 0 && h.optionLegsValueUsd! > hedged.options!.valueUsd) expect(h.lossUsd).toBeLessThan(plain.historicalScenarios[i]!.lossUsd)
    }
  })

  it('gives the risk-based requirement of the wallet as one account, the scenario that sets it, and the capital freed like for like', () => {
    const pm = plain.portfolioMargin
    expect(pm.extremeMove).toEqual({ multiple: 2, coverFraction: 0.35 })
    expect(pm.parameters.map((p) => p.riskFactor)).toContain('ETH')
    const v = pm.venues
    expect(v.netted.requirementUsd).toBeGreaterThan(0)
    expect(v.netted.requirementUsd).toBeGreaterThanOrEqual(v.netted.spanRequirementUsd)
    expect(v.netted.requirementUsd).toBeGreaterThanOrEqual(v.netted.allFactors.worstLossUsd)
    expect(v.netted.setBy).toMatch(/scenario \d+/)
    expect(v.netted.factors.every((f) => f.scenarios.length === 16)).toBe(true)
    expect(v.netted.marginRatio).toBeCloseTo(v.netted.equityUsd / v.netted.requirementUsd, 9)
    expect(v.separateRequirementUsd).toBeCloseTo(v.perVenue.reduce((s, x) => s + x.requirementUsd, 0), 6)
    expect(v.nettingBenefitUsd).toBeGreaterThanOrEqual(0)
    expect(v.nettingBenefitUsd).toBeCloseTo(v.separateRequirementUsd - v.netted.requirementUsd, 6)
    expect(v.protocolMaintenanceMarginUsd).toBeCloseTo(plain.totals.maintenanceMarginUsd, 6)
    expect(v.capitalFreedVsProtocolUsd).toBeCloseTo(v.protocolMaintenanceMarginUsd - v.netted.requirementUsd, 6)
    expect(v.nettedTableRequirementUsd).toBeCloseTo(plain.oneAccount.maintenanceMarginUsd, 6)
    expect(v.separateTableRequirementUsd).toBeCloseTo(plain.oneAccount.separateRequirementUsd, 6)
    expect(v.capitalFreedVsTableUsd).toBeCloseTo(v.nettedTableRequirementUsd - v.netted.requirementUsd, 6)
    for (const x of v.perVenue) expect(x.capitalFreedVsProtocolUsd).toBeCloseTo(x.protocolMaintenanceMarginUsd - x.requirementUsd, 6)
    expect(pm.withOptionLegs).toBeNull()
    expect(pm.scanRangeComparison.find((c) => c.riskFactor === 'BTC')!.published.some((p) => p.priceScanRange === 0.16)).toBe(true)
    // the stablecoins the wallet borrows have no sourced scan range: named, not silently left out
    expect(pm.unscannedFactors).toContain('USDC')
    expect(pm.unscannedFactors).not.toContain('ETH')
    // the put lowers the one account's requirement
    expect(hedged.portfolioMargin.withOptionLegs!.requirementUsd).toBeLessThan(v.netted.requirementUsd)
  })

  it('sizes the smallest put that holds the worst stress loss to a bound, and the grid with that put agrees', async () => {
    const hedge = { riskFactor: 'ETH', strike: put.strike, expiry: put.expiry, impliedVolatility: 0.7 }
    // no size brings the worst loss to 0 (an ETH put does nothing for BTC's scenarios): the answer gives the size that gets closest
    // legs are valued at the server's clock, so two answers seconds apart differ by the legs' time decay:
    // allow the position's theta over the wall time between the two reads (×3 for theta under the scenarios' moves and volatilities)
    const decay = (answer: Answer['portfolio'], seconds: number) => (3 * Math.abs(answer.options!.factors.find((f) => f.riskFactor === 'ETH')!.thetaUsdPerDay) * (seconds + 1)) / 86_400 + 1e-6
    let started = Date.now()
    const closest = (await client.request<Answer>(QUERY, { owner: manifest.accounts.demo, hedge: { ...hedge, maxLossUsd: 0 } })).portfolio.hedge!
    expect(closest.sizeUnits).toBeNull()
    expect(closest.premiumUsd).toBeNull()
    expect(closest.bestSizeUnits).toBeGreaterThan(0)
    expect(closest.worstLossAfterUsd).toBeLessThan(closest.worstLossBeforeUsd)
    const best = (await client.request<Answer>(QUERY, { owner: manifest.accounts.demo, legs: [{ ...put, size: closest.bestSizeUnits! }] })).portfolio
    expect(Math.abs(best.stressGrid.scanningRiskUsd - closest.worstLossAfterUsd)).toBeLessThanOrEqual(decay(best, (Date.now() - started) / 1000))
    for (const k of [0.9, 1.1]) {
      const near = (await client.request<Answer>(QUERY, { owner: manifest.accounts.demo, legs: [{ ...put, size: closest.bestSizeUnits! * k }] })).portfolio
      expect(near.stressGrid.scanningRiskUsd).toBeGreaterThan(closest.worstLossAfterUsd)
    }
    // halfway between the worst loss now and the least reachable: the smallest size that holds it
    const bound = (closest.worstLossBeforeUsd + closest.worstLossAfterUsd) / 2
    started = Date.now()
    const sized = (await client.request<Answer>(QUERY, { owner: manifest.accounts.demo, hedge: { ...hedge, maxLossUsd: bound } })).portfolio.hedge!
    expect(sized.worstLossBeforeUsd).toBeCloseTo(plain.stressGrid.scanningRiskUsd, 6)
    expect(sized.sizeUnits).toBeGreaterThan(0)
    expect(sized.premiumUsd).toBeCloseTo(sized.sizeUnits! * sized.unitPremiumUsd, 6)
    expect(sized.worstLossAfterUsd).toBeLessThanOrEqual(bound * (1 + 1e-9))
    expect(sized.note).toMatch(/unchanged/)
    // holding that many puts puts the grid's worst loss at the bound; 1% fewer leaves it above
    const at = (await client.request<Answer>(QUERY, { owner: manifest.accounts.demo, legs: [{ ...put, size: sized.sizeUnits! }] })).portfolio
    expect(Math.abs(at.stressGrid.scanningRiskUsd - bound)).toBeLessThanOrEqual(decay(at, (Date.now() - started) / 1000))
    const fewer = (await client.request<Answer>(QUERY, { owner: manifest.accounts.demo, legs: [{ ...put, size: sized.sizeUnits! * 0.99 }] })).portfolio
    expect(fewer.stressGrid.scanningRiskUsd).toBeGreaterThan(bound)
  }, 120_000)

  it('refuses a leg that expired, naming the leg and the field', async () => {
    const answer = await postGraphql(server.url, {
      query: 'query ($owner: Address!, $legs: [OptionLegInput!]) { portfolio(owner: $owner, optionLegs: $legs) { owner } }',
      variables: { owner: manifest.accounts.demo, legs: [{ ...put, expiry: iso(Date.now() - DAY) }] },
    })
    expectNoInternals(answer.text)
    expect(answer.json.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT')
    expect(answer.json.errors![0]!.message).toMatch(/optionLegs\[eth-put\]\.expiry/)
  })
})
