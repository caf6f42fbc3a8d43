import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { addressSchema } from '../../config/schemas.js'
import { hyperliquidSourceKey } from './model/toHyperliquidVenueModels.js'
import type { DevnetApiVenue, DevnetReplayRoute } from '../../devnet/types.js'
import { HYPERLIQUID_META_RECORDING, HYPERLIQUID_RECORDINGS, HYPERLIQUID_RECORDINGS_DIR, HYPERLIQUID_SPOT_RECORDINGS, hyperliquidReplayFiles } from './devnet/hyperliquidRecordings.js'

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
 * The recordings of one HIP-3 dex and one user's spot, beside the main dex's
 * clearinghouseState per user. Files hold either a bare body or a recording
 * `{source, request, response}` whose `response` is served.
 */
export type HyperliquidExtraRecordings = {
  /** lowercase EVM address → dex name → file of that dex's clearinghouseState. */
  readonly dexStates?: Readonly<Record<string, Readonly<Record<string, string>>>>
  /** lowercase EVM address → file of a spotClearinghouseState body. */
  readonly spot?: Readonly<Record<string, string>>
}

/**
 * The `perpDexs` answer of a replay whose users hold HIP-3 positions: `null`
 * (the main dex) then each dex the recordings name, by its `name` only. It is
 * constructed from the recordings' own `dex` requests, not recorded (no
 * perpDexs recording with a known licence is in reach), like the empty
 * account above.
 */
export function constructedPerpDexs(dexNames: readonly string[]): string {
  return JSON.stringify([null, ...[...new Set(dexNames)].sort().map((name) => ({ name }))])
}

/** The parts of a recorded spotClearinghouseState the constructed spot prices use (decimals as strings or numbers, token ids as numbers or strings). */
const recordedSpotSchema = z.object({
  balances: z.array(z.object({ coin: z.string(), token: z.union([z.number(), z.string()]), total: z.union([z.string(), z.number()]), entryNtl: z.union([z.string(), z.number()]).optional() })),
})

/**
 * The `spotMetaAndAssetCtxs` answer of a replay that serves spot balances.
 * No recording of it with a known licence is in reach, so it is constructed
 * from the spot recordings served (the bodies given): USDC is token 0, and
 * each other token they hold with a cost basis gets a `<coin>/USDC` pair
 * whose markPx is that balance's entryNtl / total, the USDC the recorded
 * wallet paid per token. That is a value of the recording, not a market mark
 * (the spot venue then values each balance at its cost, and USDH, which the
 * wallet holds at entryNtl 0.00621735 for 0.00621736, at 0.99999839 USDC).
 * Token names and indexes are the recording's; pair names and indexes are
 * this body's own, not mainnet's.
 */
export function constructedSpotMetaAndAssetCtxs(bodies: readonly unknown[]): string {
  const tokens = new Map<number, string>([[0, 'USDC']])
  const marks = new Map<number, number>()
  for (const body of bodies) {
    for (const b of recordedSpotSchema.parse(body).balances) {
      const index = Number(b.token)
      const total = Number(b.total)
      const entryNtl = Number(b.entryNtl ?? 0)
      if (index === 0 || !(total > 0) || !(entryNtl > 0) || marks.has(index)) continue
      tokens.set(index, b.coin)
      marks.set(index, entryNtl / total)
    }
  }
  const pairs = [...marks.entries()].sort(([a], [b]) => a - b)
  return JSON.stringify([
    {
      tokens: [...tokens.entries()].sort(([a], [b]) => a - b).map(([index, name]) => ({ name, index })),
      universe: pairs.map(([index], i) => ({ name: `${tokens.get(index)!}/USDC`, tokens: [index, 0], index: i })),
    },
    pairs.map(([index, markPx]) => ({ coin: `${tokens.get(index)!}/USDC`, markPx: String(markPx) })),
  ])
}

/** Recorded bodies already read, by file: a recording does not change while the devnet runs, so each is read from disk once. */
const bodies = new Map<string, Promise<Buffer | string>>()

/** A recorded body, read once (see `bodies`): the file's `response` when it is a `{source, request, response}` recording, else the file's bytes. */
function recordedBody(file: string): Promise<Buffer | string> {
  let body = bodies.get(file)
  if (!body) {
    body = readRecordedBody(file)
    bodies.set(file, body)
    body.catch(() => bodies.delete(file))
  }
  return body
}

async function readRecordedBody(file: string): Promise<Buffer | string> {
  const bytes = await readFile(file)
  const parsed = JSON.parse(bytes.toString()) as unknown
  return parsed !== null && typeof parsed === 'object' && 'response' in parsed && 'source' in parsed ? JSON.stringify((parsed as { response: unknown }).response) : bytes
}

