import type { IncomingHttpHeaders } from 'node:http'
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify'
import { fastifyRateLimit } from '@fastify/rate-limit'
import { BaseError } from '../errors/BaseError.js'

/** A client spent its rate-limit budget (`RATE_LIMITED`, HTTP 429); `retryAfterSeconds` is when it may send again. */
export class RateLimitedError extends BaseError {
  override name = 'RateLimitedError'
  readonly statusCode = 429
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests from this client; retry in ${retryAfterSeconds} s.`)
  }
}

export type ClientRateLimit = {
  /** The `onRequest` hook that spends one request of the client's budget, answered 429 (`RateLimitedError`) once it is spent. */
  readonly onRequest: onRequestAsyncHookHandler
  /** Spends one request of the budget of the client that sent `request` (a WebSocket `subscribe`); the error once it is spent, nothing thrown. */
  spend(request: FastifyRequest): Promise<RateLimitedError | null>
}

/**
 * One budget per client (@fastify/rate-limit, in memory), shared by every way
 * in: HTTP requests to `/graphql`, WebSocket connections and each `subscribe`
 * sent over them. At most `requestsPerMinute` per client in a 60 s window; the
 * client is its socket address, or the first `X-Forwarded-For` entry when
 * `trustForwardedFor` (behind a proxy that sets it).
 */
export async function registerClientRateLimit(app: FastifyInstance, params: { readonly requestsPerMinute: number; readonly trustForwardedFor: boolean }): Promise<ClientRateLimit> {
  await app.register(fastifyRateLimit, {
    global: false,
    max: params.requestsPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => clientKeyOf(request.headers, request.socket.remoteAddress, params.trustForwardedFor),
    // only Retry-After, on the 429
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    addHeaders: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false, 'retry-after': true },
    errorResponseBuilder: (_request, context) => new RateLimitedError(secondsOf(context.ttl)),
  })
  // without options both share the plugin's one store
  const check = app.createRateLimit()
  return {
    onRequest: app.rateLimit(),
    spend: async (request) => {
      const verdict = await check(request)
      return !verdict.isAllowed && verdict.isExceeded ? new RateLimitedError(secondsOf(verdict.ttl)) : null
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

/** Whole seconds to wait, at least 1, from a window's remaining milliseconds. */
function secondsOf(ttlMs: number): number {
  return Math.max(1, Math.ceil(ttlMs / 1000))
}
