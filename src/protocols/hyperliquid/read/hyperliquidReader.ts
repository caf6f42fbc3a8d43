import type { Address } from 'viem'
import type { UnavailableVenue } from '../../../domain/venue.js'
import { VenueApiUnavailableError } from '../../../errors/index.js'
import { toVenueError } from '../../../errors/publicCode.js'
import type { ApiSourceLabel, ApiVenueReader } from '../../../read/apiVenueReader.js'
import { HYPERLIQUID_MARKET, hyperliquidCrossVenueId, hyperliquidRuleOf, hyperliquidSourceOf, toHyperliquidVenueModels } from '../model/toHyperliquidVenueModels.js'
import { toHyperliquidAccountMode, type HyperliquidAccountMode } from '../model/hyperliquidAccountMode.js'
import { toHyperliquidSpotPrices, toHyperliquidSpotVenueModel } from '../model/toHyperliquidSpotVenueModel.js'
import type { VenueModel } from '../../../risk/venueModel.js'
import { clearinghouseStateSchema, metaSchema, perpDexsSchema, spotClearinghouseStateSchema, spotMetaAndAssetCtxsSchema, userAbstractionSchema, type HyperliquidMeta } from './hyperliquidSchemas.js'

/**
 * Each HIP-3 dex's collateral token where its `meta` is not at hand: USDC for
 * the main dex, `xyz` and `abcd`, USDH for `flx`, USDE for `hyna`, USDT0 for
 * `cash`. Source: mainnet `allPerpMetas` `collateralToken` as the
 * df-hyperliquid-core crate's documentation lists them (docs.rs,
 * src/account/tests/usable.rs); ccxt's Hyperliquid options (USDH for flx).
 */
const KNOWN_DEX_COLLATERAL: Readonly<Record<string, string>> = { '': 'USDC', xyz: 'USDC', abcd: 'USDC', flx: 'USDH', hyna: 'USDE', cash: 'USDT0' }

/** How long a fetched `meta` is reused, ms (its margin tables and leverages change by governance). */
const META_TTL_MS = 10 * 60 * 1000

export type HyperliquidReaderParameters = {
  /** `POST` endpoint of the info API, e.g. https://api.hyperliquid.xyz/info. */
  readonly infoUrl: string
  readonly sourceLabel: ApiSourceLabel
}

/**
 * Reads an owner's Hyperliquid account (the same EVM address) from the info
 * API: on the main dex and on each HIP-3 dex `perpDexs` lists (its
 * clearinghouseState read with `dex`), the cross account is one venue and
 * each isolated position its own; spot balances (`spotClearinghouseState`,
 * priced by `spotMetaAndAssetCtxs`) are one more venue; the mode
 * (`userAbstraction`) decides whether the perp rule is reproduced. Those four
 * requests are optional: a venue that does not answer them yields the main
 * dex alone, no spot venue, or mode UNKNOWN, said in the details. The
 * venue's reported values (liquidationPx, crossMaintenanceMarginUsed, margin
 * used) are kept beside xmargin's own computation, never overwritten. The
 * response schema decides the rule: positions without `maxLeverage` are the
 * 2023 schema and follow its rule.
 */
