import type { Address } from 'viem'
import type { UnavailableVenue } from '../../../domain/venue.js'
import { VenueApiUnavailableError } from '../../../errors/index.js'
import { toVenueError } from '../../../errors/publicCode.js'
import type { ApiSourceLabel, ApiVenueReader } from '../../../read/apiVenueReader.js'
import { HYPERLIQUID_MARKET, hyperliquidCrossVenueId, hyperliquidRuleOf, toHyperliquidVenueModels } from '../model/toHyperliquidVenueModels.js'
import { clearinghouseStateSchema, metaSchema, type HyperliquidMeta } from './hyperliquidSchemas.js'

/** How long a fetched `meta` is reused, ms (its margin tables and leverages change by governance). */
const META_TTL_MS = 10 * 60 * 1000

export type HyperliquidReaderParameters = {
  /** `POST` endpoint of the info API, e.g. https://api.hyperliquid.xyz/info. */
  readonly infoUrl: string
  readonly sourceLabel: ApiSourceLabel
}

/**
 * Reads an owner's Hyperliquid perps (the same EVM address) from the info
 * API: the cross account is one venue, each isolated position its own. The
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
  return {
    key: 'hyperliquid',
    async read({ owner, signal }) {
      const parsed = clearinghouseStateSchema.safeParse(await post({ type: 'clearinghouseState', user: owner }, signal))
      if (!parsed.success) {
        throw new VenueApiUnavailableError('Hyperliquid', { reason: `the info API answered an unexpected clearinghouseState (${parsed.error.issues[0]?.path.join('.') ?? ''})` })
      }
      const state = parsed.data
      // meta (max leverage, margin tables) changes rarely: cached for META_TTL_MS; the current schema needs it
      if (hyperliquidRuleOf(state) === 'current' && state.assetPositions.length > 0 && (!meta || Date.now() - meta.at > META_TTL_MS)) {
        const m = metaSchema.safeParse(await post({ type: 'meta' }, signal).catch(() => null))
        if (m.success) meta = { value: m.data, at: Date.now() }
      }
      return { models: toHyperliquidVenueModels(owner, state, meta?.value ?? null, p.sourceLabel(owner)), unavailable: [] }
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
