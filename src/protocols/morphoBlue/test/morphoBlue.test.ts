import { beforeAll, describe, expect, it } from 'vitest'
import { BaseError as ViemBaseError, ContractFunctionRevertedError, maxUint256, type Abi, type Address } from 'viem'
import { SharesMath } from '@morpho-org/blue-sdk'
import { createChainReader } from '../../../read/readPlan.js'
import { createMorphoBlueStateReader, MorphoBlueMetadataCache } from '../read/morphoBlueReader.js'
import { readStates } from '../../../../test/support/readStates.js'
import { exposureOfSymbol } from '../../../domain/riskFactorTable.js'
import type { LiquidationPrice } from '../../../domain/venue.js'
import { MorphoDevnetActions, type DeployedMorphoMarket } from '../devnet/deployMorphoBlue.js'
import type { DevnetManifest } from '../../../devnet/manifest.js'
import { compileMorphoDevnetContracts } from '../devnet/morphoArtifacts.js'
import { computeMorphoBluePosition } from '../model/computeMorphoBluePosition.js'
import { toMorphoBlueVenueModel } from '../model/toMorphoBlueVenueModel.js'
import type { MorphoBlueAccountState } from '../model/types.js'
import { erc20ArtifactAbi, moveFactor, TestChain, testManifest } from '../../../../test/support/devnet.js'
import { ARTIFACT_CACHE_DIR } from '../../../devnet/startDevnet.js'

/** ErrorsLib.HEALTHY_POSITION. */
const HEALTHY_POSITION = 'position is healthy'
const POSITIONS = 200
const SEED = 7_331

function rng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), chance: (p: number) => next() < p }
}


