import type { RequirementSource } from '../domain/portfolioMargin.js'
import type { ChainRead } from '../domain/portfolio.js'
import type { RiskFactorKind as DomainRiskFactorKind } from '../domain/riskFactor.js'
import type { AvailableVenue, LiquidationPrice, Venue, VenueHealth } from '../domain/venue.js'
import { sanitizeMessage, UnreachableCaseError } from './errorCodes.js'
import type { ChainReadStatus, Resolvers, RiskFactorKind, VenueStatus } from './generated/resolvers.js'
import type { PriceLiquidationPrice, NoLiquidationPrice } from './mappers.js'
import { AddressScalar, BigIntScalar } from './scalars.js'
import { checkArguments } from './arguments.js'
import { monteCarloKey, requestedViews, toMonteCarloParameters, viewValue } from './requestedViews.js'
import { PROTOCOLS } from '../protocols/registry.js'
import { perpDetailsOf } from '../risk/perps/toPerpVenueModel.js'
import { watchPortfolioHealth, type HealthUpdate } from '../services/healthWatch.js'

/**
 * Resolvers map arguments to the service and shape domain objects into the
 * schema: they choose fields and variants, never compute or read a chain.
 * Fields not listed resolve by name from the domain object (see codegen `mappers`).
 */
export const resolvers: Resolvers = {
  Address: AddressScalar,
  BigInt: BigIntScalar,

  Query: {
    portfolio: (_root, args, ctx, info) => {
      const { owner, chainIds, apiVenues, accounts, scanRanges, scenarios, riskProfile, horizonDays, optionLegs, portfolioMargin, hedge } = checkArguments('portfolio', args)
      return ctx.portfolio.get({
        owner,
        chainIds: chainIds ?? undefined,
        apiVenues: apiVenues ?? undefined,
        accounts: accounts ?? undefined,
        scanRanges: scanRanges ?? undefined,
        scenarios: scenarios ?? undefined,
        riskProfile: riskProfile ?? undefined,
        horizonDays: horizonDays ?? undefined,
        optionLegs: optionLegs ?? undefined,
        portfolioMargin: portfolioMargin ?? undefined,
        hedge: hedge ?? undefined,
        views: requestedViews(info),
      })
    },
    simulate: (_root, args, ctx, info) => {
      const { owner, chainIds, apiVenues, accounts, scanRanges, scenarios, riskProfile, horizonDays, optionLegs, portfolioMargin, hedge, actions, priceMoves } = checkArguments('simulate', args)
      return ctx.portfolio.simulate({
        owner,
        chainIds: chainIds ?? undefined,
        apiVenues: apiVenues ?? undefined,
        accounts: accounts ?? undefined,
        scanRanges: scanRanges ?? undefined,
        scenarios: scenarios ?? undefined,
        riskProfile: riskProfile ?? undefined,
        horizonDays: horizonDays ?? undefined,
        optionLegs: optionLegs ?? undefined,
        portfolioMargin: portfolioMargin ?? undefined,
        hedge: hedge ?? undefined,
        actions: actions ?? undefined,
        priceMoves: priceMoves ?? undefined,
        views: requestedViews(info),
      })
    },
    chains: (_root, _args, ctx) => ctx.portfolio.chains(),
    apiVenues: (_root, _args, ctx) => ctx.portfolio.apiVenues(),
  },

  Subscription: {
    health: {
      subscribe: async (_root, args, ctx, info) => {
        const { owner, chainIds, apiVenues, accounts, alert } = checkArguments('health', args)
        const controller = new AbortController()
        const updates = await watchPortfolioHealth(
          ctx.portfolio,
          {
            owner,
            chainIds: chainIds ?? undefined,
            apiVenues: apiVenues ?? undefined,
            accounts: accounts ?? undefined,
            views: requestedViews(info, 'portfolio'),
            thresholds: { healthFactorBelow: alert?.healthFactorBelow ?? undefined, liquidationDistancePctBelow: alert?.liquidationDistancePctBelow ?? undefined },
          },
          { ticker: ctx.live.ticker, refreshMs: ctx.live.refreshMs, signal: controller.signal },
        )
        return abortable(updates, controller)
      },
      resolve: (update: HealthUpdate) => update,
    },
  },

  Portfolio: {
    blocks: (portfolio) => portfolio.chains.flatMap((chain) => (chain.status === 'ok' ? [chain.block] : [])),
    firstToLiquidate: (portfolio) => viewValue(portfolio.views.liquidationDistance, 'liquidationDistance').marketWide,
    liquidationDistance: (portfolio) => viewValue(portfolio.views.liquidationDistance, 'liquidationDistance'),
    stressGrid: (portfolio) => viewValue(portfolio.views.stressGrid, 'stressGrid'),
    historicalScenarios: (portfolio) => viewValue(portfolio.views.historicalScenarios, 'historicalScenarios'),
    customScenarios: (portfolio) => viewValue(portfolio.views.customScenarios, 'customScenarios'),
    libraryScenarios: (portfolio) => viewValue(portfolio.views.libraryScenarios, 'libraryScenarios'),
    sigmaDistance: (portfolio) => viewValue(portfolio.views.sigmaDistance, 'sigmaDistance'),
    options: (portfolio) => viewValue(portfolio.views.options, 'options'),
    portfolioMargin: (portfolio) => viewValue(portfolio.views.portfolioMargin, 'portfolioMargin'),
    hedge: (portfolio) => viewValue(portfolio.views.hedge, 'hedge'),
    monteCarlo: (portfolio, args) => {
      const key = monteCarloKey(toMonteCarloParameters(args))
      return viewValue(portfolio.views.monteCarlo.find((m) => monteCarloKey(m.parameters) === key)?.result, 'monteCarlo')
    },
  },

  ChainRead: {
    status: (chain) => CHAIN_READ_STATUS[chain.status],
    block: (chain) => (chain.status === 'ok' ? chain.block : null),
    error: (chain) => (chain.status === 'unavailable' ? chain.error : null),
    headAgeSeconds: (chain) => (chain.status === 'ok' ? chain.headAgeSeconds : null),
    stale: (chain) => (chain.status === 'ok' ? chain.stale : null),
  },

  ReadError: {
    // Adapters build these messages from node failures: strip any URL or path that slipped in.
    message: (error) => sanitizeMessage(error.message),
  },

  Venue: {
    protocolName: (venue) => PROTOCOL_NAMES.get(venue.protocol) ?? venue.protocol,
    status: (venue) => venueStatus(venue),
    error: (venue) => (venue.status === 'unavailable' ? venue.error : null),
    block: (venue) => availableOrNull(venue)?.block ?? null,
    formula: (venue) => availableOrNull(venue)?.formula ?? null,
    healthFactor: (venue) => {
      const health = availableOrNull(venue)?.health
      return health?.kind === 'ok' ? health.healthFactor : null
    },
    healthFactorWad: (venue) => {
      const health = availableOrNull(venue)?.health
      return health?.kind === 'ok' ? health.healthFactorWad : null
    },
    positions: (venue) => availableOrNull(venue)?.positions ?? null,
    margin: (venue) => availableOrNull(venue)?.margin ?? null,
    liquidationPrices: (venue) => availableOrNull(venue)?.liquidationPrices.filter(isPrice) ?? null,
    liquidationPriceGaps: (venue) => availableOrNull(venue)?.liquidationPrices.filter(isGap) ?? null,
    stalePrices: (venue) => availableOrNull(venue)?.stalePrices ?? null,
    closeFactor: (venue) => availableOrNull(venue)?.closeFactor ?? null,
    liquidationBlocked: (venue) => availableOrNull(venue)?.liquidationBlocked ?? null,
    timeToLiquidationSeconds: (venue) => availableOrNull(venue)?.timeToLiquidationSeconds ?? null,
    perp: (venue) => {
      const available = availableOrNull(venue)
      return available ? perpDetailsOf(available) : null
    },
    source: (venue) => availableOrNull(venue)?.source ?? null,
  },

  Simulation: {
    priceMoves: (s) => Object.entries(s.priceMoves).map(([riskFactor, move]) => ({ riskFactor, move })),
  },

  SigmaDistance: {
    shock: (d) => Object.entries(d.shock).map(([riskFactor, move]) => ({ riskFactor, move })),
  },

  HistoricalEpisode: {
    moves: (e) => Object.entries(e.moves).map(([riskFactor, move]) => ({ riskFactor, move })),
  },

  StressScenario: {
    moves: (s) => Object.entries(s.moves).map(([riskFactor, move]) => ({ riskFactor, move })),
    volatilityShifts: (s) => Object.entries(s.volatilityShifts ?? {}).map(([riskFactor, move]) => ({ riskFactor, move })),
  },

  VenueSource: {
    endpoint: (s) => (s.kind === 'CHAIN' ? null : s.endpoint),
    observedAt: (s) => (s.kind === 'CHAIN' ? null : s.observedAt),
    recordedAt: (s) => (s.kind === 'REPLAY' ? s.recordedAt : null),
    recording: (s) => (s.kind === 'REPLAY' ? s.recording : null),
  },

  Asset: {
    riskFactor: (asset) => asset.exposure.base,
    ratioRiskFactor: (asset) => asset.exposure.ratio ?? null,
  },

  RiskFactorExposure: {
    kind: (exposure) => RISK_FACTOR_KIND[exposure.kind],
  },

  OneAccountFactor: {
    kind: (factor) => RISK_FACTOR_KIND[factor.kind],
  },

  OptionsView: {
    valuationTime: (view) => BigInt(view.valuationTime),
  },

  OptionLegValuation: {
    id: (l) => l.leg.id,
    riskFactor: (l) => l.leg.riskFactor,
    right: (l) => l.leg.right,
    strike: (l) => l.leg.strikeUsd,
    expiry: (l) => new Date(l.leg.expiry * 1000).toISOString(),
    size: (l) => l.leg.size,
    forwardUsd: (l) => l.valuation.forwardUsd,
    impliedVolatility: (l) => l.valuation.volatility,
    timeToExpiryYears: (l) => l.valuation.timeToExpiryYears,
    unitPriceUsd: (l) => l.valuation.perUnit.priceUsd,
    valueUsd: (l) => l.valuation.valueUsd,
    unitDelta: (l) => l.valuation.perUnit.delta,
    unitGamma: (l) => l.valuation.perUnit.gamma,
    unitVegaPerPoint: (l) => l.valuation.perUnit.vegaPerPoint,
    unitThetaPerDay: (l) => l.valuation.perUnit.thetaPerDay,
    deltaUnits: (l) => l.valuation.deltaUnits,
    deltaUsd: (l) => l.valuation.deltaUsd,
    gammaUnitsPerUsd: (l) => l.valuation.gammaUnitsPerUsd,
    vegaUsdPerPoint: (l) => l.valuation.vegaUsdPerPoint,
    thetaUsdPerDay: (l) => l.valuation.thetaUsdPerDay,
  },

  HedgeSizing: {
    riskFactor: (h) => h.put.riskFactor,
    strike: (h) => h.put.strikeUsd,
    expiry: (h) => new Date(h.put.expiry * 1000).toISOString(),
    impliedVolatility: (h) => (h.put.impliedVolatility.kind === 'flat' ? h.put.impliedVolatility.volatility : Number.NaN),
  },

  PortfolioMarginView: {
    parameters: (view) => view.parameters.factors,
    extremeMove: (view) => view.parameters.extremeMove,
    scanRangeComparison: (view) => view.scanRangeComparison.factors,
    schemeWideScanRanges: (view) => view.scanRangeComparison.schemeWide,
  },

  FactorScanParameters: {
    volatilityScanRangeUp: (p) => p.volatilityScanRange.up,
    volatilityScanRangeDown: (p) => p.volatilityScanRange.down,
  },

  CapitalFreed: {
    perVenue: (c) => c.venues,
  },

  VenueCapitalFreed: {
    venueId: (v) => v.bookId,
  },

  PortfolioMargin: {
    setBy: (m) => describeRequirementSource(m.setBy),
    setByScenario: (m) => (m.setBy.kind === 'allFactors' ? m.setBy.scenario : m.setBy.kind === 'span' && m.setBy.factors[0]?.kind === 'scenario' ? m.setBy.factors[0].scenario : null),
  },

  FactorScanningRisk: {
    shortOptionMinimumUsd: (f) => f.shortOptionMinimum?.chargeUsd ?? null,
  },

  ScanScenarioResult: {
    number: (s) => s.id,
    priceMoves: (s) => Object.entries(s.priceMoves).map(([riskFactor, move]) => ({ riskFactor, move })),
  },

  PublishedScanRange: {
    volatilityScanRangeUp: (p) => p.volatilityScanRange?.up ?? null,
    volatilityScanRangeDown: (p) => p.volatilityScanRange?.down ?? null,
    volatilityConvention: (p) => p.volatilityScanRange?.convention ?? null,
  },
}

