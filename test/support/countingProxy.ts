import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A loopback HTTP proxy that forwards JSON-RPC to `target` and counts HTTP
 * requests, JSON-RPC calls and calls per method (tests and `npm run bench`).
 * Background requests are counted apart (`background`): an HTTP request
 * whose every call is `eth_blockNumber` or `eth_getLogs` alone is a chain
 * index following the head on its own timer (a query's reads always carry
 * a head read or an `eth_call`), so per-query counts stay exact.
 */
export type CountingProxy = { url: string; httpRequests: number; rpcCalls: number; background: number; readonly methods: ReadonlyMap<string, number>; reset(): void; close(): Promise<void> }

/** Methods a background index sends on its own (see startCountingProxy). */
const BACKGROUND_METHODS = new Set(['eth_blockNumber', 'eth_getLogs'])

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const counts = { httpRequests: 0, rpcCalls: 0, background: 0 }
  const methods = new Map<string, number>()
  const countMethod = (call: unknown) => {
    const method = typeof call === 'object' && call !== null && 'method' in call ? String((call as { method: unknown }).method) : 'unknown'
    methods.set(method, (methods.get(method) ?? 0) + 1)
  }
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const body = Buffer.concat(chunks)
    try {
      const parsed = JSON.parse(body.toString()) as unknown
      const calls = Array.isArray(parsed) ? parsed : [parsed]
      for (const call of calls) countMethod(call)
      const background = calls.every((c) => typeof c === 'object' && c !== null && BACKGROUND_METHODS.has(String((c as { method?: unknown }).method)))
      if (background) counts.background += 1
      else {
        counts.httpRequests += 1
        counts.rpcCalls += calls.length
      }
    } catch {
      counts.httpRequests += 1
      counts.rpcCalls += 1
    }
    const upstream = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    res.writeHead(upstream.status, { 'content-type': 'application/json' })
    res.end(Buffer.from(await upstream.arrayBuffer()))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    get httpRequests() {
      return counts.httpRequests
    },
    get rpcCalls() {
      return counts.rpcCalls
    },
    get background() {
      return counts.background
    },
    methods,
    reset() {
      counts.httpRequests = 0
      counts.rpcCalls = 0
      counts.background = 0
      methods.clear()
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
