import type { Address } from 'viem'
import type { UnavailableVenue } from '../../../domain/venue.js'
import { VenueApiUnavailableError } from '../../../errors/index.js'
import { toVenueError } from '../../../errors/publicCode.js'
import type { ApiSourceLabel, ApiVenueReader } from '../../../read/apiVenueReader.js'
import { HYPERLIQUID_MAIN_DEX, HYPERLIQUID_MARKET, hyperliquidCrossVenueId, hyperliquidRuleOf, hyperliquidSourceOf, hyperliquidSourceKey, hyperliquidStateHoldsAnything, toHyperliquidVenueModels } from '../model/toHyperliquidVenueModels.js'
import { toHyperliquidDexCollateral } from '../model/toHyperliquidDexCollateral.js'
import { HyperliquidCollateralUnpricedError } from '../errors.js'
import { toHyperliquidAccountMode } from '../model/hyperliquidAccountMode.js'
import { toHyperliquidSpotPrices, toHyperliquidSpotVenueModel } from '../model/toHyperliquidSpotVenueModel.js'
import { clearinghouseStateSchema, metaSchema, perpDexsSchema, spotClearinghouseStateSchema, spotMetaAndAssetCtxsSchema, userAbstractionSchema, type ClearinghouseState } from './hyperliquidSchemas.js'
import { createInfoRequestCache } from './createInfoRequestCache.js'

/** How long `meta` (each dex's perp universe, max leverages, margin tables) and `perpDexs` (the dex list) are reused, ms: they change by governance or when a dex is deployed. */
const META_TTL_MS = 10 * 60 * 1000

/**
 * How long `spotMetaAndAssetCtxs` (spot tokens, pairs and their marks) is
 * reused, ms: spot values and HIP-3 collateral prices are then at most this
 * much older than the perp states read beside them.
 */
const SPOT_PRICES_TTL_MS = 5_000

/** How long a user's `userAbstraction` (the account mode) is reused, ms: it changes only when the user switches mode, which then shows within this time. */
const ACCOUNT_MODE_TTL_MS = 60_000

/** Answers the reader keeps at most (per-user account modes are the bulk of them). */
const MAX_CACHED_ANSWERS = 10_000

export type HyperliquidReaderParameters = {
  /** `POST` endpoint of the info API, e.g. https://api.hyperliquid.xyz/info. */
  readonly infoUrl: string
  readonly sourceLabel: ApiSourceLabel
}

/** An info API answer: its JSON, or the HTTP status of a request the venue refused (4xx: it does not serve that request). */
type InfoAnswer = { readonly kind: 'answered'; readonly body: unknown } | { readonly kind: 'refused'; readonly status: number }

/** A zod-like schema: the reader only needs `safeParse`. */
type Schema<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false } }

/**
 * Reads an owner's Hyperliquid account (the same EVM address) from the info
 * API: on the main dex and on each HIP-3 dex `perpDexs` lists (its
 * clearinghouseState read with `dex`), the cross account is one venue and
 * each isolated position its own, a HIP-3 dex's figures converted from its
 * collateral token to USD at that token's spot mark; spot balances
 * (`spotClearinghouseState`, priced by `spotMetaAndAssetCtxs`) are one more
 * venue; the mode (`userAbstraction`) decides whether the perp rule is
 * reproduced. Those four requests are optional: a venue that does not answer
 * them yields the main dex alone, no spot venue, or mode UNKNOWN, said in the
 * details; a HIP-3 dex whose collateral has no spot price is answered
 * unavailable (HyperliquidCollateralUnpricedError), not at a guessed rate. The
 * venue's reported values (liquidationPx, crossMaintenanceMarginUsed, margin
 * used) are kept beside xmargin's own computation, never overwritten. The
 * response schema decides the rule: positions without `maxLeverage` are the
 * 2023 schema and follow its rule.
 *
 * What the reader caches (per reader, so per server): `meta` of each dex and
 * `perpDexs` for 10 minutes, `spotMetaAndAssetCtxs` for 5 seconds (market
 * data), each user's `userAbstraction` for 60 seconds (the account mode). A
 * request the venue refuses (HTTP 4xx) or answers in another shape is kept
 * as not answered for the same time; one that fails (no answer, HTTP 5xx) is
 * asked again by the next read. The user's own states (`clearinghouseState`
 * per dex, `spotClearinghouseState`) are never kept, only shared with a
 * concurrent identical request. So a read at steady state asks the user's
 * main-dex state, spot state and each HIP-3 dex's state, side by side: the
 * info API has no request answering every dex's state of a user at once (only
 * a websocket subscription does), so each listed dex is asked even where the
 * user holds nothing.
 */
