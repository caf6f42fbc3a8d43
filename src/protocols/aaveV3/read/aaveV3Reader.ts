import { getAddress, zeroAddress, type Address } from 'viem'
import type { AssetExposure } from '../../../domain/riskFactor.js'
import type { UnavailableVenue } from '../../../domain/venue.js'
import { UnsupportedProtocolVersionError } from '../../../errors/index.js'
import { toVenueError } from '../../../errors/publicCode.js'
import { aaveV3VenueId } from '../model/toAaveV3VenueModel.js'
import { AAVE_V3_FLAVOR, type AaveV3Flavor } from '../model/aaveV3Flavor.js'
import type { AaveV3AccountState, AaveV3EModeCategory, AaveV3LogicVersion, AaveV3ReserveState, AaveV3SentinelState, AaveV3UserReserve } from '../model/types.js'
import type { AaveV3Deployment } from '../deployment.js'
import { AAVE_V3_RELEASES } from './aaveV3Releases.js'
import { EIP1967_IMPLEMENTATION_SLOT, identifyAaveV3Logic } from './identifyAaveV3Logic.js'
import { optional, required, type CallResult, type ChainReader, type ContractCall, type ReadPlan } from '../../../read/readPlan.js'
import type { StateReadOutcome, StateReader } from '../../../read/venueReader.js'
import {
  poolAddressesProviderAbi,
  poolProviderGetterAbi,
  priceOracleSentinelAbi,
  aaveOracleAbi,
  poolAbi,
  poolV36Abi,
  scaledBalanceTokenAbi,
  stableDebtTokenAbi,
} from '../abi.js'
import { decodeReserveConfiguration, decodeUserConfiguration } from './reserveConfiguration.js'
import { aggregatorV3Abi, erc20MetadataAbi, multicall3Abi } from '../../../read/abi.js'

