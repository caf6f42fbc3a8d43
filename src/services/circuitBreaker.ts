/**
 * A per-chain circuit breaker: after a chain's node fails (or misses its
 * deadline), queries answer that chain as unavailable at once for `openMs`
 * instead of each waiting out the deadline; then one query probes it while
 * the others keep failing fast; a success closes the circuit, a failure
 * opens it again for twice as long (at most `maxOpenMs`).
 */
export type CircuitBreaker = {
  /** Whether a query may read the chain now (closed, or this query is the probe). */
  tryAcquire(): { readonly allowed: true } | { readonly allowed: false; readonly retryAt: number }
  succeeded(): void
  failed(): void
}

export function createCircuitBreaker(params: { readonly openMs: number; readonly maxOpenMs: number; readonly now?: () => number }): CircuitBreaker {
  const now = params.now ?? Date.now
  let state: 'closed' | 'open' | 'probing' = 'closed'
  let openUntil = 0
  let window = params.openMs
  return {
    tryAcquire() {
      if (state === 'closed' || params.openMs === 0) return { allowed: true }
      if (state === 'open' && now() >= openUntil) {
        state = 'probing'
        return { allowed: true }
      }
      return { allowed: false, retryAt: openUntil }
    },
    succeeded() {
      state = 'closed'
      window = params.openMs
    },
    failed() {
      if (state === 'probing') window = Math.min(params.maxOpenMs, window * 2)
      state = 'open'
      openUntil = now() + window
    },
  }
}
