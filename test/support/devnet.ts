import { inject } from 'vitest'
import { createConfig, getBlock, type Config } from '@wagmi/core'
import { BaseError as ViemBaseError, ContractFunctionRevertedError, createPublicClient, http, maxUint256, zeroAddress, type Abi, type Address, type Chain, type Hex, type PublicClient } from 'viem'
import { devnetChains, MULTICALL3_ADDRESS } from '../../chains/devnet.js'
import { AaveV3MetadataCache, createAaveV3StateReader } from '../../src/protocols/aaveV3/read/aaveV3Reader.js'
import { poolAbi, poolV36Abi } from '../../src/protocols/aaveV3/abi.js'
import { readStates } from './readStates.js'
import { createChainReader } from '../../src/read/readPlan.js'
import { exposureOfSymbol } from '../../src/domain/riskFactorTable.js'
import { DEVNET_ACCOUNTS } from '../../src/devnet/accounts.js'
import { AaveDevnetActions, type DevnetAsset } from '../../src/protocols/aaveV3/devnet/aaveActions.js'
import { loadArtifact } from '../../src/protocols/aaveV3/devnet/aaveArtifacts.js'
import { compileAaveV36Contracts } from '../../src/protocols/aaveV3/devnet/aaveV36Artifacts.js'
import { ARTIFACT_CACHE_DIR } from '../../src/devnet/startDevnet.js'
import { Deployer } from '../../src/devnet/deployer.js'
import { readManifest, type DevnetManifest, type DevnetManifestChain } from '../../src/devnet/manifest.js'
import type { AaveV3Deployment } from '../../src/protocols/aaveV3/deployment.js'
import type { AaveV3AccountState } from '../../src/protocols/aaveV3/model/types.js'
import { devnetPriceFeedAbi } from '../../src/devnet/priceFeedAbi.js'
import { shockPower } from '../../src/risk/shock.js'

/** The Pool ABI from the real artifacts: the reference views (getUserAccountData) and liquidationCall. */
export const poolArtifactAbi = loadArtifact('@aave/core-v3', 'protocol/pool/Pool.sol/Pool').abi
export const erc20ArtifactAbi = loadArtifact('@aave/core-v3', 'mocks/tokens/MintableERC20.sol/MintableERC20').abi

/**
 * Aave v3.6's Pool ABI (DeficitCreated from v3.3) with every custom error its
 * linked logic libraries revert with (v3.4+: Errors.sol; a linked library's
 * errors are in its own ABI, not the Pool's), from the compiled v3.6
 * artifacts (cached by the devnet).
 */
export const aaveV36PoolAbi: Abi = await (async () => {
  const a = await compileAaveV36Contracts(ARTIFACT_CACHE_DIR)
  const errors = new Map([a.PoolInstance, a.LiquidationLogic, a.BorrowLogic, a.SupplyLogic, a.PoolLogic, a.FlashLoanLogic].flatMap((c) => c.abi.filter((x) => x.type === 'error').map((x) => [x.name, x] as const)))
  return [...a.PoolInstance.abi.filter((x) => x.type !== 'error'), ...errors.values()]
})()

/**
 * Why a call reverted, as the contract said it: the string of `require(…, '45')`
 * (v3.0.2 numeric codes) or the custom error's name (v3.4+), or the error's text.
 */
