import type { Address } from 'viem'
import { exposureOfSymbol } from '../../../domain/riskFactorTable.js'
import type { UnavailableVenue, VenueSource } from '../../../domain/venue.js'
import { InvalidArgumentError, LinkedAccountNotFoundError, VenueApiUnavailableError } from '../../../errors/index.js'
import { toVenueError } from '../../../errors/publicCode.js'
import { DYDX_V4_LIQUIDATION, dydxV4SignedSize } from '../model/dydxV4Margin.js'
import type { PerpAccountPosition } from '../../../risk/perps/perpAccount.js'
import { toPerpVenueModel } from '../../../risk/perps/toPerpVenueModel.js'
import type { VenueModel } from '../../../risk/venueModel.js'
import type { ApiSourceLabel, ApiVenueReader, LinkedAccount } from '../../../read/apiVenueReader.js'
import {
  dydxV4PerpetualMarketSchema,
  dydxV4PerpetualMarketsResponseSchema,
  dydxV4SubaccountResponseSchema,
  isDydxV4Address,
  type DydxV4PerpetualMarket,
  type DydxV4Subaccount,
} from './dydxV4Schemas.js'

/** xmargin reads subaccount 0, the cross-margin account (isolated markets trade in child subaccounts 128 and up). */
export const DYDX_V4_SUBACCOUNT_NUMBER = 0

const ZERO: Address = '0x0000000000000000000000000000000000000000'

/** Venue id of a subaccount: `dydx-v4:<dydx1… address>:0`. */
export const dydxV4VenueId = (address: string) => `dydx-v4:${address}:${DYDX_V4_SUBACCOUNT_NUMBER}`

