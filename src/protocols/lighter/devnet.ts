import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { z } from 'zod'
import { addressSchema } from '../../config/schemas.js'
import type { DevnetApiVenue, DevnetReplayRoute } from '../../devnet/types.js'
import { LIGHTER_MARKETS_RECORDING, LIGHTER_RECORDINGS, LIGHTER_RECORDINGS_DIR } from './devnet/lighterRecordings.js'

/** What Lighter answers for an L1 address with no account (its code 21100; the HTTP status it uses is not recorded, the reader accepts any). */
const ACCOUNT_NOT_FOUND = JSON.stringify({ code: 21100, message: 'account not found' })

/** The top-level `"response":` member of a recording file as the recordings lay it out (two-space indent). */
const RESPONSE_MEMBER = /^ {2}"response":\s*/m

/**
 * The venue JSON of a recording file (`{source, request, response}`, the
 * response its last member; see recordings/SOURCES.md), as the bytes that
 * stand in the file: no re-serialization.
 * @throws TypeError when the file is laid out otherwise (its response could not be cut out exactly).
 */
export function recordedResponseText(text: string, file: string): string {
  const recording = JSON.parse(text) as { response?: unknown }
  const member = RESPONSE_MEMBER.exec(text)
  const body = member ? text.slice(member.index + member[0].length).trimEnd() : ''
  const cut = body.endsWith('}') ? body.slice(0, -1).trimEnd() : ''
  let same = false
  try {
    same = cut !== '' && isDeepStrictEqual(JSON.parse(cut), recording.response)
  } catch {
    same = false
  }
  if (!same) throw new TypeError(`${file}: its "response" is not the recording's last top-level member; cannot serve it byte for byte`)
  return cut
}

/**
 * Lighter's REST API as a replay server answers it, from recordings (each
 * file read and cut once): `GET /api/v1/account?by=l1_address&value=0x…` (the
 * address's recorded accounts; code 21100 "account not found" for any other)
 * and `GET /api/v1/orderBookDetails`, the two requests the reader makes. Each
 * answer is the recording's `response` part, byte for byte.
 * @param recordings lowercase L1 address → recording file of its accounts; the orderBookDetails recording file, or null.
 */
export function lighterReplayRoute(recordings: { readonly accounts: Readonly<Record<string, string>>; readonly markets: string | null }): DevnetReplayRoute {
  const cache = new Map<string, Promise<string>>()
  const responseOf = (file: string) => {
    let body = cache.get(file)
    if (!body) {
      body = readFile(file, 'utf8').then((text) => recordedResponseText(text, path.basename(file)))
      // a failed read is not kept: the next request tries again
      body.catch(() => cache.delete(file))
      cache.set(file, body)
    }
    return body
  }
  return {
    async answer(req, url) {
      if (req.method !== 'GET') return null
      if (url.pathname === '/api/v1/account' && url.searchParams.get('by') === 'l1_address') {
        const file = recordings.accounts[(url.searchParams.get('value') ?? '').toLowerCase()]
        if (!file) return { status: 400, body: ACCOUNT_NOT_FOUND, route: 'lighter:account' }
        return { status: 200, body: await responseOf(file), route: 'lighter:account' }
      }
      if (url.pathname === '/api/v1/orderBookDetails' && recordings.markets) {
        return { status: 200, body: await responseOf(recordings.markets), route: 'lighter:orderBookDetails' }
      }
      return null
    },
  }
}

const manifestSchema = z.object({
  lighter: z.object({
    /** Lighter-compatible REST API base on loopback (the reader appends `/api/v1/…`). */
    apiUrl: z.string().url(),
    recordings: z.array(
      z.object({
        address: addressSchema,
        file: z.string(),
        /** Unix seconds, as a decimal string; null when unknown. */
        recordedAt: z.string().regex(/^\d+$/).nullable(),
        description: z.string(),
      }),
    ),
    /** The orderBookDetails recording every address's positions are margined with. */
    markets: z.string(),
  }),
})

/**
 * Lighter on the devnet: the replay server answers its REST API from the
 * recordings (src/protocols/lighter/devnet/recordings, with their sources),
 * the demo wallet getting account 1077's cross ETH long beside its lending
 * venues, a fixed address the master account with spot assets and its
 * sub-account, any other address "account not found".
 */
export const lighterDevnet: DevnetApiVenue<typeof manifestSchema.shape> = {
  key: 'lighter',
  replay: lighterReplayRoute({
    accounts: Object.fromEntries(LIGHTER_RECORDINGS.map((r) => [r.address.toLowerCase(), path.join(LIGHTER_RECORDINGS_DIR, r.file)])),
    markets: path.join(LIGHTER_RECORDINGS_DIR, LIGHTER_MARKETS_RECORDING),
  }),
  chainsFileEntry: (replayUrl) => ({
    url: replayUrl,
    replay: { recordings: LIGHTER_RECORDINGS.map((r) => ({ account: r.address, recording: r.file, recordedAt: r.recordedAt?.toString() ?? null })) },
  }),
  exampleWallets: (demo) => LIGHTER_RECORDINGS.filter((r) => r.address.toLowerCase() !== demo.toLowerCase()).map((r) => ({ label: `Lighter recording ${r.file}`, address: r.address })),
  manifestSchema,
  manifest: (replayUrl) => ({
    lighter: {
      apiUrl: replayUrl,
      recordings: LIGHTER_RECORDINGS.map((r) => ({ address: r.address, file: r.file, recordedAt: r.recordedAt?.toString() ?? null, description: r.description })),
      markets: LIGHTER_MARKETS_RECORDING,
    },
  }),
}
