import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Address, Hex } from 'viem'
import type { DevnetManifest } from '../../../devnet/manifest.js'
import { units } from '../devnet/aaveActions.js'
import { toAaveV3VenueModel } from '../model/toAaveV3VenueModel.js'
import type { LiquidationPrice } from '../../../domain/venue.js'
import { moveFactor, revertReason, TestChain, testManifest } from '../../../../test/support/devnet.js'

/** Aave V3 Errors.HEALTH_FACTOR_NOT_BELOW_THRESHOLD: the string code '45' on v3.0.2, the custom error from v3.4 on. */
const healthFactorNotBelowThreshold = (chain: TestChain) => (chain.market.version === '3.0' ? '45' : 'HealthFactorNotBelowThreshold')
/** Seconds between the read and the liquidation block: the prediction is made for that block's timestamp. */
const LIQUIDATION_DELAY_S = 30n

type Book = {
  name: string
  chainId: number
  /** The chain's SparkLend market instead of its Aave market. */
  spark?: true
  eMode?: number
  supply: [string, string][]
  borrow: [string, string][]
  /** Isolation-mode assets are not enabled as collateral on supply (v3.0.2 validateAutomaticUseAsCollateral): enable them. */
  enableCollateral?: string[]
}

/** Books chosen to cover collateral-side and debt-side factors, several collaterals, LST ratio factors and eMode. */
const BOOKS: Book[] = [
  { name: 'WETH collateral, USDC debt', chainId: 900001, supply: [['WETH', '10']], borrow: [['USDC', '12000']] },
  { name: 'USDC collateral, WETH debt (debt-side ETH)', chainId: 900001, supply: [['USDC', '40000']], borrow: [['WETH', '9']] },
  {
    name: 'WETH + WBTC + wstETH collateral, USDC and WETH debt',
    chainId: 900001,
    supply: [['WETH', '4'], ['WBTC', '0.3'], ['wstETH', '5']],
    borrow: [['USDC', '14000'], ['WETH', '2.5']],
  },
  { name: 'eMode cbETH collateral, WETH debt', chainId: 900003, eMode: 1, supply: [['cbETH', '10']], borrow: [['WETH', '8.5']] },
  { name: 'isolation mode: ARB alone, USDC debt', chainId: 900002, supply: [['ARB', '5000']], enableCollateral: ['ARB'], borrow: [['USDC', '2500']] },
  { name: 'SparkLend: wstETH and WBTC collateral, DAI debt', chainId: 900001, spark: true, supply: [['wstETH', '5'], ['WBTC', '0.1']], borrow: [['DAI', '12000']] },
  { name: 'SparkLend eMode ETH: wstETH collateral, WETH debt', chainId: 900001, spark: true, eMode: 1, supply: [['wstETH', '5']], borrow: [['WETH', '4.5']] },
]

