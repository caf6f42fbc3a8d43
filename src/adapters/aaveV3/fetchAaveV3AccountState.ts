import { multicall } from '@wagmi/core'
import type { Config } from '@wagmi/core'
import { getAddress, zeroAddress, type Address } from 'viem'
import type { AssetExposure } from '../../domain/riskFactor.js'
import type { BlockRef } from '../../domain/venue.js'
import { ChainUnavailableError, UnsupportedProtocolVersionError } from '../../errors/index.js'
import type { AaveV3AccountState, AaveV3EModeCategory, AaveV3ReserveState, AaveV3UserReserve } from '../../risk/aaveV3/types.js'
import {
  aaveOracleAbi,
  aggregatorV3Abi,
  erc20MetadataAbi,
  multicall3Abi,
  poolAbi,
  scaledBalanceTokenAbi,
  stableDebtTokenAbi,
} from './abi.js'
import { decodeReserveConfiguration, decodeUserConfiguration } from './reserveConfiguration.js'

/** Aave V3 versions whose storage layout and health-factor logic this adapter reproduces exactly. */
export const AAVE_V3_VERSIONS_READ_EXACTLY = ['3.0'] as const

/** One Aave V3 market to read. */
export type AaveV3Market = {
  readonly chainId: number
  readonly version: string
  readonly pool: Address
  readonly oracle: Address
  readonly multicall3: Address
}

/** Per-reserve data that changes only when governance lists, re-tokenizes or re-sources a reserve. */
type ReserveMetadata = {
  readonly asset: Address
  readonly symbol: string
  readonly aToken: Address
  readonly stableDebtToken: Address
  readonly variableDebtToken: Address
  readonly source: Address
}

/**
 * Cache of a market's slow-changing metadata (reserve list, token addresses,
 * symbols, price sources, eMode category ids). Invalidation rule: every
 * portfolio read re-reads all of these in its one multicall; when any differs
 * from the cache (a new reserve, a new source, an unknown eMode category), the
 * cache is rebuilt from that read and the read is repeated once.
 */
export class AaveV3MetadataCache {
  private readonly entries = new Map<string, { reserves: ReserveMetadata[]; eModeIds: number[] }>()

  get(market: AaveV3Market) {
    return this.entries.get(`${market.chainId}:${market.pool}`)
  }

  set(market: AaveV3Market, value: { reserves: ReserveMetadata[]; eModeIds: number[] }) {
    this.entries.set(`${market.chainId}:${market.pool}`, value)
  }
}

export type FetchAaveV3AccountStateParameters = {
  readonly config: Config
  readonly market: AaveV3Market
  readonly account: Address
  readonly block: BlockRef
  readonly cache: AaveV3MetadataCache
  readonly exposureOf: (symbol: string, asset: Address) => AssetExposure
}

/**
 * Reads everything the health factor of `account` depends on, as one
 * Multicall3 `eth_call` pinned at `block` (plus, on a cold or stale cache, one
 * more to rebuild it). Amounts stay raw: scaled balances, indexes and rates
 * as stored, interest is applied in pure code to the timestamp read in the
 * same call (Multicall3.getCurrentBlockTimestamp).
 *
 * @throws UnsupportedProtocolVersionError for versions not in AAVE_V3_VERSIONS_READ_EXACTLY.
 * @throws ChainUnavailableError when the node fails or a required read reverts.
 */
export async function fetchAaveV3AccountState(p: FetchAaveV3AccountStateParameters): Promise<AaveV3AccountState> {
  const { market } = p
  if (!(AAVE_V3_VERSIONS_READ_EXACTLY as readonly string[]).includes(market.version)) {
    throw new UnsupportedProtocolVersionError('Aave V3', market.version, AAVE_V3_VERSIONS_READ_EXACTLY)
  }
  let metadata = p.cache.get(market)
  if (!metadata) {
    metadata = await fetchMetadata(p)
    p.cache.set(market, metadata)
  }
  const first = await fetchHot(p, metadata)
  if (first.kind === 'state') return first.state
  p.cache.set(market, first.metadata)
  const second = await fetchHot(p, first.metadata)
  if (second.kind === 'state') return second.state
  throw new ChainUnavailableError(market.chainId, { reason: 'the Aave market changed between two reads' })
}