/** What sets a portfolio-margin requirement, in words: `ETH: scenario 13 (…)`, `all factors: scenario 14 (…)`, `nothing loses`. */
function describeRequirementSource(source: RequirementSource): string {
  if (source.kind === 'none') return 'nothing loses'
  if (source.kind === 'allFactors') return `all factors: scenario ${source.scenario.id} (${source.scenario.label})`
  return source.factors
    .map((f) => (f.kind === 'scenario' ? `${f.riskFactor}: scenario ${f.scenario.id} (${f.scenario.label})` : `${f.riskFactor}: short option minimum ${f.charge.chargeUsd.toFixed(2)} USD`))
    .join('; ')
}

/** Each protocol's name for people, by its public value (the registry's). */
const PROTOCOL_NAMES: ReadonlyMap<string, string> = new Map(PROTOCOLS.map((p) => [p.protocol, p.name]))

const CHAIN_READ_STATUS = {
  ok: 'OK',
  unavailable: 'UNAVAILABLE',
} as const satisfies Record<ChainRead['status'], ChainReadStatus>

const RISK_FACTOR_KIND = {
  volatile: 'VOLATILE',
  stable: 'STABLE',
  ratio: 'RATIO',
} as const satisfies Record<DomainRiskFactorKind, RiskFactorKind>

