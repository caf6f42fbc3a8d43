/**
 * The typed xmargin client: the documented queries (`src/client/operations/`)
 * over `graphql-request`, with variables and results typed by GraphQL Code
 * Generator from `schema/`. The dashboard and the CLI use it; so can any
 * dashboard or wallet plugin (`import { createXmarginClient } from 'xmargin/client'`).
 *
 * Scalars arrive as JSON carries them: `BigInt` is a base-10 string (parse it
 * with `BigInt(...)`), `Address` an EIP-55 `0x…` string.
 *
 * Subscriptions (WebSocket) are in `xmargin/client/live` (`watchHealth`), so a
 * client that only queries does not load `graphql-ws`.
 */
import { ClientError, GraphQLClient } from 'graphql-request'
import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import {
  ChainsDocument,
  PortfolioDocument,
  PortfolioMarginDocument,
  PortfolioOptionsDocument,
  PortfolioStressDocument,
  ScenarioHealthDocument,
  type ChainsQuery,
  type PortfolioMarginQuery,
  type PortfolioMarginQueryVariables,
  type PortfolioOptionsQuery,
  type PortfolioOptionsQueryVariables,
  type PortfolioQuery,
  type PortfolioQueryVariables,
  type PortfolioStressQuery,
  type PortfolioStressQueryVariables,
  type ScenarioHealthQuery,
} from './generated/operations.js'

export * from './generated/operations.js'

/** The portfolio answer of `Portfolio` (never null: a rejected request throws). */
export type PortfolioView = NonNullable<PortfolioQuery['portfolio']>
/** One venue of `PortfolioView`. */
export type VenueView = PortfolioView['venues'][number]
/** The stress grid of `PortfolioStress`. */
export type StressGridView = NonNullable<PortfolioStressQuery['portfolio']>['stressGrid']
/** The one account's risk-based requirement (SPAN) and the capital it frees, of `PortfolioMargin`. */
export type PortfolioMarginView = NonNullable<NonNullable<PortfolioMarginQuery['portfolio']>['portfolioMargin']>
/** `PortfolioOptions`: the legs valued with the Greeks per factor, the requirement without and with them, and the hedge sizing. */
export type PortfolioOptionsView = NonNullable<PortfolioOptionsQuery['portfolio']>
/** The chains the server reads. */
export type ChainView = ChainsQuery['chains'][number]

/**
 * A failed request, with the server's stable public code (`extensions.code`
 * of its first error, e.g. `BAD_USER_INPUT`, `RATE_LIMITED`), or
 * `NETWORK_ERROR` when no GraphQL answer arrived (server down, refused, timed
 * out), or `EMPTY_RESPONSE` when the field came back null without errors.
 */
export class XmarginClientError extends Error {
  override readonly name = 'XmarginClientError'
  /** Stable code: a server `extensions.code`, `NETWORK_ERROR` or `EMPTY_RESPONSE`. */
  readonly code: string
  /** HTTP status of the answer; undefined when none arrived. */
  readonly status: number | undefined

  constructor(code: string, message: string, status?: number, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
    this.status = status
  }
}

export type XmarginClientOptions = {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  readonly endpoint: string
  /** Extra HTTP headers (e.g. `x-request-id`). */
  readonly headers?: Record<string, string> | undefined
  /** Per-request timeout, ms. Default 60 000 (a cold stress query over several chains can take seconds). */
  readonly timeoutMs?: number | undefined
  /** A `fetch` implementation; default the global one. */
  readonly fetch?: typeof fetch | undefined
}

/** The wallet and venues one query reads (the arguments `portfolio` shares). */
export type WalletSelection = Pick<PortfolioQueryVariables, 'owner' | 'chainIds' | 'accounts'>

/** One point of a venue's health curve. */
export type HealthCurvePoint = {
  /** Relative move of the risk factor: −0.3 = −30%. */
  readonly move: number
  /** The venue's health factor after the move; null when it has no debt (or is unavailable). */
  readonly healthFactor: number | null
  /** Whether the venue can be liquidated after the move. */
  readonly liquidatable: boolean
}

/** A venue's health factor against the move of one risk factor. */
export type VenueHealthCurve = {
  readonly venueId: string
  /** The health factor now (move 0), null with no debt or when unavailable. */
  readonly healthFactor: number | null
  /** `Venue.status` now. */
  readonly status: VenueView['status']
  /** One point per requested move, in the order given. */
  readonly points: readonly HealthCurvePoint[]
  /** The venue's liquidation prices of this risk factor (`changePct`: percent from now). */
  readonly liquidationPrices: readonly { readonly priceUsd: number; readonly changePct: number }[]
}

/** `healthCurve`'s answer. */
export type HealthCurve = {
  readonly riskFactor: string
  readonly moves: readonly number[]
  readonly venues: readonly VenueHealthCurve[]
}

/** Most moves one `healthCurve` call sends (the server takes at most 50 scenarios). */
export const MAX_HEALTH_CURVE_MOVES = 50

