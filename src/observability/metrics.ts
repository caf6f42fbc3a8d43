import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client'

/**
 * The server's Prometheus metrics (prom-client), on their own registry so
 * several servers in one process (tests) do not collide. Served at `/metrics`.
 */
export type Metrics = {
  readonly registry: Registry
  /** HTTP requests by route (`/graphql`, `/healthz`, …) and status code. */
  readonly httpRequests: Counter<'route' | 'status'>
  /** HTTP request latency, seconds, by route. */
  readonly httpDuration: Histogram<'route'>
  /** GraphQL errors sent to clients, by `extensions.code`. */
  readonly graphqlErrors: Counter<'code'>
  /** JSON-RPC HTTP requests sent to nodes, by chain id and outcome (`ok`, `error`). */
  readonly rpcRequests: Counter<'chain_id' | 'outcome'>
  /** JSON-RPC HTTP round trips, seconds, by chain id. */
  readonly rpcDuration: Histogram<'chain_id'>
  /** Cache lookups by cache (`head`, `chain_read`, `api_read`) and result (`hit`, `miss`, `coalesced`). */
  readonly cacheLookups: Counter<'cache' | 'result'>
  /** Monte Carlo runs by outcome (`ok`, or the error code). */
  readonly monteCarloRuns: Counter<'outcome'>
  /** Promise rejections nothing handled (each is a bug; logged in full). */
  readonly unhandledRejections: Counter
}

/** A fresh registry with the process's default metrics and xmargin's own. */
export function createMetrics(): Metrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'xmargin_' })
  const registers = [registry]
  return {
    registry,
    httpRequests: new Counter({ name: 'xmargin_http_requests_total', help: 'HTTP requests by route and status code.', labelNames: ['route', 'status'], registers }),
    httpDuration: new Histogram({
      name: 'xmargin_http_request_duration_seconds',
      help: 'HTTP request latency by route, seconds.',
      labelNames: ['route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    graphqlErrors: new Counter({ name: 'xmargin_graphql_errors_total', help: 'GraphQL errors sent to clients, by extensions.code.', labelNames: ['code'], registers }),
    rpcRequests: new Counter({ name: 'xmargin_rpc_requests_total', help: 'JSON-RPC HTTP requests sent to nodes, by chain id and outcome.', labelNames: ['chain_id', 'outcome'], registers }),
    rpcDuration: new Histogram({
      name: 'xmargin_rpc_request_duration_seconds',
      help: 'JSON-RPC HTTP round trips by chain id, seconds.',
      labelNames: ['chain_id'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
      registers,
    }),
    cacheLookups: new Counter({ name: 'xmargin_cache_lookups_total', help: 'Cache lookups by cache and result (hit, miss, coalesced).', labelNames: ['cache', 'result'], registers }),
    monteCarloRuns: new Counter({ name: 'xmargin_monte_carlo_runs_total', help: 'Monte Carlo runs by outcome.', labelNames: ['outcome'], registers }),
    unhandledRejections: new Counter({ name: 'xmargin_unhandled_rejections_total', help: 'Promise rejections nothing handled (bugs; each is logged).', registers }),
  }
}
