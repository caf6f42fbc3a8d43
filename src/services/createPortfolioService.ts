import { availableParallelism } from 'node:os'
import type { Logger } from 'pino'
import type { ReadableApiVenue, ReadableChain } from '../config/resolveChains.js'
import type { ChainRead } from '../domain/portfolio.js'
import type { RiskProfile } from '../domain/riskProfile.js'
import type { ScanRange } from '../domain/stress.js'
import type { UnavailableVenue } from '../domain/venue.js'
import { InvalidArgumentError } from '../errors/index.js'
import type { Metrics } from '../observability/metrics.js'
import type { CollateralFactorTable } from '../risk/portfolio/computeOneAccountView.js'
import { toPriceMoves } from '../risk/shock.js'
import { DEFAULT_RISK_PROFILE, DEFAULT_SCAN_RANGES } from '../risk/stress/defaultRiskProfile.js'
import type { VenueModel } from '../risk/venueModel.js'
import { createApiReads } from './apiReads.js'
import { createChainReads } from './chainReads.js'
import { createWorkerMonteCarloRunner, type MonteCarloRunner } from './monteCarlo/monteCarloRunner.js'
import type { GetPortfolioParameters, PortfolioService, SimulatePortfolioParameters } from './PortfolioService.js'
import { assemblePortfolio, type ViewSettings } from './portfolioViews.js'
import { resolveRequestOptions, toMoves } from './requestOptions.js'
import { selectSources } from './selectSources.js'

export { DEFAULT_CIRCUIT_OPEN_MS, DEFAULT_MAX_CHAIN_READS } from './chainReads.js'

export type CreatePortfolioServiceParameters = {
  readonly chains: readonly ReadableChain[]
  /** Venues read over their own APIs (config/resolveChains.ts). */
  readonly apiVenues?: readonly ReadableApiVenue[] | undefined
  readonly collateralFactors: CollateralFactorTable
  /** Deadline for one chain's (or API venue's) whole read, ms. */
  readonly chainTimeoutMs: number
  readonly logger: Logger
  /**
   * Where Monte Carlo runs and how much one request may ask: paths × (steps ×
   * position legs + 32 × option legs). Default: one worker thread per spare core, 50 million.
   */
  readonly monteCarlo?: { readonly runner: MonteCarloRunner; readonly maxEvaluations: number } | undefined
  /**
   * The server's default risk profile and scan ranges (RISK_PROFILE_FILE),
   * used where a request brings none. Default: the sourced profile and ranges
   * (risk/stress/defaultRiskProfile.ts).
   */
  readonly riskDefaults?: { readonly profile: RiskProfile; readonly scanRanges: readonly ScanRange[] } | undefined
  /** Where RPC requests, cache lookups and Monte Carlo runs are counted (Prometheus). */
  readonly metrics?: Metrics | undefined
  /**
   * Caching: `headTtlMs` keeps each chain's latest block (and each API
   * venue's answer) that long (0, the default: read it on every query, sharing
   * only concurrent reads); `maxChainReads` bounds the per-block cache of
   * venue reads (one entry per chain, block and owner).
   */
  readonly cache?: { readonly headTtlMs: number; readonly maxChainReads: number } | undefined
  /**
   * After a chain's node fails, how long its venues are answered unavailable
   * at once instead of waiting out the deadline again, ms (doubling while it
   * keeps failing, up to 60 s). Default 5,000; 0 turns it off.
   */
  readonly circuitOpenMs?: number | undefined
  /** Most caller-scenario revaluations one request may ask for (scenarios × venues); default 5,000. */
  readonly maxScenarioEvaluations?: number | undefined
  /** Where protocols persist their chain indexes (e.g. a lending market list built from a chain's logs); null or absent: in memory only. */
  readonly dataDir?: string | null | undefined
}

/** Default bound on caller scenarios × venues per request: a few hundred ms of exact revaluation at most. */
export const DEFAULT_MAX_SCENARIO_EVALUATIONS = 5_000

/** Default cost limit of one Monte Carlo request (paths × (steps × position legs + 32 × option legs)): about a second of one core. */
export const DEFAULT_MONTE_CARLO_MAX_EVALUATIONS = 50_000_000

/**
 * The engine behind `Query.portfolio`: reads each selected chain in
 * parallel, each pinned at its own latest block (one head read plus one
 * multicall per chain, every protocol deployment planning its share), and
 * each selected API venue; normalizes every venue with its protocol's exact
 * model; and computes the unified views and the ones the request asks for. A
 * chain or venue that fails or misses its deadline degrades only its own
 * venues. It names no protocol: the chains and API venues carry theirs.
 */
