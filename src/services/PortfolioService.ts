import type { Address } from 'viem'
import type { Portfolio, PortfolioViewRequest } from '../domain/portfolio.js'
import type { RiskProfileInput } from './validateRiskProfile.js'
import type { VenueAction } from '../domain/simulation.js'
import type { LinkedAccount } from '../read/apiVenueReader.js'
import type { BackgroundJobStatus } from '../protocols/types.js'

export type { LinkedAccount } from '../read/apiVenueReader.js'

export type GetPortfolioParameters = {
  readonly owner: Address
  /**
   * EVM chains to read. A request that names `chainIds` or `apiVenues` reads
   * only what it names; with neither, every configured chain and API venue.
   */
  readonly chainIds?: readonly number[] | undefined
  /** Venues read over an API, by their public `Protocol` value; see `chainIds`. */
  readonly apiVenues?: readonly string[] | undefined
  /** Accounts on venues not derivable from the owner (e.g. a perps venue's own account ids); read whatever the selection says. */
  readonly accounts?: readonly LinkedAccount[] | undefined
  /** Scan ranges for the stress grid, overriding the sourced defaults per factor (fractions, 0 < r ≤ 1). */
  readonly scanRanges?: readonly { readonly riskFactor: string; readonly scanRange: number }[] | undefined
  /** Risk profile for the statistical views (default: the server's). */
  readonly riskProfile?: RiskProfileInput | undefined
  /** Horizon of the statistical views, days (default 1, at most 365). */
  readonly horizonDays?: number | undefined
  /** The caller's scenarios: relative moves per factor (−0.3 = −30%, never below −1). */
  readonly scenarios?:
    | readonly {
        readonly name: string
        readonly moves: readonly { readonly riskFactor: string; readonly move: number }[]
        /** Relative shifts of the option legs' implied volatility per factor (0.5: vol × 1.5). */
        readonly volatilityShifts?: readonly { readonly riskFactor: string; readonly move: number }[] | null | undefined
      }[]
    | undefined
  /**
   * Option legs held elsewhere or considered as a hedge (at most 20): strike
   * and forward USD per unit, size signed units, expiry an ISO-8601
   * date-time, volatilities annualized fractions (flat, or a smile by strike),
   * rate continuous per year. They enter the wallet-level views only.
   */
  readonly optionLegs?:
    | readonly {
        readonly id?: string | null | undefined
        readonly riskFactor: string
        readonly right: 'CALL' | 'PUT'
        readonly strike: number
        readonly expiry: string
        readonly size: number
        readonly impliedVolatility?: number | null | undefined
        readonly smile?: readonly { readonly strike: number; readonly impliedVolatility: number }[] | null | undefined
        readonly forward?: number | null | undefined
        readonly rate?: number | null | undefined
      }[]
    | undefined
  /** SPAN parameter overrides of the portfolio-margin view: relative volatility scan ranges, short option minimum rates (fractions), the extreme-move pair. */
  readonly portfolioMargin?:
    | {
        readonly volatilityScanRanges?: readonly { readonly riskFactor: string; readonly up: number; readonly down: number }[] | null | undefined
        readonly shortOptionMinimumRates?: readonly { readonly riskFactor: string; readonly rate: number }[] | null | undefined
        readonly extremeMove?: { readonly multiple: number; readonly coverFraction: number } | null | undefined
      }
    | undefined
  /** A protective put to size: strike USD per unit, expiry ISO-8601, volatility annualized, the bound on the worst stress loss USD, rate continuous per year. */
  readonly hedge?:
    | { readonly riskFactor: string; readonly strike: number; readonly expiry: string; readonly impliedVolatility: number; readonly maxLossUsd: number; readonly rate?: number | null | undefined }
    | undefined
  /** The views to compute beside the read (none when omitted). */
  readonly views?: PortfolioViewRequest | undefined
}

export type SimulatePortfolioParameters = GetPortfolioParameters & {
  readonly actions?: readonly VenueAction[] | undefined
  /** Price overrides: relative moves per factor applied before the actions. */
  readonly priceMoves?: readonly { readonly riskFactor: string; readonly move: number }[] | undefined
}

/** A chain the server is configured to read. */
export type ConfiguredChain = { readonly chainId: number; readonly name: string; readonly key: string }

/** A venue the server reads over its own API: its public `Protocol` value and name, and whether its accounts must be linked. */
export type ConfiguredApiVenue = { readonly protocol: string; readonly name: string; readonly needsLinkedAccount: boolean }

/**
 * What the GraphQL layer needs from the engine. Implementations do the I/O;
 * resolvers only map arguments and shape output.
 */
export interface PortfolioService {
  /**
   * Reads every venue of `owner` on the selected chains and API venues, and
   * computes the margin views and the requested ones (`views`).
   * @throws UnknownChainError when a chain id is not configured;
   *   InvalidArgumentError for another argument the engine refuses.
   */
  get(params: GetPortfolioParameters): Promise<Portfolio>
  /**
   * What-if: the same answer after hypothetical actions and price moves on the
   * current state; no transaction is sent.
   * @throws InvalidArgumentError for an action a venue cannot take.
   */
  simulate(params: SimulatePortfolioParameters): Promise<Portfolio>
  /** The chains this server reads. */
  chains(): readonly ConfiguredChain[]
  /** The venues this server reads over their own API. */
  apiVenues(): readonly ConfiguredApiVenue[]
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
  /** The protocols' background jobs on the chain (e.g. a market index): the chain is ready once each has caught up. */
  readonly jobs: readonly ({ readonly name: string } & BackgroundJobStatus)[]
}

/** The server's readiness: ready when every chain is. */
export type Readiness = { readonly ready: boolean; readonly chains: readonly ChainReadiness[] }
