import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A loopback HTTP proxy that forwards JSON-RPC to `target` and counts HTTP
 * requests, JSON-RPC calls and calls per method (tests and `npm run bench`).
 */
export type CountingProxy = { url: string; httpRequests: number; rpcCalls: number; readonly methods: ReadonlyMap<string, number>; reset(): void; close(): Promise<void> }

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const counts = { httpRequests: 0, rpcCalls: 0 }
  const methods = new Map<string, number>()
  const countMethod = (call: unknown) => {
    const method = typeof call === 'object' && call !== null && 'method' in call ? String((call as { method: unknown }).method) : 'unknown'
    methods.set(method, (methods.get(method) ?? 0) + 1)
  }
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const body = Buffer.concat(chunks)
    counts.httpRequests += 1
    try {
      const parsed = JSON.parse(body.toString()) as unknown
      counts.rpcCalls += Array.isArray(parsed) ? parsed.length : 1
      for (const call of Array.isArray(parsed) ? parsed : [parsed]) countMethod(call)
    } catch {
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
    methods,
    reset() {
      counts.httpRequests = 0
      counts.rpcCalls = 0
      methods.clear()
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
