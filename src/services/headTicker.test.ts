import { describe, expect, it } from 'vitest'
import { createHeadTicker } from './headTicker.js'

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('createHeadTicker', () => {
  it('polls only while a watcher holds it, once per interval however many wait', async () => {
    let reads = 0
    let head = 1
    const ticker = createHeadTicker(async () => {
      reads += 1
      return `1:${head}`
    }, 20)
    await tick(60)
    expect(reads).toBe(0) // nobody watching
    const releases = [ticker.acquire(), ticker.acquire(), ticker.acquire()]
    const signal = new AbortController().signal
    const woken = Promise.all(releases.map(() => ticker.changedSince(ticker.version(), { signal, maxWaitMs: 10_000 })))
    await tick(70)
    const beforeChange = reads
    expect(beforeChange).toBeGreaterThanOrEqual(2)
    expect(beforeChange).toBeLessThanOrEqual(6) // one poll per 20 ms, not one per watcher
    head = 2
    await woken
    expect(ticker.version()).toBe(1)
    for (const release of releases) release()
    const stopped = reads
    await tick(60)
    expect(reads).toBe(stopped)
  })

  it('answers at once when the heads moved since the version a watcher saw (no block is missed while it read)', async () => {
    let head = 1
    const ticker = createHeadTicker(async () => `1:${head}`, 10)
    const release = ticker.acquire()
    const seen = ticker.version()
    await tick(30)
    head = 2
    await tick(30) // the change happens while the watcher is busy elsewhere
    const started = Date.now()
    await ticker.changedSince(seen, { signal: new AbortController().signal, maxWaitMs: 5_000 })
    expect(Date.now() - started).toBeLessThan(20)
    release()
  })

  it('wakes after maxWaitMs without a change, rejects when aborted, and treats a failing read as no change', async () => {
    let fail = true
    const ticker = createHeadTicker(async () => {
      if (fail) throw new Error('node down')
      return '1:1'
    }, 10)
    const release = ticker.acquire()
    const started = Date.now()
    await ticker.changedSince(0, { signal: new AbortController().signal, maxWaitMs: 50 })
    expect(Date.now() - started).toBeGreaterThanOrEqual(45)
    expect(ticker.version()).toBe(0)
    fail = false
    const controller = new AbortController()
    const waiting = ticker.changedSince(0, { signal: controller.signal, maxWaitMs: 5_000 })
    controller.abort(new Error('left'))
    await expect(waiting).rejects.toThrow('left')
    release()
  })
})
