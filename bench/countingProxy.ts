import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A loopback HTTP proxy that forwards JSON-RPC to `target` and counts HTTP requests and JSON-RPC calls. */
export type CountingProxy = { url: string; httpRequests: number; rpcCalls: number; reset(): void; close(): Promise<void> }

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const counts = { httpRequests: 0, rpcCalls: 0 }
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const body = Buffer.concat(chunks)
    counts.httpRequests += 1
    try {
      const parsed = JSON.parse(body.toString()) as unknown
      counts.rpcCalls += Array.isArray(parsed) ? parsed.length : 1
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
    reset() {
      counts.httpRequests = 0
      counts.rpcCalls = 0
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
