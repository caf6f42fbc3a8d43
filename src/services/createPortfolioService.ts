import { createConfig, getBlock, getClient, type Config } from '@wagmi/core'
import type { Address, Chain, Transport } from 'viem'
import type { Logger } from 'pino'
import { AaveV3MetadataCache, createAaveV3Reader } from '../adapters/aaveV3/aaveV3Reader.js'
import { createChainReader } from '../adapters/readPlan.js'
import { createChainTransport } from '../adapters/chainTransport.js'
import { createMorphoBlueReader, MorphoBlueMetadataCache } from '../adapters/morphoBlue/morphoBlueReader.js'
import { GmxV2MetadataCache } from '../adapters/gmxV2/gmxV2Metadata.js'
import { createGmxV2Reader } from '../adapters/gmxV2/gmxV2Reader.js'
import { readVenues, type VenueReader } from '../adapters/venueReader.js'
import type { ChainRead, Portfolio } from '../domain/portfolio.js'
import { exposureOfSymbol, riskFactorOf } from '../domain/riskFactorTable.js'
import type { BlockRef, UnavailableVenue, Venue } from '../domain/venue.js'
import { BlockUnavailableError, ChainUnavailableError, CostLimitExceededError, InvalidArgumentError, UnknownChainError, WrongChainIdError } from '../errors/index.js'
import { toVenueError } from '../errors/publicCode.js'
import { computeExposures, computeTotals } from '../risk/portfolio/computeExposures.js'
import { computeLiquidationDistance } from '../risk/portfolio/computeLiquidationDistance.js'
import { computeOneAccountView, type CollateralFactorTable } from '../risk/portfolio/computeOneAccountView.js'
import type { VenueModel } from '../risk/venueModel.js'
import { computeStressGrid, replayHistoricalEpisodes, runLibraryScenarios, runStressScenarios } from '../risk/stress/runStressScenarios.js'
import { libraryScenarios } from '../risk/stress/libraryScenarios.js'
import { scenarioId } from '../risk/stress/scenarioId.js'
import type { StressScenario } from '../domain/stress.js'
import { loadHistoricalEpisodes } from './loadHistoricalEpisodes.js'
import { DEFAULT_RISK_PROFILE, DEFAULT_SCAN_RANGES, type ScanRange } from '../risk/stress/defaultRiskProfile.js'
import { computeSigmaDistance } from '../risk/stress/sigmaDistance.js'
import { validateRiskProfile } from './validateRiskProfile.js'
import type { RiskProfile } from '../domain/riskProfile.js'
import type { ChainReadiness, ConfiguredChain, GetPortfolioParameters, LinkedAccount, PortfolioService, SimulatePortfolioParameters } from './PortfolioService.js'
import type { SimulationInfo } from '../domain/simulation.js'
import { toPriceMoves } from '../risk/shock.js'
import type { ApiVenueReader } from '../adapters/apiVenueReader.js'
import { assertDydxV4Address } from '../adapters/dydxV4/dydxV4Reader.js'
import type { ReadableChain } from './resolveChains.js'
import { availableParallelism } from 'node:os'
import type { Metrics } from '../observability/metrics.js'
import { createCoalescingCache } from './coalescingCache.js'
import { createCircuitBreaker } from './circuitBreaker.js'
import { createWorkerMonteCarloRunner, type MonteCarloRunner } from './monteCarlo/monteCarloRunner.js'
import { runPortfolioMonteCarlo, type MonteCarloInputs } from './monteCarlo/runPortfolioMonteCarlo.js'

