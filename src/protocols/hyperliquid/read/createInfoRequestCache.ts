import { LRUCache } from 'lru-cache'

/**
 * Info API answers by request, each kept for the time its caller gives and
 * shared while in flight: callers asking the same request at the same time
 * await one HTTP request (a `ttlMs` of 0 only shares it in flight). The time
 * runs from when the answer arrives. A fetch that fails, or whose answer
 * `keep` refuses, is forgotten once settled, so the next caller asks again.
 * A request shared in flight is bounded by its first caller's abort signal.
 */
export type InfoRequestCache = {
  get<T>(key: string, ttlMs: number, fetch: () => Promise<T>, keep?: (value: T) => boolean): Promise<T>
}

/** A cache of at most `max` answers (the least recently used go first). */
export function createInfoRequestCache(max: number): InfoRequestCache {
  const entries = new LRUCache<string, { readonly promise: Promise<unknown> }>({ max })
  return {
    get<T>(key: string, ttlMs: number, fetch: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
      const found = entries.get(key)
      if (found) return found.promise as Promise<T>
      const entry = { promise: fetch() }
      // in flight: no expiry, so every concurrent caller joins this fetch
      entries.set(key, entry)
      const forget = () => {
        if (entries.peek(key) === entry) entries.delete(key)
      }
      entry.promise.then(
        (value) => {
          if (ttlMs > 0 && keep(value as T) && entries.peek(key) === entry) entries.set(key, entry, { ttl: ttlMs })
          else forget()
        },
        forget,
      )
      return entry.promise as Promise<T>
    },
  }
}
