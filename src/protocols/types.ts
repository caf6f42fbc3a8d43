import type { Logger } from 'pino'
import type { Address, Hex } from 'viem'
import type { z } from 'zod'
import type { RpcLog } from '../read/readPlan.js'
import type { Resolvers } from '../graphql/generated/resolvers.js'
import type { ApiSourceLabel, ApiVenueReader } from '../read/apiVenueReader.js'
import type { VenueReader } from '../read/venueReader.js'

/**
 * The contract every protocol fulfils: one object per protocol, exported by
 * its folder's `index.ts` and listed once in `registry.ts`. Shared code (the
 * services, the GraphQL layer, the chain list) reaches a protocol only through
 * these fields and never names one.
 */

/** A chain as a protocol's reader sees it. */
export type ChainContext = {
  readonly chainId: number
  /** The chain's configuration key, e.g. `ethereum`. */
  readonly key: string
  /** Multicall3 on the chain (the reads' timestamp comes from its getCurrentBlockTimestamp). */
  readonly multicall3: Address
  /** Heartbeat of an asset's price feed, seconds (older is stale); null when unknown. */
  readonly heartbeatOf: (symbol: string, asset: Address) => number | null
}

/** A protocol's part of the public GraphQL contract: its SDL (extending `Protocol`, `Venue`, …) and the resolvers of its fields. */
export type ProtocolGraphql = {
  readonly typeDefs: string
  readonly resolvers: Resolvers
}

/** Fields every protocol has. */
type ProtocolBase = {
  /** Stable key: the prefix of its venue ids and its name in configuration, e.g. `aave-v3`. */
  readonly key: string
  /** Its public `Protocol` enum value, e.g. `AAVE_V3`. */
  readonly protocol: string
  /** Its name for people, e.g. `Aave V3`. */
  readonly name: string
  readonly graphql: ProtocolGraphql
}

/**
 * A protocol whose venues are contracts on EVM chains. `D` is one deployment
 * on one chain (its addresses and what a read needs). Reads follow the
 * fetch/pure seam of `@morpho-org/blue-sdk-viem` → `@morpho-org/blue-sdk`: a
 * reader plans its share of the chain's one multicall at one pinned block and
 * decodes plain state; a pure function turns that state into venue models.
 */
export type ChainProtocol<D> = ProtocolBase & {
  readonly kind: 'chain'
  /** One deployment as a chain list file gives it (see config/chainsFile.ts). */
  readonly deploymentSchema: z.ZodType<D>
  /** The deployments published for a chain (its mainnet addresses, each with its source); empty where none. */
  publishedDeployments(chainId: number): readonly D[]
  /**
   * A reader factory for one server: it holds the protocol's cache of
   * slow-changing metadata across reads. With `env` (the server passes it;
   * a bare read may not), the factory may also start background jobs.
   */
  createReaders(env?: ChainProtocolEnvironment): ReaderFactory<D>
}

/**
 * One server's reader factory of a chain protocol: a reader per owner and
 * deployment, and, where the protocol keeps an index of the chain (e.g.
 * markets discovered from its logs), `start`, which the server calls once
 * per deployment it reads, before serving.
 */
export type ReaderFactory<D> = ((p: { readonly chain: ChainContext; readonly deployment: D; readonly owner: Address }) => VenueReader) & {
  start?(p: { readonly chain: ChainContext; readonly deployment: D }): BackgroundJob | null
}

/** What the server lends a protocol's background jobs. */
export type ChainProtocolEnvironment = {
  /** The chain's logs and head, through its configured transport. */
  readonly logs: (chainId: number) => ChainLogReader
  /** A directory to persist indexes in (created on demand), or null: keep them in memory only. */
  readonly dataDir: string | null
  readonly logger: Logger
}

/** A chain's logs and head for background jobs (not pinned: they follow the chain). */
export type ChainLogReader = {
  /** The latest block number. @throws ChainUnavailableError when the node fails. */
  blockNumber(): Promise<bigint>
  /** The block's hash, or null when the node does not have it (reorganized away, or ahead of its head). @throws ChainUnavailableError when the node fails. */
  blockHash(blockNumber: bigint): Promise<Hex | null>
  /**
   * `eth_getLogs` of `address` with `topics` over [fromBlock, toBlock].
   * @throws ChainUnavailableError when the node fails; its `reason` carries
   *   the node's words, so a caller can tell "range too large" apart.
   */
  getLogs(p: { readonly address: Address; readonly topics: readonly Hex[]; readonly fromBlock: bigint; readonly toBlock: bigint }): Promise<readonly RpcLog[]>
}

/** A protocol's background job (e.g. building an index from logs), as `/readyz` and the logs report it. */
export type BackgroundJob = {
  /** E.g. `morpho-blue market index`. */
  readonly name: string
  readonly chainId: number
  status(): BackgroundJobStatus
  /** Stops it (timers and requests in flight are abandoned). */
  stop(): void
}

/** Where a background job stands. `complete`: it caught up with the chain at least once (readers rely on it). */
export type BackgroundJobStatus = {
  readonly complete: boolean
  /** Share done, 0..1. */
  readonly progress: number
  /** For people, e.g. `1,204 markets; blocks 18,883,124..19,402,000 of 21,000,000`. */
  readonly detail: string
  /** The last error, for people, or null. */
  readonly lastError: string | null
}

/** A protocol read over its own HTTP API (no EVM chain): perps venues. */
export type ApiProtocol = ProtocolBase & {
  readonly kind: 'api'
  /** The venue's public endpoint, the environment variable that overrides it (`off` disables the venue), and where it is documented. */
  readonly endpoint: { readonly defaultUrl: string; readonly envVar: string; readonly source: string }
  /**
   * Accounts the owner's EVM address does not identify (e.g. a `dydx1…`
   * address): the `LinkedVenue` enum value the caller names them by, and the
   * check of an id. Absent: the venue is read for the owner's address.
   * `validate` throws InvalidArgumentError for an id that is not the venue's.
   */
  readonly linkedAccounts?: { readonly venue: string; validate(id: string): void }
  /** A reader of the venue at `url`; `sourceLabel` says whether its answers are live or replayed recordings. */
  createReader(p: { readonly url: string; readonly sourceLabel: ApiSourceLabel; readonly timeoutMs: number }): ApiVenueReader
}

/** Any protocol. */
export type Protocol = ChainProtocol<unknown> | ApiProtocol

/**
 * Declares a chain protocol, keeping its deployment type inside: the server
 * passes a protocol only deployments that came from its own
 * `deploymentSchema` or `publishedDeployments`.
 */
export function defineChainProtocol<D>(protocol: ChainProtocol<D>): ChainProtocol<unknown> {
  return protocol as unknown as ChainProtocol<unknown>
}