export function createHyperliquidReader(p: HyperliquidReaderParameters): ApiVenueReader {
  let meta: { value: HyperliquidMeta; at: number } | null = null
  const post = async (body: object, signal: AbortSignal): Promise<unknown> => {
    let res: Response
    try {
      res = await fetch(p.infoUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal })
    } catch (cause) {
      throw new VenueApiUnavailableError('Hyperliquid', { reason: 'the info API did not answer', cause })
    }
    if (!res.ok) throw new VenueApiUnavailableError('Hyperliquid', { reason: `the info API answered HTTP ${res.status}` })
    try {
      return await res.json()
    } catch (cause) {
      throw new VenueApiUnavailableError('Hyperliquid', { reason: 'the info API answered malformed JSON', cause })
    }
  }
  /** An optional request: its parsed answer, or null when the venue refused it, failed, or answered another shape. */
  const optional = async <T>(body: object, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, signal: AbortSignal): Promise<T | null> => {
    const r = schema.safeParse(await post(body, signal).catch(() => null))
    return r.success ? r.data : null
  }
  /** One dex's clearinghouseState as venues (`dex` '' the main dex). @throws VenueApiUnavailableError when the venue does not answer it. */
  const readDex = async (owner: Address, dex: string, collateralToken: string, mode: HyperliquidAccountMode, signal: AbortSignal, dexMeta: HyperliquidMeta | null): Promise<VenueModel[]> => {
    const parsed = clearinghouseStateSchema.safeParse(await post(dex === '' ? { type: 'clearinghouseState', user: owner } : { type: 'clearinghouseState', user: owner, dex }, signal))
      if (!parsed.success) {
        throw new VenueApiUnavailableError('Hyperliquid', { reason: `the info API answered an unexpected clearinghouseState (${parsed.error.issues[0]?.path.join('.') ?? ''})` })
      }
      const state = parsed.data
      // meta (max leverage, margin tables) changes rarely: cached for META_TTL_MS; the current schema needs it
      if (dex === '' && hyperliquidRuleOf(state) === 'current' && state.assetPositions.length > 0 && (!meta || Date.now() - meta.at > META_TTL_MS)) {
        const m = metaSchema.safeParse(await post({ type: 'meta' }, signal).catch(() => null))
        if (m.success) meta = { value: m.data, at: Date.now() }
      }
      return toHyperliquidVenueModels(owner, state, dex === '' ? (meta?.value ?? null) : dexMeta, p.sourceLabel(owner), hyperliquidRuleOf(state), { dex, collateralToken, mode })
  }
  return {
    key: 'hyperliquid',
    async read({ owner, signal }) {
      // the account's mode, the dexes and spot: each optional (older recordings and clients lack them); the details say when missing
      const [abstraction, dexList, spot, spotMeta] = await Promise.all([
        optional({ type: 'userAbstraction', user: owner }, userAbstractionSchema, signal),
        optional({ type: 'perpDexs' }, perpDexsSchema, signal),
        optional({ type: 'spotClearinghouseState', user: owner }, spotClearinghouseStateSchema, signal),
        optional({ type: 'spotMetaAndAssetCtxs' }, spotMetaAndAssetCtxsSchema, signal),
      ])
      const mode = toHyperliquidAccountMode(abstraction)
      const tokenName = (index: number) => spotMeta?.[0].tokens.find((t) => t.index === index)?.name
      const models = await readDex(owner, '', 'USDC', mode, signal, null)
      // each HIP-3 dex is its own clearinghouse: read side by side, venues kept in perpDexs order
      const perDex = await Promise.all(
        (dexList ?? [])
          .filter((x) => x !== null)
          .map(async (d) => {
            const dexMeta = await optional({ type: 'meta', dex: d.name }, metaSchema, signal)
            const collateral = (dexMeta?.collateralToken !== undefined ? tokenName(dexMeta.collateralToken) : undefined) ?? KNOWN_DEX_COLLATERAL[d.name] ?? `collateral of ${d.name}`
            return readDex(owner, d.name, collateral, mode, signal, dexMeta)
          }),
      )
      models.push(...perDex.flat())
      if (spot) {
        const prices = spotMeta ? toHyperliquidSpotPrices(spotMeta[0], spotMeta[1]) : new Map([[0, 1]])
        const m = toHyperliquidSpotVenueModel(owner, spot, prices, mode, hyperliquidSourceOf(undefined, p.sourceLabel(owner)))
        if (m) models.push(m)
      }
      return { models, unavailable: [] }
    },
    fail: ({ owner }, error) => [unavailableHyperliquidVenue(owner, error)],
  }
}

/** The venue an owner's failed read answers: the cross account, carrying the error. */
function unavailableHyperliquidVenue(owner: Address, error: unknown): UnavailableVenue {
  return {
    status: 'unavailable',
    id: hyperliquidCrossVenueId(owner),
    protocol: 'HYPERLIQUID',
    chainId: null,
    account: owner,
    market: HYPERLIQUID_MARKET,
    protocolVersion: 'current',
    error: toVenueError(error),
  }
}
