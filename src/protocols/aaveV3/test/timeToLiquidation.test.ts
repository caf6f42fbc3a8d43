import { beforeAll, describe, expect, it } from 'vitest'
import { parseUnits } from 'viem'
import type { DevnetManifest } from '../../../devnet/manifest.js'
import { toAaveV3VenueModel } from '../model/toAaveV3VenueModel.js'
import { TestChain, testManifest } from '../../../../test/support/devnet.js'
import { devnetPriceFeedAbi } from '../../../devnet/priceFeedAbi.js'
import { setDevnetPrice } from '../../../devnet/setDevnetPrice.js'

describe('time to liquidation from interest alone, confirmed by the contract', () => {
  let manifest: DevnetManifest
  beforeAll(async () => {
    manifest = await testManifest()
  })

  it('Aave: healthy one second before the predicted time, liquidatable at it', async () => {
    const chain = new TestChain(manifest.chains.find((c) => c.chainId === 900001)!)
    const snap = await chain.snapshot()
    try {
      const account = await chain.freshAccount(80_001)
      await chain.aave.supply(chain.asset('WETH'), account, parseUnits('10', 18))
      // borrow up to the LTV, then lower ETH until HF ≈ 1.003: interest gets there in weeks
      const data = await chain.userAccountData(account, await chain.client.getBlockNumber())
      await chain.aave.borrow(chain.asset('USDC'), account, (data.availableBorrowsBase * 999n) / 1000n / 100n, 'variable')
      const hf = Number((await chain.userAccountData(account, await chain.client.getBlockNumber())).healthFactor) / 1e18
      const weth = chain.entry.assets.find((a) => a.symbol === 'WETH')!
      const eth = Number(await chain.client.readContract({ address: weth.priceFeed, abi: devnetPriceFeedAbi, functionName: 'latestAnswer' })) / 1e8
      await setDevnetPrice({ manifest, target: 'ETH', value: ((eth * 1.003) / hf).toFixed(8), chainId: 900001 })
      const state = await chain.readAccount(account)
      const ttl = toAaveV3VenueModel(state, '3.0').venue.timeToLiquidationSeconds
      expect(ttl).not.toBeNull()
      expect(ttl! > 0n).toBe(true)
      const at = async (t: bigint) => {
        await chain.rpc('evm_setNextBlockTimestamp', [Number(t)])
        await chain.rpc('evm_mine')
        return (await chain.userAccountData(account, await chain.client.getBlockNumber())).healthFactor
      }
      const s = await chain.snapshot()
      expect(await at(state.timestamp + ttl! - 1n)).toBeGreaterThanOrEqual(10n ** 18n)
      await chain.revert(s)
      expect(await at(state.timestamp + ttl!)).toBeLessThan(10n ** 18n)
      console.log(`Aave time to liquidation: ${ttl} s (${(Number(ttl) / 86_400).toFixed(1)} days), confirmed to the second`)
    } finally {
      await chain.revert(snap)
    }
  })

  it('no debt, or debt that interest never catches up with: null', async () => {
    const chain = new TestChain(manifest.chains.find((c) => c.chainId === 900001)!)
    const snap = await chain.snapshot()
    try {
      const account = await chain.freshAccount(80_002)
      await chain.aave.supply(chain.asset('WETH'), account, parseUnits('1', 18))
      expect(toAaveV3VenueModel(await chain.readAccount(account), '3.0').venue.timeToLiquidationSeconds).toBeNull()
    } finally {
      await chain.revert(snap)
    }
  })
})
