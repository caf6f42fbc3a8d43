import { inject } from 'vitest'
import { createConfig, getBlock, type Config } from '@wagmi/core'
import { createPublicClient, http, maxUint256, type Address, type Chain, type Hex, type PublicClient } from 'viem'
import { devnetChains, MULTICALL3_ADDRESS } from '../../chains/devnet.js'
import { AaveV3MetadataCache, createAaveV3StateReader } from '../../src/protocols/aaveV3/read/aaveV3Reader.js'
import { readStates } from './readStates.js'
import { createChainReader } from '../../src/read/readPlan.js'
import { exposureOfSymbol } from '../../src/domain/riskFactorTable.js'
import { DEVNET_ACCOUNTS } from '../../src/devnet/accounts.js'
import { AaveDevnetActions, type DevnetAsset } from '../../src/protocols/aaveV3/devnet/aaveActions.js'
import { loadArtifact } from '../../src/protocols/aaveV3/devnet/aaveArtifacts.js'
import { Deployer } from '../../src/devnet/deployer.js'
import { readManifest, type DevnetManifest, type DevnetManifestChain } from '../../src/devnet/manifest.js'
import type { AaveV3AccountState } from '../../src/protocols/aaveV3/model/types.js'
import { devnetPriceFeedAbi } from '../../src/devnet/priceFeedAbi.js'
import { shockPower } from '../../src/risk/shock.js'

/** The Pool ABI from the real artifacts: the reference views (getUserAccountData) and liquidationCall. */
export const poolArtifactAbi = loadArtifact('@aave/core-v3', 'protocol/pool/Pool.sol/Pool').abi
export const erc20ArtifactAbi = loadArtifact('@aave/core-v3', 'mocks/tokens/MintableERC20.sol/MintableERC20').abi

/** The test devnet's manifest (started by the global setup). */
export async function testManifest(): Promise<DevnetManifest> {
  return readManifest(inject('devnetManifestPath'))
}

export function viemChainOf(chainId: number): Chain {
  const c = devnetChains.find((x) => x.chain.id === chainId)
  if (!c) throw new TypeError(`not a devnet chain: ${chainId}`)
  return c.chain
}

/** Clients and actions for one devnet chain, for tests. */
export class TestChain {
  readonly client: PublicClient
  readonly deployer: Deployer
  readonly aave: AaveDevnetActions
  readonly wagmi: Config
  readonly cache = new AaveV3MetadataCache()

  constructor(readonly entry: DevnetManifestChain) {
    const chain = viemChainOf(entry.chainId)
    this.client = createPublicClient({ chain, transport: http(entry.rpcUrl), cacheTime: 0, pollingInterval: 10 })
    this.deployer = new Deployer(chain, entry.rpcUrl, DEVNET_ACCOUNTS.deployer)
    this.aave = new AaveDevnetActions(this.deployer, entry.aaveV3.pool)
    this.wagmi = createConfig({ chains: [chain], transports: { [chain.id]: http(entry.rpcUrl) }, ssr: true, multiInjectedProviderDiscovery: false })
  }

  asset(symbol: string): DevnetAsset {
    const a = this.entry.assets.find((x) => x.symbol === symbol)
    if (!a) throw new TypeError(`${symbol} not on chain ${this.entry.chainId}`)
    return { symbol: a.symbol, address: a.address, decimals: a.decimals }
  }

  rpc(method: string, params: unknown[] = []): Promise<unknown> {
    return this.deployer.rpc(method, params)
  }

  async snapshot(): Promise<Hex> {
    return (await this.rpc('evm_snapshot')) as Hex
  }

  async revert(id: Hex): Promise<void> {
    await this.rpc('evm_revert', [id])
  }

  /** A fresh funded account that anvil signs for. */
  async freshAccount(seed: number): Promise<Address> {
    const address = `0x${(0xa11ce0000000n + BigInt(seed)).toString(16).padStart(40, '0')}` as Address
    await this.rpc('anvil_impersonateAccount', [address])
    await this.rpc('anvil_setBalance', [address, '0x56BC75E2D63100000'])
    return address
  }

  /** Latest block and xmargin's read of `account` at it (the same path the server takes). */
  async readAccount(account: Address): Promise<AaveV3AccountState> {
    const b = await getBlock(this.wagmi, { chainId: this.entry.chainId, blockTag: 'latest' })
    const reader = createChainReader(this.wagmi, { chainId: this.entry.chainId, blockNumber: b.number!, blockHash: b.hash, timestamp: b.timestamp })
    const [state] = await readStates(reader, createAaveV3StateReader({
      market: { chainId: this.entry.chainId, version: '3.0', pool: this.entry.aaveV3.pool, oracle: this.entry.aaveV3.oracle, multicall3: MULTICALL3_ADDRESS },
      account,
      cache: this.cache,
      exposureOf: (s: string) => exposureOfSymbol(s),
      heartbeatOf: (_s: string, asset: Address) => this.entry.assets.find((a) => a.address === asset)?.heartbeatSeconds ?? null,
    }))
    return state!
  }

  /** Pool.getUserAccountData at a block: the contract's own answer, test reference only. */
  async userAccountData(account: Address, blockNumber: bigint) {
    const r = (await this.client.readContract({
      address: this.entry.aaveV3.pool,
      abi: poolArtifactAbi,
      functionName: 'getUserAccountData',
      args: [account],
      blockNumber,
    })) as readonly bigint[]
    return { totalCollateralBase: r[0]!, totalDebtBase: r[1]!, availableBorrowsBase: r[2]!, avgLiquidationThresholdBps: r[3]!, avgLtvBps: r[4]!, healthFactor: r[5]! }
  }

  /** Approves the Pool to pull every asset from `account`. */
  async approveAll(account: Address): Promise<void> {
    for (const a of this.entry.assets) {
      await this.deployer.send(a.address, erc20ArtifactAbi, 'approve' as never, [this.entry.aaveV3.pool, maxUint256] as never, account)
    }
  }
}

/**
 * Moves a factor's reference feed from p0 to p on one chain, every feed
 * priced off the factor in proportion (floor(feed0 · p^k / p0^k)), as the
 * shock model assumes; each change mines a block one second after the last,
 * starting after `readTime`. Returns the last block's timestamp.
 */
export async function moveFactor(chain: TestChain, factor: string, p0: bigint, p: bigint, readTime: bigint): Promise<bigint> {
  let t = readTime
  for (const a of chain.entry.assets) {
    const k = BigInt(shockPower(exposureOfSymbol(a.symbol), new Set([factor])))
    if (k === 0n) continue
    const feed0 = (await chain.client.readContract({ address: a.priceFeed, abi: devnetPriceFeedAbi, functionName: 'latestAnswer' })) as bigint
    t += 1n
    await chain.rpc('evm_setNextBlockTimestamp', [Number(t)])
    await chain.deployer.send(a.priceFeed, devnetPriceFeedAbi, 'setAnswer', [(feed0 * p ** k) / p0 ** k])
  }
  return t
}