export function revertReason(error: unknown): string {
  const reverted = error instanceof ViemBaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : null
  if (!(reverted instanceof ContractFunctionRevertedError)) return String(error)
  return reverted.reason ?? reverted.data?.errorName ?? reverted.signature ?? 'unknown revert'
}

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
  /** The Pool ABI of the market's logic: v3.0.2's, or v3.6's (its custom errors decode reverts by selector, its events include DeficitCreated). */
  readonly poolAbi: Abi

  /** The Aave-logic market this chain's actions and reads address: Aave's own (default) or the chain's SparkLend. */
  readonly market: { readonly pool: Address; readonly oracle: Address; readonly version: '3.0' | '3.6'; readonly deployment: Pick<AaveV3Deployment, 'release' | 'poolImplementations'> }

  constructor(
    readonly entry: DevnetManifestChain,
    which: 'aaveV3' | 'sparkLend' = 'aaveV3',
  ) {
    const spark = entry.sparkLend
    if (which === 'sparkLend' && !spark) throw new TypeError(`no SparkLend on chain ${entry.chainId}`)
    this.market =
      which === 'sparkLend'
        ? { pool: spark!.pool, oracle: spark!.oracle, version: '3.0', deployment: { release: 'sparklend-1.0.0', poolImplementations: [spark!.poolImplementation] } }
        : { pool: entry.aaveV3.pool, oracle: entry.aaveV3.oracle, version: entry.aaveV3.version, deployment: { release: entry.aaveV3.version === '3.6' ? 'aave-3.6' : 'aave-3.0.2' } }
    const chain = viemChainOf(entry.chainId)
    this.client = createPublicClient({ chain, transport: http(entry.rpcUrl), cacheTime: 0, pollingInterval: 10 })
    this.deployer = new Deployer(chain, entry.rpcUrl, DEVNET_ACCOUNTS.deployer)
    this.aave = new AaveDevnetActions(this.deployer, this.market.pool)
    this.poolAbi = this.market.version === '3.6' ? aaveV36PoolAbi : poolArtifactAbi
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
      market: { chainId: this.entry.chainId, deployment: this.market.deployment, pool: this.market.pool, oracle: this.market.oracle, multicall3: MULTICALL3_ADDRESS },
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
      address: this.market.pool,
      abi: poolArtifactAbi,
      functionName: 'getUserAccountData',
      args: [account],
      blockNumber,
    })) as readonly bigint[]
    return { totalCollateralBase: r[0]!, totalDebtBase: r[1]!, availableBorrowsBase: r[2]!, avgLiquidationThresholdBps: r[3]!, avgLtvBps: r[4]!, healthFactor: r[5]! }
  }

  /**
   * The market's liquid eMode categories (v3.6 chains), from the Pool's own
   * getters: each category's members by symbol (bit i of a bitmap = reserve id i).
   */
  async eModeCategories(): Promise<{ id: number; ltvBps: number; liquidationThresholdBps: number; collateral: string[]; borrowable: string[]; ltvzero: string[] }[]> {
    const pool = this.market.pool
    const ids: { symbol: string; id: number }[] = []
    for (const a of this.entry.assets) {
      const data = (await this.client.readContract({ address: pool, abi: poolAbi, functionName: 'getReserveData', args: [a.address] }).catch(() => null)) as { id: number; aTokenAddress: Address } | null
      if (data && data.aTokenAddress !== zeroAddress) ids.push({ symbol: a.symbol, id: data.id })
    }
    const members = (bitmap: bigint) => ids.filter((r) => (bitmap >> BigInt(r.id)) & 1n).map((r) => r.symbol)
    const out = []
    for (let id = 1; id < 256; id++) {
      const c = await this.client.readContract({ address: pool, abi: poolV36Abi, functionName: 'getEModeCategoryCollateralConfig', args: [id] })
      if (c.liquidationThreshold === 0) continue
      const [coll, borr, zero] = await Promise.all(
        (['getEModeCategoryCollateralBitmap', 'getEModeCategoryBorrowableBitmap', 'getEModeCategoryLtvzeroBitmap'] as const).map((f) => this.client.readContract({ address: pool, abi: poolV36Abi, functionName: f, args: [id] })),
      )
      out.push({ id, ltvBps: c.ltv, liquidationThresholdBps: c.liquidationThreshold, collateral: members(coll!), borrowable: members(borr!), ltvzero: members(zero!) })
    }
    return out
  }

  /** The market's reserves (Pool.getReservesList) as the chain's devnet assets, in listing order. */
  async marketAssets(): Promise<DevnetManifestChain['assets']> {
    const list = (await this.client.readContract({ address: this.market.pool, abi: poolAbi, functionName: 'getReservesList' })) as readonly Address[]
    return list.map((address) => {
      const a = this.entry.assets.find((x) => x.address.toLowerCase() === address.toLowerCase())
      if (!a) throw new TypeError(`reserve ${address} is not a devnet asset of chain ${this.entry.chainId}`)
      return a
    })
  }

  /** Approves the Pool to pull every asset from `account`. */
  async approveAll(account: Address): Promise<void> {
    for (const a of this.entry.assets) {
      await this.deployer.send(a.address, erc20ArtifactAbi, 'approve' as never, [this.market.pool, maxUint256] as never, account)
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
