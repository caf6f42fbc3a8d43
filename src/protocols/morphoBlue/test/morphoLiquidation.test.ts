import { beforeAll, describe, expect, it } from 'vitest'
import { decodeEventLog, maxUint256, parseAbi, parseUnits, type Abi } from 'viem'
import { createChainReader } from '../../../read/readPlan.js'
import { createMorphoBlueStateReader, MorphoBlueMetadataCache } from '../read/morphoBlueReader.js'
import { readStates } from '../../../../test/support/readStates.js'
import { exposureOfSymbol } from '../../../domain/riskFactorTable.js'
import { MorphoDevnetActions } from '../devnet/deployMorphoBlue.js'
import type { DevnetManifest } from '../../../devnet/manifest.js'
import { compileMorphoDevnetContracts } from '../devnet/morphoArtifacts.js'
import { devnetPriceFeedAbi } from '../../../devnet/priceFeedAbi.js'
import { simulateMorphoBlueLiquidation } from '../model/simulateMorphoBlueLiquidation.js'
import { erc20ArtifactAbi, TestChain, testManifest } from '../../../../test/support/devnet.js'
import { ARTIFACT_CACHE_DIR } from '../../../devnet/startDevnet.js'

/** EventsLib.Liquidate (library events are not in the contract ABI solc 0.8.19 emits). */
const LIQUIDATE_EVENT = parseAbi([
  'event Liquidate(bytes32 indexed id, address indexed caller, address indexed borrower, uint256 repaidAssets, uint256 repaidShares, uint256 seizedAssets, uint256 badDebtAssets, uint256 badDebtShares)',
])

describe("Morpho liquidation as the engine predicts it, executed by Morpho.liquidate", () => {
  let manifest: DevnetManifest
  let abi: Abi
  beforeAll(async () => {
    manifest = await testManifest()
    abi = (await compileMorphoDevnetContracts(ARTIFACT_CACHE_DIR)).morpho.abi
  })

  for (const [label, drop] of [
    ['whole position repaid (collateral covers it with the LIF)', 0.97],
    ['all collateral seized, the rest bad debt', 0.5],
  ] as const) {
    it(label, async () => {
      const chain = new TestChain(manifest.chains.find((c) => c.chainId === 900003)!)
      const snap = await chain.snapshot()
      try {
        const market = chain.entry.morphoBlue!.markets.find((m) => m.label === 'WETH/USDC 86%')!
        const morpho = chain.entry.morphoBlue!.morpho
        const actions = new MorphoDevnetActions(chain.deployer, morpho, abi)
        const account = await chain.freshAccount(95_000 + Math.round(drop * 100))
        await actions.supplyCollateral(market, account, parseUnits('2', 18))
        const weth = chain.entry.assets.find((a) => a.symbol === 'WETH')!
        const eth = (await chain.client.readContract({ address: weth.priceFeed, abi: devnetPriceFeedAbi, functionName: 'latestAnswer' })) as bigint
        // borrow 85% of the collateral value: just under the 86% LLTV
        await actions.borrow(market, account, (2n * eth * 85n) / 100n / 100n)
        await chain.deployer.send(weth.priceFeed, devnetPriceFeedAbi, 'setAnswer', [BigInt(Math.floor(Number(eth) * drop))])
        const b = await chain.client.getBlock()
        const [state] = await readStates(createChainReader(chain.wagmi, { chainId: 900003, blockNumber: b.number, blockHash: b.hash, timestamp: b.timestamp }), createMorphoBlueStateReader({
          deployment: { chainId: 900003, morpho, marketIds: [market.id], index: null, multicall3: '0xcA11bde05977b3631167028862bE2a173976CA11', usdOracle: chain.entry.aaveV3.oracle },
          account,
          cache: new MorphoBlueMetadataCache(),
          exposureOf: (s) => exposureOfSymbol(s),
          heartbeatOf: () => null,
        }))
        const time = b.timestamp + 10n
        const predicted = simulateMorphoBlueLiquidation({ ...state!, timestamp: time }, state!.oraclePrice)!
        expect(predicted).not.toBeNull()
        await chain.deployer.send(market.loanToken, erc20ArtifactAbi, 'approve' as never, [morpho, maxUint256] as never, manifest.accounts.liquidator)
        await chain.rpc('evm_setNextBlockTimestamp', [Number(time)])
        // a liquidator takes the largest liquidation: every share, or all the collateral
        const args = predicted.badDebtAssets === 0n ? [0n, state!.position.borrowShares] : [state!.position.collateral, 0n]
        const hash = await chain.deployer.wallet.writeContract({ address: morpho, abi, functionName: 'liquidate', args: [MorphoDevnetActions.params(market), account, args[0], args[1], '0x'], account: manifest.accounts.liquidator, gas: 3_000_000n } as never)
        const receipt = await chain.deployer.receipt(hash)
        expect(receipt.status).toBe('success')
        const event = receipt.logs.map((l) => { try { return decodeEventLog({ abi: LIQUIDATE_EVENT, data: l.data, topics: l.topics }) } catch { return null } }).find((e) => e?.eventName === 'Liquidate')!
        const a = event.args as unknown as { repaidAssets: bigint; seizedAssets: bigint; badDebtAssets: bigint }
        expect(a.repaidAssets).toBe(predicted.repaidAssets)
        expect(a.seizedAssets).toBe(predicted.seizedAssets)
        expect(a.badDebtAssets).toBe(predicted.badDebtAssets)
        if (drop === 0.5) expect(predicted.badDebtAssets > 0n).toBe(true)
      } finally {
        await chain.revert(snap)
      }
    })
  }
})
