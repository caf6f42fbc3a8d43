import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import type { Address } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEVNET_ACCOUNTS } from '../../../devnet/accounts.js'
import { startReplayServer, type ReplayServer } from '../../../devnet/replayServer.js'
import { createLighterReader } from '../read/lighterReader.js'
import { lighterDevnet, recordedResponseText } from '../devnet.js'
import { LIGHTER_MARKETS_RECORDING, LIGHTER_RECORDINGS, LIGHTER_RECORDINGS_DIR } from '../devnet/lighterRecordings.js'
import { sharedCorpus } from '../../../../test/support/sharedCorpus.js'

/**
 * The devnet's Lighter replay: which recordings it holds (the MIT ccxt ones
 * only, byte-identical to ../shared's), and that its route serves each
 * recording's `response` as the bytes standing in the file, for the demo
 * wallet and the manifest's fixed address, and "account not found" otherwise.
 */

const shared = sharedCorpus('fixtures/perps/lighter')
const text = (file: string) => readFileSync(path.join(LIGHTER_RECORDINGS_DIR, file), 'utf8')
const OTHER: Address = '0x00000000000000000000000000000000000001B1'
const NOBODY: Address = '0x00000000000000000000000000000000000001d1'

describe('the devnet serves Lighter from its recordings', () => {
  let replay: ReplayServer
  beforeAll(async () => {
    replay = await startReplayServer([lighterDevnet.replay])
  })
  afterAll(async () => {
    await replay.stop()
  })
  const get = async (pathAndQuery: string) => {
    const res = await fetch(`${replay.url}${pathAndQuery}`)
    return { status: res.status, body: await res.text() }
  }

  it('holds exactly the MIT ccxt recordings it serves, and SOURCES.md', () => {
    const files = [...LIGHTER_RECORDINGS.map((r) => r.file), LIGHTER_MARKETS_RECORDING]
    expect(readdirSync(LIGHTER_RECORDINGS_DIR).sort()).toEqual([...files, 'SOURCES.md'].sort())
    const sources = readFileSync(path.join(LIGHTER_RECORDINGS_DIR, 'SOURCES.md'), 'utf8')
    for (const f of files) {
      const source = (JSON.parse(text(f)) as { source: { repo: string; licence: string; path: string; commit: string } }).source
      expect(source).toMatchObject({ repo: 'ccxt/ccxt', licence: 'MIT', path: 'ts/src/test/static/response/lighter.json' })
      expect(sources).toContain(f)
      expect(sources).toContain(source.commit)
    }
    expect(LIGHTER_RECORDINGS.find((r) => r.address === DEVNET_ACCOUNTS.demo)?.file).toBe('account_by_index_ETH_long_cross_liqpx.json')
  })

  it.skipIf(!shared.present && !shared.mustExist)('its recordings are byte-identical to ../shared', () => {
    expect(shared.present, `the recorded corpus is required under CI: ${shared.dir}`).toBe(true)
    for (const f of [...LIGHTER_RECORDINGS.map((r) => r.file), LIGHTER_MARKETS_RECORDING]) {
      expect(readFileSync(path.join(LIGHTER_RECORDINGS_DIR, f)).equals(readFileSync(path.join(shared.dir, f))), f).toBe(true)
    }
  })

  it("answers each recorded address's accounts with the recording's response bytes, in any address case", async () => {
    for (const r of LIGHTER_RECORDINGS) {
      const file = text(r.file)
      const expected = (JSON.parse(file) as { response: unknown }).response
      for (const value of [r.address, r.address.toLowerCase()]) {
        const { status, body } = await get(`/api/v1/account?by=l1_address&value=${value}`)
        expect(status).toBe(200)
        // the bytes as they stand in the file (a substring of it), and the recorded JSON
        expect(file).toContain(body)
        expect(body.startsWith('{"code":200')).toBe(true)
        expect(JSON.parse(body)).toEqual(expected)
      }
    }
    expect(replay.served['lighter:account']).toBeGreaterThanOrEqual(4)
  })

  it('answers orderBookDetails with the recorded markets, byte for byte', async () => {
    const file = text(LIGHTER_MARKETS_RECORDING)
    const { status, body } = await get('/api/v1/orderBookDetails')
    expect(status).toBe(200)
    expect(file).toContain(body)
    expect(JSON.parse(body)).toEqual((JSON.parse(file) as { response: unknown }).response)
  })

  it('answers "account not found" (code 21100) for any other address, and nothing else it was not recorded for', async () => {
    const { body } = await get(`/api/v1/account?by=l1_address&value=${NOBODY}`)
    expect(JSON.parse(body)).toEqual({ code: 21100, message: 'account not found' })
    expect((await get('/api/v1/account?by=index&value=1077')).status).toBe(404)
    expect((await get('/api/v1/accountsByL1Address?l1_address=0x15f43D1f2DeE81424aFd891943262aa90F22cc2A')).status).toBe(404)
    expect((await fetch(`${replay.url}/api/v1/orderBookDetails`, { method: 'POST' })).status).toBe(404)
  })

  it('the reader reads the demo wallet, the fixed address and an unknown one through it', async () => {
    const reader = createLighterReader({ baseUrl: lighterDevnet.chainsFileEntry(replay.url).url, sourceLabel: () => ({ kind: 'API' }), timeoutMs: 5000 })
    const ids = async (owner: Address) => (await reader.read({ owner, linked: [], signal: AbortSignal.timeout(5000) })).models.map((m) => m.venue.id)
    expect(await ids(DEVNET_ACCOUNTS.demo)).toEqual(['lighter:1077:cross'])
    expect(await ids(OTHER)).toEqual(['lighter:1077:cross', 'lighter:281474976710608:cross'])
    expect(await ids(NOBODY)).toEqual([])
  })

  it('lists the recordings in the chain list entry and the manifest, and the non-demo ones as example wallets', () => {
    const entry = lighterDevnet.chainsFileEntry('http://127.0.0.1:1')
    expect(entry.url).toBe('http://127.0.0.1:1')
    expect(entry.replay.recordings).toEqual(LIGHTER_RECORDINGS.map((r) => ({ account: r.address, recording: r.file, recordedAt: null })))
    const manifest = lighterDevnet.manifestSchema.parse(lighterDevnet.manifest('http://127.0.0.1:1'))
    expect(manifest.lighter.recordings.map((r) => r.file)).toEqual(LIGHTER_RECORDINGS.map((r) => r.file))
    expect(manifest.lighter.markets).toBe(LIGHTER_MARKETS_RECORDING)
    expect(lighterDevnet.exampleWallets(DEVNET_ACCOUNTS.demo)).toEqual([{ label: 'Lighter recording accountsByL1Address_unified_assets.json', address: OTHER }])
  })

  it('refuses to serve a recording whose response it cannot cut out exactly', () => {
    const file = text(LIGHTER_MARKETS_RECORDING)
    const recording = JSON.parse(file) as { source: unknown; request: unknown; response: unknown }
    const cut = recordedResponseText(file, 'markets')
    expect(file.endsWith(`${cut}\n}\n`)).toBe(true)
    expect(JSON.parse(cut)).toEqual(recording.response)
    // response not the last member, or not laid out as a two-space-indented member: refused, never re-serialized
    const responseFirst = JSON.stringify({ response: recording.response, source: recording.source, request: recording.request }, null, 2)
    expect(() => recordedResponseText(responseFirst, 'first')).toThrow(/not the recording's last/)
    expect(() => recordedResponseText(JSON.stringify(recording), 'compact')).toThrow(TypeError)
  })
})
