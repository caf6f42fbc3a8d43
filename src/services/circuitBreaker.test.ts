import { describe, expect, it } from 'vitest'
import { createCircuitBreaker } from './circuitBreaker.js'

describe('circuit breaker', () => {
  it('fails fast while open, lets one probe through after the window, closes on success', () => {
    let t = 0
    const b = createCircuitBreaker({ openMs: 5_000, maxOpenMs: 60_000, now: () => t })
    expect(b.tryAcquire()).toEqual({ allowed: true })
    b.failed()
    expect(b.tryAcquire()).toEqual({ allowed: false, retryAt: 5_000 })
    t = 5_000
    expect(b.tryAcquire()).toEqual({ allowed: true }) // the probe
    expect(b.tryAcquire()).toEqual({ allowed: false, retryAt: 5_000 }) // others while it runs
    b.succeeded()
    expect(b.tryAcquire()).toEqual({ allowed: true })
  })

  it('a failed probe doubles the window, up to the maximum', () => {
    let t = 0
    const b = createCircuitBreaker({ openMs: 5_000, maxOpenMs: 12_000, now: () => t })
    b.failed()
    t = 5_000
    b.tryAcquire()
    b.failed()
    expect(b.tryAcquire()).toEqual({ allowed: false, retryAt: 15_000 })
    t = 15_000
    b.tryAcquire()
    b.failed()
    expect(b.tryAcquire()).toEqual({ allowed: false, retryAt: 27_000 })
  })

  it('openMs 0 turns it off', () => {
    const b = createCircuitBreaker({ openMs: 0, maxOpenMs: 0 })
    b.failed()
    expect(b.tryAcquire()).toEqual({ allowed: true })
  })
})
