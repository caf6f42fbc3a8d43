import { getAddress, zeroAddress, type Address, type Hex } from 'viem'
import type { AssetExposure } from '../../../domain/riskFactor.js'
import type { UnavailableVenue } from '../../../domain/venue.js'
import { ChainUnavailableError } from '../../../errors/index.js'
import { toVenueError } from '../../../errors/publicCode.js'
import { curveBorrowRate } from '../model/curveIrm.js'
import { morphoBlueVenueId } from '../model/toMorphoBlueVenueModel.js'
import type { MorphoBlueAccountState, MorphoBlueAsset, MorphoBlueMarketParams, MorphoBlueMarketState, MorphoOracleModel } from '../model/types.js'
import { aggregatorV3Abi, multicall3Abi } from '../../../read/abi.js'
import { optional, required, type CallResult, type ChainReader, type ContractCall, type ReadPlan } from '../../../read/readPlan.js'
import type { StateReadOutcome, StateReader } from '../../../read/venueReader.js'
import { erc20Abi, irmAbi, morphoAbi, morphoOracleAbi, usdOracleAbi } from '../abi.js'

/** Morpho Blue on one chain and the markets read on it. */
export type MorphoBlueDeploymentRef = {
  readonly chainId: number
  readonly morpho: Address
  readonly marketIds: readonly Hex[]
  readonly multicall3: Address
  /** The chain's USD price source for tokens (an AaveOracle: getAssetsPrices, USD 1e8), or null. */
  readonly usdOracle: Address | null
}

type TokenMeta = { address: Address; symbol: string; decimals: number }

/** How the market's borrow rate is obtained: in pure code for known curves, else the IRM's view. */
type IrmModel = { kind: 'curve'; rateAtTarget: bigint } | { kind: 'view' }

type MarketMeta = {
  readonly id: Hex
  readonly params: MorphoBlueMarketParams
  readonly loan: TokenMeta
  readonly collateral: TokenMeta
  readonly oracle: { kind: 'feedRatio'; scaleFactor: bigint; baseFeed: Address; quoteFeed: Address } | { kind: 'opaque' }
  readonly irm: IrmModel
}

/**
 * Immutable market metadata (a market's params never change) and, for IRMs
 * read through their view, the market state last seen, used as the view's
 * input. Invalidation: a view-IRM rate is used only if the market state read
 * in the same multicall equals the one given to the view; otherwise the
 * fresh state is remembered and the read repeated once.
 */
export class MorphoBlueMetadataCache {
  readonly markets = new Map<string, MarketMeta | 'absent'>()
  readonly lastSeen = new Map<string, MorphoBlueMarketState>()
}

export type MorphoBlueReadParameters = {
  readonly deployment: MorphoBlueDeploymentRef
  readonly account: Address
  readonly cache: MorphoBlueMetadataCache
  readonly exposureOf: (symbol: string, asset: Address) => AssetExposure
  /** Heartbeat of an asset's USD feed, seconds; null when unknown. */
  readonly heartbeatOf: (symbol: string, asset: Address) => number | null
}

const key = (d: MorphoBlueDeploymentRef, id: Hex) => `${d.chainId}:${id}`

/** Reader of the owner's positions in the listed Morpho Blue markets of one chain: a plain state per market with a position. */
export function createMorphoBlueStateReader(p: MorphoBlueReadParameters): StateReader<MorphoBlueAccountState> {
  return {
    prepare: (reader) => prepareMorphoBlue(reader, p),
    invalidate() {
      for (const id of p.deployment.marketIds) p.cache.markets.delete(key(p.deployment, id))
    },
    plan(reader): ReadPlan<StateReadOutcome<MorphoBlueAccountState>> {
      return morphoBluePlan(reader, p)
    },
    fail: (error) => p.deployment.marketIds.map((id) => unavailableMorphoVenue(p, id, error)),
  }
}

function unavailableMorphoVenue(p: MorphoBlueReadParameters, id: Hex, error: unknown): UnavailableVenue {
  return {
    status: 'unavailable',
    id: morphoBlueVenueId(p.deployment.chainId, id, p.account),
    protocol: 'MORPHO_BLUE',
    chainId: p.deployment.chainId,
    account: p.account,
    market: p.deployment.morpho,
    protocolVersion: '1.0',
    error: toVenueError(error),
  }
}

