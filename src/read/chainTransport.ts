import { fallback, http, type Transport } from 'viem'
import { WrongChainIdError } from '../errors/index.js'
import type { Metrics } from '../observability/metrics.js'

export type CreateChainTransportParameters = {
  readonly chainId: number
  /** RPC URLs in order of preference; with several, they are ranked by health and latency. */
  readonly urls: readonly string[]
  /** One HTTP round trip's timeout, ms. */
  readonly timeoutMs: number
  readonly metrics?: Metrics | undefined
}

/** Retries per request after the first try (each after a backoff, or the node's Retry-After when it is short). */
export const RPC_RETRY_COUNT = 2
/** Base of the exponential backoff, ms (100, 200, …). */
export const RPC_RETRY_DELAY_MS = 100
/** The longest Retry-After waited for, ms; a longer one fails over (or fails the chain) instead of stalling it. */
export const MAX_RETRY_AFTER_MS = 1_000
/** JSON-RPC requests per HTTP batch. */
export const MAX_REQUESTS_PER_BATCH = 16
/** How long an endpoint's verified chain id is trusted, ms; a wrong one is re-checked sooner. */
const CHAIN_ID_TTL_MS = 5 * 60_000
const WRONG_CHAIN_ID_TTL_MS = 30_000

/**
 * The viem transport for one chain: each URL over HTTP with JSON-RPC
 * batching (concurrent calls share one HTTP request, MAX_REQUESTS_PER_BATCH
 * at most), bounded retries with
 * exponential backoff that honour a short `Retry-After` (viem's; longer ones
 * are not waited for), every URL's chain id checked with `eth_chainId` before
 * it is used (a node on another chain is refused, never mixed in), and, with
 * several URLs, viem's `fallback` ranking them by recent latency and
 * stability (it pings each every 10 s). Every HTTP round trip is counted and
 * timed in `metrics`.
 */
export function createChainTransport(params: CreateChainTransportParameters): Transport {
  const transports = params.urls.map((url) =>
    http(url, {
      timeout: params.timeoutMs,
      retryCount: RPC_RETRY_COUNT,
      retryDelay: RPC_RETRY_DELAY_MS,
      // at most 16 multicall chunks per HTTP request: ≤ ~1.3 MB of calldata, under nodes' body limits (anvil ~2 MB, geth 5 MB)
      batch: { wait: 0, batchSize: MAX_REQUESTS_PER_BATCH },
      fetchFn: guardedFetch(url, params.chainId, params.metrics),
    }),
  )
  if (transports.length === 1) return transports[0]!
  return fallback(transports, { rank: { interval: 10_000, sampleCount: 5, timeout: params.timeoutMs }, retryCount: 0 })
}

/**
 * `fetch` for one endpoint: verifies its chain id (cached), caps Retry-After,
 * counts and times round trips.
 * @throws WrongChainIdError when the endpoint serves another chain.
 */
function guardedFetch(url: string, chainId: number, metrics: Metrics | undefined): typeof fetch {
  const label = String(chainId)
  let verified: { chainId: number; until: number } | null = null
  const timed = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const end = metrics?.rpcDuration.startTimer({ chain_id: label })
    try {
      const response = await fetch(input, init)
      metrics?.rpcRequests.inc({ chain_id: label, outcome: response.ok ? 'ok' : 'error' })
      return response
    } catch (error) {
      metrics?.rpcRequests.inc({ chain_id: label, outcome: 'error' })
      throw error
    } finally {
      end?.()
    }
  }
  return async (input, init) => {
    if (verified === null || Date.now() > verified.until) {
      const served = await fetchChainId(url, init?.signal ?? undefined, timed)
      verified = { chainId: served, until: Date.now() + (served === chainId ? CHAIN_ID_TTL_MS : WRONG_CHAIN_ID_TTL_MS) }
    }
    if (verified.chainId !== chainId) throw new WrongChainIdError(chainId, verified.chainId)
    const response = await timed(input, init)
    // a batch that asks eth_chainId (every head read does) re-checks the endpoint: a node that starts serving another chain is caught at once
    const ids = response.ok ? chainIdCallIds(init?.body) : []
    const served = ids.length > 0 ? await servedChainId(response.clone(), ids) : null
    if (served !== null && served !== chainId) {
      verified = { chainId: served, until: Date.now() + WRONG_CHAIN_ID_TTL_MS }
      throw new WrongChainIdError(chainId, served)
    }
    const retryAfter = response.headers.get('retry-after')
    if (response.status === 429 && retryAfter !== null && retryAfterMs(retryAfter) > MAX_RETRY_AFTER_MS) {
      // too long to wait within a query's deadline: drop the header, so viem's short backoff applies and then fails over
      const headers = new Headers(response.headers)
      headers.delete('retry-after')
      return new Response(await response.arrayBuffer(), { status: response.status, statusText: response.statusText, headers })
    }
    return response
  }
}

/** Ids of the `eth_chainId` calls in a JSON-RPC body (one call or a batch); empty when it asks none. */
function chainIdCallIds(body: unknown): unknown[] {
  if (typeof body !== 'string' || !body.includes('"eth_chainId"')) return []
  try {
    const parsed = JSON.parse(body) as unknown
    return (Array.isArray(parsed) ? parsed : [parsed]).filter((c: { method?: unknown } | null) => c?.method === 'eth_chainId').map((c: { id?: unknown }) => c.id)
  } catch {
    return []
  }
}

/** The chain id a JSON-RPC answer reports for the `eth_chainId` call with one of `ids`, or null when it has none. */
async function servedChainId(response: Response, ids: readonly unknown[]): Promise<number | null> {
  let body: unknown
  try {
    body = await response.json()
  } catch {
    return null
  }
  for (const item of Array.isArray(body) ? body : [body]) {
    const { id, result } = (item ?? {}) as { id?: unknown; result?: unknown }
    if (ids.includes(id) && typeof result === 'string' && /^0x[0-9a-fA-F]+$/.test(result)) return Number(BigInt(result))
  }
  return null
}

/** `eth_chainId` of an endpoint, through the counted fetch. */
async function fetchChainId(url: string, signal: AbortSignal | undefined, timed: typeof fetch): Promise<number> {
  const response = await timed(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'eth_chainId', params: [] }),
    ...(signal ? { signal } : {}),
  })
  if (!response.ok) throw new TypeError(`eth_chainId answered HTTP ${response.status}`)
  const body = (await response.json()) as { result?: unknown }
  if (typeof body.result !== 'string' || !/^0x[0-9a-fA-F]+$/.test(body.result)) throw new TypeError('eth_chainId answered no chain id')
  return Number(BigInt(body.result))
}

/** Retry-After as ms: delay-seconds or an HTTP date (RFC 9110 §10.2.3); unparseable: 0. */
function retryAfterMs(value: string): number {
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return seconds * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? 0 : date - Date.now()
}
