import type { Address } from 'viem'
import type { UnavailableVenue } from '../../../domain/venue.js'
import { VenueApiUnavailableError } from '../../../errors/index.js'
import { toVenueError } from '../../../errors/publicCode.js'
import type { ApiSourceLabel, ApiVenueReader } from '../../../read/apiVenueReader.js'
import { LIGHTER_MARKET, lighterOwnerVenueId, toLighterVenueModels } from '../model/toLighterVenueModels.js'
import {
  LIGHTER_ACCOUNT_NOT_FOUND_CODE,
  lighterAccountsResponseSchema,
  lighterErrorSchema,
  lighterOrderBookDetailsSchema,
  type LighterAccount,
  type LighterMarket,
} from './lighterSchemas.js'

/** How long fetched market details are reused, ms (margin fractions change by governance). */
const MARKETS_TTL_MS = 10 * 60 * 1000

export type LighterReaderParameters = {
  /** The API's base URL without `/api/v1`, e.g. https://mainnet.zklighter.elliot.ai. */
  readonly baseUrl: string
  readonly sourceLabel: ApiSourceLabel
  /** Time limit of one read, ms (default 10 000); the caller's `signal` still applies. */
  readonly timeoutMs?: number
}

/** The API a reader asks: its base (no trailing slash) and one read's time limit, ms. */
type LighterApi = { readonly base: string; readonly timeoutMs: number }

/**
 * Reads an owner's Lighter accounts (the owner's EVM address is the accounts'
 * L1 address): `GET {base}/api/v1/account?by=l1_address&value={owner}` for the
 * master account and every sub-account with their positions and collateral
 * (apidocs.lighter.xyz, account), and, when a position is open,
 * `GET {base}/api/v1/orderBookDetails` for the markets' margin fractions
 * (cached for MARKETS_TTL_MS). An address with no account (Lighter's code
 * 21100, or an empty list) is an empty answer. Any failure of the API
 * (timeout, HTTP error, malformed or unexpected JSON, a position on a market
 * the details do not list) degrades only Lighter: one unavailable venue for
 * the owner carrying CHAIN_UNAVAILABLE.
 */
export function createLighterReader(p: LighterReaderParameters): ApiVenueReader {
  const api: LighterApi = { base: p.baseUrl.replace(/\/+$/, ''), timeoutMs: p.timeoutMs ?? 10_000 }
  let markets: { value: ReadonlyMap<number, LighterMarket>; at: number } | null = null
  return {
    key: 'lighter',
    async read({ owner, signal }) {
      const timeout = AbortSignal.timeout(api.timeoutMs)
      const both = AbortSignal.any([signal, timeout])
      const accounts = await fetchLighterAccounts(api, owner, both, timeout)
      const open = accounts.some((a) => a.positions.some((pos) => pos.position !== 0))
      if (open && (!markets || Date.now() - markets.at > MARKETS_TTL_MS)) {
        markets = { value: await fetchLighterMarkets(api, both, timeout), at: Date.now() }
      }
      const byId = markets?.value ?? new Map<number, LighterMarket>()
      const marketOf = (marketId: number): LighterMarket => {
        const m = byId.get(marketId)
        if (!m) throw new VenueApiUnavailableError('Lighter', { reason: `orderBookDetails lists no market ${marketId}` })
        return m
      }
      const observedAt = BigInt(Math.floor(Date.now() / 1000))
      return { models: toLighterVenueModels({ owner, accounts, marketOf, label: p.sourceLabel(owner), observedAt }), unavailable: [] }
    },
    fail: ({ owner }, error) => [unavailableLighterVenue(owner, error)],
  }
}

/**
 * GETs a JSON body from the API: its HTTP status and parsed body.
 * @throws VenueApiUnavailableError saying whether the API timed out, the read was aborted, or it answered malformed JSON.
 */
async function getLighterJson(api: LighterApi, path: string, what: string, signal: AbortSignal, timeout: AbortSignal): Promise<{ status: number; body: unknown }> {
  try {
    const res = await fetch(`${api.base}${path}`, { headers: { accept: 'application/json' }, signal })
    const text = await res.text()
    let body: unknown = null
    try {
      body = JSON.parse(text)
    } catch (cause) {
      if (res.ok) throw cause
    }
    return { status: res.status, body }
  } catch (cause) {
    const reason = timeout.aborted
      ? `the API did not answer ${what} within ${api.timeoutMs} ms`
      : signal.aborted
        ? `the read of ${what} was aborted`
        : cause instanceof SyntaxError
          ? `the API answered malformed JSON for ${what}`
          : `the API did not answer ${what}`
    throw new VenueApiUnavailableError('Lighter', { reason, cause })
  }
}

/**
 * Every account of an L1 address; empty when Lighter has none.
 * @throws VenueApiUnavailableError on an HTTP error other than "account not found" or an unexpected shape.
 */
async function fetchLighterAccounts(api: LighterApi, owner: Address, signal: AbortSignal, timeout: AbortSignal): Promise<LighterAccount[]> {
  const { status, body } = await getLighterJson(api, `/api/v1/account?by=l1_address&value=${owner}`, 'the accounts', signal, timeout)
  const error = lighterErrorSchema.safeParse(body)
  if (error.success && error.data.code === LIGHTER_ACCOUNT_NOT_FOUND_CODE) return []
  if (status < 200 || status >= 300) throw new VenueApiUnavailableError('Lighter', { reason: `the API answered HTTP ${status} for the accounts` })
  const parsed = lighterAccountsResponseSchema.safeParse(body)
  if (!parsed.success) throw unexpected('accounts', parsed.error.issues[0]?.path)
  if (parsed.data.code !== 200) throw new VenueApiUnavailableError('Lighter', { reason: `the API answered code ${parsed.data.code} for the accounts` })
  return parsed.data.accounts
}

/**
 * The perp markets by `market_id`.
 * @throws VenueApiUnavailableError on an HTTP error or an unexpected shape.
 */
async function fetchLighterMarkets(api: LighterApi, signal: AbortSignal, timeout: AbortSignal): Promise<ReadonlyMap<number, LighterMarket>> {
  const { status, body } = await getLighterJson(api, '/api/v1/orderBookDetails', 'the order book details', signal, timeout)
  if (status < 200 || status >= 300) throw new VenueApiUnavailableError('Lighter', { reason: `the API answered HTTP ${status} for the order book details` })
  const parsed = lighterOrderBookDetailsSchema.safeParse(body)
  if (!parsed.success) throw unexpected('order book details', parsed.error.issues[0]?.path)
  return new Map(parsed.data.order_book_details.map((m) => [m.market_id, m]))
}

/** The error for an answer that does not have the expected shape, naming where it differs. */
function unexpected(what: string, path: readonly PropertyKey[] | undefined): VenueApiUnavailableError {
  return new VenueApiUnavailableError('Lighter', { reason: `the API answered unexpected ${what} (${(path ?? []).map(String).join('.')})` })
}

/** The venue an owner's failed read answers, carrying the error. */
function unavailableLighterVenue(owner: Address, error: unknown): UnavailableVenue {
  return {
    status: 'unavailable',
    id: lighterOwnerVenueId(owner),
    protocol: 'LIGHTER',
    chainId: null,
    account: owner,
    market: LIGHTER_MARKET,
    protocolVersion: 'v1',
    error: toVenueError(error),
  }
}
