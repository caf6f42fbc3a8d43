import { BaseError } from './BaseError.js'

export { BaseError } from './BaseError.js'

/** An owner argument that is not a 20-byte hex address. */
export class InvalidAddressError extends BaseError {
  override name = 'InvalidAddressError'
  constructor(readonly value: string) {
    super(`"${truncate(value)}" is not an address: expected 0x followed by 40 hex characters.`)
  }
}

/** A chain id the server is not configured to read. */
export class UnknownChainError extends BaseError {
  override name = 'UnknownChainError'
  constructor(
    readonly chainId: number,
    readonly configuredChainIds: readonly number[],
  ) {
    super(`Chain ${chainId} is not configured. Configured chain ids: ${configuredChainIds.join(', ')}.`)
  }
}

/**
 * A chain's node failed, timed out or answered something unusable; its venues
 * degrade. `scope`: `node` when the node or transport failed (every venue of
 * the chain), `read` when one deployment's own read reverted (its venues only).
 */
export class ChainUnavailableError extends BaseError {
  override name = 'ChainUnavailableError'
  readonly scope: 'node' | 'read'
  constructor(
    readonly chainId: number,
    args: { reason: string; cause?: unknown; scope?: 'node' | 'read' },
  ) {
    super(`Chain ${chainId} could not be read: ${args.reason}.`, { cause: args.cause })
    this.scope = args.scope ?? 'node'
  }
}

/** A deployment runs a protocol version whose storage or rules this adapter does not read exactly. */
export class UnsupportedProtocolVersionError extends BaseError {
  override name = 'UnsupportedProtocolVersionError'
  constructor(
    readonly protocol: string,
    readonly version: string,
    readonly supported: readonly string[],
  ) {
    super(
      `${protocol} ${version} is not read exactly by this version of xmargin (reads: ${supported.join(', ')}).`,
    )
  }
}

/** Server configuration that fails validation at boot. */
export class ConfigError extends BaseError {
  override name = 'ConfigError'
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`Invalid configuration ${key}: ${reason}`)
  }
}

/** The local devnet could not be started, deployed or driven. */
export class DevnetError extends BaseError {
  override name = 'DevnetError'
  constructor(message: string, args: { cause?: unknown; details?: string } = {}) {
    super(message, args)
  }
}

/** A value a user sent that is well-formed but outside what the engine accepts. */
export class InvalidArgumentError extends BaseError {
  override name = 'InvalidArgumentError'
  constructor(
    readonly argument: string,
    reason: string,
  ) {
    super(`Invalid argument ${argument}: ${reason}`)
  }
}

function truncate(value: string): string {
  return value.length > 64 ? `${value.slice(0, 61)}...` : value
}

/** A venue's HTTP API (Hyperliquid info, dYdX indexer) failed, timed out or answered something unusable; its venues degrade. */
export class VenueApiUnavailableError extends BaseError {
  override name = 'VenueApiUnavailableError'
  constructor(
    readonly venue: string,
    args: { reason: string; cause?: unknown },
  ) {
    super(`${venue} could not be read: ${args.reason}.`, { cause: args.cause })
  }
}

/** A linked account the venue does not know (e.g. a dYdX address with no subaccount). */
export class LinkedAccountNotFoundError extends BaseError {
  override name = 'LinkedAccountNotFoundError'
  constructor(
    readonly venue: string,
    readonly accountId: string,
    hint: string,
  ) {
    super(`${venue} account ${accountId.slice(0, 64)} was not found: ${hint}`)
  }
}

/**
 * A venue's data cannot be used for now (a price source answered nothing
 * usable, a value the venue's own arithmetic would divide by is 0): that
 * venue is answered unavailable (CHAIN_UNAVAILABLE) and read again next time.
 * Protocols subclass it with their own message.
 */
export class VenueDataUnavailableError extends BaseError {
  override name = 'VenueDataUnavailableError'
}

/**
 * A protocol's index of a chain (e.g. every market, found from the chain's
 * logs) has not caught up yet: positions outside what it holds are not
 * shown. Answered as its own unavailable entry, MARKET_INDEX_INCOMPLETE,
 * beside the venues that were read, so the gap is never silent.
 */
export class MarketIndexIncompleteError extends BaseError {
  override name = 'MarketIndexIncompleteError'
}

/**
 * Values read together that do not fit together (a response whose parts do
 * not pair up): a bug or a broken node, answered INTERNAL_SERVER_ERROR and
 * logged in full. Protocols subclass it with their own message.
 */
export class InconsistentReadError extends BaseError {
  override name = 'InconsistentReadError'
}

/**
 * A request whose expensive part costs more than the server allows, in
 * evaluations (Monte Carlo: paths × (steps × position legs + 32 × option legs); caller scenarios:
 * scenarios × venues), like a public API's per-query point budget.
 */
export class CostLimitExceededError extends BaseError {
  override name = 'CostLimitExceededError'
  constructor(
    readonly evaluations: number,
    readonly maxEvaluations: number,
    /** Subject and verb, e.g. `This Monte Carlo run needs`. */
    readonly what: string = 'This Monte Carlo run needs',
    readonly unit: string = 'paths × (steps × position legs + 32 × option legs)',
    readonly hint: string = 'Ask for fewer paths or steps.',
  ) {
    super(`${what} ${evaluations.toLocaleString('en-US')} evaluations (${unit}); this server allows ${maxEvaluations.toLocaleString('en-US')}. ${hint}`)
  }
}

/** Every Monte Carlo worker is busy and the queue is full: the request is refused rather than left waiting. */
export class ServerBusyError extends BaseError {
  override name = 'ServerBusyError'
  constructor(readonly queued: number) {
    super(`The server is running as many Monte Carlo simulations as it queues (${queued}); retry in a few seconds.`)
  }
}

/** The server, or one WebSocket connection, holds as many live subscriptions as it allows. */
export class SubscriptionLimitError extends BaseError {
  override name = 'SubscriptionLimitError'
  constructor(readonly limit: number, readonly scope: 'server' | 'connection') {
    super(
      scope === 'server'
        ? `This server holds as many live subscriptions as it allows (${limit}); retry later.`
        : `One connection may hold at most ${limit} subscriptions; end one first or open another connection.`,
    )
  }
}

/** An RPC endpoint that serves another chain than the one it is configured for: refused, never mixed in. */
export class WrongChainIdError extends BaseError {
  override name = 'WrongChainIdError'
  constructor(
    readonly expectedChainId: number,
    readonly servedChainId: number,
  ) {
    super(`The node configured for chain ${expectedChainId} serves chain ${servedChainId}; its answers are not used. Check RPC_URL_${expectedChainId}.`)
  }
}

/** A state the code rules out turned up anyway (a bug): answered INTERNAL_SERVER_ERROR, logged in full. */
export class InternalInvariantError extends BaseError {
  override name = 'InternalInvariantError'
  constructor(what: string) {
    super(`Internal invariant broken: ${what}.`)
  }
}

/** The node no longer (or not yet) knows the block a read was pinned to: a reorg, or a lagging node behind a load balancer. */
export class BlockUnavailableError extends ChainUnavailableError {
  override name = 'BlockUnavailableError'
  constructor(chainId: number, cause: unknown) {
    super(chainId, { reason: 'the block it was read at left the canonical chain (a reorg) or is unknown to the node', cause })
  }
}
