import { LRUCache } from 'lru-cache'
import type { Metrics } from '../observability/metrics.js'

/**
 * A bounded cache of promises (lru-cache) that also coalesces: while a value
 * is being fetched, every caller of the same key awaits the same fetch. A
 * failed fetch, or a value `keep` refuses, is not kept.
 */
export type CoalescingCache<T> = {
  /** The kept or in-flight value for `key`, or `fetch()`'s. */
  get(key: string, fetch: () => Promise<T>, keep?: (value: T) => boolean): Promise<T>
  /** Forgets one entry (a value known to be outdated). */
  delete(key: string): void
  /** Forgets every entry. */
  clear(): void
}

export type CreateCoalescingCacheParameters = {
  /** Label in the `xmargin_cache_lookups_total` metric. */
  readonly name: string
  /** Entries kept at most (least recently used go first). */
  readonly max: number
  /** How long a value is kept, ms; 0 = only while its fetch is in flight (coalescing only). Unset: until evicted. */
  readonly ttlMs?: number | undefined
  readonly metrics?: Metrics | undefined
}

export function createCoalescingCache<T extends object | string | number | boolean>(params: CreateCoalescingCacheParameters): CoalescingCache<T> {
  const keepValues = params.ttlMs !== 0
  const entries = new LRUCache<string, { promise: Promise<T>; settled: boolean }>({
    max: params.max,
    ...(params.ttlMs !== undefined && params.ttlMs > 0 ? { ttl: params.ttlMs, ttlAutopurge: false } : {}),
  })
  const count = (result: 'hit' | 'miss' | 'coalesced') => params.metrics?.cacheLookups.inc({ cache: params.name, result })
  return {
    get(key, fetch, keep = () => true) {
      const found = entries.get(key)
      if (found) {
        count(found.settled ? 'hit' : 'coalesced')
        return found.promise
      }
      count('miss')
      const entry = { promise: fetch(), settled: false }
      entries.set(key, entry)
      entry.promise.then(
        (value) => {
          entry.settled = true
          if (!keepValues || !keep(value)) entries.delete(key)
        },
        () => entries.delete(key),
      )
      return entry.promise
    },
    delete: (key) => void entries.delete(key),
    clear: () => entries.clear(),
  }
}