/** Cold path: params, tokens, oracle shape and IRM of markets not cached yet (two multicalls). */
async function prepareMorphoBlue(reader: ChainReader, p: MorphoBlueReadParameters): Promise<void> {
  const d = p.deployment
  const missing = d.marketIds.filter((id) => !p.cache.markets.has(key(d, id)))
  if (missing.length === 0) return
  const paramsResults = await reader.multicall(missing.map((id) => ({ address: d.morpho, abi: morphoAbi, functionName: 'idToMarketParams', args: [id] })))
  const found: { id: Hex; params: MorphoBlueMarketParams }[] = []
  missing.forEach((id, i) => {
    const r = required<readonly [Address, Address, Address, Address, bigint]>(d.chainId, paramsResults[i], 'Morpho.idToMarketParams')
    if (r[0] === zeroAddress) {
      p.cache.markets.set(key(d, id), 'absent')
      return
    }
    found.push({ id, params: { loanToken: getAddress(r[0]), collateralToken: getAddress(r[1]), oracle: getAddress(r[2]), irm: getAddress(r[3]), lltv: r[4] } })
  })
  const PER = 13
  const res = await reader.multicall(
    found.flatMap(({ params }): ContractCall[] => [
      { address: params.loanToken, abi: erc20Abi, functionName: 'symbol' },
      { address: params.loanToken, abi: erc20Abi, functionName: 'decimals' },
      { address: params.collateralToken, abi: erc20Abi, functionName: 'symbol' },
      { address: params.collateralToken, abi: erc20Abi, functionName: 'decimals' },
      { address: params.oracle, abi: morphoOracleAbi, functionName: 'BASE_FEED_1' },
      { address: params.oracle, abi: morphoOracleAbi, functionName: 'BASE_FEED_2' },
      { address: params.oracle, abi: morphoOracleAbi, functionName: 'QUOTE_FEED_1' },
      { address: params.oracle, abi: morphoOracleAbi, functionName: 'QUOTE_FEED_2' },
      { address: params.oracle, abi: morphoOracleAbi, functionName: 'BASE_VAULT' },
      { address: params.oracle, abi: morphoOracleAbi, functionName: 'QUOTE_VAULT' },
      { address: params.oracle, abi: morphoOracleAbi, functionName: 'SCALE_FACTOR' },
      { address: params.irm, abi: irmAbi, functionName: 'RATE_AT_TARGET' },
      { address: params.oracle, abi: morphoOracleAbi, functionName: 'price' },
    ]),
  )
  found.forEach(({ id, params }, i) => {
    const r = (j: number) => res[i * PER + j]
    const token = (address: Address, s: CallResult | undefined, dec: CallResult | undefined): TokenMeta => ({
      address,
      symbol: optional<string>(s) ?? address.slice(0, 10),
      decimals: Number(required<number>(d.chainId, dec, 'ERC20.decimals')),
    })
    const [b1, b2, q1, q2, bv, qv] = [4, 5, 6, 7, 8, 9].map((j) => optional<Address>(r(j)))
    const scale = optional<bigint>(r(10))
    // exactly one base and one quote feed and no vaults: the oracle is a feed ratio xmargin can recompute
    const feedRatio = b1 && q1 && scale !== null && b1 !== zeroAddress && q1 !== zeroAddress && b2 === zeroAddress && q2 === zeroAddress && bv === zeroAddress && qv === zeroAddress
    const rateAtTarget = optional<bigint>(r(11))
    p.cache.markets.set(key(d, id), {
      id,
      params,
      loan: token(params.loanToken, r(0), r(1)),
      collateral: token(params.collateralToken, r(2), r(3)),
      oracle: feedRatio ? { kind: 'feedRatio', scaleFactor: scale, baseFeed: getAddress(b1), quoteFeed: getAddress(q1) } : { kind: 'opaque' },
      irm: rateAtTarget !== null && rateAtTarget > 0n ? { kind: 'curve', rateAtTarget } : { kind: 'view' },
    })
  })
}

type PlanResult = { kind: 'states'; states: MorphoBlueAccountState[]; unavailable: UnavailableVenue[] } | { kind: 'stale' }

/**
 * The hot read, for every listed market: market totals, the owner's
 * position, the oracle price and its feeds' rounds, the chain's USD prices of
 * the tokens, and (for IRMs not modelled in pure code) the IRM's view at the
 * last seen market state.
 */
