import { beforeAll, describe, expect, it, inject } from 'vitest'
import { createPublicClient, http, parseAbi, parseAbiItem, zeroAddress, type PublicClient } from 'viem'
import { SharesMath } from '@morpho-org/blue-sdk'
import { readChainsFile } from '../../../config/chainsFile.js'
import type { DevnetManifest, DevnetManifestChain } from '../../../devnet/manifest.js'
import { testManifest, viemChainOf } from '../../../../test/support/devnet.js'
import { MORPHO_GOVERNANCE_LLTVS } from './plainMorphoMarketSpec.js'

const createMarketEvent = parseAbiItem('event CreateMarket(bytes32 indexed id, (address loanToken, address collateralToken, address oracle, address irm, uint256 lltv) marketParams)')
const morphoAbi = parseAbi([
  'function position(bytes32 id, address user) view returns (uint256 supplyShares, uint128 borrowShares, uint128 collateral)',
  'function market(bytes32 id) view returns (uint128 totalSupplyAssets, uint128 totalSupplyShares, uint128 totalBorrowAssets, uint128 totalBorrowShares, uint128 lastUpdate, uint128 fee)',
])
const oracleAbi = parseAbi(['function price() view returns (uint256)'])

describe('the devnet L1 Morpho Blue, a chain with over a thousand markets', () => {
  let manifest: DevnetManifest
  let l1: DevnetManifestChain
  let client: PublicClient
  beforeAll(async () => {
    manifest = await testManifest()
    l1 = manifest.chains.find((c) => c.key === 'devnet-l1')!
    client = createPublicClient({ chain: viemChainOf(l1.chainId), transport: http(l1.rpcUrl), cacheTime: 0 })
  })

  it('has at least 1,000 markets, counted from the CreateMarket logs Morpho emitted from its deployment block on', async () => {
    const morpho = l1.morphoBlue!
    const logs = await client.getLogs({ address: morpho.morpho, event: createMarketEvent, fromBlock: BigInt(morpho.deploymentBlock), toBlock: 'latest', strict: true })
    expect(logs.length).toBeGreaterThanOrEqual(1_000)
    expect(logs.length).toBe(morpho.marketCount)
    const ids = new Set(logs.map((l) => l.args.id))
    expect(ids.size).toBe(logs.length)
    for (const m of morpho.markets) expect(ids.has(m.id)).toBe(true)
    // several oracles, every governance LLTV, several IRMs (address(0) among them)
    const params = logs.map((l) => l.args.marketParams)
    expect(new Set(params.map((p) => p.oracle)).size).toBeGreaterThan(100)
    expect(new Set(params.map((p) => p.lltv))).toEqual(new Set(MORPHO_GOVERNANCE_LLTVS))
    const irms = new Set(params.map((p) => p.irm))
    expect(irms.size).toBeGreaterThanOrEqual(4)
    expect(irms.has(zeroAddress)).toBe(true)
  })

  it('names Morpho and its deployment block in the chain list file, with only the listed markets', async () => {
    const file = await readChainsFile(inject('devnetChainsFile'))
    const entry = file.chains.find((c) => c.key === 'devnet-l1')!.protocols['morpho-blue']![0] as { morpho: string; deploymentBlock: number; markets: { id: string }[] }
    expect(entry.morpho).toBe(l1.morphoBlue!.morpho)
    expect(entry.deploymentBlock).toBe(l1.morphoBlue!.deploymentBlock)
    expect(entry.markets.map((m) => m.id)).toEqual(l1.morphoBlue!.markets.map((m) => m.id))
  })

  it('gives the demo wallet positions in markets the chain list file does not list: borrows priced by a feed ratio and a fixed price, and a supply', async () => {
    const morpho = l1.morphoBlue!
    const unlisted = morpho.unlistedDemoMarkets
    expect(unlisted.map((m) => [m.oracleKind, m.demoPosition])).toEqual([
      ['feedRatio', 'borrow'],
      ['feedRatio', 'supply'],
      ['fixedPrice', 'borrow'],
    ])
    const listed = new Set(morpho.markets.map((m) => m.id))
    for (const m of unlisted) {
      expect(listed.has(m.id)).toBe(false)
      const [supplyShares, borrowShares, collateral] = await client.readContract({ address: morpho.morpho, abi: morphoAbi, functionName: 'position', args: [m.id, manifest.accounts.demo] })
      if (m.demoPosition === 'supply') {
        expect(supplyShares).toBeGreaterThan(0n)
        continue
      }
      expect(collateral).toBeGreaterThan(0n)
      expect(borrowShares).toBeGreaterThan(0n)
      // health as Morpho._isHealthy: maxBorrow = collateral · price / 1e36 · lltv / 1e18 against the borrow rounded up
      const [, , totalBorrowAssets, totalBorrowShares] = await client.readContract({ address: morpho.morpho, abi: morphoAbi, functionName: 'market', args: [m.id] })
      const price = await client.readContract({ address: m.oracle, abi: oracleAbi, functionName: 'price' })
      const borrowed = SharesMath.toAssets(borrowShares, totalBorrowAssets, totalBorrowShares, 'Up')
      const maxBorrow = (((collateral * price) / 10n ** 36n) * BigInt(m.lltv)) / 10n ** 18n
      const healthFactor = Number((maxBorrow * 10_000n) / borrowed) / 10_000
      expect(healthFactor).toBeGreaterThan(1.3)
      expect(healthFactor).toBeLessThan(2)
    }
  })
})