export function createHyperliquidReader(p: HyperliquidReaderParameters): ApiVenueReader {
  const cache = createInfoRequestCache(MAX_CACHED_ANSWERS)
  /** One info request. @throws VenueApiUnavailableError when the venue does not answer, answers HTTP 5xx or malformed JSON. */
  const post = async (body: object, signal: AbortSignal): Promise<InfoAnswer> => {
    let res: Response
    try {
      res = await fetch(p.infoUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal })
    } catch (cause) {
      throw new VenueApiUnavailableError('Hyperliquid', { reason: 'the info API did not answer', cause })
    }
    if (res.status >= 400 && res.status < 500) {
      await res.body?.cancel()
      return { kind: 'refused', status: res.status }
    }
    if (!res.ok) throw new VenueApiUnavailableError('Hyperliquid', { reason: `the info API answered HTTP ${res.status}` })
    try {
      return { kind: 'answered', body: await res.json() }
    } catch (cause) {
      throw new VenueApiUnavailableError('Hyperliquid', { reason: 'the info API answered malformed JSON', cause })
    }
  }
  /** A request's answer through the cache: kept `ttlMs` (0: only shared in flight), keyed by its body (addresses lowercased). */
  const ask = (body: object, ttlMs: number, signal: AbortSignal): Promise<InfoAnswer> => cache.get(JSON.stringify(body).toLowerCase(), ttlMs, () => post(body, signal))
  /**
   * An optional request: its parsed answer, or null when the venue refused
   * it, answered another shape (both kept `ttlMs` like an answer) or failed
   * (not kept: asked again next read).
   */
  const optional = async <T>(body: object, ttlMs: number, schema: Schema<T>, signal: AbortSignal): Promise<T | null> => {
    const parsed = cache.get(`parsed:${JSON.stringify(body).toLowerCase()}`, ttlMs, async () => {
      const a = await post(body, signal)
      if (a.kind === 'refused') return { value: null }
      const r = schema.safeParse(a.body)
      return { value: r.success ? r.data : null }
    })
    return (await parsed.catch(() => ({ value: null }))).value
  }
  /** One dex's clearinghouseState (`dex` '' the main dex), shared with a concurrent identical request only. @throws VenueApiUnavailableError when the venue does not answer it or answers another shape. */
  const clearinghouseState = async (owner: Address, dex: string, signal: AbortSignal): Promise<ClearinghouseState> => {
    const a = await ask(dex === '' ? { type: 'clearinghouseState', user: owner } : { type: 'clearinghouseState', user: owner, dex }, 0, signal)
    if (a.kind === 'refused') throw new VenueApiUnavailableError('Hyperliquid', { reason: `the info API answered HTTP ${a.status}` })
    const parsed = clearinghouseStateSchema.safeParse(a.body)
    if (!parsed.success) {
      throw new VenueApiUnavailableError('Hyperliquid', { reason: `the info API answered an unexpected clearinghouseState (${parsed.error.issues[0]?.path.join('.') ?? ''})` })
    }
    return parsed.data
  }
  /** A dex's `meta` (`''` the main dex), kept META_TTL_MS; null when not answered. */
  const metaOf = (dex: string, signal: AbortSignal) => optional(dex === '' ? { type: 'meta' } : { type: 'meta', dex }, META_TTL_MS, metaSchema, signal)
  return {
    key: 'hyperliquid',
    async read({ owner, signal }) {
      // everything side by side: the user's states, and the cached market data and mode (each optional: older recordings and clients lack them; the details say when missing)
      const perDex = optional({ type: 'perpDexs' }, META_TTL_MS, perpDexsSchema, signal).then((list) =>
        Promise.all(
          (list ?? [])
            .filter((d) => d !== null)
            .map(async (d) => {
              const [state, dexMeta] = await Promise.all([clearinghouseState(owner, d.name, signal), metaOf(d.name, signal)])
              return { dex: d.name, state, dexMeta }
            }),
        ),
      )
      const [abstraction, spot, spotMeta, main, mainMeta, dexes] = await Promise.all([
        optional({ type: 'userAbstraction', user: owner }, ACCOUNT_MODE_TTL_MS, userAbstractionSchema, signal),
        optional({ type: 'spotClearinghouseState', user: owner }, 0, spotClearinghouseStateSchema, signal),
        optional({ type: 'spotMetaAndAssetCtxs' }, SPOT_PRICES_TTL_MS, spotMetaAndAssetCtxsSchema, signal),
        clearinghouseState(owner, '', signal),
        metaOf('', signal),
        perDex,
      ])
      const mode = toHyperliquidAccountMode(abstraction)
      // each venue labelled by its own key (hyperliquidSourceKey), as a replay lists its recordings
      const label = p.sourceLabel(hyperliquidSourceKey(owner, { dex: '' }))
      const prices = spotMeta ? toHyperliquidSpotPrices(spotMeta[0], spotMeta[1]) : new Map([[0, 1]])
      const models = toHyperliquidVenueModels(owner, main, mainMeta, label, hyperliquidRuleOf(main), { ...HYPERLIQUID_MAIN_DEX, mode })
      const unavailable: UnavailableVenue[] = []
      // each HIP-3 dex is its own clearinghouse, in its collateral: venues kept in perpDexs order, in USD at the collateral's spot mark
      for (const { dex, state, dexMeta } of dexes) {
        const collateral = toHyperliquidDexCollateral(dex, dexMeta, spotMeta, prices)
        if (collateral.priceUsd === null) {
          // no price for the collateral: the dex's figures cannot be shown in USD
          if (hyperliquidStateHoldsAnything(state)) unavailable.push(unavailableHyperliquidVenue(owner, new HyperliquidCollateralUnpricedError(dex, collateral.token), dex))
          continue
        }
        const dexLabel = p.sourceLabel(hyperliquidSourceKey(owner, { dex }))
        models.push(...toHyperliquidVenueModels(owner, state, dexMeta, dexLabel, hyperliquidRuleOf(state), { dex, collateralToken: collateral.token, collateralPriceUsd: collateral.priceUsd, mode }))
      }
      if (spot) {
        const m = toHyperliquidSpotVenueModel(owner, spot, prices, mode, hyperliquidSourceOf(undefined, p.sourceLabel(hyperliquidSourceKey(owner, 'spot'))))
        if (m) models.push(m)
      }
      return { models, unavailable }
    },
    fail: ({ owner }, error) => [unavailableHyperliquidVenue(owner, error)],
  }
}

/** The venue a failed read answers: the owner's cross account on `dex` (the main dex by default), carrying the error. */
function unavailableHyperliquidVenue(owner: Address, error: unknown, dex = ''): UnavailableVenue {
  return {
    status: 'unavailable',
    id: hyperliquidCrossVenueId(owner, dex),
    protocol: 'HYPERLIQUID',
    chainId: null,
    account: owner,
    market: HYPERLIQUID_MARKET,
    protocolVersion: 'current',
    error: toVenueError(error),
  }
}
