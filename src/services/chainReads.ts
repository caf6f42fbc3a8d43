import { createConfig, getBlock, getClient, type Config } from '@wagmi/core'
import { numberToHex, type Address, type Chain, type Hex, type Transport } from 'viem'
import type { Logger } from 'pino'
import type { ReadableChain } from '../config/resolveChains.js'
import type { ChainRead } from '../domain/portfolio.js'
import type { BlockRef, UnavailableVenue } from '../domain/venue.js'
import { BlockUnavailableError, ChainUnavailableError, WrongChainIdError } from '../errors/index.js'
import { toVenueError } from '../errors/publicCode.js'
import type { Metrics } from '../observability/metrics.js'
import type { BackgroundJob, ChainLogReader, ChainProtocol, ChainProtocolEnvironment, ReaderFactory } from '../protocols/types.js'
import { createChainTransport } from '../read/chainTransport.js'
import { createChainReader, type RpcLog } from '../read/readPlan.js'
import { readVenues, type VenueReader } from '../read/venueReader.js'
import type { VenueModel } from '../risk/venueModel.js'
import { createCircuitBreaker, type CircuitBreaker } from './circuitBreaker.js'
import { createCoalescingCache, type CoalescingCache } from './coalescingCache.js'
import type { ChainReadiness } from './PortfolioService.js'

/** Per-block venue reads kept by default. */
export const DEFAULT_MAX_CHAIN_READS = 2_000

/** How long a failed chain is answered unavailable at once, ms (see `circuitOpenMs`). */
export const DEFAULT_CIRCUIT_OPEN_MS = 5_000

export type CreateChainReadsParameters = {
  readonly chains: readonly ReadableChain[]
  /** Deadline for one chain's whole read, ms. */
  readonly chainTimeoutMs: number
  readonly logger: Logger
  readonly metrics?: Metrics | undefined
  /** How long each chain's latest block is reused, ms (0: every read reads it; concurrent reads share one), and how many per-block reads are kept. */
  readonly cache?: { readonly headTtlMs: number; readonly maxChainReads: number } | undefined
  /** After a chain's node fails, how long its venues are answered unavailable at once, ms (doubling while it keeps failing, up to 60 s); 0 turns it off. */
  readonly circuitOpenMs?: number | undefined
  /** Where protocols persist their chain indexes (XMARGIN_DATA_DIR); null or absent: in memory only. */
  readonly dataDir?: string | null | undefined
}

/** One chain's read for one owner: how it went, the venue models, and the venues that failed. */
export type ChainReadResult = { readonly read: ChainRead; readonly models: readonly VenueModel[]; readonly failed: readonly UnavailableVenue[] }

/** Reading the configured chains: each at its latest block, for one owner, and their readiness. */
export type ChainReads = {
  /** Reads every protocol deployment of `chain` for `owner` (never throws: a failure degrades the chain's venues). */
  read(chain: ReadableChain, owner: Address): Promise<ChainReadResult>
  /** Each chain's head, fresh or not, for `/readyz` and the live head poll. */
  readiness(): Promise<ChainReadiness[]>
  /** The protocols' background jobs (e.g. market indexes), each with its status. */
  jobs(): readonly BackgroundJob[]
  /** Stops the background jobs. */
  close(): void
}

/**
 * The chain side of the engine: one wagmi config over every chain's
 * transport; per chain, the latest block with its endpoint's chain id checked
 * in the same HTTP batch, then one multicall shared by every protocol
 * deployment (each protocol's reader plans its share), pinned by block hash.
 * Reads are cached per chain, block and owner (concurrent ones shared); a
 * chain whose node fails is answered unavailable at once for a while
 * (circuit breaker); every chain has a deadline.
 */
export function createChainReads(params: CreateChainReadsParameters): ChainReads {
  const { chains, metrics } = params
  const wagmi = createWagmiConfig(chains, params.chainTimeoutMs, metrics)
  const env: ChainProtocolEnvironment = { logs: (chainId) => chainLogReader(wagmi, chainId), dataDir: params.dataDir ?? null, logger: params.logger }
  const ctx: ChainReadsContext = {
    params,
    wagmi,
    heads: createCoalescingCache<BlockRef>({ name: 'head', max: Math.max(16, chains.length), ttlMs: params.cache?.headTtlMs ?? 0, metrics }),
    reads: createCoalescingCache<VenueReads>({ name: 'chain_read', max: params.cache?.maxChainReads ?? DEFAULT_MAX_CHAIN_READS, metrics }),
    breakers: new Map(chains.map((c) => [c.chainId, createCircuitBreaker({ openMs: params.circuitOpenMs ?? DEFAULT_CIRCUIT_OPEN_MS, maxOpenMs: 60_000 })])),
    highestHead: new Map<number, bigint>(),
    readersOf: createReaderFactories(env),
  }
  // each protocol's background work per deployment (e.g. a market index built from the chain's logs), started before the first query
  const jobs: BackgroundJob[] = []
  for (const chain of chains) {
    for (const d of chain.deployments) {
      const job = ctx.readersOf(d.protocol).start?.({ chain, deployment: d.deployment })
      if (job) jobs.push(job)
    }
  }
  return {
    read: (chain, owner) => readChain(ctx, chain, owner),
    readiness: () => Promise.all(chains.map((chain) => chainReadiness(ctx, chain, jobs))),
    jobs: () => jobs,
    close: () => {
      for (const j of jobs) j.stop()
    },
  }
}