export type CreatePortfolioServiceParameters = {
  readonly chains: readonly ReadableChain[]
  /** Off-chain perps venues (HTTP APIs); `chainId` is what `chainIds` filters them by. */
  readonly apiVenues?: readonly { readonly reader: ApiVenueReader; readonly chainId: number; readonly name: string; readonly needsLinkedAccount: boolean }[]
  readonly collateralFactors: CollateralFactorTable
  /** Deadline for one chain's whole read, ms. */
  readonly chainTimeoutMs: number
  readonly logger: Logger
  /**
   * Where Monte Carlo runs and how much one request may ask: paths × steps ×
   * position legs. Default: one worker thread per spare core, 50 million.
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
   * Caching: `headTtlMs` keeps each chain's latest block that long (0, the
   * default: read it on every query, sharing only concurrent reads);
   * `maxChainReads` bounds the per-block cache of venue reads (one entry per
   * chain, block and owner).
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
}

/** Default bound on caller scenarios × venues per request: a few hundred ms of exact revaluation at most. */
export const DEFAULT_MAX_SCENARIO_EVALUATIONS = 5_000

/** How long a failed chain is answered unavailable at once, ms (see `circuitOpenMs`). */
export const DEFAULT_CIRCUIT_OPEN_MS = 5_000

/** Per-block venue reads kept by default. */
export const DEFAULT_MAX_CHAIN_READS = 2_000

/** Default cost limit of one Monte Carlo request (paths × steps × position legs): about a second of one core. */
export const DEFAULT_MONTE_CARLO_MAX_EVALUATIONS = 50_000_000

/**
 * The engine behind `Query.portfolio`: reads each requested chain in
 * parallel, each pinned at its own latest block (one block read plus one
 * multicall per chain), normalizes every venue with its protocol's exact
 * model, and computes the unified views. A chain that fails or misses its
 * deadline degrades only its own venues.
 */
export function createPortfolioService(params: CreatePortfolioServiceParameters): PortfolioService {
  const { chains, logger } = params
  const wagmi = createWagmiConfig(chains, params.chainTimeoutMs, params.metrics)
  const aaveCache = new AaveV3MetadataCache()
  const morphoCache = new MorphoBlueMetadataCache()
  const gmxCache = new GmxV2MetadataCache()
  const configured: ConfiguredChain[] = chains.map((c) => ({ chainId: c.chainId, name: c.name, key: c.key }))
  const monteCarlo = params.monteCarlo ?? {
    runner: createWorkerMonteCarloRunner({ threads: Math.max(1, availableParallelism() - 1), maxQueue: 8 }),
    maxEvaluations: DEFAULT_MONTE_CARLO_MAX_EVALUATIONS,
  }
  const riskDefaults = params.riskDefaults ?? { profile: DEFAULT_RISK_PROFILE, scanRanges: DEFAULT_SCAN_RANGES }
  /** What each answer's Monte Carlo needs, kept beside the answer without being part of it. */
  const monteCarloInputs = new WeakMap<Portfolio, MonteCarloInputs>()

  const metrics = params.metrics
  const heads = createCoalescingCache<BlockRef>({ name: 'head', max: Math.max(16, chains.length), ttlMs: params.cache?.headTtlMs ?? 0, metrics })
  const chainReads = createCoalescingCache<{ models: VenueModel[]; unavailable: UnavailableVenue[] }>({ name: 'chain_read', max: params.cache?.maxChainReads ?? DEFAULT_MAX_CHAIN_READS, metrics })

  /** The highest block number each chain's head has reached, to tell a head that went backwards. */
  const highestHead = new Map<number, bigint>()

  /**
   * The chain's latest block, with the endpoint's chain id checked in the
   * same HTTP batch (one request; concurrent queries share it, and it is
   * kept `headTtlMs`).
   * @throws ChainUnavailableError when the head cannot be read or the endpoint serves another chain.
   */
  function latestBlock(chain: ReadableChain): Promise<BlockRef> {
    return heads.get(String(chain.chainId), async () => {
      const client = getClient(wagmi, { chainId: chain.chainId })
      const wrongChain = (served: number, cause?: unknown) =>
        new ChainUnavailableError(chain.chainId, { reason: `its RPC endpoint serves chain ${served}, so its answers are not used`, cause })
      const [served, b] = await Promise.all([
        client ? client.request({ method: 'eth_chainId' }) : Promise.reject(new ChainUnavailableError(chain.chainId, { reason: 'the chain has no client configured' })),
        getBlock(wagmi, { chainId: chain.chainId, blockTag: 'latest' }),
      ]).catch((cause: unknown) => {
        const wrong = findCause(cause, WrongChainIdError)
        throw wrong ? wrongChain(wrong.servedChainId, cause) : new ChainUnavailableError(chain.chainId, { reason: 'the latest block could not be read', cause })
      })
      if (Number(served) !== chain.chainId) throw wrongChain(Number(served))
      if (b.number === null || b.hash === null) throw new ChainUnavailableError(chain.chainId, { reason: 'the node returned a pending block' })
      return { chainId: chain.chainId, blockNumber: b.number, blockHash: b.hash, timestamp: b.timestamp }
    })
  }

  /** Head age and staleness of `block` (see headFreshness), remembering the highest head seen. */
  function freshness(chain: ReadableChain, block: BlockRef): { headAgeSeconds: number; stale: boolean } {
    const highest = highestHead.get(chain.chainId)
    if (highest === undefined || block.blockNumber > highest) highestHead.set(chain.chainId, block.blockNumber)
    return headFreshness(block, chain.maxHeadAgeSeconds, highest ?? null)
  }

  const maxScenarioEvaluations = params.maxScenarioEvaluations ?? DEFAULT_MAX_SCENARIO_EVALUATIONS
  const breakers = new Map(chains.map((c) => [c.chainId, createCircuitBreaker({ openMs: params.circuitOpenMs ?? DEFAULT_CIRCUIT_OPEN_MS, maxOpenMs: 60_000 })]))

  async function readChain(chain: ReadableChain, owner: Address): Promise<{ read: ChainRead; models: VenueModel[]; failed: UnavailableVenue[] }> {
    const started = performance.now()
    const readers = venueReaders(chain, owner)
    const breaker = breakers.get(chain.chainId)!
    const unavailable = (error: unknown) => ({
      read: { chainId: chain.chainId, name: chain.name, status: 'unavailable' as const, error: toVenueError(error) },
      models: [],
      failed: readers.flatMap((r) => r.fail(error)),
    })
    const gate = breaker.tryAcquire()
    if (!gate.allowed) {
      // the node failed moments ago: answer at once rather than wait out the deadline again
      return unavailable(new ChainUnavailableError(chain.chainId, { reason: `its node failed moments ago; it is tried again from ${new Date(gate.retryAt).toISOString()}` }))
    }
    try {
      return await withDeadline(chain.chainId, params.chainTimeoutMs, async () => {
        // one read per chain, block and owner: repeated and concurrent queries at the same block share it;
        // a read with a failed deployment is not kept, so the next query tries again
        const readAt = async (block: BlockRef) =>
          chainReads.get(`${chain.chainId}:${block.blockHash}:${owner.toLowerCase()}`, () => readVenues(createChainReader(wagmi, block), readers), (r) => r.unavailable.length === 0)
        let block = await latestBlock(chain)
        let read: Awaited<ReturnType<typeof readAt>>
        try {
          read = await readAt(block)
        } catch (error) {
          if (!(error instanceof BlockUnavailableError)) throw error
          // the head was reorganized away between the two reads: read the new head once
          heads.delete(String(chain.chainId))
          block = await latestBlock(chain)
          read = await readAt(block)
        }
        const { models, unavailable: failedVenues } = read
        for (const v of failedVenues) logger.warn({ chainId: chain.chainId, venue: v.id, code: v.error.code }, 'venue unavailable')
        logger.debug({ chainId: chain.chainId, blockNumber: String(block.blockNumber), ms: performance.now() - started }, 'chain read')
        breaker.succeeded()
        return { read: { chainId: chain.chainId, name: chain.name, status: 'ok' as const, block, ...freshness(chain, block) }, models, failed: failedVenues }
      })
    } catch (error) {
      // the node or its transport failed (not one deployment's reads): stop waiting on it for a while
      if (error instanceof ChainUnavailableError && error.scope === 'node') breaker.failed()
      else breaker.succeeded()
      logger.warn({ err: error, chainId: chain.chainId, ms: performance.now() - started }, 'chain unavailable')
      return unavailable(error)
    }
  }

  /** One reader per protocol deployment on the chain. */
  function venueReaders(chain: ReadableChain, owner: Address): VenueReader[] {
    const readers: VenueReader[] = chain.aaveV3.map((m) =>
      createAaveV3Reader({
        market: { chainId: chain.chainId, version: m.version, pool: m.pool, oracle: m.oracle, multicall3: chain.multicall3 },
        account: owner,
        cache: aaveCache,
        exposureOf: (symbol) => exposureOfSymbol(symbol),
        heartbeatOf: chain.heartbeatOf,
      }),
    )
    if (chain.morphoBlue && chain.morphoBlue.marketIds.length > 0) {
      readers.push(
        createMorphoBlueReader({
          deployment: {
            chainId: chain.chainId,
            morpho: chain.morphoBlue.morpho,
            marketIds: chain.morphoBlue.marketIds,
            multicall3: chain.multicall3,
            // the chain's USD prices of Morpho's tokens come from its Aave oracle
            usdOracle: chain.aaveV3[0]?.oracle ?? null,
          },
          account: owner,
          cache: morphoCache,
          exposureOf: (symbol) => exposureOfSymbol(symbol),
          heartbeatOf: chain.heartbeatOf,
        }),
      )
    }
    if (chain.gmxV2) {
      readers.push(createGmxV2Reader({ chainId: chain.chainId, deployment: chain.gmxV2, account: owner, cache: gmxCache, exposureOf: (symbol) => exposureOfSymbol(symbol) }))
    }
    return readers
  }

  const apiVenues = params.apiVenues ?? []
  const configuredAll: ConfiguredChain[] = [
    ...configured,
    ...apiVenues.filter((a) => !a.needsLinkedAccount).map((a) => ({ chainId: a.chainId, name: a.name, key: a.reader.key })),
  ]

  /** API venue reads (Hyperliquid, dYdX): shared while in flight, kept `headTtlMs` like a chain head (each says when it was observed). */
  const apiReads = createCoalescingCache<Awaited<ReturnType<ApiVenueReader['read']>>>({ name: 'api_read', max: DEFAULT_MAX_CHAIN_READS, ttlMs: params.cache?.headTtlMs ?? 0, metrics })

  async function readApiVenue(a: (typeof apiVenues)[number], owner: Address, linked: readonly LinkedAccount[]) {
    const started = performance.now()
    try {
      const key = `${a.reader.key}:${owner.toLowerCase()}:${linked.map((l) => `${l.venue}/${l.id}`).join(',')}`
      // a read with an unavailable venue is not kept: the next query tries again
      const r = await apiReads.get(key, () => a.reader.read({ owner, linked, signal: AbortSignal.timeout(params.chainTimeoutMs) }), (x) => x.unavailable.length === 0)
      logger.debug({ venue: a.reader.key, ms: performance.now() - started }, 'api venue read')
      return r
    } catch (error) {
      logger.warn({ err: error, venue: a.reader.key, ms: performance.now() - started }, 'api venue unavailable')
      return { models: [], unavailable: a.reader.fail({ owner, linked }, error) }
    }
  }

  return {
    chains: () => configuredAll,
    async get(p: GetPortfolioParameters): Promise<Portfolio> {
      const options = validateOptions(p)
      const read = await readAll(p)
      return assemble(p.owner, read, options, null)
    },
    async simulate(p: SimulatePortfolioParameters): Promise<Portfolio> {
      const options = validateOptions(p)
      const priceMoves = validateMoves('priceMoves', p.priceMoves ?? [])
      const actions = p.actions ?? []
      const read = await readAll(p)
      for (const a of actions) {
        if (!read.models.some((m) => m.venue.id === a.venueId)) {
          throw new InvalidArgumentError('actions', `no venue ${a.venueId.slice(0, 80)} was read for this owner (see portfolio.venues).`)
        }
      }
      const moves = toPriceMoves(priceMoves)
      const warnings: string[] = []
      const models = read.models.map((m) => {
        const r = m.simulate(moves, actions.filter((a) => a.venueId === m.venue.id))
        warnings.push(...r.warnings)
        return r.model
      })
      return assemble(p.owner, { ...read, models }, options, { actions, priceMoves, warnings })
    },
    async monteCarlo(portfolio, p) {
      const inputs = monteCarloInputs.get(portfolio)
      if (!inputs) throw new InvalidArgumentError('portfolio', 'is not an answer of this service.')
      return runPortfolioMonteCarlo(inputs, p, monteCarlo.runner, monteCarlo.maxEvaluations)
    },
    async readiness() {
      const list = await Promise.all(
        chains.map(async (chain): Promise<ChainReadiness> => {
          try {
            const block = await withDeadline(chain.chainId, params.chainTimeoutMs, () => latestBlock(chain))
            const { headAgeSeconds, stale } = freshness(chain, block)
            return { chainId: chain.chainId, name: chain.name, ready: !stale, blockNumber: block.blockNumber, headAgeSeconds, stale, error: null }
          } catch (error) {
            return { chainId: chain.chainId, name: chain.name, ready: false, blockNumber: null, headAgeSeconds: null, stale: false, error: toVenueError(error) }
          }
        }),
      )
      return { ready: list.every((c) => c.ready), chains: list }
    },
    warmUp: () => monteCarlo.runner.warmUp(),
    close: () => monteCarlo.runner.close(),
  }

  /** Validated request options shared by get and simulate. */
  function validateOptions(p: GetPortfolioParameters) {
    const profile = p.riskProfile ? validateRiskProfile(p.riskProfile) : riskDefaults.profile
    const horizon = p.horizonDays ?? 1
    return { profile, horizon, ranges: mergeScanRanges(p.scanRanges, riskDefaults.scanRanges), custom: validateScenarios(p.scenarios) }
  }

  /** Reads every selected chain and API venue in parallel. */
  async function readAll({ owner, chainIds, accounts }: GetPortfolioParameters) {
    const linked = accounts ?? []
    // a malformed id is the caller's error, not a venue's: reject the request
    for (const a of linked) if (a.venue === 'DYDX_V4') assertDydxV4Address(a.id)
    const apiIds = apiVenues.filter((a) => !a.needsLinkedAccount).map((a) => a.chainId)
    const selected = selectChains(chains, chainIds, apiIds)
    for (const a of linked) {
      if (!apiVenues.some((v) => v.reader.key === LINKED_VENUE_READER[a.venue])) {
        throw new InvalidArgumentError('accounts', `${a.venue} is not enabled on this server.`)
      }
    }
    const apiSelected = apiVenues.filter((a) =>
      a.needsLinkedAccount ? linked.some((l) => LINKED_VENUE_READER[l.venue] === a.reader.key) : chainIds === undefined || chainIds.includes(a.chainId),
    )
    const [results, apiResults] = await Promise.all([
      Promise.all(selected.map((c) => readChain(c, owner))),
      Promise.all(apiSelected.map((a) => readApiVenue(a, owner, linked))),
    ])
    return {
      reads: results.map((r) => r.read),
      models: [...results.flatMap((r) => r.models), ...apiResults.flatMap((r) => r.models)],
      failed: [...results.flatMap((r) => r.failed), ...apiResults.flatMap((r) => r.unavailable)],
    }
  }

  /** Every view of the answer, computed from the venue models. */
  function assemble(
    owner: Address,
    read: { reads: ChainRead[]; models: VenueModel[]; failed: UnavailableVenue[] },
    options: ReturnType<typeof validateOptions>,
    simulation: SimulationInfo | null,
  ): Portfolio {
    const { models } = read
    const venues: Venue[] = [...models.map((m) => m.venue), ...read.failed].sort((a, b) => a.chainId - b.chainId || a.id.localeCompare(b.id))
    const available = models.map((m) => m.venue)
    const exposures = computeExposures(available)
    const totals = computeTotals(available)
    const volatile = new Set(exposures.filter((e) => riskFactorOf(e.riskFactor).kind === 'volatile').map((e) => e.riskFactor))
    const held = exposures.filter((e) => e.longUsd !== 0 || e.shortUsd !== 0).map((e) => e.riskFactor).sort()
    // the search and stress views run only when a query asks for them (GraphQL reads each field by property)
    const liquidationDistance = once(() => computeLiquidationDistance(models, volatile))
    const stressGrid = once(() => computeStressGrid(models, [...volatile].sort(), options.ranges))
    const historicalScenarios = once(() => replayHistoricalEpisodes(models, held, loadHistoricalEpisodes()))
    const customScenarios = once(() => {
      // each scenario revalues every venue by its exact rule: bounded per request, like a point budget
      const evaluations = options.custom.length * models.length
      if (evaluations > maxScenarioEvaluations) {
        throw new CostLimitExceededError(evaluations, maxScenarioEvaluations, 'These scenarios need', 'scenarios × venues', 'Send fewer scenarios, or read fewer chains.')
      }
      return runStressScenarios(models, options.custom)
    })
    const library = once(() => runLibraryScenarios(models, libraryScenarios(exposures.filter((e) => e.longUsd !== 0 || e.shortUsd !== 0).map((e) => ({ riskFactor: e.riskFactor, kind: e.kind })), loadHistoricalEpisodes())))
    const sigmaDistance = once(() => ({ ...computeSigmaDistance(models, options.profile, held, options.horizon), profileSources: options.profile.sources }))
    const portfolio: Portfolio = {
      owner,
      chains: read.reads,
      venues,
      exposures,
      totals,
      get firstToLiquidate() {
        return liquidationDistance().marketWide
      },
      oneAccount: computeOneAccountView(exposures, params.collateralFactors, totals.maintenanceMarginUsd),
      get liquidationDistance() {
        return liquidationDistance()
      },
      get stressGrid() {
        return stressGrid()
      },
      get historicalScenarios() {
        return historicalScenarios()
      },
      get customScenarios() {
        return customScenarios()
      },
      get libraryScenarios() {
        return library()
      },
      get sigmaDistance() {
        return sigmaDistance()
      },
      simulation,
    }
    monteCarloInputs.set(portfolio, { kernels: models.map((m) => m.kernel), profile: options.profile, horizonDays: options.horizon })
    return portfolio
  }
}

/**
 * Request scan ranges first, then the sourced defaults. Ranges are bounded
 * where they enter (services/inputBounds.ts).
 * @throws InvalidArgumentError for a repeated factor.
 */
function mergeScanRanges(requested: GetPortfolioParameters['scanRanges'], defaults: readonly ScanRange[]): ScanRange[] {
  const out: ScanRange[] = []
  for (const r of requested ?? []) {
    if (out.some((x) => x.riskFactor === r.riskFactor)) throw new InvalidArgumentError('scanRanges', `${r.riskFactor.slice(0, 32)} is given twice.`)
    out.push({ riskFactor: r.riskFactor, scanRange: r.scanRange, source: 'request' })
  }
  return [...out, ...defaults.filter((d) => !out.some((x) => x.riskFactor === d.riskFactor))]
}

/**
 * Relative moves per factor from a request (bounded where they enter,
 * services/inputBounds.ts).
 * @throws InvalidArgumentError for a factor given twice.
 */
function validateMoves(argument: string, moves: readonly { readonly riskFactor: string; readonly move: number }[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const m of moves) {
    if (m.riskFactor in out) throw new InvalidArgumentError(argument, `${m.riskFactor.slice(0, 32)} is given twice.`)
    out[m.riskFactor] = m.move
  }
  return out
}

/**
 * The caller's scenarios as stress scenarios (bounded where they enter).
 * @throws InvalidArgumentError for a factor given twice in one scenario.
 */
function validateScenarios(requested: GetPortfolioParameters['scenarios']): StressScenario[] {
  return (requested ?? []).map((s, i) => {
    const moves = validateMoves(`scenarios[${i}].moves`, s.moves)
    return { id: scenarioId(`custom:${i}`, moves, 1), label: s.name, moves, weight: 1 }
  })
}

/** Reader key serving each kind of linked account. */
const LINKED_VENUE_READER: Readonly<Record<LinkedAccount['venue'], string>> = { DYDX_V4: 'dydx-v4' }

/**
 * The chains to read for `chainIds` (every one when omitted). `apiIds` are
 * the ids of perps venues read over HTTP, which callers may also name.
 * @throws InvalidArgumentError for an empty list; UnknownChainError for an id not configured.
 */
function selectChains(chains: readonly ReadableChain[], chainIds: readonly number[] | undefined, apiIds: readonly number[]): readonly ReadableChain[] {
  if (chainIds === undefined) return chains
  if (chainIds.length === 0) throw new InvalidArgumentError('chainIds', 'the list is empty; omit it to read every configured chain.')
  const known = [...chains.map((c) => c.chainId), ...apiIds]
  for (const id of chainIds) {
    if (!known.includes(id)) throw new UnknownChainError(id, known)
  }
  return chains.filter((c) => chainIds.includes(c.chainId))
}

/** The first error of class `type` in `error`'s cause chain (viem wraps what a transport throws). */
function findCause<T extends Error>(error: unknown, type: new (...args: never[]) => T): T | null {
  let current: unknown = error
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    if (current instanceof type) return current
    current = current.cause
  }
  return null
}

