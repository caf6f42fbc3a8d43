import type { MonteCarloParameters, MonteCarloResult } from '../../src/domain/monteCarlo.js'
import type { Readiness } from '../../src/services/PortfolioService.js'
import type { Address } from 'viem'
import type { ChainRead, NearestLiquidation, Portfolio, PortfolioViewRequest, ViewResult } from '../../src/domain/portfolio.js'
import { computeSingleFactorSigmaDistance } from '../../src/risk/portfolio/computeLiquidationDistance.js'
import type {
  AvailableVenue,
  BlockRef,
  LiquidationPrice,
  UnavailableVenue,
  VenuePosition,
} from '../../src/domain/venue.js'
import type { ConfiguredApiVenue, ConfiguredChain, GetPortfolioParameters, PortfolioService } from '../../src/services/PortfolioService.js'

/** Lowercase on purpose: the API must answer them checksummed. */
export const OWNER = '0x52908400098527886e0f7030069857d2e4169ee7' as Address
export const OWNER_CHECKSUMMED = '0x52908400098527886E0F7030069857D2E4169EE7'
export const POOL_MAINNET = '0x87870bca3f3fd6335c3f4ce8392d69350b4fa4e2' as Address
export const POOL_MAINNET_CHECKSUMMED = '0x87870Bca3F3fD6335C3F4ce8392D69350B4fA4E2'
export const POOL_ARBITRUM = '0x794a61358d6845594f94dc1db02a252b5b4814ad' as Address
export const WETH = '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2' as Address
export const WETH_CHECKSUMMED = '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2'
export const USDC = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48' as Address
export const ORACLE = '0x54586be62e3c3580375ae3723c145253060ca0c2' as Address
export const ETH_FEED = '0x5f4ec3df9cbd43714fe2740f5e3616155c5b8419' as Address

export const CHAINS: readonly ConfiguredChain[] = [
  { chainId: 1, name: 'Ethereum', key: 'mainnet' },
  { chainId: 42161, name: 'Arbitrum One', key: 'arbitrum' },
]

export function aBlock(overrides: Partial<BlockRef> = {}): BlockRef {
  return {
    chainId: 1,
    blockNumber: 21_000_000n,
    blockHash: `0x${'ab'.repeat(32)}`,
    timestamp: 1_730_000_000n,
    ...overrides,
  }
}

export function aPosition(overrides: Partial<VenuePosition> = {}): VenuePosition {
  return {
    asset: { symbol: 'WETH', address: WETH, decimals: 18, exposure: { base: 'ETH' } },
    side: 'COLLATERAL',
    amount: 10n * 10n ** 18n,
    amountFloat: 10,
    valueUsd: 30_000,
    price: { priceE8: 3_000n * 10n ** 8n, priceUsd: 3_000, oracle: ORACLE, feed: ETH_FEED, updatedAt: 1_729_999_000n, heartbeatSeconds: 3600, ageSeconds: 1000, stale: false },
    maintenanceWeight: 0.83,
    initialWeight: 0.805,
    liquidationBonus: 0.05,
    variableDebt: null,
    stableDebt: null,
    perp: null,
    ...overrides,
  }
}

export function aDebtPosition(overrides: Partial<VenuePosition> = {}): VenuePosition {
  return aPosition({
    asset: { symbol: 'USDC', address: USDC, decimals: 6, exposure: { base: 'USDC' } },
    side: 'DEBT',
    amount: 20_000n * 10n ** 6n,
    amountFloat: 20_000,
    valueUsd: 20_000,
    price: { priceE8: 100_000_000n, priceUsd: 1, oracle: ORACLE, feed: null, updatedAt: null, heartbeatSeconds: null, ageSeconds: null, stale: false },
    maintenanceWeight: 1,
    initialWeight: 1,
    liquidationBonus: null,
    variableDebt: 20_000n * 10n ** 6n,
    stableDebt: 0n,
    ...overrides,
  })
}

export function aLiquidationPrice(
  overrides: Partial<Extract<LiquidationPrice, { kind: 'price' }>> = {},
): LiquidationPrice {
  return {
    kind: 'price',
    riskFactor: 'ETH',
    referenceAsset: 'WETH',
    priceE8: 2_409_63855421n,
    priceUsd: 2409.63855421,
    currentPriceE8: 3_000n * 10n ** 8n,
    changePct: -19.678715,
    direction: 'DOWN',
    alreadyLiquidatable: false,
    ...overrides,
  }
}