/** The venue's public status: read failure first, then what its health says. */
function venueStatus(venue: Venue): VenueStatus {
  switch (venue.status) {
    case 'unavailable':
      return 'UNAVAILABLE'
    case 'available':
      return healthStatus(venue.health)
    default:
      throw new UnreachableCaseError(venue)
  }
}

function healthStatus(health: VenueHealth): VenueStatus {
  switch (health.kind) {
    case 'noDebt':
      return 'NO_DEBT'
    case 'ok':
      return health.liquidatable ? 'LIQUIDATABLE' : 'HEALTHY'
    default:
      throw new UnreachableCaseError(health)
  }
}

/**
 * `source` with a `return()` (the subscriber left) that aborts `controller`
 * first, so a generator waiting between polls ends at once instead of at its
 * next message.
 */
function abortable<T>(source: AsyncGenerator<T>, controller: AbortController): AsyncIterableIterator<T> {
  return {
    next: () => source.next(),
    return: (value?: unknown) => {
      controller.abort()
      return source.return(value as never)
    },
    throw: (error?: unknown) => {
      controller.abort()
      return source.throw(error)
    },
    [Symbol.asyncIterator]() {
      return this
    },
  }
}

function availableOrNull(venue: Venue): AvailableVenue | null {
  return venue.status === 'available' ? venue : null
}

function isPrice(price: LiquidationPrice): price is PriceLiquidationPrice {
  return price.kind === 'price'
}

function isGap(price: LiquidationPrice): price is NoLiquidationPrice {
  return price.kind === 'none'
}
