import { beforeAll, describe, expect, it } from 'vitest'
import { decodeEventLog, maxUint256, parseUnits, type Address } from 'viem'
import type { DevnetManifest } from '../../../devnet/manifest.js'
import { devnetPriceFeedAbi } from '../../../devnet/priceFeedAbi.js'
import { setDevnetPrice } from '../../../devnet/setDevnetPrice.js'
import { computeAaveV3AccountData } from '../model/computeAaveV3AccountData.js'
import { simulateAaveV3LiquidationCascade } from '../model/simulateAaveV3Liquidation.js'
import { poolArtifactAbi, TestChain, testManifest } from '../../../../test/support/devnet.js'

describe('Aave liquidation cascade: the calls the engine predicts, executed by the contract', () => {
  let manifest: DevnetManifest
  let chain: TestChain
  beforeAll(async () => {
    manifest = await testManifest()
    chain = new TestChain(manifest.chains.find((c) => c.chainId === 900001)!)
    await chain.approveAll(manifest.accounts.liquidator)
  })

  for (const [label, targetHf, seed] of [
    ['HF ≈ 0.97: 50% close factor, repeated calls', 0.97, 1],
    ['HF ≈ 0.90: 100% close factor', 0.9, 2],
  ] as const) {
    it(label, async () => {
      const snap = await chain.snapshot()
      try {
        const account = await chain.freshAccount(90_000 + seed)
        await chain.aave.supply(chain.asset('WETH'), account, parseUnits('6', 18))
        await chain.aave.supply(chain.asset('WBTC'), account, parseUnits('0.2', 8))
        const d = await chain.userAccountData(account, await chain.client.getBlockNumber())
        await chain.aave.borrow(chain.asset('USDC'), account, (d.availableBorrowsBase * 7n) / 10n / 100n, 'variable')
        await chain.aave.borrow(chain.asset('WETH'), account, parseUnits('1', 18), 'variable')
        // push the health factor to the target by moving BTC and ETH down together (a few corrections:
        // the WETH debt moves with ETH too)
        for (let k = 0; k < 6; k++) {
          const hf = Number((await chain.userAccountData(account, await chain.client.getBlockNumber())).healthFactor) / 1e18
          if (Math.abs(hf - targetHf) < 0.005) break
          for (const [symbol, factor] of [['WBTC', 'BTC'], ['WETH', 'ETH']] as const) {
            const a = chain.entry.assets.find((x) => x.symbol === symbol)!
            const p = Number(await chain.client.readContract({ address: a.priceFeed, abi: devnetPriceFeedAbi, functionName: 'latestAnswer' })) / 1e8
            await setDevnetPrice({ manifest, target: factor, value: (p * (targetHf / hf) ** 1.5).toFixed(8), chainId: 900001 })
          }
        }
        const state = await chain.readAccount(account)
        const liquidationTime = state.block.timestamp + 10n
        const predicted = simulateAaveV3LiquidationCascade({ ...state, timestamp: liquidationTime })
        expect(predicted.length).toBeGreaterThan(0)

        // execute the predicted calls in one block at that time, so no interest accrues between them
        await chain.rpc('evm_setAutomine', [false])
        const liquidator = manifest.accounts.liquidator as Address
        let nonce = await chain.client.getTransactionCount({ address: liquidator, blockTag: 'pending' })
        const hashes: `0x${string}`[] = []
        for (const s of predicted) {
          hashes.push(
            await chain.deployer.wallet.writeContract({
              address: chain.entry.aaveV3.pool,
              abi: poolArtifactAbi,
              functionName: 'liquidationCall',
              args: [s.collateral.asset, s.debt.asset, account, maxUint256, false] as const,
              account: liquidator,
              gas: 3_000_000n,
              nonce: nonce++,
            } as never),
          )
        }
        await chain.rpc('evm_setNextBlockTimestamp', [Number(liquidationTime)])
        await chain.rpc('evm_mine')
        await chain.rpc('evm_setAutomine', [true])

        for (const [i, hash] of hashes.entries()) {
          const receipt = await chain.client.getTransactionReceipt({ hash })
          expect(receipt.status).toBe('success')
          const event = receipt.logs
            .map((l) => {
              try {
                return decodeEventLog({ abi: poolArtifactAbi, data: l.data, topics: l.topics })
              } catch {
                return null
              }
            })
            .find((e) => e?.eventName === 'LiquidationCall')!
          const args = event.args as unknown as { debtToCover: bigint; liquidatedCollateralAmount: bigint }
          expect(args.debtToCover, `call ${i}: debt repaid`).toBe(predicted[i]!.debtRepaid)
          expect(args.liquidatedCollateralAmount, `call ${i}: collateral to the liquidator`).toBe(predicted[i]!.collateralToLiquidator)
        }
        const after = await chain.userAccountData(account, await chain.client.getBlockNumber())
        expect(after.healthFactor).toBe(predicted.at(-1)!.healthFactorWadAfter ?? maxUint256)
        const stateAfter = await chain.readAccount(account)
        expect(computeAaveV3AccountData(stateAfter).totalDebtBase).toBe(after.totalDebtBase)
        console.log(`${label}: ${predicted.length} call(s), close factors ${predicted.map((s) => Number(s.closeFactorBps) / 1e4).join(', ')}, HF ${predicted.map((s) => (Number(s.healthFactorWadBefore) / 1e18).toFixed(4)).join(' → ')} → ${(Number(after.healthFactor) / 1e18).toFixed(4)}`)
      } finally {
        await chain.rpc('evm_setAutomine', [true])
        await chain.revert(snap)
      }
    })
  }
})
