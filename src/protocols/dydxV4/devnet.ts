import { readFile } from 'node:fs/promises'
import type { DevnetReplayRoute } from '../../devnet/types.js'

/**
 * dYdX v4's indexer as the devnet's replay server answers it, from recorded
 * responses: `GET /v4/addresses/{address}/subaccountNumber/{n}` (subaccount 0
 * of the recorded addresses; the indexer's 404 otherwise) and
 * `GET /v4/perpetualMarkets`. The devnet lists no dYdX account by default;
 * tests replay the recorded corpus through it.
 * @param recordings bech32 address → file of a subaccount body; the perpetualMarkets body's file, or null.
 */
export function dydxV4ReplayRoute(recordings: { readonly subaccounts: Readonly<Record<string, string>>; readonly markets: string | null }): DevnetReplayRoute {
  const json = (status: number, body: unknown) => ({ status, body: JSON.stringify(body) })
  return {
    async answer(req, url) {
      if (req.method !== 'GET') return null
      const sub = /^\/v4\/addresses\/([^/]+)\/subaccountNumber\/(\d+)$/.exec(url.pathname)
      if (sub) {
        const file = sub[2] === '0' ? recordings.subaccounts[sub[1]!] : undefined
        if (!file) return { ...json(404, { errors: [{ msg: `No subaccount found with address ${sub[1]} and subaccountNumber ${sub[2]}` }] }), route: 'dydx:subaccount' }
        return { status: 200, body: await readFile(file), route: 'dydx:subaccount' }
      }
      if (url.pathname === '/v4/perpetualMarkets' && recordings.markets) return { status: 200, body: await readFile(recordings.markets), route: 'dydx:perpetualMarkets' }
      return null
    },
  }
}