/**
 * A chain's logs and head through the wagmi config's client (the chain's
 * transport: its retries, fallbacks and chain-id check).
 * @throws ChainUnavailableError (from each method) when the node fails.
 */
function chainLogReader(wagmi: Config, chainId: number): ChainLogReader {
  const client = () => {
    const c = getClient(wagmi, { chainId })
    if (!c) throw new ChainUnavailableError(chainId, { reason: 'the chain has no client configured' })
    return c
  }
  const failed = (what: string) => (cause: unknown): never => {
    throw new ChainUnavailableError(chainId, { reason: `${what} failed: ${nodeWords(cause)}`, cause })
  }
  return {
    blockNumber: () => client().request({ method: 'eth_blockNumber' }).then((n) => BigInt(n), failed('the head read')),
    blockHash: (n) =>
      client()
        .request({ method: 'eth_getBlockByNumber', params: [numberToHex(n), false] })
        .then((b) => ((b as { hash?: Hex } | null)?.hash ?? null), failed('a block read')),
    getLogs: (p) =>
      client()
        .request({ method: 'eth_getLogs', params: [{ address: p.address, topics: [...p.topics], fromBlock: numberToHex(p.fromBlock), toBlock: numberToHex(p.toBlock) }] } as never)
        .then((logs) => logs as readonly RpcLog[], failed('a log query')),
  }
}

/** The node's own words from a viem error chain (short message and details), never the request body. */
function nodeWords(error: unknown): string {
  const parts: string[] = []
  let current: unknown = error
  for (let depth = 0; depth < 6 && current instanceof Error; depth++) {
    const e = current as { shortMessage?: unknown; details?: unknown }
    if (typeof e.details === 'string' && e.details) parts.push(e.details)
    else if (typeof e.shortMessage === 'string' && e.shortMessage) parts.push(e.shortMessage)
    current = current.cause
  }
  return [...new Set(parts)].join('; ').slice(0, 300) || 'no answer'
}

/** One chain's venue models and the venues that failed, as one read at one block answers them. */
type VenueReads = { models: VenueModel[]; unavailable: UnavailableVenue[] }

/** What every chain read of one engine shares: its parameters, the wagmi config, the head and read caches, each chain's breaker and highest head seen, and the protocols' reader factories. */
type ChainReadsContext = {
  readonly params: CreateChainReadsParameters
  readonly wagmi: Config
  readonly heads: CoalescingCache<BlockRef>
  readonly reads: CoalescingCache<VenueReads>
  readonly breakers: ReadonlyMap<number, CircuitBreaker>
  readonly highestHead: Map<number, bigint>
  readonly readersOf: ReturnType<typeof createReaderFactories>
}

/**
 * Reads every protocol deployment of `chain` for `owner` within the chain's
 * deadline, behind its circuit breaker; never throws: a failure answers the
 * chain and its venues unavailable.
 */
async function readChain(ctx: ChainReadsContext, chain: ReadableChain, owner: Address): Promise<ChainReadResult> {
  const { logger, chainTimeoutMs } = ctx.params
  const started = performance.now()
  const readers = chain.deployments.map((d) => ctx.readersOf(d.protocol)({ chain, deployment: d.deployment, owner }))
  const breaker = ctx.breakers.get(chain.chainId)!
  const unavailable = (error: unknown): ChainReadResult => ({
    read: { chainId: chain.chainId, name: chain.name, status: 'unavailable', error: toVenueError(error) },
    models: [],
    failed: readers.flatMap((r) => r.fail(error)),
  })
  const gate = breaker.tryAcquire()
  // the node failed moments ago: answer at once rather than wait out the deadline again
  if (!gate.allowed) return unavailable(new ChainUnavailableError(chain.chainId, { reason: `its node failed moments ago; it is tried again from ${new Date(gate.retryAt).toISOString()}` }))
  try {
    const { block, read } = await withDeadline(chain.chainId, chainTimeoutMs, () => readAtHead(ctx, chain, owner, readers))
    for (const v of read.unavailable) logger.warn({ chainId: chain.chainId, venue: v.id, code: v.error.code }, 'venue unavailable')
    logger.debug({ chainId: chain.chainId, blockNumber: String(block.blockNumber), ms: performance.now() - started }, 'chain read')
    breaker.succeeded()
    return { read: { chainId: chain.chainId, name: chain.name, status: 'ok', block, ...freshness(ctx, chain, block) }, models: read.models, failed: read.unavailable }
  } catch (error) {
    // the node or its transport failed (not one deployment's reads): stop waiting on it for a while
    if (error instanceof ChainUnavailableError && error.scope === 'node') breaker.failed()
    else breaker.succeeded()
    logger.warn({ err: error, chainId: chain.chainId, ms: performance.now() - started }, 'chain unavailable')
    return unavailable(error)
  }
}