/** One multicall result, untyped: each is decoded where it is used. */
type CallResult = { status: 'success' | 'failure'; result?: unknown; error?: Error }

async function read(p: FetchAaveV3AccountStateParameters, contracts: readonly unknown[]): Promise<readonly CallResult[]> {
  try {
    return (await multicall(p.config, {
      chainId: p.market.chainId,
      contracts: contracts as never,
      blockNumber: p.block.blockNumber,
      allowFailure: true,
      // one eth_call per read: no calldata chunking
      batchSize: 0,
    })) as readonly CallResult[]
  } catch (cause) {
    throw new ChainUnavailableError(p.market.chainId, { reason: 'the multicall failed', cause })
  }
}

function required<T>(p: FetchAaveV3AccountStateParameters, r: CallResult | undefined, what: string): T {
  if (!r || r.status !== 'success') {
    throw new ChainUnavailableError(p.market.chainId, { reason: `${what} reverted`, cause: r?.error })
  }
  return r.result as T
}

async function fetchMetadata(p: FetchAaveV3AccountStateParameters) {
  const { pool, oracle } = p.market
  const [listResult] = await read(p, [{ address: pool, abi: poolAbi, functionName: 'getReservesList' }])
  const list = required<readonly Address[]>(p, listResult, 'Pool.getReservesList')
  const results = await read(
    p,
    list.flatMap((asset) => [
      { address: pool, abi: poolAbi, functionName: 'getReserveData', args: [asset] },
      { address: asset, abi: erc20MetadataAbi, functionName: 'symbol' },
      { address: oracle, abi: aaveOracleAbi, functionName: 'getSourceOfAsset', args: [asset] },
    ]),
  )
  const eModeIds = new Set<number>()
  const reserves = list.map((asset, i): ReserveMetadata => {
    const data = required<ReserveData>(p, results[i * 3], 'Pool.getReserveData')
    const symbolResult = results[i * 3 + 1]
    const symbol = symbolResult?.status === 'success' ? String(symbolResult.result) : asset.slice(0, 10)
    const source = required<Address>(p, results[i * 3 + 2], 'AaveOracle.getSourceOfAsset')
    const e = decodeReserveConfiguration(data.configuration.data).eModeCategory
    if (e !== 0) eModeIds.add(e)
    return {
      asset: getAddress(asset),
      symbol,
      aToken: data.aTokenAddress,
      stableDebtToken: data.stableDebtTokenAddress,
      variableDebtToken: data.variableDebtTokenAddress,
      source,
    }
  })
  return { reserves, eModeIds: [...eModeIds].sort((a, b) => a - b) }
}

type ReserveData = {
  configuration: { data: bigint }
  liquidityIndex: bigint
  currentLiquidityRate: bigint
  variableBorrowIndex: bigint
  currentVariableBorrowRate: bigint
  lastUpdateTimestamp: number
  id: number
  aTokenAddress: Address
  stableDebtTokenAddress: Address
  variableDebtTokenAddress: Address
}

type EModeCategoryData = { ltv: number; liquidationThreshold: number; liquidationBonus: number; priceSource: Address; label: string }

const HEAD = 5
const PER_RESERVE = 8

