import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createHyperliquidReader } from '../read/hyperliquidReader.js'
import { hyperliquidReplayRoute } from '../devnet.js'
import { HYPERLIQUID_META_RECORDING, HYPERLIQUID_RECORDINGS, HYPERLIQUID_RECORDINGS_DIR, hyperliquidReplayFiles } from '../devnet/hyperliquidRecordings.js'
import { startReplayServer, type ReplayServer } from '../../../devnet/replayServer.js'
import type { DevnetReplayRoute } from '../../../devnet/types.js'
import type { ApiVenueReader } from '../../../read/apiVenueReader.js'

/** The address the devnet replays the HIP-3 (flx) recording and the spot balances for. */
const FLX_OWNER = HYPERLIQUID_RECORDINGS.find((r) => r.dex === 'flx')!.address
const OTHER_OWNER = HYPERLIQUID_RECORDINGS.find((r) => r.file === 'ccxt-isolated-hype-short.json')!.address

/**
 * Which info requests a read sends, counted on a loopback replay of the
 * devnet's recordings: the market-level and slow-changing ones are asked
 * once and kept, the user's states on every read.
 */
describe('Hyperliquid reader: info requests per read', () => {
  let server: ReplayServer
  let reader: ApiVenueReader
  const asked: Record<string, number> = {}
  const counting = (inner: DevnetReplayRoute): DevnetReplayRoute => ({
    async answer(req, url, body) {
      const request = JSON.parse((await body()).toString()) as { type?: string; dex?: string }
      const key = request.dex === undefined ? String(request.type) : `${String(request.type)}:${request.dex}`
      asked[key] = (asked[key] ?? 0) + 1
      return inner.answer(req, url, body)
    },
  })
  const read = (owner: `0x${string}`) => reader.read({ owner, linked: [], signal: AbortSignal.timeout(5000) })

  beforeAll(async () => {
    server = await startReplayServer([counting(hyperliquidReplayRoute({ ...hyperliquidReplayFiles(HYPERLIQUID_RECORDINGS_DIR, path.join), meta: path.join(HYPERLIQUID_RECORDINGS_DIR, HYPERLIQUID_META_RECORDING) }))])
    reader = createHyperliquidReader({ infoUrl: `${server.url}/info`, sourceLabel: () => ({ kind: 'API' }) })
  })
  afterAll(async () => {
    await server?.stop()
  })
  beforeEach(() => {
    for (const k of Object.keys(asked)) delete asked[k]
  })

  it('a first read asks the market data, the account mode and the user\'s states', async () => {
    await read(FLX_OWNER)
    expect(asked).toEqual({
      perpDexs: 1,
      meta: 1,
      'meta:flx': 1,
      spotMetaAndAssetCtxs: 1,
      userAbstraction: 1,
      clearinghouseState: 1,
      'clearinghouseState:flx': 1,
      spotClearinghouseState: 1,
    })
  })

  it('at steady state a read asks only the user\'s states: main dex, each HIP-3 dex, spot', async () => {
    await read(FLX_OWNER)
    expect(asked).toEqual({ clearinghouseState: 1, 'clearinghouseState:flx': 1, spotClearinghouseState: 1 })
  })

  it('concurrent reads of one owner share each request in flight', async () => {
    await Promise.all([read(FLX_OWNER), read(FLX_OWNER), read(FLX_OWNER)])
    expect(asked).toEqual({ clearinghouseState: 1, 'clearinghouseState:flx': 1, spotClearinghouseState: 1 })
  })

  it('the account mode is kept per user: another owner asks its own', async () => {
    await read(OTHER_OWNER)
    expect(asked).toEqual({ userAbstraction: 1, clearinghouseState: 1, 'clearinghouseState:flx': 1, spotClearinghouseState: 1 })
  })
})
