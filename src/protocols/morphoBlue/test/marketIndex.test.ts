import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getClient } from '@wagmi/core'
import { numberToHex, parseUnits, type Address, type Hex } from 'viem'
import { compileSolidity } from '../../../devnet/compileSolidity.js'
import { ARTIFACT_CACHE_DIR } from '../../../devnet/startDevnet.js'
import { DEVNET_ACCOUNTS } from '../../../devnet/accounts.js'
import { exposureOfSymbol } from '../../../domain/riskFactorTable.js'
import { createChainReader, executePlan, type RpcLog } from '../../../read/readPlan.js'
import type { ChainLogReader } from '../../types.js'
import { morphoAbi } from '../abi.js'
import { compileMorphoDevnetContracts } from '../devnet/morphoArtifacts.js'
import { morphoMarketId, MorphoDevnetActions, type DeployedMorphoMarket } from '../devnet/deployMorphoBlue.js'
import { CREATE_MARKET_TOPIC, decodeCreateMarket, MorphoBlueMarketIndex } from '../read/marketIndex.js'
import { createMorphoBlueStateReader, MorphoBlueMetadataCache } from '../read/morphoBlueReader.js'
import { decodePositionsLens, POSITIONS_LENS_BYTECODE, POSITIONS_LENS_SOLC, positionsLensCallData } from '../read/positionsLens.js'
import { startFaultProxy, type FaultProxy } from '../../../../test/support/faultProxy.js'
import { testManifest, TestChain } from '../../../../test/support/devnet.js'
import { readStates } from '../../../../test/support/readStates.js'

const silent = pino({ level: 'silent' })

/** The chain's logs and head over plain HTTP to `url` (the same JSON-RPC the server's ChainLogReader sends). */
function logReaderOver(url: string, chainId: number): ChainLogReader {
  const rpc = async (method: string, params: unknown[]) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })
    const body = (await res.json()) as { result?: unknown; error?: { message: string } }
    if (body.error) throw new Error(`chain ${chainId}: ${body.error.message}`)
    return body.result
  }
  return {
    blockNumber: async () => BigInt((await rpc('eth_blockNumber', [])) as string),
    blockHash: async (n) => ((await rpc('eth_getBlockByNumber', [numberToHex(n), false])) as { hash: Hex } | null)?.hash ?? null,
    getLogs: async (p) => (await rpc('eth_getLogs', [{ address: p.address, topics: p.topics, fromBlock: numberToHex(p.fromBlock), toBlock: numberToHex(p.toBlock) }])) as RpcLog[],
  }
}

