import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { DevnetReplayRoute } from './types.js'

export type ReplayServer = {
  readonly url: string
  /** Requests served, by route (e.g. `hyperliquid:clearinghouseState`). */
  readonly served: Readonly<Record<string, number>>
  stop(): Promise<void>
}

/**
 * A loopback HTTP server that replays recorded API responses byte for byte:
 * each request goes to the first route that answers it (each venue's route
 * is in its protocol's devnet.ts); anything else is a 404. It computes
 * nothing and shares no code with xmargin's readers. `port` 0 picks a free one.
 */
export async function startReplayServer(routes: readonly DevnetReplayRoute[], port = 0): Promise<ReplayServer> {
  const served: Record<string, number> = {}
  const send = (res: ServerResponse, status: number, body: string | Buffer) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(body)
  }
  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost')
      let body: Promise<Buffer> | null = null
      // the body is read once, by the first route that asks for it
      const readBody = () => (body ??= (async () => {
        const chunks: Buffer[] = []
        for await (const c of req) chunks.push(c as Buffer)
        return Buffer.concat(chunks)
      })())
      for (const route of routes) {
        const answer = await route.answer(req, url, readBody)
        if (!answer) continue
        served[answer.route] = (served[answer.route] ?? 0) + 1
        return send(res, answer.status, answer.body)
      }
      send(res, 404, JSON.stringify({ error: 'not recorded' }))
    } catch {
      send(res, 500, JSON.stringify({ error: 'replay failed' }))
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${address.port}`,
    served,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
