import { createConfig, getBlock, type Config } from '@wagmi/core'
import { http, type Address, type Chain, type Transport } from 'viem'
import type { Logger } from 'pino'
import { AaveV3MetadataCache, createAaveV3Reader } from '../adapters/aaveV3/aaveV3Reader.js'
import { createChainReader } from '../adapters/readPlan.js'
import { createMorphoBlueReader, MorphoBlueMetadataCache } from '../adapters/morphoBlue/morphoBlueReader.js'
import { readVenues, type VenueReader } from '../adapters/venueReader.js'
import type { ChainRead, Portfolio } from '../domain/portfolio.js'
import { exposureOfSymbol, riskFactorOf } from '../domain/riskFactorTable.js'
import type { BlockRef, UnavailableVenue, Venue } from '../domain/venue.js'
import { ChainUnavailableError, InvalidArgumentError, UnknownChainError } from '../errors/index.js'
import { toVenueError } from '../errors/publicCode.js'
import { computeExposures, computeTotals } from '../risk/portfolio/computeExposures.js'
import { computeLiquidationDistance } from '../risk/portfolio/computeLiquidationDistance.js'
import { computeOneAccountView, type CollateralFactorTable } from '../risk/portfolio/computeOneAccountView.js'
import type { VenueModel } from '../risk/venueModel.js'
import type { ConfiguredChain, GetPortfolioParameters, PortfolioService } from './PortfolioService.js'
import type { ReadableChain } from './resolveChains.js'

export type CreatePortfolioServiceParameters = {
  readonly chains: readonly ReadableChain[]
  readonly collateralFactors: CollateralFactorTable
  /** Deadline for one chain's whole read, ms. */
  readonly chainTimeoutMs: number
  readonly logger: Logger
}

/**
 * The engine behind `Query.portfolio`: reads each requested chain in
 * parallel, each pinned at its own latest block (one block read plus one
 * multicall per chain), normalizes every venue with its protocol's exact
 * model, and computes the unified views. A chain that fails or misses its
 * deadline degrades only its own venues.
 */
export function createPortfolioService(params: CreatePortfolioServiceParameters): PortfolioService {
  const { chains, logger } = params
  const wagmi = createWagmiConfig(chains, params.chainTimeoutMs)
  const aaveCache = new AaveV3MetadataCache()
  const morphoCache = new MorphoBlueMetadataCache()
  const configured: ConfiguredChain[] = chains.map((c) => ({ chainId: c.chainId, name: c.name, key: c.key }))

  async function readChain(chain: ReadableChain, owner: Address): Promise<{ read: ChainRead; models: VenueModel[]; failed: UnavailableVenue[] }> {
    const started = performance.now()
    const readers = venueReaders(chain, owner)
    try {
      return await withDeadline(chain.chainId, params.chainTimeoutMs, async () => {
        const b = await getBlock(wagmi, { chainId: chain.chainId, blockTag: 'latest' }).catch((cause: unknown) => {
          throw new ChainUnavailableError(chain.chainId, { reason: 'the latest block could not be read', cause })
        })
        if (b.number === null || b.hash === null) {
          throw new ChainUnavailableError(chain.chainId, { reason: 'the node returned a pending block' })
        }
        const block: BlockRef = { chainId: chain.chainId, blockNumber: b.number, blockHash: b.hash, timestamp: b.timestamp }
        const { models, unavailable } = await readVenues(createChainReader(wagmi, block), readers)
        for (const v of unavailable) logger.warn({ chainId: chain.chainId, venue: v.id, code: v.error.code }, 'venue unavailable')
        logger.debug({ chainId: chain.chainId, blockNumber: String(block.blockNumber), ms: performance.now() - started }, 'chain read')
        return { read: { chainId: chain.chainId, name: chain.name, status: 'ok' as const, block }, models, failed: unavailable }
      })
    } catch (error) {
      logger.warn({ err: error, chainId: chain.chainId, ms: performance.now() - started }, 'chain unavailable')
      return {
        read: { chainId: chain.chainId, name: chain.name, status: 'unavailable', error: toVenueError(error) },
        models: [],
        failed: readers.flatMap((r) => r.fail(error)),
      }
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
    return readers
  }

  return {
    chains: () => configured,
    async get({ owner, chainIds }: GetPortfolioParameters): Promise<Portfolio> {
      const selected = selectChains(chains, chainIds)
      const results = await Promise.all(selected.map((c) => readChain(c, owner)))
      const models = results.flatMap((r) => r.models)
      const venues: Venue[] = [...models.map((m) => m.venue), ...results.flatMap((r) => r.failed)].sort(
        (a, b) => a.chainId - b.chainId || a.id.localeCompare(b.id),
      )
      const available = models.map((m) => m.venue)
      const exposures = computeExposures(available)
      const totals = computeTotals(available)
      const volatile = new Set(exposures.filter((e) => riskFactorOf(e.riskFactor).kind === 'volatile').map((e) => e.riskFactor))
      const liquidationDistance = computeLiquidationDistance(models, volatile)
      return {
        owner,
        chains: results.map((r) => r.read),
        venues,
        exposures,
        totals,
        firstToLiquidate: liquidationDistance.marketWide,
        oneAccount: computeOneAccountView(exposures, params.collateralFactors, totals.maintenanceMarginUsd),
        liquidationDistance,
      }
    },
  }
}

function selectChains(chains: readonly ReadableChain[], chainIds: readonly number[] | undefined): readonly ReadableChain[] {
  if (chainIds === undefined) return chains
  if (chainIds.length === 0) throw new InvalidArgumentError('chainIds', 'the list is empty; omit it to read every configured chain.')
  const configuredIds = chains.map((c) => c.chainId)
  for (const id of chainIds) {
    if (!configuredIds.includes(id)) throw new UnknownChainError(id, configuredIds)
  }
  return chains.filter((c) => chainIds.includes(c.chainId))
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
function createWagmiConfig(chains: readonly ReadableChain[], timeoutMs: number): Config {
  const viemChains = chains.map((c) => c.chain) as [Chain, ...Chain[]]
  const transports: Record<number, Transport> = {}
  for (const c of chains) transports[c.chainId] = http(c.rpcUrl, { timeout: timeoutMs, retryCount: 1 })
  return createConfig({ chains: viemChains, transports, multiInjectedProviderDiscovery: false, ssr: true })
}
