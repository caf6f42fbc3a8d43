import { readFile } from 'node:fs/promises'
import type { DevnetReplayRoute } from '../../devnet/types.js'

/** What Lighter answers for an L1 address with no account (its code 21100; the HTTP status it uses is not recorded, the reader accepts any). */
const ACCOUNT_NOT_FOUND = JSON.stringify({ code: 21100, message: 'account not found' })

/** The venue JSON of a recording file (`{source, request, response}`, see ../shared/fixtures/perps/lighter/SOURCES.md), re-serialized. */
async function recordedResponse(file: string): Promise<string> {
  const recording = JSON.parse(await readFile(file, 'utf8')) as { response: unknown }
  return JSON.stringify(recording.response)
}

/**
 * Lighter's REST API as a replay server answers it, from recordings:
 * `GET /api/v1/account?by=l1_address&value=0x…` (the recorded address's
 * accounts; code 21100 "account not found" for any other) and
 * `GET /api/v1/orderBookDetails`. The devnet lists no Lighter account by
 * default (its recordings live in ../shared, which a devnet may not have);
 * tests replay the recorded corpus through it.
 * @param recordings lowercase L1 address → recording file of its accounts; the orderBookDetails recording file, or null.
 */
export function lighterReplayRoute(recordings: { readonly accounts: Readonly<Record<string, string>>; readonly markets: string | null }): DevnetReplayRoute {
  return {
    async answer(req, url) {
      if (req.method !== 'GET') return null
      if (url.pathname === '/api/v1/account' && url.searchParams.get('by') === 'l1_address') {
        const file = recordings.accounts[(url.searchParams.get('value') ?? '').toLowerCase()]
        if (!file) return { status: 400, body: ACCOUNT_NOT_FOUND, route: 'lighter:account' }
        return { status: 200, body: await recordedResponse(file), route: 'lighter:account' }
      }
      if (url.pathname === '/api/v1/orderBookDetails' && recordings.markets) {
        return { status: 200, body: await recordedResponse(recordings.markets), route: 'lighter:orderBookDetails' }
      }
      return null
    },
  }
}