export function createPortfolioService(params: CreatePortfolioServiceParameters): PortfolioService {
  const chainReads = createChainReads({ chains: params.chains, chainTimeoutMs: params.chainTimeoutMs, logger: params.logger, metrics: params.metrics, cache: params.cache, circuitOpenMs: params.circuitOpenMs, dataDir: params.dataDir })
  const apiReads = createApiReads({ venues: params.apiVenues ?? [], timeoutMs: params.chainTimeoutMs, ttlMs: params.cache?.headTtlMs ?? 0, logger: params.logger, metrics: params.metrics })
  const monteCarlo = params.monteCarlo ?? {
    runner: createWorkerMonteCarloRunner({ threads: Math.max(1, availableParallelism() - 1), maxQueue: 8 }),
    maxEvaluations: DEFAULT_MONTE_CARLO_MAX_EVALUATIONS,
  }
  const riskDefaults = params.riskDefaults ?? { profile: DEFAULT_RISK_PROFILE, scanRanges: DEFAULT_SCAN_RANGES }
  const settings: ViewSettings = { collateralFactors: params.collateralFactors, maxScenarioEvaluations: params.maxScenarioEvaluations ?? DEFAULT_MAX_SCENARIO_EVALUATIONS, monteCarlo }

  /** Reads every selected chain and API venue in parallel. */
  async function readAll(p: GetPortfolioParameters): Promise<{ chains: ChainRead[]; models: VenueModel[]; failed: UnavailableVenue[] }> {
    const selected = selectSources(p, params.chains, apiReads.venues)
    const [chains, apis] = await Promise.all([
      Promise.all(selected.chains.map((c) => chainReads.read(c, p.owner))),
      Promise.all(selected.apiVenues.map((v) => apiReads.read(v, p.owner, selected.linked))),
    ])
    return {
      chains: chains.map((r) => r.read),
      models: [...chains.flatMap((r) => r.models), ...apis.flatMap((r) => r.models)],
      failed: [...chains.flatMap((r) => r.failed), ...apis.flatMap((r) => r.unavailable)],
    }
  }

  return {
    chains: () => params.chains.map((c) => ({ chainId: c.chainId, name: c.name, key: c.key })),
    apiVenues: () => apiReads.venues.map((v) => ({ protocol: v.protocol.protocol, name: v.protocol.name, needsLinkedAccount: v.protocol.linkedAccounts !== undefined })),
    async get(p) {
      const options = resolveRequestOptions(p, riskDefaults)
      const read = await readAll(p)
      return assemblePortfolio({ owner: p.owner, ...read, options, simulation: null }, p.views ?? {}, settings)
    },
    async simulate(p) {
      const options = resolveRequestOptions(p, riskDefaults)
      const priceMoves = toMoves('priceMoves', p.priceMoves ?? [])
      const actions = p.actions ?? []
      const read = await readAll(p)
      const { models, warnings } = simulateActions(read.models, p, priceMoves)
      return assemblePortfolio({ owner: p.owner, ...read, models, options, simulation: { actions, priceMoves, warnings } }, p.views ?? {}, settings)
    },
    readiness: async () => {
      const chains = await chainReads.readiness()
      return { ready: chains.every((c) => c.ready), chains }
    },
    warmUp: () => monteCarlo.runner.warmUp(),
    close: () => {
      chainReads.close()
      return monteCarlo.runner.close()
    },
  }
}

/**
 * Every venue model with the price moves applied, then the actions aimed at it.
 * @throws InvalidArgumentError for an action on a venue that was not read, or one the venue cannot take.
 */
function simulateActions(models: readonly VenueModel[], p: SimulatePortfolioParameters, priceMoves: Record<string, number>): { models: VenueModel[]; warnings: string[] } {
  const actions = p.actions ?? []
  for (const a of actions) {
    if (!models.some((m) => m.venue.id === a.venueId)) throw new InvalidArgumentError('actions', `no venue ${a.venueId.slice(0, 80)} was read for this owner (see portfolio.venues).`)
  }
  const moves = toPriceMoves(priceMoves)
  const warnings: string[] = []
  const moved = models.map((m) => {
    const r = m.simulate(moves, actions.filter((a) => a.venueId === m.venue.id))
    warnings.push(...r.warnings)
    return r.model
  })
  return { models: moved, warnings }
}