const FORMULA =
  'dYdX v4 Margining: total net collateral = USDC + Σ S·P (oracle); MMR = Σ |S·P·MMF|, liquidatable when total net collateral < Σ MMR; free collateral = equity − Σ |S·P·IMF| (base IMF)'

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
  const base = p.indexerUrl.replace(/\/+$/, '')
  const timeoutMs = p.timeoutMs ?? 10_000

  /** GET a JSON body; null on 404. */
  const get = async (path: string, what: string, signal: AbortSignal, timeout: AbortSignal): Promise<unknown | null> => {
    let res: Response
    let body: unknown
    try {
      res = await fetch(`${base}${path}`, { headers: { accept: 'application/json' }, signal })
      if (res.status === 404) return null
      if (!res.ok) throw new VenueApiUnavailableError('dYdX v4', { reason: `the indexer answered HTTP ${res.status} for ${what}` })
      body = await res.json()
    } catch (cause) {
      if (cause instanceof VenueApiUnavailableError) throw cause
      const reason = timeout.aborted
        ? `the dYdX v4 indexer did not answer ${what} within ${timeoutMs} ms`
        : signal.aborted
          ? `the read of ${what} from the dYdX v4 indexer was aborted`
          : cause instanceof SyntaxError
            ? `the dYdX v4 indexer answered malformed JSON for ${what}`
            : `the dYdX v4 indexer did not answer ${what}`
      throw new VenueApiUnavailableError('dYdX v4', { reason, cause })
    }
    return body
  }

  const fetchMarkets = async (signal: AbortSignal, timeout: AbortSignal): Promise<Readonly<Record<string, unknown>>> => {
    const body = await get('/perpetualMarkets', 'the perpetual markets', signal, timeout)
    if (body === null) throw new VenueApiUnavailableError('dYdX v4', { reason: 'the indexer has no perpetual markets endpoint' })
    const parsed = dydxV4PerpetualMarketsResponseSchema.safeParse(body)
    if (!parsed.success) throw unexpected('perpetual markets', parsed.error.issues[0]?.path)
    return parsed.data.markets
  }

  const fetchSubaccount = async (address: string, signal: AbortSignal, timeout: AbortSignal): Promise<DydxV4Subaccount> => {
    const body = await get(`/addresses/${address}/subaccountNumber/${DYDX_V4_SUBACCOUNT_NUMBER}`, `subaccount ${address}/0`, signal, timeout)
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

  return {
    key: 'dydx-v4',
    async read({ owner, linked, signal }) {
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
      const timeout = AbortSignal.timeout(timeoutMs)
      const both = AbortSignal.any([signal, timeout])
      const markets = fetchMarkets(both, timeout)
      markets.catch(() => undefined) // awaited per venue below; never an unhandled rejection
      const results = await Promise.all(
        valid.map(async (address) => {
          try {
            const sub = await fetchSubaccount(address, both, timeout)
            const observedAt = BigInt(Math.floor(Date.now() / 1000))
            return dydxV4VenueModel({ owner, subaccount: sub, markets: await markets, label: p.sourceLabel(address), observedAt })
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
    },
    fail: ({ owner, linked }, error) => [...new Set(linked.filter((l: LinkedAccount) => l.venue === 'DYDX_V4').map((l) => l.id))].map((id) => unavailableDydxV4Venue(owner, id, error)),
  }
}

/**
 * The venue model of one subaccount (pure): cash = the signed USDC asset
 * position (the indexer has already settled funding into it), each open
 * position marked at its market's oracle price with mmr = MMF and imr = the
 * base IMF. The venue's own `freeCollateral` is kept in the details, never
 * overwritten. Asset positions other than USDC are ignored, as the indexer's
 * own equity ignores them.
 * @param markets the perpetual markets by ticker, as the indexer answers them (each parsed here when used).
 * @throws VenueApiUnavailableError when a position's market is missing or has no usable oracle price.
 */
export function dydxV4VenueModel(p: {
  owner: Address
  subaccount: DydxV4Subaccount
  markets: Readonly<Record<string, unknown>>
  label: ReturnType<ApiSourceLabel>
  /** Unix seconds. */
  observedAt: bigint
}): VenueModel {
  const sub = p.subaccount
  const usdc = Object.values(sub.assetPositions).find((a) => a.symbol === 'USDC')
  const cashUsd = usdc ? dydxV4SignedSize(usdc.side, usdc.size) : 0
  const open = Object.values(sub.openPerpetualPositions)
    .filter((pos) => pos.size !== 0)
    .sort((a, b) => (a.market < b.market ? -1 : a.market > b.market ? 1 : 0))
  const positions: PerpAccountPosition[] = open.map((pos) => {
    const market = marketOf(p.markets, pos.market)
    return {
      market: pos.market,
      exposure: exposureOfSymbol(pos.market.split('-')[0]!),
      sizeSigned: dydxV4SignedSize(pos.side, pos.size),
      markPrice: market.oraclePrice,
      maintenanceMarginRate: market.maintenanceMarginFraction,
      initialMarginRate: market.initialMarginFraction,
    }
  })
  const endpoint = `dydx indexer /v4/addresses/${sub.address}/subaccountNumber/${DYDX_V4_SUBACCOUNT_NUMBER}`
  const source: VenueSource =
    p.label.kind === 'REPLAY'
      ? { kind: 'REPLAY', endpoint, observedAt: p.observedAt, recordedAt: p.label.recordedAt, recording: p.label.recording }
      : { kind: 'API', endpoint, observedAt: p.observedAt }
  return toPerpVenueModel({
    liquidation: DYDX_V4_LIQUIDATION,
    id: dydxV4VenueId(sub.address),
    protocol: 'DYDX_V4',
    chainId: null,
    account: p.owner,
    market: ZERO,
    protocolVersion: 'v4',
    source,
    account_: { cashUsd, positions },
    reported: open.map((pos) => ({
      market: pos.market,
      entryPrice: pos.entryPrice,
      unrealizedPnlUsd: pos.unrealizedPnl,
      leverage: null,
      maxLeverage: null,
      venueLiquidationPrice: null,
    })),
    cashAsset: { symbol: 'USDC', address: ZERO },
    details: {
      marginMode: 'CROSS',
      venueMaintenanceMarginUsd: null,
      venueMarginUsedUsd: null,
      venueAccountValueUsd: sub.equity,
      freeCollateralUsd: sub.freeCollateral,
      rule: 'dydx-v4',
    },
    formula: FORMULA,
  })
}

function marketOf(markets: Readonly<Record<string, unknown>>, ticker: string): DydxV4PerpetualMarket & { oraclePrice: number } {
  const raw = markets[ticker]
  if (raw === undefined) throw new VenueApiUnavailableError('dYdX v4', { reason: `the indexer lists no market ${ticker}` })
  const parsed = dydxV4PerpetualMarketSchema.safeParse(raw)
  if (!parsed.success) throw unexpected(`market ${ticker}`, parsed.error.issues[0]?.path)
  const market = parsed.data
  if (market.oraclePrice === null) throw new VenueApiUnavailableError('dYdX v4', { reason: `the indexer has no oracle price for ${ticker}` })
  return { ...market, oraclePrice: market.oraclePrice }
}

function unexpected(what: string, path: readonly PropertyKey[] | undefined): VenueApiUnavailableError {
  return new VenueApiUnavailableError('dYdX v4', { reason: `the indexer answered an unexpected ${what} (${(path ?? []).map(String).join('.')})` })
}

function unavailableDydxV4Venue(owner: Address, address: string, error: unknown): UnavailableVenue {
  return {
    status: 'unavailable',
    id: dydxV4VenueId(address.length > 64 ? `${address.slice(0, 61)}...` : address),
    protocol: 'DYDX_V4',
    chainId: null,
    account: owner,
    market: ZERO,
    protocolVersion: 'v4',
    error: toVenueError(error),
  }
}