describe('Morpho Blue market discovery on the devnet', () => {
  let chain: TestChain
  let morpho: Address
  let proxy: FaultProxy
  let dir: string
  /** Every market of the devnet's Morpho, from one unbounded eth_getLogs straight to anvil (the reference). */
  let reference: Hex[]

  beforeAll(async () => {
    const manifest = await testManifest()
    chain = new TestChain(manifest.chains.find((c) => c.chainId === 900001)!)
    morpho = chain.entry.morphoBlue!.morpho
    proxy = await startFaultProxy(chain.entry.rpcUrl)
    dir = await mkdtemp(path.join(tmpdir(), 'xmargin-index-'))
    const logs = (await chain.client.request({ method: 'eth_getLogs', params: [{ address: morpho, topics: [CREATE_MARKET_TOPIC], fromBlock: '0x0', toBlock: 'latest' }] })) as RpcLog[]
    reference = logs.map((l) => decodeCreateMarket(l)!.id)
  })
  afterAll(async () => {
    await proxy.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('the positions lens runs the bytes its Solidity source compiles to', async () => {
    const source = await readFile(new URL('../read/lens/MorphoBluePositionsLens.sol', import.meta.url), 'utf8')
    const out = await compileSolidity({ 'MorphoBluePositionsLens.sol': source }, ARTIFACT_CACHE_DIR, POSITIONS_LENS_SOLC)
    expect(out['MorphoBluePositionsLens.sol:MorphoBluePositionsLens']!.bytecode).toBe(POSITIONS_LENS_BYTECODE)
  })

  it('builds the index through a node that refuses log ranges over 3 blocks, shrinking its range, and finds every market', async () => {
    expect(reference.length).toBeGreaterThan(0)
    proxy.fault = { kind: 'logRange', maxBlocks: 3, code: -32005, message: 'query exceeds max block range 3' }
    try {
      const index = new MorphoBlueMarketIndex({ chainId: 900001, morpho, deploymentBlock: 0n, logs: logReaderOver(proxy.url, 900001), file: null, logger: silent, initialRange: 64n, followIntervalMs: 60_000 }).start()
      await index.settled
      index.stop()
      const snap = index.snapshot()
      expect(snap.complete).toBe(true)
      expect(proxy.refusedLogQueries).toBeGreaterThan(0)
      expect(snap.markets.map((m) => m.id)).toEqual(reference)
      expect(index.status()).toMatchObject({ complete: true, progress: 1, lastError: null })
      // each market's params hash to its id, as MarketParamsLib.id does
      for (const m of snap.markets) expect(morphoMarketId(m.params)).toBe(m.id)
    } finally {
      proxy.fault = { kind: 'none' }
    }
  })

  it('persists the index and loads it again; a saved index whose last block is not this chain\'s is rebuilt', async () => {
    const file = path.join(dir, 'index.json')
    const first = new MorphoBlueMarketIndex({ chainId: 900001, morpho, deploymentBlock: 0n, logs: logReaderOver(chain.entry.rpcUrl, 900001), file, logger: silent, followIntervalMs: 60_000 }).start()
    await first.settled
    first.stop()
    // the write follows completion
    await expect.poll(async () => (await readFile(file, 'utf8').catch(() => '')).length, { timeout: 10_000 }).toBeGreaterThan(0)
    const saved = JSON.parse(await readFile(file, 'utf8')) as { indexedTo: string; indexedToHash: Hex; markets: unknown[] }
    expect(saved.markets).toHaveLength(reference.length)

    // loaded: only the blocks after the saved one are scanned
    const calls: bigint[] = []
    const counting = logReaderOver(chain.entry.rpcUrl, 900001)
    const second = new MorphoBlueMarketIndex({
      chainId: 900001,
      morpho,
      deploymentBlock: 0n,
      logs: { ...counting, getLogs: (q) => (calls.push(q.fromBlock), counting.getLogs(q)) },
      file,
      logger: silent,
      followIntervalMs: 60_000,
    }).start()
    await second.settled
    second.stop()
    expect(second.snapshot().markets.map((m) => m.id)).toEqual(reference)
    for (const from of calls) expect(from).toBeGreaterThan(BigInt(saved.indexedTo))

    // another chain history (a restarted devnet): the saved block's hash differs, so it is rebuilt from the deployment block
    await writeFile(file, JSON.stringify({ ...saved, indexedToHash: `0x${'ab'.repeat(32)}`, markets: [] }))
    calls.length = 0
    const third = new MorphoBlueMarketIndex({ chainId: 900001, morpho, deploymentBlock: 0n, logs: { ...counting, getLogs: (q) => (calls.push(q.fromBlock), counting.getLogs(q)) }, file, logger: silent, followIntervalMs: 60_000 }).start()
    await third.settled
    third.stop()
    expect(calls[0]).toBe(0n)
    expect(third.snapshot().markets.map((m) => m.id)).toEqual(reference)
  })

  it('the positions lens names exactly the markets where an account has a position, as position() reads them', async () => {
    const ids = reference
    const client = getClient(chain.wagmi, { chainId: 900001 })!
    for (const account of [DEVNET_ACCOUNTS.demo, DEVNET_ACCOUNTS.liquidityProvider, '0x000000000000000000000000000000000000dEaD' as Address]) {
      const data = (await client.request({ method: 'eth_call', params: [{ data: positionsLensCallData(morpho, account, ids) }, 'latest'] } as never)) as Hex
      const found = decodePositionsLens(data).map((i) => ids[i]!)
      const direct: Hex[] = []
      for (const id of ids) {
        const [s, b, c] = await chain.client.readContract({ address: morpho, abi: morphoAbi, functionName: 'position', args: [id, account] })
        if (s > 0n || b > 0n || c > 0n) direct.push(id)
      }
      expect(found).toEqual(direct)
    }
  })

  it('while the first build of a long chain runs, a read answers the listed markets and MARKET_INDEX_INCOMPLETE, never a silent gap', async () => {
    const real = logReaderOver(chain.entry.rpcUrl, 900001)
    // a chain far longer than a short build, whose log queries never answer: the build stays in progress
    const index = new MorphoBlueMarketIndex({
      chainId: 900001,
      morpho,
      deploymentBlock: 0n,
      logs: { ...real, blockNumber: async () => 50_000_000n, getLogs: () => new Promise<never>(() => undefined) },
      file: null,
      logger: silent,
    }).start()
    try {
      await index.settled
      expect(index.status()).toMatchObject({ complete: false, progress: 0 })
      const b = await chain.client.getBlock()
      const reader = createChainReader(chain.wagmi, { chainId: 900001, blockNumber: b.number, blockHash: b.hash, timestamp: b.timestamp })
      const listed = chain.entry.morphoBlue!.markets.map((m) => m.id)
      const stateReader = createMorphoBlueStateReader({
        deployment: { chainId: 900001, morpho, marketIds: listed, index, multicall3: '0xcA11bde05977b3631167028862bE2a173976CA11', usdOracle: chain.entry.aaveV3.oracle },
        account: DEVNET_ACCOUNTS.demo,
        cache: new MorphoBlueMetadataCache(),
        exposureOf: (s) => exposureOfSymbol(s),
        heartbeatOf: () => null,
      })
      await stateReader.prepare(reader)
      const outcome = await executePlan(reader, stateReader.plan(reader))
      expect(outcome.kind).toBe('states')
      if (outcome.kind !== 'states') return
      // the demo wallet's listed position is read
      expect(outcome.states.map((s) => s.marketId).some((id) => listed.includes(id))).toBe(true)
      expect(outcome.unavailable).toHaveLength(1)
      expect(outcome.unavailable[0]!.error.code).toBe('MARKET_INDEX_INCOMPLETE')
      expect(outcome.unavailable[0]!.error.message).toMatch(/first build is still running/)
    } finally {
      index.stop()
    }
  })

  it('a market created after the index caught up, and a position in it, are found by the next read (its logs read beside the multicall)', async () => {
    const snapshot = await chain.snapshot()
    const index = new MorphoBlueMarketIndex({ chainId: 900001, morpho, deploymentBlock: 0n, logs: logReaderOver(chain.entry.rpcUrl, 900001), file: null, logger: silent, followIntervalMs: 600_000 }).start()
    try {
      await index.settled
      const before = index.snapshot().indexedTo!
      // a new market, unlisted, over an existing market's oracle and IRM with another LLTV, and a fresh account's position in it
      const listed = chain.entry.morphoBlue!.markets[0]!
      const contracts = await compileMorphoDevnetContracts(ARTIFACT_CACHE_DIR)
      const lltv = 385_000_000_000_000_000n
      await chain.deployer.send(morpho, contracts.morpho.abi, 'enableLltv' as never, [lltv] as never).catch(() => undefined)
      const params = { loanToken: listed.loanToken, collateralToken: listed.collateralToken, oracle: listed.oracle, irm: listed.irm, lltv }
      await chain.deployer.send(morpho, contracts.morpho.abi, 'createMarket' as never, [params] as never)
      const market: DeployedMorphoMarket = { ...listed, id: morphoMarketId(params), label: 'new', lltv: String(lltv) }
      const account = await chain.freshAccount(4242)
      await new MorphoDevnetActions(chain.deployer, morpho, contracts.morpho.abi).supplyCollateral(market, account, parseUnits('3', 18))

      const b = await chain.client.getBlock()
      expect(b.number).toBeGreaterThan(before)
      const states = await readStates(
        createChainReader(chain.wagmi, { chainId: 900001, blockNumber: b.number, blockHash: b.hash, timestamp: b.timestamp }),
        createMorphoBlueStateReader({
          deployment: { chainId: 900001, morpho, marketIds: [], index, multicall3: '0xcA11bde05977b3631167028862bE2a173976CA11', usdOracle: chain.entry.aaveV3.oracle },
          account,
          cache: new MorphoBlueMetadataCache(),
          exposureOf: (s) => exposureOfSymbol(s),
          heartbeatOf: () => null,
        }),
      )
      expect(states.map((s) => s.marketId)).toEqual([market.id])
      expect(states[0]!.position.collateral).toBe(parseUnits('3', 18))
      expect(index.snapshot().indexedTo).toBe(b.number)
      expect(index.snapshot().markets.map((m) => m.id)).toContain(market.id)
    } finally {
      index.stop()
      await chain.revert(snapshot)
    }
  })
})