/**
 * The chain's head, fresh or not, and its background jobs: ready when the
 * head is fresh and every job has caught up once (never throws: an
 * unreadable head is not ready, with its error).
 */
async function chainReadiness(ctx: ChainReadsContext, chain: ReadableChain, allJobs: readonly BackgroundJob[]): Promise<ChainReadiness> {
  const jobs = allJobs.filter((j) => j.chainId === chain.chainId).map((j) => ({ name: j.name, ...j.status() }))
  const jobsDone = jobs.every((j) => j.complete)
  try {
    const block = await withDeadline(chain.chainId, ctx.params.chainTimeoutMs, () => latestBlock(ctx, chain))
    const { headAgeSeconds, stale } = freshness(ctx, chain, block)
    return { chainId: chain.chainId, name: chain.name, ready: !stale && jobsDone, blockNumber: block.blockNumber, headAgeSeconds, stale, error: null, jobs }
  } catch (error) {
    return { chainId: chain.chainId, name: chain.name, ready: false, blockNumber: null, headAgeSeconds: null, stale: false, error: toVenueError(error), jobs }
  }
}

/**
 * The chain's latest block, with the endpoint's chain id checked in the
 * same HTTP batch (one request; concurrent reads share it, and it is kept
 * `headTtlMs`).
 * @throws ChainUnavailableError when the head cannot be read or the endpoint serves another chain.
 */
function latestBlock(ctx: ChainReadsContext, chain: ReadableChain): Promise<BlockRef> {
  const { wagmi } = ctx
  return ctx.heads.get(String(chain.chainId), async () => {
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

/** Head age (seconds) and staleness of `block` (see headFreshness), remembering the highest head seen. */
function freshness(ctx: ChainReadsContext, chain: ReadableChain, block: BlockRef): { headAgeSeconds: number; stale: boolean } {
  const highest = ctx.highestHead.get(chain.chainId)
  if (highest === undefined || block.blockNumber > highest) ctx.highestHead.set(chain.chainId, block.blockNumber)
  return headFreshness(block, chain.maxHeadAgeSeconds, highest ?? null)
}

/**
 * The chain's venues at its latest block (one read per chain, block and
 * owner: repeated and concurrent queries at the same block share it; a read
 * with a failed deployment is not kept). A head reorganized away between
 * the head read and the multicall is read anew once.
 * @throws ChainUnavailableError when the head cannot be read, or what the read throws.
 */
async function readAtHead(ctx: ChainReadsContext, chain: ReadableChain, owner: Address, readers: readonly VenueReader[]): Promise<{ block: BlockRef; read: VenueReads }> {
  const readAt = (block: BlockRef) =>
    ctx.reads.get(`${chain.chainId}:${block.blockHash}:${owner.toLowerCase()}`, () => readVenues(createChainReader(ctx.wagmi, block), readers), (r) => r.unavailable.length === 0)
  let block = await latestBlock(ctx, chain)
  try {
    return { block, read: await readAt(block) }
  } catch (error) {
    if (!(error instanceof BlockUnavailableError)) throw error
    ctx.heads.delete(String(chain.chainId))
    block = await latestBlock(ctx, chain)
    return { block, read: await readAt(block) }
  }
}

/** Each chain protocol's reader factory, made once per engine so its metadata cache (and its background jobs' indexes) live across reads. */
function createReaderFactories(env?: ChainProtocolEnvironment): (protocol: ChainProtocol<unknown>) => ReaderFactory<unknown> {
  const factories = new Map<ChainProtocol<unknown>, ReaderFactory<unknown>>()
  return (protocol) => {
    let factory = factories.get(protocol)
    if (!factory) {
      factory = protocol.createReaders(env)
      factories.set(protocol, factory)
    }
    return factory
  }
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

/**
 * `run`, or ChainUnavailableError once `ms` have passed.
 * @throws ChainUnavailableError at the deadline, or what `run` throws.
 */
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
 * demand), or below `highestSeen`, a head this server already saw (a node
 * serving an old block after a newer one), bound or not.
 */
function headFreshness(block: BlockRef, maxHeadAgeSeconds: number | null, highestSeen: bigint | null): { headAgeSeconds: number; stale: boolean } {
  const headAgeSeconds = Math.max(0, Math.floor(Date.now() / 1000) - Number(block.timestamp))
  const wentBack = highestSeen !== null && block.blockNumber < highestSeen
  return { headAgeSeconds, stale: wentBack || (maxHeadAgeSeconds !== null && headAgeSeconds > maxHeadAgeSeconds) }
}