export function anAvailableVenue(overrides: Partial<AvailableVenue> = {}): AvailableVenue {
  return {
    id: `aave-v3:1:${POOL_MAINNET}`,
    protocol: 'AAVE_V3',
    chainId: 1,
    account: OWNER,
    market: POOL_MAINNET,
    protocolVersion: '3.0',
    status: 'available',
    block: aBlock(),
    source: { kind: 'CHAIN' },
    positions: [aPosition(), aDebtPosition()],
    health: { kind: 'ok', healthFactorWad: 1_245_000_000_000_000_000n, healthFactor: 1.245, liquidatable: false },
    margin: {
      collateralUsd: 30_000,
      debtUsd: 20_000,
      equityUsd: 10_000,
      weightedCollateralUsd: 24_900,
      maintenanceMarginUsd: 5_100,
      initialMarginUsd: 5_850,
      totalCollateralBase: 30_000n * 10n ** 8n,
      totalDebtBase: 20_000n * 10n ** 8n,
      avgLiquidationThresholdBps: 8_300n,
      avgLtvBps: 8_050n,
    },
    liquidationPrices: [aLiquidationPrice(), { kind: 'none', riskFactor: 'USDC', reason: 'OUT_OF_RANGE' }],
    formula: 'Aave V3 GenericLogic.calculateUserAccountData',
    details: { protocol: 'AAVE_V3', eModeCategory: 0, eModeLabel: null, isolationMode: null, siloedBorrowing: null, reserveCaps: [], liquidationGate: null },
    stalePrices: [],
    closeFactor: 0.5,
    liquidationBlocked: false,
    timeToLiquidationSeconds: null,
    ...overrides,
  }
}

export function anUnavailableVenue(overrides: Partial<UnavailableVenue> = {}): UnavailableVenue {
  return {
    id: `aave-v3:42161:${POOL_ARBITRUM}`,
    protocol: 'AAVE_V3',
    chainId: 42161,
    account: OWNER,
    market: POOL_ARBITRUM,
    protocolVersion: '3.0',
    status: 'unavailable',
    error: { code: 'CHAIN_UNAVAILABLE', message: 'Chain 42161 could not be read: no answer within 5000 ms.' },
    ...overrides,
  }
}

/** The builder venue's ETH liquidation (−19.68%) as the liquidation distance ranks it: by σ under ETH's 75.4%/yr over one day. */
export function ethNearest(venueId: string): NearestLiquidation {
  return { venueId, riskFactor: 'ETH', priceUsd: 2409.63855421, changePct: -19.678715, sigmaDistance: computeSingleFactorSigmaDistance(-19.678715, 0.754, 1)!, ranking: 'SIGMA' }
}

export function aPortfolio(overrides: Partial<Portfolio> = {}): Portfolio {
  const venue = anAvailableVenue()
  const chains: ChainRead[] = [{ chainId: 1, name: 'Ethereum', status: 'ok', block: aBlock(), headAgeSeconds: 4, stale: false }]
  return {
    owner: OWNER,
    chains,
    venues: [venue],
    exposures: [
      { riskFactor: 'ETH', kind: 'volatile', longUsd: 30_000, shortUsd: 0, netUsd: 30_000 },
      { riskFactor: 'USDC', kind: 'stable', longUsd: 0, shortUsd: 20_000, netUsd: -20_000 },
    ],
    totals: {
      collateralUsd: 30_000,
      debtUsd: 20_000,
      netEquityUsd: 10_000,
      maintenanceMarginUsd: 5_100,
      initialMarginUsd: 5_850,
    },
    oneAccount: {
      factors: [
        { riskFactor: 'ETH', kind: 'volatile', netUsd: 30_000, maintenanceWeight: 0.83, initialWeight: 0.78 },
        { riskFactor: 'USDC', kind: 'stable', netUsd: -20_000, maintenanceWeight: 0.9, initialWeight: 0.85 },
      ],
      healthFactor: 1.245,
      assetsUsd: 30_000,
      liabilitiesUsd: 20_000,
      weightedAssetsUsd: 24_900,
      equityUsd: 10_000,
      maintenanceMarginUsd: 5_100,
      initialMarginUsd: 6_600,
      marginRatio: 1.96,
      liquidatable: false,
      separateRequirementUsd: 5_100,
      nettingBenefitUsd: 0,
      protocolsMaintenanceMarginUsd: 5_100,
      fragmentationCostUsd: 0,
    },
    simulation: null,
    views: {
      liquidationDistance: computed({
        horizonDays: 1,
        nearest: ethNearest(venue.id),
        perRiskFactor: [ethNearest(venue.id)],
        perRiskFactorDown: [ethNearest(venue.id)],
        perVenue: [ethNearest(venue.id)],
        perRiskFactorUp: [],
        marketWide: { changePct: -19.678715, venueId: venue.id },
        marketWideDown: { changePct: -19.678715, venueId: venue.id },
        marketWideUp: null,
      }),
      stressGrid: computed({ scanRanges: [], volatilityScanRanges: [], unscannedFactors: [], scenarios: [], worst: null, scanningRiskUsd: 0 }),
      options: computed(null),
      portfolioMargin: null,
      hedge: computed(null),
      historicalScenarios: computed([]),
      customScenarios: computed([]),
      libraryScenarios: computed([]),
      sigmaDistance: computed({ horizonDays: 1, nearest: null, perVenue: [], unmodelledFactors: [], profileSources: [] }),
      monteCarlo: [],
    },
    ...overrides,
  }
}