/** The client `createXmarginClient` returns. */
export type XmarginClient = {
  readonly endpoint: string
  /** `Chains`: the chains the server reads. */
  chains(): Promise<readonly ChainView[]>
  /** `Portfolio`: venues, per-chain reads, unified health, nearest liquidation, worst stress scenario. */
  portfolio(variables: PortfolioQueryVariables): Promise<PortfolioView>
  /**
   * `PortfolioMargin`: the wallet as one portfolio-margined account (SPAN at the
   * sourced scan ranges), and the capital it would free per venue and in total.
   * A read of its own, so a scan the server refuses fails only this call.
   * @throws XmarginClientError `COST_LIMIT_EXCEEDED` when the scan needs more
   *   scenario evaluations than the server allows (many venues and factors).
   */
  portfolioMargin(variables: PortfolioMarginQueryVariables): Promise<PortfolioMarginView>
  /**
   * `PortfolioOptions`: the option legs (and a put to size, `hedge`) against the
   * wallet: Greeks per factor, the requirement without and with the legs, the sizing.
   * @throws XmarginClientError `BAD_USER_INPUT` naming the leg and field for a leg out of range.
   */
  options(variables: PortfolioOptionsQueryVariables): Promise<PortfolioOptionsView>
  /** `PortfolioStress`: the stress grid (scenarios × venues) and the worst scenario's cascade. */
  stress(variables: PortfolioStressQueryVariables): Promise<StressGridView>
  /**
   * Each venue's health factor as `riskFactor` moves by each of `moves`
   * (relative, −0.5 = −50%; at most `MAX_HEALTH_CURVE_MOVES`), everything else
   * unmoved: the server revalues every venue in its protocol-exact model
   * (`Portfolio.customScenarios`), one scenario per move.
   * @throws XmarginClientError `BAD_USER_INPUT` for an empty or oversized `moves`, or a move below −1.
   */
  healthCurve(variables: WalletSelection & { readonly riskFactor: string; readonly moves: readonly number[] }): Promise<HealthCurve>
  /** Any typed document (e.g. one generated from your own `.graphql` files). */
  request<TResult, TVariables extends Record<string, unknown>>(document: TypedDocumentNode<TResult, TVariables>, variables: TVariables): Promise<TResult>
}

/**
 * Creates a typed client for one xmargin endpoint. Every method throws
 * `XmarginClientError` (with the server's stable code) on failure.
 */
export function createXmarginClient(options: XmarginClientOptions): XmarginClient {
  const timeoutMs = options.timeoutMs ?? 60_000
  const client = new GraphQLClient(options.endpoint, {
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })

  async function request<TResult, TVariables extends Record<string, unknown>>(document: TypedDocumentNode<TResult, TVariables>, variables: TVariables): Promise<TResult> {
    try {
      return await client.request<TResult, TVariables>({ document, variables, signal: AbortSignal.timeout(timeoutMs) } as never)
    } catch (error) {
      throw toClientError(error)
    }
  }

  async function portfolioOf<T>(field: T | null | undefined, name = 'portfolio'): Promise<T> {
    if (field === null || field === undefined) throw new XmarginClientError('EMPTY_RESPONSE', `The server answered no ${name} and no error.`)
    return field
  }

  return {
    endpoint: options.endpoint,
    chains: async () => (await request(ChainsDocument, {})).chains,
    portfolio: async (variables) => portfolioOf((await request(PortfolioDocument, variables)).portfolio),
    portfolioMargin: async (variables) => portfolioOf((await portfolioOf((await request(PortfolioMarginDocument, variables)).portfolio)).portfolioMargin, 'portfolioMargin'),
    options: async (variables) => portfolioOf((await request(PortfolioOptionsDocument, variables)).portfolio),
    stress: async (variables) => (await portfolioOf((await request(PortfolioStressDocument, variables)).portfolio)).stressGrid,
    healthCurve: async ({ riskFactor, moves, ...wallet }) => {
      if (moves.length === 0 || moves.length > MAX_HEALTH_CURVE_MOVES) {
        throw new XmarginClientError('BAD_USER_INPUT', `healthCurve takes 1 to ${MAX_HEALTH_CURVE_MOVES} moves, got ${moves.length}.`)
      }
      const scenarios = moves.map((move, i) => ({ name: `${riskFactor} #${i}`, moves: [{ riskFactor, move }] }))
      const answer = await portfolioOf((await request(ScenarioHealthDocument, { ...wallet, scenarios })).portfolio)
      return healthCurveOf(answer, riskFactor, moves)
    },
    request,
  }
}

/** Shapes `ScenarioHealth`'s answer (one custom scenario per move, in order) into per-venue curves. */
function healthCurveOf(answer: NonNullable<ScenarioHealthQuery['portfolio']>, riskFactor: string, moves: readonly number[]): HealthCurve {
  return {
    riskFactor,
    moves,
    venues: answer.venues.map((venue) => ({
      venueId: venue.id,
      healthFactor: venue.healthFactor,
      status: venue.status,
      points: moves.map((move, i) => {
        const outcome = answer.customScenarios[i]?.venues.find((v) => v.venueId === venue.id)
        return { move, healthFactor: outcome?.healthFactor ?? null, liquidatable: outcome?.liquidatable ?? false }
      }),
      liquidationPrices: (venue.liquidationPrices ?? []).filter((p) => p.riskFactor === riskFactor).map(({ priceUsd, changePct }) => ({ priceUsd, changePct })),
    })),
  }
}

/** Maps whatever `graphql-request` threw to an `XmarginClientError`. */
function toClientError(error: unknown): XmarginClientError {
  if (error instanceof ClientError) {
    const first = error.response.errors?.[0]
    const code = typeof first?.extensions?.['code'] === 'string' ? first.extensions['code'] : 'INTERNAL_SERVER_ERROR'
    return new XmarginClientError(code, first?.message ?? `The server answered HTTP ${error.response.status}.`, error.response.status, { cause: error })
  }
  const message = error instanceof Error ? error.message : String(error)
  return new XmarginClientError('NETWORK_ERROR', `No answer from the xmargin server: ${message}`, undefined, { cause: error })
}