/** One Aave V3 market to read. */
export type AaveV3Market = {
  readonly chainId: number
  /** The release its deployment names and, for forks, the Pool implementations it pins: checked against the chain (identifyAaveV3Logic). */
  readonly deployment: Pick<AaveV3Deployment, 'release' | 'poolImplementations'>
  /** What its venues show as `protocolVersion` (the release label); default the release id. */
  readonly protocolVersion?: string
  /** Whose Pool it is (Aave's or SparkLend's); default Aave. */
  readonly flavor?: AaveV3Flavor
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

/** eMode categories known from the reserves' configuration, with their price sources. */
type EModeMetadata = { readonly id: number; readonly priceSource: Address }

/** The market's PriceOracleSentinel and its sequencer feed, from the addresses provider (zero without one). */
type SentinelMetadata = { readonly provider: Address; readonly sentinel: Address; readonly sequencerOracle: Address }

type MarketMetadata = {
  /** The logic the chain's Pool runs (identified on the cold path) and the revision it reported: re-read on every hot read. */
  readonly logic: AaveV3LogicVersion
  readonly poolRevision: bigint
  readonly reserves: readonly ReserveMetadata[]
  readonly eModes: readonly EModeMetadata[]
  readonly sentinel: SentinelMetadata
}

/**
 * Cache of each market's slow-changing metadata (reserve list, token
 * addresses, symbols, price sources, eMode categories). Invalidation rule:
 * every read re-reads all of these in its one multicall; when any differs from
 * the cache (a new reserve, a new source, an unknown eMode category) the
 * cache is rebuilt and the read repeated once.
 */
export class AaveV3MetadataCache {
  private readonly entries = new Map<string, MarketMetadata>()
  get(m: AaveV3Market) {
    return this.entries.get(`${m.chainId}:${m.pool}`)
  }
  set(m: AaveV3Market, value: MarketMetadata) {
    this.entries.set(`${m.chainId}:${m.pool}`, value)
  }
  delete(m: AaveV3Market) {
    this.entries.delete(`${m.chainId}:${m.pool}`)
  }
}

export type AaveV3ReadParameters = {
  readonly market: AaveV3Market
  readonly account: Address
  readonly cache: AaveV3MetadataCache
  readonly exposureOf: (symbol: string, asset: Address) => AssetExposure
  /** Heartbeat of an asset's price feed, seconds; null when unknown. */
  readonly heartbeatOf: (symbol: string, asset: Address) => number | null
}

/**
 * Reader of one Aave V3 market's account state for one owner, joining the
 * chain's multicall (the plain state: the pure model turns it into a venue).
 * @throws UnsupportedProtocolVersionError (as an unavailable venue) for versions not read exactly.
 */
export function createAaveV3StateReader(p: AaveV3ReadParameters): StateReader<AaveV3AccountState> {
  return {
    async prepare(reader) {
      if (!p.cache.get(p.market)) p.cache.set(p.market, await fetchAaveV3Metadata(reader, p.market))
    },
    invalidate: () => p.cache.delete(p.market),
    plan(reader): ReadPlan<StateReadOutcome<AaveV3AccountState>> {
      const plan = aaveV3AccountPlan(reader, p)
      return {
        calls: plan.calls,
        decode(results, side) {
          const r = plan.decode(results, side)
          return r.kind === 'stale' ? r : { kind: 'states', states: [r.state], unavailable: [] }
        },
      }
    },
    fail: (error) => [unavailableAaveV3Venue(p.market, p.account, error)],
  }
}

/** An Aave venue that answers an error instead of data. */
export function unavailableAaveV3Venue(market: AaveV3Market, account: Address, error: unknown): UnavailableVenue {
  const flavor = market.flavor ?? AAVE_V3_FLAVOR
  return {
    status: 'unavailable',
    id: aaveV3VenueId(market.chainId, market.pool, account, flavor.key),
    protocol: flavor.protocol,
    chainId: market.chainId,
    account,
    market: market.pool,
    protocolVersion: market.protocolVersion ?? market.deployment.release,
    error: toVenueError(error),
  }
}

/**
 * Which logic the chain's Pool runs: its `POOL_REVISION` and the proxy's
 * EIP-1967 implementation, checked against the sourced release table.
 * @throws UnsupportedProtocolVersionError when the release is not reproduced or the chain disagrees with the table.
 */
async function identifyLogic(reader: ChainReader, market: AaveV3Market): Promise<{ logic: AaveV3LogicVersion; poolRevision: bigint }> {
  // a release that is refused outright (e.g. Horizon) is refused before any read
  if (AAVE_V3_RELEASES[market.deployment.release].logic === null) identifyAaveV3Logic({ deployment: market.deployment, poolRevision: 0n, poolImplementation: zeroAddress })
  const [[revision], slot] = await Promise.all([
    reader.multicall([{ address: market.pool, abi: poolV36Abi, functionName: 'POOL_REVISION' }]),
    reader.getStorageAt(market.pool, EIP1967_IMPLEMENTATION_SLOT),
  ])
  const poolRevision = required<bigint>(market.chainId, revision, 'Pool.POOL_REVISION')
  const poolImplementation = getAddress(`0x${slot.slice(-40)}`)
  return { logic: identifyAaveV3Logic({ deployment: market.deployment, poolRevision, poolImplementation }), poolRevision }
}

/** Whether a logic version has stable debt and eMode price sources (v3.0–3.1) rather than liquid eModes (v3.2+). */
const isLegacy = (logic: AaveV3LogicVersion) => logic === '3.0'

type ReserveData = {
  configuration: { data: bigint }
  isolationModeTotalDebt: bigint
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

/** Cold path: the market's reserve list, token addresses, symbols, sources and eMode categories (two multicalls). */
async function fetchAaveV3Metadata(reader: ChainReader, market: AaveV3Market): Promise<MarketMetadata> {
  const id = market.chainId
  const { logic, poolRevision } = await identifyLogic(reader, market)
  const [listResult] = await reader.multicall([{ address: market.pool, abi: poolAbi, functionName: 'getReservesList' }])
  const list = required<readonly Address[]>(id, listResult, 'Pool.getReservesList')
  const results = await reader.multicall(
    list.flatMap((asset): ContractCall[] => [
      { address: market.pool, abi: poolAbi, functionName: 'getReserveData', args: [asset] },
      { address: asset, abi: erc20MetadataAbi, functionName: 'symbol' },
      { address: market.oracle, abi: aaveOracleAbi, functionName: 'getSourceOfAsset', args: [asset] },
    ]),
  )
  const eModeIds = new Set<number>()
  const reserves = list.map((asset, i): ReserveMetadata => {
    const data = required<ReserveData>(id, results[i * 3], 'Pool.getReserveData')
    const e = decodeReserveConfiguration(data.configuration.data).eModeCategory
    if (e !== 0) eModeIds.add(e)
    return {
      asset: getAddress(asset),
      symbol: optional<string>(results[i * 3 + 1]) ?? asset.slice(0, 10),
      aToken: data.aTokenAddress,
      stableDebtToken: data.stableDebtTokenAddress,
      variableDebtToken: data.variableDebtTokenAddress,
      source: required<Address>(id, results[i * 3 + 2], 'AaveOracle.getSourceOfAsset'),
    }
  })
  const eModes = isLegacy(logic) ? await fetchLegacyEModes(reader, market, eModeIds) : await fetchLiquidEModes(reader, market)
  return { logic, poolRevision, reserves, eModes, sentinel: await fetchSentinelMetadata(reader, market) }
}

/** v3.0–3.1: the categories the reserves' configurations name, with their price sources. */
async function fetchLegacyEModes(reader: ChainReader, market: AaveV3Market, eModeIds: ReadonlySet<number>): Promise<EModeMetadata[]> {
  const ids = [...eModeIds].sort((a, b) => a - b)
  const categories = await reader.multicall(ids.map((e) => ({ address: market.pool, abi: poolAbi, functionName: 'getEModeCategoryData', args: [e] })))
  return ids.map((e, i) => ({ id: e, priceSource: required<EModeCategoryData>(market.chainId, categories[i], 'Pool.getEModeCategoryData').priceSource }))
}

/**
 * v3.2+: reserves no longer name a category, so every id 1–255 is asked for
 * its collateral config (one multicall) and the configured ones (LT ≠ 0, as
 * UiPoolDataProviderV3.getEModes) are kept; no price sources.
 */
async function fetchLiquidEModes(reader: ChainReader, market: AaveV3Market): Promise<EModeMetadata[]> {
  const ids = Array.from({ length: 255 }, (_, i) => i + 1)
  const configs = await reader.multicall(ids.map((e) => ({ address: market.pool, abi: poolV36Abi, functionName: 'getEModeCategoryCollateralConfig', args: [e] })))
  return ids.filter((_, i) => required<{ liquidationThreshold: number }>(market.chainId, configs[i], 'Pool.getEModeCategoryCollateralConfig').liquidationThreshold !== 0).map((e) => ({ id: e, priceSource: zeroAddress }))
}

async function fetchSentinelMetadata(reader: ChainReader, market: AaveV3Market): Promise<SentinelMetadata> {
  const id = market.chainId
  const [p] = await reader.multicall([{ address: market.pool, abi: poolProviderGetterAbi, functionName: 'ADDRESSES_PROVIDER' }])
  const provider = required<Address>(id, p, 'Pool.ADDRESSES_PROVIDER')
  const [s] = await reader.multicall([{ address: provider, abi: poolAddressesProviderAbi, functionName: 'getPriceOracleSentinel' }])
  const sentinel = required<Address>(id, s, 'PoolAddressesProvider.getPriceOracleSentinel')
  if (sentinel === zeroAddress) return { provider, sentinel, sequencerOracle: zeroAddress }
  const [o] = await reader.multicall([{ address: sentinel, abi: priceOracleSentinelAbi, functionName: 'getSequencerOracle' }])
  return { provider, sentinel, sequencerOracle: required<Address>(id, o, 'PriceOracleSentinel.getSequencerOracle') }
}

const HEAD = 6

/**
 * The per-reserve reads of one logic version, in order: v3.0 reads stable
 * debt (principal, rate, last update); v3.2+ has none (its stable token
 * address is 0) and reads the liquidation grace period and the deficit.
 */
function reserveCalls(logic: AaveV3LogicVersion, market: AaveV3Market, r: ReserveMetadata, user: Address): ContractCall[] {
  const common: ContractCall[] = [
    { address: market.pool, abi: poolAbi, functionName: 'getReserveData', args: [r.asset] },
    { address: r.aToken, abi: scaledBalanceTokenAbi, functionName: 'scaledBalanceOf', args: [user] },
    { address: r.variableDebtToken, abi: scaledBalanceTokenAbi, functionName: 'scaledBalanceOf', args: [user] },
    { address: market.oracle, abi: aaveOracleAbi, functionName: 'getSourceOfAsset', args: [r.asset] },
    // a source may not implement AggregatorV3: allowed to fail (updatedAt unknown)
    { address: r.source, abi: aggregatorV3Abi, functionName: 'latestRoundData' },
  ]
  if (isLegacy(logic)) {
    return [
      ...common,
      { address: r.stableDebtToken, abi: stableDebtTokenAbi, functionName: 'principalBalanceOf', args: [user] },
      { address: r.stableDebtToken, abi: stableDebtTokenAbi, functionName: 'getUserStableRate', args: [user] },
      { address: r.stableDebtToken, abi: stableDebtTokenAbi, functionName: 'getUserLastUpdated', args: [user] },
    ]
  }
  return [
    ...common,
    { address: market.pool, abi: poolV36Abi, functionName: 'getLiquidationGracePeriod', args: [r.asset] },
    { address: market.pool, abi: poolV36Abi, functionName: 'getReserveDeficit', args: [r.asset] },
  ]
}

/** Reads per reserve: 5 common + 3 (v3.0 stable debt) or 2 (v3.2+ grace period, deficit). */
const perReserve = (logic: AaveV3LogicVersion) => (isLegacy(logic) ? 8 : 7)

/**
 * The per-category reads: v3.0 the category data; v3.2+ also its collateral,
 * borrowable and LTV-zero bitmaps; v3.7 also whether it is isolated
 * (Pool.getIsEModeCategoryIsolated, docs/3.7/isolated-emode.md).
 */
function eModeCalls(logic: AaveV3LogicVersion, market: AaveV3Market, e: EModeMetadata): ContractCall[] {
  const data: ContractCall = { address: market.pool, abi: poolAbi, functionName: 'getEModeCategoryData', args: [e.id] }
  if (isLegacy(logic)) return [data]
  return [
    data,
    { address: market.pool, abi: poolV36Abi, functionName: 'getEModeCategoryCollateralBitmap', args: [e.id] },
    { address: market.pool, abi: poolV36Abi, functionName: 'getEModeCategoryBorrowableBitmap', args: [e.id] },
    { address: market.pool, abi: poolV36Abi, functionName: 'getEModeCategoryLtvzeroBitmap', args: [e.id] },
    ...(logic === '3.7' ? [{ address: market.pool, abi: poolV36Abi, functionName: 'getIsEModeCategoryIsolated', args: [e.id] } satisfies ContractCall] : []),
  ]
}

const perEMode = (logic: AaveV3LogicVersion) => (isLegacy(logic) ? 1 : logic === '3.7' ? 5 : 4)

/**
 * The hot read: everything the account's health depends on, validated
 * against the cached metadata in the same call. Raw values only: interest is
 * applied in pure code to the timestamp read here (Multicall3.getCurrentBlockTimestamp).
 */
function aaveV3AccountPlan(
  reader: ChainReader,
  p: AaveV3ReadParameters,
): ReadPlan<{ kind: 'state'; state: AaveV3AccountState } | Stale> {
  const { market, account: user } = p
  const metadata = p.cache.get(market)!
  const logic = metadata.logic
  const assets = metadata.reserves.map((r) => r.asset)
  const eModePriced = metadata.eModes.filter((e) => e.priceSource !== zeroAddress)
  const calls: ContractCall[] = [
    { address: market.multicall3, abi: multicall3Abi, functionName: 'getCurrentBlockTimestamp' },
    { address: market.pool, abi: poolAbi, functionName: 'getReservesList' },
    { address: market.pool, abi: poolAbi, functionName: 'getUserConfiguration', args: [user] },
    { address: market.pool, abi: poolAbi, functionName: 'getUserEMode', args: [user] },
    { address: market.oracle, abi: aaveOracleAbi, functionName: 'getAssetsPrices', args: [assets] },
    // an upgrade since the cache was built shows here first: the logic is identified again
    { address: market.pool, abi: poolV36Abi, functionName: 'POOL_REVISION' },
    ...metadata.reserves.flatMap((r) => reserveCalls(logic, market, r, user)),
    ...metadata.eModes.flatMap((e) => eModeCalls(logic, market, e)),
    ...eModePriced.map((e): ContractCall => ({ address: market.oracle, abi: aaveOracleAbi, functionName: 'getAssetPrice', args: [e.priceSource] })),
    // the sentinel as configured now, and what it reads: checked against the cache
    { address: metadata.sentinel.provider, abi: poolAddressesProviderAbi, functionName: 'getPriceOracleSentinel' },
    ...(metadata.sentinel.sentinel === zeroAddress
      ? []
      : ([
          { address: metadata.sentinel.sentinel, abi: priceOracleSentinelAbi, functionName: 'getSequencerOracle' },
          { address: metadata.sentinel.sentinel, abi: priceOracleSentinelAbi, functionName: 'getGracePeriod' },
          { address: metadata.sentinel.sequencerOracle, abi: aggregatorV3Abi, functionName: 'latestRoundData' },
        ] satisfies ContractCall[])),
  ]
  return { calls, decode: (res) => decodeAccount(reader, p, logic, metadata, res) }
}

/** The plan's answer when the market changed under the cached metadata: the cache is rebuilt and the read repeated. */
type Stale = { readonly kind: 'stale' }

/**
 * Decodes the account plan's results section by section (head, reserves,
 * eMode categories, sentinel), each checked against the cached metadata:
 * `stale` when any differs.
 * @throws ChainUnavailableError naming the first required read that reverted.
 */
function decodeAccount(
  reader: ChainReader,
  p: AaveV3ReadParameters,
  logic: AaveV3LogicVersion,
  metadata: MarketMetadata,
  res: readonly CallResult[],
): { kind: 'state'; state: AaveV3AccountState } | Stale {
  const id = reader.chainId
  const { market } = p
  const timestamp = required<bigint>(id, res[0], 'Multicall3.getCurrentBlockTimestamp')
  const list = required<readonly Address[]>(id, res[1], 'Pool.getReservesList').map((a) => getAddress(a))
  const userConfig = required<{ data: bigint }>(id, res[2], 'Pool.getUserConfiguration').data
  const userEMode = Number(required<bigint>(id, res[3], 'Pool.getUserEMode'))
  const prices = required<readonly bigint[]>(id, res[4], 'AaveOracle.getAssetsPrices')
  if (list.length !== metadata.reserves.length || list.some((a, i) => a !== metadata.reserves[i]!.asset)) return { kind: 'stale' }
  if (required<bigint>(id, res[5], 'Pool.POOL_REVISION') !== metadata.poolRevision) return { kind: 'stale' }

  const reserves: AaveV3ReserveState[] = []
  const userReserves: AaveV3UserReserve[] = []
  const knownEModes = new Set(metadata.eModes.map((e) => e.id))
  for (const [i, meta] of metadata.reserves.entries()) {
    const r = decodeReserveSection(id, p, logic, meta, res, HEAD + i * perReserve(logic), prices[i] ?? 0n, userConfig, knownEModes)
    if (r.kind === 'stale') return r
    reserves.push(r.reserve)
    userReserves.push(r.userReserve)
  }
  if (userEMode !== 0 && !knownEModes.has(userEMode)) return { kind: 'stale' }

  const eOffset = HEAD + metadata.reserves.length * perReserve(logic)
  const eMode = decodeEModeSection(id, logic, metadata.eModes, userEMode, res, eOffset)
  if (eMode.kind === 'stale') return eMode

  const sOffset = eOffset + metadata.eModes.length * perEMode(logic) + metadata.eModes.filter((x) => x.priceSource !== zeroAddress).length
  const sentinel = decodeSentinelSection(id, metadata.sentinel, res, sOffset)
  if (sentinel.kind === 'stale') return sentinel

  return {
    kind: 'state',
    state: {
      version: logic,
      chainId: market.chainId,
      pool: market.pool,
      oracle: market.oracle,
      account: p.account,
      block: reader.block,
      timestamp,
      reserves,
      userReserves,
      userEModeCategory: userEMode,
      eModeCategory: eMode.category,
      eModePriceE8: eMode.priceE8,
      sentinel: sentinel.sentinel,
    },
  }
}

/**
 * One reserve's PER_RESERVE results from offset `o` (reserve data, the user's
 * scaled balances and stable debt, source, feed round) as the reserve and the
 * user's position in it; `priceE8` is the oracle's USD·1e8 price, `userConfig`
 * the user's configuration bitmap. Stale when its tokens, source or eMode
 * category differ from the cache.
 * @throws ChainUnavailableError naming the required read that reverted.
 */
function decodeReserveSection(
  id: number,
  p: AaveV3ReadParameters,
  logic: AaveV3LogicVersion,
  meta: ReserveMetadata,
  res: readonly CallResult[],
  o: number,
  priceE8: bigint,
  userConfig: bigint,
  knownEModes: ReadonlySet<number>,
): { kind: 'reserve'; reserve: AaveV3ReserveState; userReserve: AaveV3UserReserve } | Stale {
  const data = required<ReserveData>(id, res[o], 'Pool.getReserveData')
  const source = required<Address>(id, res[o + 3], 'AaveOracle.getSourceOfAsset')
  if (
    data.aTokenAddress !== meta.aToken ||
    data.stableDebtTokenAddress !== meta.stableDebtToken ||
    data.variableDebtTokenAddress !== meta.variableDebtToken ||
    source !== meta.source
  ) {
    return { kind: 'stale' }
  }
  const cfg = decodeReserveConfiguration(data.configuration.data)
  const legacy = isLegacy(logic)
  // v3.2+ no longer keeps a category in the reserve's configuration (the bits are unused)
  const eModeCategory = legacy ? cfg.eModeCategory : 0
  if (eModeCategory !== 0 && !knownEModes.has(eModeCategory)) return { kind: 'stale' }
  const round = optional<readonly bigint[]>(res[o + 4])
  const reserve: AaveV3ReserveState = {
    asset: meta.asset,
    symbol: meta.symbol,
    id: data.id,
    decimals: cfg.decimals,
    ltvBps: cfg.ltvBps,
    liquidationThresholdBps: cfg.liquidationThresholdBps,
    liquidationBonusBps: cfg.liquidationBonusBps,
    liquidationProtocolFeeBps: cfg.liquidationProtocolFeeBps,
    eModeCategory,
    liquidityIndexRay: data.liquidityIndex,
    currentLiquidityRateRay: data.currentLiquidityRate,
    variableBorrowIndexRay: data.variableBorrowIndex,
    currentVariableBorrowRateRay: data.currentVariableBorrowRate,
    lastUpdateTimestamp: BigInt(data.lastUpdateTimestamp),
    priceE8,
    feed: meta.source === zeroAddress ? null : meta.source,
    feedUpdatedAt: round && meta.source !== zeroAddress ? round[3]! : null,
    feedHeartbeatSeconds: p.heartbeatOf(meta.symbol, meta.asset),
    exposure: p.exposureOf(meta.symbol, meta.asset),
    debtCeiling: cfg.debtCeiling,
    isolationModeTotalDebt: data.isolationModeTotalDebt,
    borrowableInIsolation: cfg.borrowableInIsolation,
    siloedBorrowing: cfg.siloedBorrowing,
    supplyCap: cfg.supplyCap,
    borrowCap: cfg.borrowCap,
    liquidationGracePeriodUntil: legacy ? 0n : BigInt(required<number>(id, res[o + 5], 'Pool.getLiquidationGracePeriod')),
    deficit: legacy ? 0n : required<bigint>(id, res[o + 6], 'Pool.getReserveDeficit'),
  }
  const flags = decodeUserConfiguration(userConfig, data.id)
  const userReserve: AaveV3UserReserve = {
    reserveId: data.id,
    usingAsCollateral: flags.usingAsCollateral,
    borrowing: flags.borrowing,
    scaledATokenBalance: required<bigint>(id, res[o + 1], 'AToken.scaledBalanceOf'),
    scaledVariableDebt: required<bigint>(id, res[o + 2], 'VariableDebtToken.scaledBalanceOf'),
    stableDebtPrincipal: legacy ? required<bigint>(id, res[o + 5], 'StableDebtToken.principalBalanceOf') : 0n,
    stableRateRay: legacy ? required<bigint>(id, res[o + 6], 'StableDebtToken.getUserStableRate') : 0n,
    stableLastUpdateTimestamp: legacy ? BigInt(required<number>(id, res[o + 7], 'StableDebtToken.getUserLastUpdated')) : 0n,
  }
  return { kind: 'reserve', reserve, userReserve }
}

/**
 * The eMode section from offset `eOffset` (every known category's data, then
 * the priced categories' oracle prices): the user's category and its USD·1e8
 * price, or null for either. Stale when a category's price source differs from the cache.
 * @throws ChainUnavailableError naming the required read that reverted.
 */
function decodeEModeSection(
  id: number,
  logic: AaveV3LogicVersion,
  eModes: readonly EModeMetadata[],
  userEMode: number,
  res: readonly CallResult[],
  eOffset: number,
): { kind: 'eMode'; category: AaveV3EModeCategory | null; priceE8: bigint | null } | Stale {
  let category: AaveV3EModeCategory | null = null
  let priceE8: bigint | null = null
  const legacy = isLegacy(logic)
  const n = perEMode(logic)
  for (const [i, e] of eModes.entries()) {
    const o = eOffset + i * n
    const data = required<EModeCategoryData>(id, res[o], 'Pool.getEModeCategoryData')
    if (data.priceSource !== e.priceSource) return { kind: 'stale' }
    // a category whose LT was set to 0 since the cache was built: rebuild
    if (!legacy && data.liquidationThreshold === 0) return { kind: 'stale' }
    if (e.id !== userEMode) continue
    const bitmap = (k: number, name: string) => (legacy ? null : required<bigint>(id, res[o + k], name))
    category = {
      id: e.id,
      ltvBps: BigInt(data.ltv),
      liquidationThresholdBps: BigInt(data.liquidationThreshold),
      liquidationBonusBps: BigInt(data.liquidationBonus),
      priceSource: data.priceSource === zeroAddress ? null : getAddress(data.priceSource),
      label: data.label,
      collateralBitmap: bitmap(1, 'Pool.getEModeCategoryCollateralBitmap'),
      borrowableBitmap: bitmap(2, 'Pool.getEModeCategoryBorrowableBitmap'),
      ltvzeroBitmap: bitmap(3, 'Pool.getEModeCategoryLtvzeroBitmap'),
      isolated: logic === '3.7' ? required<boolean>(id, res[o + 4], 'Pool.getIsEModeCategoryIsolated') : false,
    }
    const priced = eModes.filter((x) => x.priceSource !== zeroAddress).findIndex((x) => x.id === e.id)
    if (priced >= 0) priceE8 = required<bigint>(id, res[eOffset + eModes.length * n + priced], 'AaveOracle.getAssetPrice')
  }
  return { kind: 'eMode', category, priceE8 }
}

/**
 * The sentinel section from offset `sOffset` (the provider's sentinel, then
 * its sequencer oracle, grace period in seconds and sequencer round when
 * there is one), or null without a sentinel. Stale when the sentinel or its
 * oracle differs from the cache.
 * @throws ChainUnavailableError naming the required read that reverted.
 */
function decodeSentinelSection(
  id: number,
  cached: SentinelMetadata,
  res: readonly CallResult[],
  sOffset: number,
): { kind: 'sentinel'; sentinel: AaveV3SentinelState | null } | Stale {
  const sentinelNow = required<Address>(id, res[sOffset], 'PoolAddressesProvider.getPriceOracleSentinel')
  if (sentinelNow !== cached.sentinel) return { kind: 'stale' }
  if (sentinelNow === zeroAddress) return { kind: 'sentinel', sentinel: null }
  const oracleNow = required<Address>(id, res[sOffset + 1], 'PriceOracleSentinel.getSequencerOracle')
  if (oracleNow !== cached.sequencerOracle) return { kind: 'stale' }
  const round = required<readonly bigint[]>(id, res[sOffset + 3], 'SequencerOracle.latestRoundData')
  return {
    kind: 'sentinel',
    sentinel: {
      sentinel: sentinelNow,
      sequencerOracle: oracleNow,
      gracePeriodSeconds: required<bigint>(id, res[sOffset + 2], 'PriceOracleSentinel.getGracePeriod'),
      sequencerAnswer: round[1]!,
      sequencerUpdatedAt: round[3]!,
    },
  }
}