/**
 * Hyperliquid's `POST /info` as the devnet's replay server answers it, from
 * recorded responses: `clearinghouseState` per user (an empty account for an
 * address with no recording) and per HIP-3 dex, `spotClearinghouseState`,
 * `perpDexs` (constructed from the dexes recorded), `spotMetaAndAssetCtxs`
 * (constructed from the spot recordings' cost basis, see
 * constructedSpotMetaAndAssetCtxs) and `meta`. Requests with no recording
 * (`userAbstraction`, a dex's `meta`) answer 422, which the reader reports
 * as not read.
 * @param recordings lowercase EVM address → file of a clearinghouseState body; the `meta` body's file, or null; HIP-3 dex and spot recordings.
 */
export function hyperliquidReplayRoute(recordings: { readonly users: Readonly<Record<string, string>>; readonly meta: string | null } & HyperliquidExtraRecordings): DevnetReplayRoute {
  const dexNames = Object.values(recordings.dexStates ?? {}).flatMap((d) => Object.keys(d))
  const spotFiles = [...new Set(Object.values(recordings.spot ?? {}))].sort()
  let spotPrices: Promise<string> | null = null
  const constructSpotPrices = async () => constructedSpotMetaAndAssetCtxs(await Promise.all(spotFiles.map(async (f) => JSON.parse((await recordedBody(f)).toString()) as unknown)))
  return {
    async answer(req, url, body) {
      if (req.method !== 'POST' || url.pathname !== '/info') return null
      let request: { type?: string; user?: string; dex?: string } = {}
      try {
        request = JSON.parse((await body()).toString()) as typeof request
      } catch {
        return { status: 400, body: JSON.stringify({ error: 'invalid JSON' }), route: 'hyperliquid:invalid' }
      }
      if (request.type === 'clearinghouseState' && typeof request.user === 'string' && typeof request.dex === 'string' && request.dex !== '') {
        const file = recordings.dexStates?.[request.user.toLowerCase()]?.[request.dex]
        return { status: 200, body: file ? await recordedBody(file) : EMPTY_HYPERLIQUID_ACCOUNT, route: 'hyperliquid:clearinghouseState:dex' }
      }
      if (request.type === 'spotClearinghouseState' && typeof request.user === 'string') {
        const file = recordings.spot?.[request.user.toLowerCase()]
        return { status: 200, body: file ? await recordedBody(file) : JSON.stringify({ balances: [] }), route: 'hyperliquid:spotClearinghouseState' }
      }
      if (request.type === 'spotMetaAndAssetCtxs' && spotFiles.length > 0) return { status: 200, body: await (spotPrices ??= constructSpotPrices()), route: 'hyperliquid:spotMetaAndAssetCtxs' }
      if (request.type === 'perpDexs' && dexNames.length > 0) return { status: 200, body: constructedPerpDexs(dexNames), route: 'hyperliquid:perpDexs' }
      if (request.type === 'clearinghouseState' && typeof request.user === 'string') {
        const file = recordings.users[request.user.toLowerCase()]
        return { status: 200, body: file ? await recordedBody(file) : EMPTY_HYPERLIQUID_ACCOUNT, route: 'hyperliquid:clearinghouseState' }
      }
      if (request.type === 'meta' && recordings.meta) return { status: 200, body: await recordedBody(recordings.meta), route: 'hyperliquid:meta' }
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
 * sources), the demo wallet getting the whole account: a main-dex cross
 * account long ETH beside its Aave WETH debt, the HIP-3 dex `flx` (an
 * isolated CRCL long in USDH) and spot balances (HYPE, UETH, USOL, USDH,
 * USDC), priced by the spot prices constructed from that spot recording's
 * cost basis (constructedSpotMetaAndAssetCtxs); fixed addresses get the
 * others.
 */
export const hyperliquidDevnet: DevnetApiVenue<typeof manifestSchema.shape> = {
  key: 'hyperliquid',
  replay: hyperliquidReplayRoute({
    ...hyperliquidReplayFiles(HYPERLIQUID_RECORDINGS_DIR, path.join),
    meta: path.join(HYPERLIQUID_RECORDINGS_DIR, HYPERLIQUID_META_RECORDING),
  }),
  chainsFileEntry: (replayUrl) => ({
    url: `${replayUrl}/info`,
    // each venue's label: the main dex by the owner, a HIP-3 dex and spot by the owner with that part (hyperliquidSourceKey)
    replay: {
      recordings: [
        ...HYPERLIQUID_RECORDINGS.map((r) => ({ account: hyperliquidSourceKey(r.address, { dex: r.dex ?? '' }), recording: r.file, recordedAt: r.recordedAt?.toString() ?? null })),
        ...HYPERLIQUID_SPOT_RECORDINGS.map((r) => ({ account: hyperliquidSourceKey(r.address, 'spot'), recording: r.file, recordedAt: null })),
      ],
    },
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
