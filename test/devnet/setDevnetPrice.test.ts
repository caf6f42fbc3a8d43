import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Hex } from 'viem'
import { exposureOfSymbol } from '../../src/domain/riskFactorTable.js'
import type { DevnetManifest } from '../../src/devnet/manifest.js'
import { devnetPriceFeedAbi } from '../../src/devnet/priceFeedAbi.js'
import { setDevnetPrice } from '../../src/devnet/setDevnetPrice.js'
import { DevnetError } from '../../src/errors/index.js'
import { applyShock } from '../../src/risk/shock.js'
import { TestChain, testManifest } from '../support/devnet.js'

describe('npm run devnet:price (setDevnetPrice)', () => {
  let manifest: DevnetManifest
  let chains: TestChain[]
  let snaps: Hex[] = []
  beforeAll(async () => {
    manifest = await testManifest()
    chains = manifest.chains.map((c) => new TestChain(c))
  })
  afterEach(async () => {
    for (const [i, c] of chains.entries()) if (snaps[i]) await c.revert(snaps[i]!)
    snaps = []
  })
  const feeds = async () =>
    Object.fromEntries(
      await Promise.all(
        chains.flatMap((c) =>
          c.entry.assets.map(async (a) => [`${c.entry.chainId}:${a.symbol}`, (await c.client.readContract({ address: a.priceFeed, abi: devnetPriceFeedAbi, functionName: 'latestAnswer' })) as bigint] as const),
        ),
      ),
    )

  it('moves a base factor on every chain, and the assets priced off it as the shock model does', async () => {
    snaps = await Promise.all(chains.map((c) => c.snapshot()))
    const before = await feeds()
    const blocks = await Promise.all(chains.map((c) => c.client.getBlockNumber()))
    await setDevnetPrice({ manifest, target: 'ETH', value: '1500' })
    const after = await feeds()
    for (const c of chains) {
      const weth0 = before[`${c.entry.chainId}:WETH`]!
      for (const a of c.entry.assets) {
        const key = `${c.entry.chainId}:${a.symbol}`
        // the same floor(feed0 · P / P0) rule the liquidation search assumes
        const expected = applyShock(before[key]!, exposureOfSymbol(a.symbol), { factors: new Set(['ETH']), num: 1500n * 10n ** 8n, den: weth0 })
        expect(after[key], key).toBe(expected)
      }
      expect(after[`${c.entry.chainId}:WETH`]).toBe(1500n * 10n ** 8n)
    }
    // every change is a transaction: each chain mined new blocks
    const blocksAfter = await Promise.all(chains.map((c) => c.client.getBlockNumber()))
    blocksAfter.forEach((b, i) => expect(b > blocks[i]!).toBe(true))
  })

  it('sets a ratio factor against the base feed on one chain only', async () => {
    snaps = await Promise.all(chains.map((c) => c.snapshot()))
    const before = await feeds()
    await setDevnetPrice({ manifest, target: 'WSTETH_ETH', value: '1.05', chainId: 900001 })
    const after = await feeds()
    expect(after['900001:wstETH']).toBe((before['900001:WETH']! * 105n) / 100n)
    expect(after['900003:cbETH']).toBe(before['900003:cbETH'])
  })

  it('refuses a target the devnet does not list', async () => {
    await expect(setDevnetPrice({ manifest, target: 'DOGE', value: '1' })).rejects.toThrow(DevnetError)
  })
})
