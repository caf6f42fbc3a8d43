import { describe, expect, it } from 'vitest'
import { createMetrics } from '../observability/metrics.js'
import { createCoalescingCache } from './coalescingCache.js'

const deferred = <T>() => {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((a, b) => ((resolve = a), (reject = b)))
  return { promise, resolve, reject }
}

describe('coalescing cache', () => {
  it('concurrent callers of one key share one fetch; later callers get the kept value', async () => {
    const metrics = createMetrics()
    const cache = createCoalescingCache<string>({ name: 'test', max: 10, metrics })
    let fetches = 0
    const d = deferred<string>()
    const fetch = () => ((fetches += 1), d.promise)
    const a = cache.get('k', fetch)
    const b = cache.get('k', fetch)
    d.resolve('v')
    expect(await Promise.all([a, b])).toEqual(['v', 'v'])
    expect(await cache.get('k', fetch)).toBe('v')
    expect(fetches).toBe(1)
    const text = await metrics.registry.getSingleMetricAsString('xmargin_cache_lookups_total')
    expect(text).toMatch(/cache="test",result="miss"} 1/)
    expect(text).toMatch(/cache="test",result="coalesced"} 1/)
    expect(text).toMatch(/cache="test",result="hit"} 1/)
  })

  it('a failed fetch is not kept: the next caller fetches again', async () => {
    const cache = createCoalescingCache<string>({ name: 'test', max: 10 })
    await expect(cache.get('k', () => Promise.reject(new TypeError('down')))).rejects.toThrow('down')
    expect(await cache.get('k', async () => 'up')).toBe('up')
  })

  it('ttl 0 coalesces in-flight fetches only; `keep` can refuse a value', async () => {
    const flight = createCoalescingCache<string>({ name: 'test', max: 10, ttlMs: 0 })
    let n = 0
    const fetch = async () => `v${(n += 1)}`
    const [x, y] = await Promise.all([flight.get('k', fetch), flight.get('k', fetch)])
    expect([x, y]).toEqual(['v1', 'v1'])
    expect(await flight.get('k', fetch)).toBe('v2')
    const picky = createCoalescingCache<string>({ name: 'test', max: 10 })
    await picky.get('k', async () => 'partial', (v) => v !== 'partial')
    expect(await picky.get('k', async () => 'full')).toBe('full')
  })

  it('keeps at most `max` entries', async () => {
    const cache = createCoalescingCache<number>({ name: 'test', max: 2 })
    for (const k of ['a', 'b', 'c']) await cache.get(k, async () => 1)
    let refetched = false
    await cache.get('a', async () => ((refetched = true), 2))
    expect(refetched).toBe(true)
  })
})