describe("predicted liquidation prices are where the contract's own liquidationCall starts to succeed", () => {
  let manifest: DevnetManifest
  const snapshots: [TestChain, Hex][] = []
  beforeAll(async () => {
    manifest = await testManifest()
    for (const entry of manifest.chains) await new TestChain(entry).approveAll(manifest.accounts.liquidator)
    for (const entry of manifest.chains.filter((e) => e.sparkLend)) await new TestChain(entry, 'sparkLend').approveAll(manifest.accounts.liquidator)
  })
  afterEach(async () => {
    for (const [chain, id] of snapshots.splice(0).reverse()) await chain.revert(id)
  })

  let confirmed = 0
  const log: string[] = []
  for (const [bookIndex, book] of BOOKS.entries()) {
    it(book.name, async () => {
      const chain = new TestChain(manifest.chains.find((c) => c.chainId === book.chainId)!, book.spark ? 'sparkLend' : 'aaveV3')
      snapshots.push([chain, await chain.snapshot()])
      const account = await chain.freshAccount(900 + bookIndex)
      if (book.eMode) await chain.aave.setEMode(account, book.eMode)
      for (const [symbol, amount] of book.supply) await chain.aave.supply(chain.asset(symbol), account, units(amount, chain.asset(symbol).decimals))
      for (const symbol of book.enableCollateral ?? []) await chain.aave.setCollateral(chain.asset(symbol), account, true)
      for (const [symbol, amount] of book.borrow) await chain.aave.borrow(chain.asset(symbol), account, units(amount, chain.asset(symbol).decimals), 'variable')

      const state = await chain.readAccount(account)
      const liquidationTime = state.block.timestamp + LIQUIDATION_DELAY_S
      // predict for the block the liquidation will be mined in (interest accrues until then)
      const model = toAaveV3VenueModel({ ...state, timestamp: liquidationTime }, '3.0')
      const prices = model.venue.liquidationPrices.filter((p): p is Extract<LiquidationPrice, { kind: 'price' }> => p.kind === 'price')
      expect(prices.length).toBeGreaterThan(0)
      const collateral = [...model.venue.positions].filter((p) => p.side === 'COLLATERAL').sort((a, b) => b.valueUsd - a.valueUsd)[0]!
      const debt = [...model.venue.positions].filter((p) => p.side === 'DEBT').sort((a, b) => b.valueUsd - a.valueUsd)[0]!

      for (const lp of prices) {
        expect(lp.alreadyLiquidatable).toBe(false)
        const shortOfIt = lp.direction === 'DOWN' ? lp.priceE8 + 1n : lp.priceE8 - 1n
        const attempt = async (referencePriceE8: bigint) => {
          const snap = await chain.snapshot()
          try {
            await moveFactor(chain, lp.riskFactor, lp.currentPriceE8, referencePriceE8, state.block.timestamp)
            return await liquidate(chain, manifest.accounts.liquidator, collateral.asset.address, debt.asset.address, account, debt.amount / 100n, liquidationTime)
          } finally {
            await chain.revert(snap)
          }
        }
        const at = await attempt(lp.priceE8)
        expect(at, `${lp.riskFactor} at ${lp.priceE8}`).toEqual({ ok: true })
        const before = await attempt(shortOfIt)
        expect(before, `${lp.riskFactor} at ${shortOfIt}`).toEqual({ ok: false, reason: healthFactorNotBelowThreshold(chain) })
        confirmed += 1
        log.push(`${book.name}: ${lp.riskFactor} ${lp.direction} ${lp.changePct.toFixed(4)}% at ${lp.priceE8} (${lp.referenceAsset} feed)`)
      }
    })
  }

  it('covered collateral-side and debt-side factors', () => {
    console.log(`liquidation prices confirmed by liquidationCall:\n${log.join('\n')}`)
    // 7 books on Aave v3.6, Aave v3.0.2 and SparkLend: ETH, WSTETH_ETH, CBETH_ETH, ARB, USDC, DAI, on both sides
    expect(confirmed).toBeGreaterThanOrEqual(12)
    expect(log.filter((l) => l.startsWith('SparkLend')).length).toBeGreaterThanOrEqual(4)
    expect(log.some((l) => l.startsWith('isolation mode') && l.includes('ARB DOWN'))).toBe(true)
  })
})

/** Sends Pool.liquidationCall at `time` and reports success, or the revert reason replayed at that block. */
async function liquidate(chain: TestChain, liquidator: Address, collateral: Address, debt: Address, user: Address, debtToCover: bigint, time: bigint) {
  await chain.rpc('evm_setNextBlockTimestamp', [Number(time)])
  const args = [collateral, debt, user, debtToCover > 0n ? debtToCover : 1n, false] as const
  const hash = await chain.deployer.wallet.writeContract({ address: chain.market.pool, abi: chain.poolAbi, functionName: 'liquidationCall', args, account: liquidator, gas: 5_000_000n } as never)
  const receipt = await chain.deployer.receipt(hash)
  expect(receipt.blockNumber > 0n).toBe(true)
  const block = await chain.client.getBlock({ blockNumber: receipt.blockNumber })
  expect(block.timestamp).toBe(time)
  if (receipt.status === 'success') return { ok: true }
  try {
    await chain.client.simulateContract({ address: chain.market.pool, abi: chain.poolAbi, functionName: 'liquidationCall', args, account: liquidator, blockNumber: receipt.blockNumber - 1n })
    return { ok: false, reason: 'replay did not revert' }
  } catch (error) {
    return { ok: false, reason: revertReason(error) }
  }
}