/** `compute` run on the first call only; later calls return its result. */
function once<T>(compute: () => T): () => T {
  let done = false
  let value: T
  return () => {
    if (!done) {
      value = compute()
      done = true
    }
    return value
  }
}

async function withDeadline<T>(chainId: number, ms: number, run: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ChainUnavailableError(chainId, { reason: `no answer within ${ms} ms` })), ms)
  })
  try {
    return await Promise.race([run(), deadline])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * wagmi config holding the chains and their transports; reads go through its
 * per-chain actions, each pinned at that chain's own block.
 */
function createWagmiConfig(chains: readonly ReadableChain[], timeoutMs: number, metrics: Metrics | undefined): Config {
  const viemChains = chains.map((c) => c.chain) as [Chain, ...Chain[]]
  const transports: Record<number, Transport> = {}
  for (const c of chains) transports[c.chainId] = createChainTransport({ chainId: c.chainId, urls: c.rpcUrls, timeoutMs, metrics })
  return createConfig({ chains: viemChains, transports, multiInjectedProviderDiscovery: false, ssr: true })
}

/**
 * How old the chain's head is (wall clock − block timestamp, seconds, never
 * negative) and whether it is stale: older than the chain's expected
 * `maxHeadAgeSeconds` (a stalled node; no bound where the chain mines on
 * demand, the devnet), or below `highestSeen`, a head this server already saw
 * (a node serving an old block after a newer one), bound or not.
 */
function headFreshness(block: BlockRef, maxHeadAgeSeconds: number | null, highestSeen: bigint | null): { headAgeSeconds: number; stale: boolean } {
  const headAgeSeconds = Math.max(0, Math.floor(Date.now() / 1000) - Number(block.timestamp))
  const wentBack = highestSeen !== null && block.blockNumber < highestSeen
  return { headAgeSeconds, stale: wentBack || (maxHeadAgeSeconds !== null && headAgeSeconds > maxHeadAgeSeconds) }
}
