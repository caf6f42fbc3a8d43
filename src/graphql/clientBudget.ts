import type { IncomingHttpHeaders } from 'node:http'
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { BaseError } from '../errors/BaseError.js'

/** A client spent its rate-limit budget (`RATE_LIMITED`); `retryAfterSeconds` is when it may send again. */
export class RateLimitedError extends BaseError {
  override name = 'RateLimitedError'
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests from this client; retry in ${retryAfterSeconds} s.`)
  }
}

/**
 * One budget per client, shared by every way in: HTTP requests to `/graphql`,
 * WebSocket connections and each `subscribe` message sent over them.
 */
export type ClientBudget = {
  /** Spends one request of the client's budget; the error when it is spent (nothing is thrown). */
  spend(clientKey: string): Promise<RateLimitedError | null>
}

/** At most `requestsPerMinute` per client in any 60 s window. */
export function createClientBudget(requestsPerMinute: number): ClientBudget {
  const limiter = new RateLimiterMemory({ points: requestsPerMinute, duration: 60 })
  return {
    spend: async (clientKey) => {
      try {
        await limiter.consume(clientKey)
        return null
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection
        return new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)))
      }
    },
  }
}

/** The client a request counts against: its socket address, or the first `X-Forwarded-For` entry behind a trusted proxy. */
export function clientKeyOf(headers: IncomingHttpHeaders, remoteAddress: string | undefined, trustForwardedFor: boolean): string {
  const forwarded = headers['x-forwarded-for']
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim()
  if (trustForwardedFor && first) return first.slice(0, 64)
  return remoteAddress ?? 'unknown'
}
