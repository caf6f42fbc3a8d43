import type { Address } from 'viem'
import type { Portfolio } from '../domain/portfolio.js'
import type { RiskProfileInput } from './validateRiskProfile.js'
import type { VenueAction } from '../domain/simulation.js'
import type { LinkedAccount } from '../adapters/apiVenueReader.js'
import type { MonteCarloParameters, MonteCarloResult } from '../domain/monteCarlo.js'

export type { LinkedAccount } from '../adapters/apiVenueReader.js'

export type GetPortfolioParameters = {
  readonly owner: Address
  /** Chains to read; all configured chains (and perps venues) when omitted. */
  readonly chainIds?: readonly number[] | undefined
  /** Accounts on venues not derivable from the owner (dYdX v4 addresses). */
  readonly accounts?: readonly LinkedAccount[] | undefined
  /** Scan ranges for the stress grid, overriding the sourced defaults per factor (fractions, 0 < r ≤ 1). */
  readonly scanRanges?: readonly { readonly riskFactor: string; readonly scanRange: number }[] | undefined
  /** Risk profile for the statistical views (default: the sourced profile). */
  readonly riskProfile?: RiskProfileInput | undefined
  /** Horizon of the statistical views, days (default 1, at most 365). */
  readonly horizonDays?: number | undefined
  /** The caller's scenarios: relative moves per factor (−0.3 = −30%, never below −1). */
  readonly scenarios?: readonly { readonly name: string; readonly moves: readonly { readonly riskFactor: string; readonly move: number }[] }[] | undefined
}

export type SimulatePortfolioParameters = GetPortfolioParameters & {
  readonly actions?: readonly VenueAction[] | undefined
  /** Price overrides: relative moves per factor applied before the actions. */
  readonly priceMoves?: readonly { readonly riskFactor: string; readonly move: number }[] | undefined
}

/** A chain the server is configured to read. */
export type ConfiguredChain = { readonly chainId: number; readonly name: string; readonly key: string }

/**
 * What the GraphQL layer needs from the engine. Implementations do the I/O;
 * resolvers only map arguments and shape output.
 */
export interface PortfolioService {
  /**
   * Reads every venue of `owner` on the requested chains and computes the
   * margin views.
   * @throws UnknownChainError when a chain id is not configured.
   */
  get(params: GetPortfolioParameters): Promise<Portfolio>
  /**
   * What-if: the same answer after hypothetical actions and price moves on the
   * current state; no transaction is sent.
   * @throws InvalidArgumentError for an action a venue cannot take.
   */
  simulate(params: SimulatePortfolioParameters): Promise<Portfolio>
  /**
   * Monte Carlo VaR, expected shortfall and liquidation odds of an answer this
   * service gave (`get` or `simulate`), off the event loop.
   * @throws InvalidArgumentError for a bad argument or a portfolio this
   *   service did not produce; CostLimitExceededError past the cost limit;
   *   ServerBusyError when the simulation queue is full.
   */
  monteCarlo(portfolio: Portfolio, params: MonteCarloParameters): Promise<MonteCarloResult>
  /** The chains this server reads. */
  chains(): readonly ConfiguredChain[]
  /**
   * Whether every configured chain answers with a fresh head (for `/readyz`):
   * each chain's latest block within the chain deadline, and not older than
   * its expected bound.
   */
  readiness(): Promise<Readiness>
  /** Starts the Monte Carlo worker threads ahead of the first request (a first request starts them anyway). */
  warmUp(): Promise<void>
  /** Releases what the service holds (Monte Carlo worker threads). */
  close(): Promise<void>
}

/** One chain's readiness. `headAgeSeconds`: wall clock − latest block timestamp. */
export type ChainReadiness = {
  readonly chainId: number
  readonly name: string
  readonly ready: boolean
  readonly blockNumber: bigint | null
  readonly headAgeSeconds: number | null
  readonly stale: boolean
  /** Public error code and message when the head could not be read. */
  readonly error: { readonly code: string; readonly message: string } | null
}

/** The server's readiness: ready when every chain is. */
export type Readiness = { readonly ready: boolean; readonly chains: readonly ChainReadiness[] }
