import { beforeAll, describe, expect, it } from 'vitest'
import { decodeEventLog, maxUint256, parseUnits, type Address } from 'viem'
import type { DevnetManifest } from '../../../devnet/manifest.js'
import { devnetPriceFeedAbi } from '../../../devnet/priceFeedAbi.js'
import { setDevnetPrice } from '../../../devnet/setDevnetPrice.js'
import { computeAaveV3AccountData } from '../model/computeAaveV3AccountData.js'
import { simulateAaveV3LargestLiquidation, simulateAaveV3Liquidation, simulateAaveV3LiquidationCascade } from '../model/simulateAaveV3Liquidation.js'
import { revertReason, TestChain, testManifest } from '../../../../test/support/devnet.js'
import { ARTIFACT_CACHE_DIR } from '../../../devnet/startDevnet.js'
import { compileAaveV36Contracts } from '../devnet/aaveV36Artifacts.js'
import { toAaveV3VenueModel } from '../model/toAaveV3VenueModel.js'

describe('Aave liquidation cascade (v3.6): the calls the engine predicts, executed by the contract', () => {
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
              abi: chain.poolAbi,
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
                return decodeEventLog({ abi: chain.poolAbi, data: l.data, topics: l.topics })
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

/** Decoded Pool events of a receipt (the chain's logic's ABI), others skipped. */
function poolEvents(chain: TestChain, logs: readonly { data: `0x${string}`; topics: readonly `0x${string}`[] }[]) {
  return logs.flatMap((l) => {
    try {
      return [decodeEventLog({ abi: chain.poolAbi, data: l.data, topics: l.topics as [`0x${string}`, ...`0x${string}`[]] })]
    } catch {
      return []
    }
  })
}

describe('Aave v3.6 liquidation rules against the contract: the dust rule and the deficit', () => {
  let manifest: DevnetManifest
  let chain: TestChain
  beforeAll(async () => {
    manifest = await testManifest()
    chain = new TestChain(manifest.chains.find((c) => c.chainId === 900001)!)
    expect(chain.market.version).toBe('3.6')
    await chain.approveAll(manifest.accounts.liquidator)
  })

  /** Opens 4 WETH against `usdc` USDC and `usdt` USDT at today's prices, then moves ETH to `ethUsd`; returns the account. */
  async function position(seed: number, weth: string, usdc: string, usdt: string, ethUsd: string): Promise<Address> {
    const account = await chain.freshAccount(91_000 + seed)
    await chain.aave.supply(chain.asset('WETH'), account, parseUnits(weth, 18))
    await chain.aave.borrow(chain.asset('USDC'), account, parseUnits(usdc, 6), 'variable')
    await chain.aave.borrow(chain.asset('USDT'), account, parseUnits(usdt, 6), 'variable')
    await setDevnetPrice({ manifest, target: 'ETH', value: ethUsd, chainId: 900001 })
    return account
  }

  /** liquidationCall(WETH, USDC, user, debtToCover) mined at `time`: the receipt's events, or the revert's reason. */
  async function liquidate(account: Address, debtToCover: bigint, time: bigint) {
    const args = [chain.asset('WETH').address, chain.asset('USDC').address, account, debtToCover, false] as const
    await chain.rpc('evm_setNextBlockTimestamp', [Number(time)])
    const hash = await chain.deployer.wallet.writeContract({ address: chain.market.pool, abi: chain.poolAbi, functionName: 'liquidationCall', args, account: manifest.accounts.liquidator, gas: 5_000_000n } as never)
    const receipt = await chain.deployer.receipt(hash)
    if (receipt.status === 'success') return { ok: true as const, events: poolEvents(chain, receipt.logs) }
    try {
      await chain.client.simulateContract({ address: chain.market.pool, abi: chain.poolAbi, functionName: 'liquidationCall', args, account: manifest.accounts.liquidator, blockNumber: receipt.blockNumber - 1n })
      return { ok: false as const, reason: 'replay did not revert' }
    } catch (error) {
      return { ok: false as const, reason: revertReason(error) }
    }
  }

  it('MustNotLeaveDust: a call leaving under $1,000 of the debt reverts where predicted, the largest passing amount succeeds as predicted', async () => {
    const snap = await chain.snapshot()
    try {
      // 4 WETH at $1,200 (LT 83%) against 2,100 USDC + 1,900 USDT: HF ≈ 0.996, both sides ≥ $2,000 → at most half the total debt
      const account = await position(1, '4', '2100', '1900', '1200')
      const state = await chain.readAccount(account)
      const t = state.block.timestamp + 10n
      const at = { ...state, timestamp: t }
      const weth = state.reserves.find((r) => r.symbol === 'WETH')!.id
      const usdc = state.reserves.find((r) => r.symbol === 'USDC')!.id
      const largest = simulateAaveV3LargestLiquidation(at, weth, usdc)
      expect(largest.kind).toBe('liquidated')
      if (largest.kind !== 'liquidated') return
      const oneMore = simulateAaveV3Liquidation(at, weth, usdc, largest.step.debtRepaid + 1n)
      expect(oneMore).toMatchObject({ kind: 'reverted', reason: 'MUST_NOT_LEAVE_DUST' })
      const probe = await chain.snapshot()
      expect(await liquidate(account, largest.step.debtRepaid + 1n, t)).toEqual({ ok: false, reason: 'MustNotLeaveDust' })
      await chain.revert(probe)
      const done = await liquidate(account, largest.step.debtRepaid, t)
      expect(done.ok).toBe(true)
      const event = done.ok ? (done.events.find((e) => e.eventName === 'LiquidationCall')!.args as unknown as { debtToCover: bigint; liquidatedCollateralAmount: bigint }) : null
      expect(event?.debtToCover).toBe(largest.step.debtRepaid)
      expect(event?.liquidatedCollateralAmount).toBe(largest.step.collateralToLiquidator)
      console.log(`dust rule: ${largest.step.debtRepaid} USDC wei repaid (of ${largest.step.reserveDebtBefore}), one wei more reverts MustNotLeaveDust`)
    } finally {
      await chain.revert(snap)
    }
  })

  it('deficit: when no collateral is left, the rest of every debt is written off as the DeficitCreated events say', async () => {
    const snap = await chain.snapshot()
    try {
      // 1 WETH at $1,000 against 1,000 USDC + 300 USDT: HF ≈ 0.64, the whole collateral goes, the rest is bad debt
      const account = await position(2, '1', '1000', '300', '1000')
      const state = await chain.readAccount(account)
      const t = state.block.timestamp + 10n
      const at = { ...state, timestamp: t }
      const weth = state.reserves.find((r) => r.symbol === 'WETH')!.id
      const usdc = state.reserves.find((r) => r.symbol === 'USDC')!.id
      const predicted = simulateAaveV3Liquidation(at, weth, usdc, maxUint256)
      expect(predicted.kind).toBe('liquidated')
      if (predicted.kind !== 'liquidated') return
      expect(predicted.step.deficits.length).toBe(2)
      const done = await liquidate(account, maxUint256, t)
      expect(done.ok).toBe(true)
      if (!done.ok) return
      const event = done.events.find((e) => e.eventName === 'LiquidationCall')!.args as unknown as { debtToCover: bigint; liquidatedCollateralAmount: bigint }
      expect(event.debtToCover).toBe(predicted.step.debtRepaid)
      expect(event.liquidatedCollateralAmount).toBe(predicted.step.collateralToLiquidator)
      const deficits = done.events.filter((e) => e.eventName === 'DeficitCreated').map((e) => e.args as unknown as { debtAsset: Address; amountCreated: bigint })
      expect(deficits.map((d) => [d.debtAsset, d.amountCreated])).toEqual(predicted.step.deficits.map((d) => [d.reserve.asset, d.amount]))
      const after = await chain.userAccountData(account, await chain.client.getBlockNumber())
      expect(after.totalDebtBase).toBe(0n)
      console.log(`deficit: ${deficits.map((d) => `${d.amountCreated} of ${d.debtAsset}`).join(', ')} written off, as predicted`)
    } finally {
      await chain.revert(snap)
    }
  })

  it('liquidation grace period: refused until the second the Pool names, as predicted, then allowed', async () => {
    const snap = await chain.snapshot()
    try {
      // 1 WETH at $1,000 against 1,000 USDC + 300 USDT (HF ≈ 0.64), then the collateral reserve (WETH) unpaused with
      // a one-hour grace period: no collateral/debt pair may be liquidated until it ends
      const account = await position(3, '1', '1000', '300', '1000')
      const configuratorAbi = (await compileAaveV36Contracts(ARTIFACT_CACHE_DIR)).PoolConfiguratorInstance.abi
      await chain.deployer.send(chain.entry.aaveV3.poolConfigurator, configuratorAbi, 'setReservePause' as never, [chain.asset('WETH').address, false, 3600] as never)
      const state = await chain.readAccount(account)
      const wethReserve = state.reserves.find((r) => r.symbol === 'WETH')!
      const usdcReserve = state.reserves.find((r) => r.symbol === 'USDC')!
      expect(wethReserve.liquidationGracePeriodUntil).toBeGreaterThan(state.timestamp)
      const venue = toAaveV3VenueModel(state, '3.6').venue
      expect(venue.status === 'available' && venue.liquidationBlocked).toBe(true)
      const until = wethReserve.liquidationGracePeriodUntil
      const weth = wethReserve.id
      // at the grace period's last second the call is refused, by the model and by the Pool
      expect(simulateAaveV3Liquidation({ ...state, timestamp: until }, weth, usdcReserve.id, maxUint256)).toMatchObject({ kind: 'reverted', reason: 'LIQUIDATION_GRACE_SENTINEL_CHECK_FAILED' })
      const probe = await chain.snapshot()
      expect(await liquidate(account, maxUint256, until)).toEqual({ ok: false, reason: 'LiquidationGraceSentinelCheckFailed' })
      await chain.revert(probe)
      // one second later both allow it
      const later = await chain.readAccount(account)
      const predicted = simulateAaveV3Liquidation({ ...later, timestamp: until + 1n }, weth, usdcReserve.id, maxUint256)
      expect(predicted.kind).toBe('liquidated')
      const done = await liquidate(account, maxUint256, until + 1n)
      expect(done.ok).toBe(true)
      if (done.ok && predicted.kind === 'liquidated') {
        const event = done.events.find((e) => e.eventName === 'LiquidationCall')!.args as unknown as { debtToCover: bigint }
        expect(event.debtToCover).toBe(predicted.step.debtRepaid)
      }
    } finally {
      await chain.revert(snap)
    }
  })
})
