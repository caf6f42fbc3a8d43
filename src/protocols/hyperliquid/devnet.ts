import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { addressSchema } from '../../config/schemas.js'
import type { DevnetApiVenue, DevnetReplayRoute } from '../../devnet/types.js'
import { HYPERLIQUID_META_RECORDING, HYPERLIQUID_RECORDINGS, HYPERLIQUID_RECORDINGS_DIR } from './devnet/hyperliquidRecordings.js'

/** The clearinghouseState Hyperliquid answers for an address with no account. */
const EMPTY_HYPERLIQUID_ACCOUNT = JSON.stringify({
  marginSummary: { accountValue: '0.0', totalNtlPos: '0.0', totalRawUsd: '0.0', totalMarginUsed: '0.0' },
  crossMarginSummary: { accountValue: '0.0', totalNtlPos: '0.0', totalRawUsd: '0.0', totalMarginUsed: '0.0' },
  crossMaintenanceMarginUsed: '0.0',
  withdrawable: '0.0',
  assetPositions: [],
  time: 0,
})

/**
 * Hyperliquid's `POST /info` as the devnet's replay server answers it, from
 * recorded responses: `clearinghouseState` per user (an empty account for an
 * address with no recording) and `meta`.
 * @param recordings lowercase EVM address → file of a clearinghouseState body; the `meta` body's file, or null.
 */
export function hyperliquidReplayRoute(recordings: { readonly users: Readonly<Record<string, string>>; readonly meta: string | null }): DevnetReplayRoute {
  return {
    async answer(req, url, body) {
      if (req.method !== 'POST' || url.pathname !== '/info') return null
      let request: { type?: string; user?: string } = {}
      try {
        request = JSON.parse((await body()).toString()) as typeof request
      } catch {
        return { status: 400, body: JSON.stringify({ error: 'invalid JSON' }), route: 'hyperliquid:invalid' }
      }
      if (request.type === 'clearinghouseState' && typeof request.user === 'string') {
        const file = recordings.users[request.user.toLowerCase()]
        return { status: 200, body: file ? await readFile(file) : EMPTY_HYPERLIQUID_ACCOUNT, route: 'hyperliquid:clearinghouseState' }
      }
      if (request.type === 'meta' && recordings.meta) return { status: 200, body: await readFile(recordings.meta), route: 'hyperliquid:meta' }
      return { status: 422, body: JSON.stringify({ error: `no recording for request type ${String(request.type)}` }), route: 'hyperliquid:unrecorded' }
    },
  }
}

const manifestSchema = z.object({
  hyperliquid: z.object({
    /** Hyperliquid-compatible `POST /info` endpoint on loopback. */
    infoUrl: z.string().url(),
    recordings: z.array(
      z.object({
        address: addressSchema,
        file: z.string(),
        /** Unix seconds, as a decimal string; null when unknown. */
        recordedAt: z.string().regex(/^\d+$/).nullable(),
        description: z.string(),
      }),
    ),
  }),
})

/**
 * Hyperliquid on the devnet: the replay server answers its info API from the
 * recordings (src/protocols/hyperliquid/devnet/recordings, with their
 * sources), the demo wallet getting a cross account long ETH beside its Aave
 * WETH debt and fixed addresses the others.
 */
export const hyperliquidDevnet: DevnetApiVenue<typeof manifestSchema.shape> = {
  key: 'hyperliquid',
  replay: hyperliquidReplayRoute({
    users: Object.fromEntries(HYPERLIQUID_RECORDINGS.map((r) => [r.address.toLowerCase(), path.join(HYPERLIQUID_RECORDINGS_DIR, r.file)])),
    meta: path.join(HYPERLIQUID_RECORDINGS_DIR, HYPERLIQUID_META_RECORDING),
  }),
  chainsFileEntry: (replayUrl) => ({
    url: `${replayUrl}/info`,
    replay: { recordings: HYPERLIQUID_RECORDINGS.map((r) => ({ account: r.address, recording: r.file, recordedAt: r.recordedAt?.toString() ?? null })) },
  }),
  exampleWallets: (demo) => HYPERLIQUID_RECORDINGS.filter((r) => r.address.toLowerCase() !== demo.toLowerCase()).map((r) => ({ label: `Hyperliquid recording ${r.file}`, address: r.address })),
  manifestSchema,
  manifest: (replayUrl) => ({
    hyperliquid: {
      infoUrl: `${replayUrl}/info`,
      recordings: HYPERLIQUID_RECORDINGS.map((r) => ({ address: r.address, file: r.file, recordedAt: r.recordedAt?.toString() ?? null, description: r.description })),
    },
  }),
}
