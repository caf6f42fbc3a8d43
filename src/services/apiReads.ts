import type { Address } from 'viem'
import type { Logger } from 'pino'
import type { ReadableApiVenue } from '../config/resolveChains.js'
import type { UnavailableVenue } from '../domain/venue.js'
import type { Metrics } from '../observability/metrics.js'
import type { ApiVenueReader, LinkedAccount } from '../read/apiVenueReader.js'
import type { VenueModel } from '../risk/venueModel.js'
import { createCoalescingCache } from './coalescingCache.js'
import { DEFAULT_MAX_CHAIN_READS } from './chainReads.js'

/** A venue read over its own API, with its reader. */
export type ApiVenueSource = ReadableApiVenue & { readonly reader: ApiVenueReader }

/** Reading the venues served over their own APIs. */
export type ApiReads = {
  readonly venues: readonly ApiVenueSource[]
  /** Reads one API venue for `owner` and the `linked` accounts (never throws: a failure degrades its venues). */
  read(venue: ApiVenueSource, owner: Address, linked: readonly LinkedAccount[]): Promise<{ models: readonly VenueModel[]; unavailable: readonly UnavailableVenue[] }>
}

/**
 * The API side of the engine: one reader per venue, reads shared while in
 * flight and kept `ttlMs` like a chain head (each venue says when it observed
 * its data), each bounded by `timeoutMs`.
 */
export function createApiReads(params: {
  readonly venues: readonly ReadableApiVenue[]
  readonly timeoutMs: number
  readonly ttlMs: number
  readonly logger: Logger
  readonly metrics?: Metrics | undefined
}): ApiReads {
  const { logger } = params
  const venues = params.venues.map((v) => ({ ...v, reader: v.protocol.createReader({ url: v.url, sourceLabel: v.sourceLabel, timeoutMs: params.timeoutMs }) }))
  const cache = createCoalescingCache<Awaited<ReturnType<ApiVenueReader['read']>>>({ name: 'api_read', max: DEFAULT_MAX_CHAIN_READS, ttlMs: params.ttlMs, metrics: params.metrics })
  return {
    venues,
    async read(v, owner, linked) {
      const started = performance.now()
      try {
        const key = `${v.reader.key}:${owner.toLowerCase()}:${linked.map((l) => `${l.venue}/${l.id}`).join(',')}`
        // a read with an unavailable venue is not kept: the next query tries again
        const r = await cache.get(key, () => v.reader.read({ owner, linked, signal: AbortSignal.timeout(params.timeoutMs) }), (x) => x.unavailable.length === 0)
        logger.debug({ venue: v.reader.key, ms: performance.now() - started }, 'api venue read')
        return r
      } catch (error) {
        logger.warn({ err: error, venue: v.reader.key, ms: performance.now() - started }, 'api venue unavailable')
        return { models: [], unavailable: v.reader.fail({ owner, linked }, error) }
      }
    },
  }
}
