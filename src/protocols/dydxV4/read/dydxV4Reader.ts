import type { Address } from 'viem'
import type { UnavailableVenue } from '../../../domain/venue.js'
import { InvalidArgumentError, LinkedAccountNotFoundError, VenueApiUnavailableError } from '../../../errors/index.js'
import { toVenueError } from '../../../errors/publicCode.js'
import type { VenueModel } from '../../../risk/venueModel.js'
import type { ApiSourceLabel, ApiVenueReader, LinkedAccount } from '../../../read/apiVenueReader.js'
import { DYDX_V4_MARKET, DYDX_V4_SUBACCOUNT_NUMBER, dydxV4VenueId, toDydxV4VenueModel } from '../model/toDydxV4VenueModel.js'
import {
  dydxV4PerpetualMarketSchema,
  dydxV4PerpetualMarketsResponseSchema,
  dydxV4SubaccountResponseSchema,
  isDydxV4Address,
  type DydxV4PerpetualMarket,
  type DydxV4Subaccount,
} from './dydxV4Schemas.js'

export type DydxV4ReaderParameters = {
  /** The indexer's REST base including `/v4`, e.g. https://indexer.dydx.trade/v4. */
  readonly indexerUrl: string
  readonly sourceLabel: ApiSourceLabel
  /** Time limit of one read, ms (default 10 000); the caller's `signal` still applies. */
  readonly timeoutMs?: number
}

/**
 * Checks a linked account id is a dYdX v4 address (see isDydxV4Address).
 * @throws InvalidArgumentError when it is not.
 */
export function assertDydxV4Address(id: string): void {
  if (!isDydxV4Address(id)) {
    const shown = id.length > 64 ? `${id.slice(0, 61)}...` : id
    throw new InvalidArgumentError('linked', `"${shown}" is not a dYdX v4 address: expected dydx1 followed by 38 lowercase bech32 characters with a valid checksum.`)
  }
}

/** The indexer a reader asks: its REST base (no trailing slash) and one read's time limit, ms. */
type DydxV4Indexer = { readonly base: string; readonly timeoutMs: number }

/**
 * Reads the dYdX v4 subaccounts linked to an owner from the indexer: for
 * each linked `DYDX_V4` account, `GET {indexerUrl}/addresses/{address}/subaccountNumber/0`,
 * and once per read `GET {indexerUrl}/perpetualMarkets` for oracle prices and
 * margin fractions. One venue per subaccount; a failed read degrades only
 * the venues it concerns (a malformed address or a missing subaccount:
 * BAD_USER_INPUT; the indexer failing or answering something unusable:
 * CHAIN_UNAVAILABLE for chain 0).
 *
 * Open-interest margin fraction: not applied. The markets endpoint gives the
 * base IMF and the caps; the protocol raises the IMF above the base only
 * while a market's open notional is past its lower cap, and only for the
 * initial requirement (new risk, withdrawals). Liquidation uses the
 * maintenance fraction, which derives from the base IMF, and the indexer's
 * own `freeCollateral` uses the base IMF too (comlink getMarginFraction), so
 * the base IMF keeps xmargin comparable with the venue's figures.
 * `dydxV4EffectiveInitialMarginFraction` computes the effective one.
 */
export function createDydxV4Reader(p: DydxV4ReaderParameters): ApiVenueReader {
  const indexer: DydxV4Indexer = { base: p.indexerUrl.replace(/\/+$/, ''), timeoutMs: p.timeoutMs ?? 10_000 }
  return {
    key: 'dydx-v4',
    read: ({ owner, linked, signal }) => readDydxV4Venues(indexer, p.sourceLabel, owner, linked, signal),
    fail: ({ owner, linked }, error) => [...new Set(linked.filter((l: LinkedAccount) => l.venue === 'DYDX_V4').map((l) => l.id))].map((id) => unavailableDydxV4Venue(owner, id, error)),
  }
}

/**
 * One read: the owner's linked `DYDX_V4` addresses checked, then each valid
 * one's subaccount fetched beside the markets (fetched once) and modelled;
 * an address that fails answers an unavailable venue, the others are unaffected.
 */
async function readDydxV4Venues(
  indexer: DydxV4Indexer,
  sourceLabel: ApiSourceLabel,
  owner: Address,
  linked: readonly LinkedAccount[],
  signal: AbortSignal,
): Promise<{ models: VenueModel[]; unavailable: UnavailableVenue[] }> {
  const addresses = [...new Set(linked.filter((l) => l.venue === 'DYDX_V4').map((l) => l.id))]
  const unavailable: UnavailableVenue[] = []
  const valid: string[] = []
  for (const id of addresses) {
    try {
      assertDydxV4Address(id)
      valid.push(id)
    } catch (error) {
      unavailable.push(unavailableDydxV4Venue(owner, id, error))
    }
  }
  if (valid.length === 0) return { models: [], unavailable }
  const timeout = AbortSignal.timeout(indexer.timeoutMs)
  const both = AbortSignal.any([signal, timeout])
  const markets = fetchDydxV4Markets(indexer, both, timeout)
  markets.catch(() => undefined) // awaited per venue below; never an unhandled rejection
  const results = await Promise.all(
    valid.map(async (address) => {
      try {
        const sub = await fetchDydxV4Subaccount(indexer, address, both, timeout)
        const observedAt = BigInt(Math.floor(Date.now() / 1000))
        const byTicker = await markets
        return toDydxV4VenueModel({ owner, subaccount: sub, marketOf: (ticker) => dydxV4MarketOf(byTicker, ticker), label: sourceLabel(address), observedAt })
      } catch (error) {
        return unavailableDydxV4Venue(owner, address, error)
      }
    }),
  )
  const models: VenueModel[] = []
  for (const r of results) {
    if ('venue' in r) models.push(r)
    else unavailable.push(r)
  }
  return { models, unavailable }
}

