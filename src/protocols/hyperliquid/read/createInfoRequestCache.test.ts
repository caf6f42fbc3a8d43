import { describe, expect, it } from 'vitest'
import { createInfoRequestCache } from './createInfoRequestCache.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('createInfoRequestCache', () => {
  it('shares a request in flight, then keeps its answer for its time', async () => {
    const cache = createInfoRequestCache(10)
    let fetches = 0
    const fetch = async () => (await sleep(10), ++fetches)
    expect(await Promise.all([cache.get('a', 60, fetch), cache.get('a', 60, fetch)])).toEqual([1, 1])
    expect(await cache.get('a', 60, fetch)).toBe(1)
    await sleep(80)
    expect(await cache.get('a', 60, fetch)).toBe(2)
  })

  it('with no time, only shares a request in flight', async () => {
    const cache = createInfoRequestCache(10)
    let fetches = 0
    const fetch = async () => (await sleep(5), ++fetches)
    expect(await Promise.all([cache.get('a', 0, fetch), cache.get('a', 0, fetch)])).toEqual([1, 1])
    expect(await cache.get('a', 0, fetch)).toBe(2)
  })

  it('forgets a failure and an answer `keep` refuses, so the next caller asks again', async () => {
    const cache = createInfoRequestCache(10)
    await expect(cache.get('a', 60_000, () => Promise.reject(new TypeError('down')))).rejects.toThrow('down')
    expect(await cache.get('a', 60_000, async () => 1)).toBe(1)
    expect(await cache.get('b', 60_000, async () => 0, (v) => v > 0)).toBe(0)
    expect(await cache.get('b', 60_000, async () => 2, (v) => v > 0)).toBe(2)
    expect(await cache.get('b', 60_000, async () => 3, (v) => v > 0)).toBe(2)
  })
})