function morphoBluePlan(reader: ChainReader, p: MorphoBlueReadParameters): ReadPlan<PlanResult> {
  const d = p.deployment
  const metas: MarketMeta[] = []
  const absent: Hex[] = []
  for (const id of d.marketIds) {
    const m = p.cache.markets.get(key(d, id))
    if (m === 'absent') absent.push(id)
    else if (m) metas.push(m)
  }
  const tokens = [...new Set(metas.flatMap((m) => [m.params.loanToken, m.params.collateralToken]))]
  const { calls, offsets } = morphoBlueCalls(p, metas, tokens)
  return {
    calls,
    decode(res) {
      const id = d.chainId
      const timestamp = required<bigint>(id, res[0], 'Multicall3.getCurrentBlockTimestamp')
      const prices = d.usdOracle ? optional<readonly bigint[]>(res[1]) : null
      const priceOf = (t: Address) => {
        const v = prices?.[tokens.indexOf(t)]
        return v !== undefined && v > 0n ? v : null
      }
      const states: MorphoBlueAccountState[] = []
      const unavailable = absent.map((a) =>
        unavailableMorphoVenue(p, a, new ChainUnavailableError(id, { reason: `Morpho Blue market ${a} does not exist`, scope: 'read' })),
      )
      let stale = false
      metas.forEach((m, i) => {
        const r = decodeMorphoBlueMarket(reader, p, m, res, offsets[i]!, timestamp, priceOf)
        if (r.kind === 'stale') stale = true
        else if (r.kind === 'unavailable') unavailable.push(r.venue)
        else if (r.kind === 'state') states.push(r.state)
      })
      return stale ? { kind: 'stale' } : { kind: 'states', states, unavailable }
    },
  }
}

/**
 * The hot read's calls: the block timestamp, the USD prices of `tokens`
 * when the chain has a USD oracle, then per market its section (market,
 * position, oracle price, feed rounds of a feed-ratio oracle, a view IRM's
 * rate at the last seen state) starting at its offset.
 */
function morphoBlueCalls(p: MorphoBlueReadParameters, metas: readonly MarketMeta[], tokens: readonly Address[]): { calls: ContractCall[]; offsets: number[] } {
  const d = p.deployment
  const calls: ContractCall[] = [{ address: d.multicall3, abi: multicall3Abi, functionName: 'getCurrentBlockTimestamp' }]
  if (d.usdOracle) calls.push({ address: d.usdOracle, abi: usdOracleAbi, functionName: 'getAssetsPrices', args: [tokens] })
  const offsets: number[] = []
  for (const m of metas) {
    offsets.push(calls.length)
    calls.push(
      { address: d.morpho, abi: morphoAbi, functionName: 'market', args: [m.id] },
      { address: d.morpho, abi: morphoAbi, functionName: 'position', args: [m.id, p.account] },
      { address: m.params.oracle, abi: morphoOracleAbi, functionName: 'price' },
    )
    if (m.oracle.kind === 'feedRatio') {
      calls.push(
        { address: m.oracle.baseFeed, abi: aggregatorV3Abi, functionName: 'latestRoundData' },
        { address: m.oracle.quoteFeed, abi: aggregatorV3Abi, functionName: 'latestRoundData' },
      )
    }
    const seen = p.cache.lastSeen.get(key(d, m.id))
    if (m.irm.kind === 'view' && seen && m.params.irm !== zeroAddress) {
      calls.push({ address: m.params.irm, abi: irmAbi, functionName: 'borrowRateView', args: [m.params, seen] })
    }
  }
  return { calls, offsets }
}

/**
 * What one market's section says about the owner: a state; an unavailable
 * venue (its oracle reverted); `stale` (a view IRM's rate was read at a
 * market state that has since changed, and the owner has a position there);
 * or no position.
 */
type MarketOutcome =
  | { readonly kind: 'state'; readonly state: MorphoBlueAccountState }
  | { readonly kind: 'unavailable'; readonly venue: UnavailableVenue }
  | { readonly kind: 'stale' }
  | { readonly kind: 'noPosition' }

/**
 * Decodes one market's section from offset `o` in call order, remembering
 * the market state a view IRM is next read at; `timestamp` is the block's
 * (seconds), `priceOf` a token's USD·1e8 price from the chain's USD oracle or null.
 * @throws ChainUnavailableError naming the required read that reverted.
 */