async function fetchHot(
  p: FetchAaveV3AccountStateParameters,
  metadata: { reserves: ReserveMetadata[]; eModeIds: number[] },
): Promise<{ kind: 'state'; state: AaveV3AccountState } | { kind: 'stale'; metadata: { reserves: ReserveMetadata[]; eModeIds: number[] } }> {
  const { pool, oracle, multicall3 } = p.market
  const user = p.account
  const assets = metadata.reserves.map((r) => r.asset)
  const calls = [
    { address: multicall3, abi: multicall3Abi, functionName: 'getCurrentBlockTimestamp' },
    { address: pool, abi: poolAbi, functionName: 'getReservesList' },
    { address: pool, abi: poolAbi, functionName: 'getUserConfiguration', args: [user] },
    { address: pool, abi: poolAbi, functionName: 'getUserEMode', args: [user] },
    { address: oracle, abi: aaveOracleAbi, functionName: 'getAssetsPrices', args: [assets] },
    ...metadata.reserves.flatMap((r) => [
      { address: pool, abi: poolAbi, functionName: 'getReserveData', args: [r.asset] },
      { address: r.aToken, abi: scaledBalanceTokenAbi, functionName: 'scaledBalanceOf', args: [user] },
      { address: r.variableDebtToken, abi: scaledBalanceTokenAbi, functionName: 'scaledBalanceOf', args: [user] },
      { address: r.stableDebtToken, abi: stableDebtTokenAbi, functionName: 'principalBalanceOf', args: [user] },
      { address: r.stableDebtToken, abi: stableDebtTokenAbi, functionName: 'getUserStableRate', args: [user] },
      { address: r.stableDebtToken, abi: stableDebtTokenAbi, functionName: 'getUserLastUpdated', args: [user] },
      { address: oracle, abi: aaveOracleAbi, functionName: 'getSourceOfAsset', args: [r.asset] },
      // a source may not implement AggregatorV3 (allowed to fail: updatedAt is then unknown)
      { address: r.source, abi: aggregatorV3Abi, functionName: 'latestRoundData' },
    ]),
    ...metadata.eModeIds.map((id) => ({ address: pool, abi: poolAbi, functionName: 'getEModeCategoryData', args: [id] })),
  ] as const
  const res = await read(p, calls)
  const timestamp = required<bigint>(p, res[0], 'Multicall3.getCurrentBlockTimestamp')
  const list = required<readonly Address[]>(p, res[1], 'Pool.getReservesList').map((a) => getAddress(a))
  const userConfig = required<{ data: bigint }>(p, res[2], 'Pool.getUserConfiguration').data
  const userEMode = Number(required<bigint>(p, res[3], 'Pool.getUserEMode'))
  const prices = required<readonly bigint[]>(p, res[4], 'AaveOracle.getAssetsPrices')

  let stale = list.length !== assets.length || list.some((a, i) => a !== assets[i])
  const reserves: AaveV3ReserveState[] = []
  const userReserves: AaveV3UserReserve[] = []
  const freshEModeIds = new Set<number>()
  const freshMetadata: ReserveMetadata[] = []
  if (!stale) {
    metadata.reserves.forEach((meta, i) => {
      const o = HEAD + i * PER_RESERVE
      const data = required<ReserveData>(p, res[o], 'Pool.getReserveData')
      const source = required<Address>(p, res[o + 6], 'AaveOracle.getSourceOfAsset')
      freshMetadata.push({
        ...meta,
        aToken: data.aTokenAddress,
        stableDebtToken: data.stableDebtTokenAddress,
        variableDebtToken: data.variableDebtTokenAddress,
        source,
      })
      if (
        data.aTokenAddress !== meta.aToken ||
        data.stableDebtTokenAddress !== meta.stableDebtToken ||
        data.variableDebtTokenAddress !== meta.variableDebtToken ||
        source !== meta.source
      ) {
        stale = true
        return
      }
      const cfg = decodeReserveConfiguration(data.configuration.data)
      if (cfg.eModeCategory !== 0) freshEModeIds.add(cfg.eModeCategory)
      const round = res[o + 7]
      const hasRound = round?.status === 'success' && meta.source !== zeroAddress
      reserves.push({
        asset: meta.asset,
        symbol: meta.symbol,
        id: data.id,
        decimals: cfg.decimals,
        ltvBps: cfg.ltvBps,
        liquidationThresholdBps: cfg.liquidationThresholdBps,
        liquidationBonusBps: cfg.liquidationBonusBps,
        eModeCategory: cfg.eModeCategory,
        liquidityIndexRay: data.liquidityIndex,
        currentLiquidityRateRay: data.currentLiquidityRate,
        variableBorrowIndexRay: data.variableBorrowIndex,
        currentVariableBorrowRateRay: data.currentVariableBorrowRate,
        lastUpdateTimestamp: BigInt(data.lastUpdateTimestamp),
        priceE8: prices[i] ?? 0n,
        feed: meta.source === zeroAddress ? null : meta.source,
        feedUpdatedAt: hasRound ? (round.result as readonly bigint[])[3]! : null,
        exposure: p.exposureOf(meta.symbol, meta.asset),
      })
      const flags = decodeUserConfiguration(userConfig, data.id)
      userReserves.push({
        reserveId: data.id,
        usingAsCollateral: flags.usingAsCollateral,
        borrowing: flags.borrowing,
        scaledATokenBalance: required<bigint>(p, res[o + 1], 'AToken.scaledBalanceOf'),
        scaledVariableDebt: required<bigint>(p, res[o + 2], 'VariableDebtToken.scaledBalanceOf'),
        stableDebtPrincipal: required<bigint>(p, res[o + 3], 'StableDebtToken.principalBalanceOf'),
        stableRateRay: required<bigint>(p, res[o + 4], 'StableDebtToken.getUserStableRate'),
        stableLastUpdateTimestamp: BigInt(required<number>(p, res[o + 5], 'StableDebtToken.getUserLastUpdated')),
      })
    })
  }
  const knownIds = new Set(metadata.eModeIds)
  if (!stale && (userEMode !== 0 && !knownIds.has(userEMode))) stale = true
  if (!stale && [...freshEModeIds].some((id) => !knownIds.has(id))) stale = true
  if (stale) {
    const rebuilt = await fetchMetadata(p)
    if (userEMode !== 0 && !rebuilt.eModeIds.includes(userEMode)) rebuilt.eModeIds.push(userEMode)
    return { kind: 'stale', metadata: rebuilt }
  }

  let eModeCategory: AaveV3EModeCategory | null = null
  if (userEMode !== 0) {
    const idx = metadata.eModeIds.indexOf(userEMode)
    const e = required<EModeCategoryData>(p, res[HEAD + metadata.reserves.length * PER_RESERVE + idx], 'Pool.getEModeCategoryData')
    eModeCategory = {
      id: userEMode,
      ltvBps: BigInt(e.ltv),
      liquidationThresholdBps: BigInt(e.liquidationThreshold),
      liquidationBonusBps: BigInt(e.liquidationBonus),
      priceSource: e.priceSource === zeroAddress ? null : getAddress(e.priceSource),
      label: e.label,
    }
  }
  // v3.0 eMode price source: its oracle price is the price of every asset of the category.
  const eModePriceE8 =
    eModeCategory?.priceSource != null ? await fetchEModePrice(p, eModeCategory.priceSource) : null

  return {
    kind: 'state',
    state: {
      chainId: p.market.chainId,
      pool,
      oracle,
      account: user,
      block: p.block,
      timestamp,
      reserves,
      userReserves,
      userEModeCategory: userEMode,
      eModeCategory,
      eModePriceE8,
    },
  }
}

/** Rare path (no devnet market sets an eMode price source): one more read, at the same block. */
async function fetchEModePrice(p: FetchAaveV3AccountStateParameters, source: Address): Promise<bigint> {
  const [r] = await read(p, [{ address: p.market.oracle, abi: aaveOracleAbi, functionName: 'getAssetPrice', args: [source] }])
  return required<bigint>(p, r, 'AaveOracle.getAssetPrice')
}