describe('Morpho Blue against its own contract (accrueInterest, liquidate)', () => {
  let manifest: DevnetManifest
  let morphoAbi: Abi
  const chains: { chain: TestChain; markets: DeployedMorphoMarket[]; actions: MorphoDevnetActions }[] = []
  beforeAll(async () => {
    manifest = await testManifest()
    morphoAbi = (await compileMorphoDevnetContracts(ARTIFACT_CACHE_DIR)).morpho.abi
    for (const entry of manifest.chains) {
      if (!entry.morphoBlue) continue
      const chain = new TestChain(entry)
      chains.push({ chain, markets: entry.morphoBlue.markets, actions: new MorphoDevnetActions(chain.deployer, entry.morphoBlue.morpho, morphoAbi) })
      for (const m of entry.morphoBlue.markets) {
        await chain.deployer.send(m.loanToken, erc20ArtifactAbi, 'approve' as never, [entry.morphoBlue.morpho, maxUint256] as never, manifest.accounts.liquidator)
      }
    }
  })

  it(`reproduces accrual, health and liquidation prices for ${POSITIONS} randomized positions`, async () => {
    const r = rng(SEED)
    const stats = { positions: 0, positionsConfirmed: 0, timePassed: 0, dust: 0, withSupply: 0, liquidationPricesConfirmed: 0, borrowedChecks: 0 }
    for (let i = 0; i < POSITIONS; i++) {
      const { chain, markets, actions } = chains[i % chains.length]!
      const market = markets[r.int(0, markets.length - 1)]!
      const snap = await chain.snapshot()
      try {
        const account = await chain.freshAccount(50_000 + i)
        const collDecimals = chain.entry.assets.find((a) => a.address === market.collateralToken)!.decimals
        const dust = r.chance(0.1)
        const collateral = dust ? BigInt(r.int(10, 10_000)) * 10n ** BigInt(Math.max(0, collDecimals - 8)) : BigInt(r.int(1, 5000)) * 10n ** BigInt(collDecimals - 2)
        if (dust) stats.dust += 1
        await actions.supplyCollateral(market, account, collateral)
        if (r.chance(0.15)) {
          await actions.supply(market, account, 10n ** BigInt(chain.entry.assets.find((a) => a.address === market.loanToken)!.decimals))
          stats.withSupply += 1
        }
        // borrow 30–97% of what the oracle allows
        const before = (await read(chain, account, market))!
        const maxBorrow = computeMorphoBluePosition(before).maxBorrow
        const borrow = (maxBorrow * BigInt(r.int(30, 97))) / 100n
        if (borrow === 0n) continue
        await actions.borrow(market, account, borrow)
        if (r.chance(0.4)) {
          // time passes with no interaction with the market: its stored totals go stale
          await chain.rpc('evm_increaseTime', [r.int(3600, 60 * 24 * 3600)])
          await chain.rpc('evm_mine')
          stats.timePassed += 1
        }
        const state = (await read(chain, account, market))!
        stats.positions += 1

        // 1. borrowed assets after accrueInterest, as the contract stores them
        const accrualTime = state.block.timestamp + 17n
        const ours = computeMorphoBluePosition({ ...state, timestamp: accrualTime })
        await chain.rpc('evm_setNextBlockTimestamp', [Number(accrualTime)])
        await chain.deployer.send(manifest.chains.find((c) => c.chainId === chain.entry.chainId)!.morphoBlue!.morpho, morphoAbi, 'accrueInterest' as never, [MorphoDevnetActions.params(market)] as never)
        const after = (await read(chain, account, market))!
        expect(after.market.lastUpdate).toBe(accrualTime)
        expect(ours.market.totalBorrowAssets).toBe(after.market.totalBorrowAssets)
        expect(ours.market.totalSupplyAssets).toBe(after.market.totalSupplyAssets)
        expect(ours.market.totalSupplyShares).toBe(after.market.totalSupplyShares)
        expect(ours.borrowed).toBe(SharesMath.toAssets(after.position.borrowShares, after.market.totalBorrowAssets, after.market.totalBorrowShares, 'Up'))
        stats.borrowedChecks += 1

        // 2. the predicted liquidation price is where Morpho.liquidate starts to succeed
        const liquidationTime = accrualTime + 30n
        const model = toMorphoBlueVenueModel({ ...after, timestamp: liquidationTime })
        const prices = model.venue.liquidationPrices.filter((p): p is Extract<LiquidationPrice, { kind: 'price' }> => p.kind === 'price' && !p.alreadyLiquidatable)
        // check one price per position (alternating factors), all of them on every 10th
        const chosen = i % 10 === 0 ? prices : prices.slice(i % Math.max(1, prices.length), (i % Math.max(1, prices.length)) + 1)
        if (chosen.length > 0) stats.positionsConfirmed += 1
        for (const lp of chosen) {
          const shortOfIt = lp.direction === 'DOWN' ? lp.priceE8 + 1n : lp.priceE8 - 1n
          const attempt = async (price: bigint) => {
            const s = await chain.snapshot()
            try {
              await moveFactor(chain, lp.riskFactor, lp.currentPriceE8, price, after.block.timestamp)
              return await liquidate(chain, morphoAbi, market, manifest.accounts.liquidator, account, after.position.borrowShares, liquidationTime)
            } finally {
              await chain.revert(s)
            }
          }
          expect(await attempt(lp.priceE8), `${market.label} ${lp.riskFactor} at ${lp.priceE8}`).toEqual({ ok: true })
          expect(await attempt(shortOfIt), `${market.label} ${lp.riskFactor} at ${shortOfIt}`).toEqual({ ok: false, reason: HEALTHY_POSITION })
          stats.liquidationPricesConfirmed += 1
        }
      } finally {
        await chain.revert(snap)
      }
    }
    console.log(`Morpho Blue verification (seed ${SEED}):`, stats)
    expect(stats.positions).toBeGreaterThanOrEqual(POSITIONS * 0.95)
    expect(stats.timePassed).toBeGreaterThanOrEqual(40)
    // every position's liquidation price is confirmed by the contract
    expect(stats.positionsConfirmed).toBe(stats.positions)
  }, 600_000) // a long randomized run: generous for a busy machine

  async function read(chain: TestChain, account: Address, market: DeployedMorphoMarket): Promise<MorphoBlueAccountState | undefined> {
    const b = await chain.client.getBlock()
    const reader = createChainReader(chain.wagmi, { chainId: chain.entry.chainId, blockNumber: b.number, blockHash: b.hash, timestamp: b.timestamp })
    const states = await readStates(reader, createMorphoBlueStateReader({
      deployment: { chainId: chain.entry.chainId, morpho: chain.entry.morphoBlue!.morpho, marketIds: [market.id], index: null, multicall3: '0xcA11bde05977b3631167028862bE2a173976CA11', usdOracle: chain.entry.aaveV3.oracle },
      account,
      cache: new MorphoBlueMetadataCache(),
      exposureOf: (s) => exposureOfSymbol(s),
      heartbeatOf: () => null,
    }))
    return states[0]
  }
})

/** Sends Morpho.liquidate (repaying a tenth of the borrow shares) at `time`; success, or the revert reason replayed at its block. */
async function liquidate(chain: TestChain, abi: Abi, market: DeployedMorphoMarket, liquidator: Address, borrower: Address, borrowShares: bigint, time: bigint) {
  await chain.rpc('evm_setNextBlockTimestamp', [Number(time)])
  const repaidShares = borrowShares / 10n > 0n ? borrowShares / 10n : 1n
  const morpho = chain.entry.morphoBlue!.morpho
  const args = [MorphoDevnetActions.params(market), borrower, 0n, repaidShares, '0x'] as const
  const hash = await chain.deployer.wallet.writeContract({ address: morpho, abi, functionName: 'liquidate', args, account: liquidator, gas: 5_000_000n } as never)
  const receipt = await chain.deployer.receipt(hash)
  expect((await chain.client.getBlock({ blockNumber: receipt.blockNumber })).timestamp).toBe(time)
  if (receipt.status === 'success') return { ok: true }
  try {
    await chain.client.simulateContract({ address: morpho, abi, functionName: 'liquidate', args, account: liquidator, blockNumber: receipt.blockNumber - 1n })
    return { ok: false, reason: 'replay did not revert' }
  } catch (error) {
    const reverted = error instanceof ViemBaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : null
    return { ok: false, reason: reverted instanceof ContractFunctionRevertedError ? reverted.reason : String(error) }
  }
}