function decodeMorphoBlueMarket(
  reader: ChainReader,
  p: MorphoBlueReadParameters,
  m: MarketMeta,
  res: readonly CallResult[],
  o: number,
  timestamp: bigint,
  priceOf: (t: Address) => bigint | null,
): MarketOutcome {
  const d = p.deployment
  const id = d.chainId
  const mk = required<readonly bigint[]>(id, res[o++], 'Morpho.market')
  const market: MorphoBlueMarketState = {
    totalSupplyAssets: mk[0]!,
    totalSupplyShares: mk[1]!,
    totalBorrowAssets: mk[2]!,
    totalBorrowShares: mk[3]!,
    lastUpdate: mk[4]!,
    fee: mk[5]!,
  }
  const pos = required<readonly bigint[]>(id, res[o++], 'Morpho.position')
  const position = { supplyShares: pos[0]!, borrowShares: pos[1]!, collateral: pos[2]! }
  const oraclePrice = optional<bigint>(res[o++])
  let oracleModel: MorphoOracleModel = { kind: 'opaque' }
  if (m.oracle.kind === 'feedRatio') {
    oracleModel = toFeedRatioModel(m.oracle, optional<readonly bigint[]>(res[o++]), optional<readonly bigint[]>(res[o++]))
  }
  const hasPosition = position.supplyShares > 0n || position.borrowShares > 0n || position.collateral > 0n
  let borrowRate = 0n
  if (m.params.irm !== zeroAddress) {
    if (m.irm.kind === 'curve') borrowRate = curveBorrowRate(m.irm.rateAtTarget, market)
    else {
      const seen = p.cache.lastSeen.get(key(d, m.id))
      p.cache.lastSeen.set(key(d, m.id), market)
      if (!seen || !sameMarket(seen, market)) return hasPosition ? { kind: 'stale' } : { kind: 'noPosition' }
      borrowRate = required<bigint>(id, res[o++], 'IIrm.borrowRateView')
    }
  }
  if (!hasPosition) return { kind: 'noPosition' }
  if (oraclePrice === null) {
    return { kind: 'unavailable', venue: unavailableMorphoVenue(p, m.id, new ChainUnavailableError(id, { reason: `the oracle of Morpho market ${m.id} reverted`, scope: 'read' })) }
  }
  const asset = (t: TokenMeta): MorphoBlueAsset => ({
    address: t.address,
    symbol: t.symbol,
    decimals: t.decimals,
    exposure: p.exposureOf(t.symbol, t.address),
    priceE8: priceOf(t.address),
    priceSource: d.usdOracle,
    heartbeatSeconds: p.heartbeatOf(t.symbol, t.address),
  })
  return {
    kind: 'state',
    state: {
      chainId: id,
      morpho: d.morpho,
      marketId: m.id,
      account: p.account,
      block: reader.block,
      timestamp,
      params: m.params,
      market,
      position,
      borrowRate,
      oraclePrice,
      oracleModel,
      collateralAsset: asset(m.collateral),
      loanAsset: asset(m.loan),
    },
  }
}

/** A feed-ratio oracle with its base and quote feeds' latest rounds (answers in the feeds' decimals, update times in seconds), or opaque when either round reverted. */
function toFeedRatioModel(
  oracle: { readonly scaleFactor: bigint; readonly baseFeed: Address; readonly quoteFeed: Address },
  base: readonly bigint[] | null,
  quote: readonly bigint[] | null,
): MorphoOracleModel {
  if (!base || !quote) return { kind: 'opaque' }
  return {
    kind: 'feedRatio',
    scaleFactor: oracle.scaleFactor,
    baseFeed: oracle.baseFeed,
    quoteFeed: oracle.quoteFeed,
    baseAnswer: base[1]!,
    quoteAnswer: quote[1]!,
    baseUpdatedAt: base[3]!,
    quoteUpdatedAt: quote[3]!,
  }
}

function sameMarket(a: MorphoBlueMarketState, b: MorphoBlueMarketState): boolean {
  return (
    a.totalSupplyAssets === b.totalSupplyAssets &&
    a.totalSupplyShares === b.totalSupplyShares &&
    a.totalBorrowAssets === b.totalBorrowAssets &&
    a.totalBorrowShares === b.totalBorrowShares &&
    a.lastUpdate === b.lastUpdate &&
    a.fee === b.fee
  )
}
