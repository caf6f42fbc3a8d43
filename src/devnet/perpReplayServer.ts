import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A loopback HTTP server that replays recorded perps-venue responses byte for
 * byte: Hyperliquid's `POST /info` (clearinghouseState per user, meta) and
 * dYdX v4's indexer (`GET /v4/addresses/{address}/subaccountNumber/{n}`,
 * `GET /v4/perpetualMarkets`). It computes nothing and shares no code with
 * xmargin's adapters. An address with no recording gets an empty account
 * (Hyperliquid) or the indexer's 404 (dYdX).
 */
export type PerpReplayRecordings = {
  /** Hyperliquid: lowercase EVM address → file of a clearinghouseState body. */
  readonly hyperliquidUsers: Readonly<Record<string, string>>
  /** Hyperliquid: file of a `meta` body, or null. */
  readonly hyperliquidMeta: string | null
  /** dYdX: bech32 address → file of a subaccount body (subaccount 0). */
  readonly dydxSubaccounts: Readonly<Record<string, string>>
  /** dYdX: file of the perpetualMarkets body, or null. */
  readonly dydxMarkets: string | null
}

export type PerpReplayServer = {
  readonly url: string
  /** Requests served, by route (`hyperliquid:clearinghouseState`, `dydx:subaccount`, ...). */
  readonly served: Readonly<Record<string, number>>
  stop(): Promise<void>
}

/** The clearinghouseState Hyperliquid answers for an address with no account. */
const EMPTY_HYPERLIQUID_ACCOUNT = JSON.stringify({
  marginSummary: { accountValue: '0.0', totalNtlPos: '0.0', totalRawUsd: '0.0', totalMarginUsed: '0.0' },
  crossMarginSummary: { accountValue: '0.0', totalNtlPos: '0.0', totalRawUsd: '0.0', totalMarginUsed: '0.0' },
  crossMaintenanceMarginUsed: '0.0',
  withdrawable: '0.0',
  assetPositions: [],
  time: 0,
})

/** Starts the replay server on 127.0.0.1 (`port` 0 picks a free one). */
export async function startPerpReplayServer(recordings: PerpReplayRecordings, port = 0): Promise<PerpReplayServer> {
  const served: Record<string, number> = {}
  const count = (route: string) => (served[route] = (served[route] ?? 0) + 1)
  const send = (res: import('node:http').ServerResponse, status: number, body: string | Buffer) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(body)
  }
  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost')
      if (req.method === 'POST' && url.pathname === '/info') {
        const chunks: Buffer[] = []
        for await (const c of req) chunks.push(c as Buffer)
        let body: { type?: string; user?: string } = {}
        try {
          body = JSON.parse(Buffer.concat(chunks).toString()) as typeof body
        } catch {
          return send(res, 400, JSON.stringify({ error: 'invalid JSON' }))
        }
        if (body.type === 'clearinghouseState' && typeof body.user === 'string') {
          count('hyperliquid:clearinghouseState')
          const file = recordings.hyperliquidUsers[body.user.toLowerCase()]
          return send(res, 200, file ? await readFile(file) : EMPTY_HYPERLIQUID_ACCOUNT)
        }
        if (body.type === 'meta' && recordings.hyperliquidMeta) {
          count('hyperliquid:meta')
          return send(res, 200, await readFile(recordings.hyperliquidMeta))
        }
        return send(res, 422, JSON.stringify({ error: `no recording for request type ${String(body.type)}` }))
      }
      const sub = /^\/v4\/addresses\/([^/]+)\/subaccountNumber\/(\d+)$/.exec(url.pathname)
      if (req.method === 'GET' && sub) {
        count('dydx:subaccount')
        const file = sub[2] === '0' ? recordings.dydxSubaccounts[sub[1]!] : undefined
        if (!file) return send(res, 404, JSON.stringify({ errors: [{ msg: `No subaccount found with address ${sub[1]} and subaccountNumber ${sub[2]}` }] }))
        return send(res, 200, await readFile(file))
      }
      if (req.method === 'GET' && url.pathname === '/v4/perpetualMarkets' && recordings.dydxMarkets) {
        count('dydx:perpetualMarkets')
        return send(res, 200, await readFile(recordings.dydxMarkets))
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