/**
 * GETs a JSON body from the indexer; null on 404.
 * @throws VenueApiUnavailableError saying whether the indexer timed out, the read was aborted, or it answered an HTTP error or malformed JSON.
 */
async function getIndexerJson(indexer: DydxV4Indexer, path: string, what: string, signal: AbortSignal, timeout: AbortSignal): Promise<unknown | null> {
  let res: Response
  let body: unknown
  try {
    res = await fetch(`${indexer.base}${path}`, { headers: { accept: 'application/json' }, signal })
    if (res.status === 404) return null
    if (!res.ok) throw new VenueApiUnavailableError('dYdX v4', { reason: `the indexer answered HTTP ${res.status} for ${what}` })
    body = await res.json()
  } catch (cause) {
    if (cause instanceof VenueApiUnavailableError) throw cause
    const reason = timeout.aborted
      ? `the dYdX v4 indexer did not answer ${what} within ${indexer.timeoutMs} ms`
      : signal.aborted
        ? `the read of ${what} from the dYdX v4 indexer was aborted`
        : cause instanceof SyntaxError
          ? `the dYdX v4 indexer answered malformed JSON for ${what}`
          : `the dYdX v4 indexer did not answer ${what}`
    throw new VenueApiUnavailableError('dYdX v4', { reason, cause })
  }
  return body
}

/**
 * The perpetual markets by ticker, each left unparsed until a position uses it.
 * @throws VenueApiUnavailableError when the indexer has no markets endpoint or answers an unexpected shape.
 */
async function fetchDydxV4Markets(indexer: DydxV4Indexer, signal: AbortSignal, timeout: AbortSignal): Promise<Readonly<Record<string, unknown>>> {
  const body = await getIndexerJson(indexer, '/perpetualMarkets', 'the perpetual markets', signal, timeout)
  if (body === null) throw new VenueApiUnavailableError('dYdX v4', { reason: 'the indexer has no perpetual markets endpoint' })
  const parsed = dydxV4PerpetualMarketsResponseSchema.safeParse(body)
  if (!parsed.success) throw unexpected('perpetual markets', parsed.error.issues[0]?.path)
  return parsed.data.markets
}

/**
 * Subaccount 0 of `address`, parsed.
 * @throws LinkedAccountNotFoundError when the indexer has no such subaccount; VenueApiUnavailableError when it answers an unexpected shape or another subaccount.
 */
async function fetchDydxV4Subaccount(indexer: DydxV4Indexer, address: string, signal: AbortSignal, timeout: AbortSignal): Promise<DydxV4Subaccount> {
  const body = await getIndexerJson(indexer, `/addresses/${address}/subaccountNumber/${DYDX_V4_SUBACCOUNT_NUMBER}`, `subaccount ${address}/0`, signal, timeout)
  if (body === null) {
    throw new LinkedAccountNotFoundError('dYdX v4', `${address}/${DYDX_V4_SUBACCOUNT_NUMBER}`, 'the indexer has no such subaccount; check the address, or deposit to the account first.')
  }
  const parsed = dydxV4SubaccountResponseSchema.safeParse(body)
  if (!parsed.success) throw unexpected(`subaccount ${address}/0`, parsed.error.issues[0]?.path)
  const sub = parsed.data.subaccount
  if (sub.address !== address || sub.subaccountNumber !== DYDX_V4_SUBACCOUNT_NUMBER) {
    throw new VenueApiUnavailableError('dYdX v4', { reason: `the indexer answered another subaccount for ${address}/0` })
  }
  return sub
}

/**
 * One market of the indexer's answer, parsed, with its oracle price (USD).
 * @throws VenueApiUnavailableError when the market is missing, malformed or has no oracle price.
 */
function dydxV4MarketOf(markets: Readonly<Record<string, unknown>>, ticker: string): DydxV4PerpetualMarket & { oraclePrice: number } {
  const raw = markets[ticker]
  if (raw === undefined) throw new VenueApiUnavailableError('dYdX v4', { reason: `the indexer lists no market ${ticker}` })
  const parsed = dydxV4PerpetualMarketSchema.safeParse(raw)
  if (!parsed.success) throw unexpected(`market ${ticker}`, parsed.error.issues[0]?.path)
  const market = parsed.data
  if (market.oraclePrice === null) throw new VenueApiUnavailableError('dYdX v4', { reason: `the indexer has no oracle price for ${ticker}` })
  return { ...market, oraclePrice: market.oraclePrice }
}

/** The error for an answer that does not have the expected shape, naming where it differs. */
function unexpected(what: string, path: readonly PropertyKey[] | undefined): VenueApiUnavailableError {
  return new VenueApiUnavailableError('dYdX v4', { reason: `the indexer answered an unexpected ${what} (${(path ?? []).map(String).join('.')})` })
}

/** The venue a failed read of `address` answers, carrying the error (an overlong address cut to 64 characters). */
function unavailableDydxV4Venue(owner: Address, address: string, error: unknown): UnavailableVenue {
  return {
    status: 'unavailable',
    id: dydxV4VenueId(address.length > 64 ? `${address.slice(0, 61)}...` : address),
    protocol: 'DYDX_V4',
    chainId: null,
    account: owner,
    market: DYDX_V4_MARKET,
    protocolVersion: 'v4',
    error: toVenueError(error),
  }
}