/** A view computed with `value`. */
export function computed<T>(value: T): ViewResult<T> {
  return { ok: true, value }
}

/**
 * A `PortfolioService` that answers what each test sets in `get`, and records
 * the read parameters it was called with (the views asked for apart, in
 * `viewCalls`); the Monte Carlo runs asked for are answered by `monteCarloAnswer`.
 */
export class StubPortfolioService implements PortfolioService {
  calls: GetPortfolioParameters[] = []
  viewCalls: PortfolioViewRequest[] = []
  answer: (params: GetPortfolioParameters) => Promise<Portfolio> = async () => aPortfolio()

  async get(params: GetPortfolioParameters): Promise<Portfolio> {
    return this.answerWithViews(params)
  }

  async simulate(params: GetPortfolioParameters): Promise<Portfolio> {
    return this.answerWithViews(params)
  }

  monteCarloCalls: MonteCarloParameters[] = []
  monteCarloAnswer: (params: MonteCarloParameters) => Promise<MonteCarloResult> = async () => aMonteCarloResult()

  private async answerWithViews(params: GetPortfolioParameters): Promise<Portfolio> {
    const { views = {}, ...read } = params
    this.calls.push(read)
    this.viewCalls.push(views)
    const portfolio = await this.answer(params)
    const monteCarlo = await Promise.all(
      (views.monteCarlo ?? []).map(async ({ parameters, invalid }) => {
        if (invalid !== undefined) return { parameters, result: { ok: false as const, error: invalid } }
        this.monteCarloCalls.push(parameters)
        try {
          return { parameters, result: computed(await this.monteCarloAnswer(parameters)) }
        } catch (error) {
          return { parameters, result: { ok: false as const, error } }
        }
      }),
    )
    return { ...portfolio, views: { ...portfolio.views, monteCarlo } }
  }

  chains(): readonly ConfiguredChain[] {
    return CHAINS
  }

  apiVenues(): readonly ConfiguredApiVenue[] {
    return []
  }

  readinessAnswer: Readiness = { ready: true, chains: [{ chainId: 1, name: 'Ethereum', ready: true, blockNumber: 19_000_000n, headAgeSeconds: 4, stale: false, error: null, jobs: [] }] }

  async readiness(): Promise<Readiness> {
    return this.readinessAnswer
  }

  async warmUp(): Promise<void> {}

  async close(): Promise<void> {}
}

/** A Monte Carlo answer over one venue, with made-up figures for shape tests. */
export function aMonteCarloResult(overrides: Partial<MonteCarloResult> = {}): MonteCarloResult {
  return {
    paths: 10_000,
    steps: 1,
    evaluations: 20_000,
    equityUsd: 40_000,
    optionsValueUsd: 0,
    meanEquityChangeUsd: -12.5,
    valueAtRiskUsd: 3_100,
    expectedShortfallUsd: 3_900,
    priceOnlyValueAtRiskUsd: 3_000,
    priceOnlyExpectedShortfallUsd: 3_700,
    liquidationProbability: 0.002,
    liquidationProbabilityStandardError: Math.sqrt((0.002 * 0.998) / 10_000),
    expectedLiquidationCostUsd: 1.5,
    expectedLiquidationCostGivenLiquidationUsd: 750,
    venues: [{ venueId: 'aave-v3:900001:0x0000000000000000000000000000000000000001', liquidationProbability: 0.002, firstLiquidationProbability: 0.002, expectedLiquidationCostUsd: 1.5 }],
    horizonDays: 1,
    confidence: 0.99,
    seed: 1,
    distribution: 'STUDENT_T',
    degreesOfFreedom: 4.756,
    degreesOfFreedomSource: 'test',
    modelledFactors: ['ETH'],
    unmodelledFactors: ['USDC'],
    profileSources: ['test'],
    approximatedVenueIds: [],
    optionLegs: 0,
    unmodelledOptionFactors: [],
    volatilityShock: null,
    optionVolatility: 'sticky strike',
    ...overrides,
  }
}
