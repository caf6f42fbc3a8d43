import { getAddress, zeroAddress, type Address, type Hex } from 'viem'
import type { AssetExposure } from '../../../domain/riskFactor.js'
import type { UnavailableVenue } from '../../../domain/venue.js'
import { ChainUnavailableError, MarketIndexIncompleteError } from '../../../errors/index.js'
import { toVenueError } from '../../../errors/publicCode.js'
import { curveBorrowRate } from '../model/curveIrm.js'
import { morphoBlueVenueId } from '../model/toMorphoBlueVenueModel.js'
import type { MorphoBlueAccountState, MorphoBlueAsset, MorphoBlueMarketParams, MorphoBlueMarketState, MorphoOracleModel } from '../model/types.js'
import { aggregatorV3Abi, multicall3Abi } from '../../../read/abi.js'
import { optional, required, type CallResult, type ChainReader, type ContractCall, type ReadPlan, type SideRequest, type SideResult } from '../../../read/readPlan.js'
import type { StateReadOutcome, StateReader } from '../../../read/venueReader.js'
import { erc20Abi, irmAbi, morphoAbi, morphoOracleAbi, usdOracleAbi } from '../abi.js'
import { CREATE_MARKET_TOPIC, type MarketIndexSnapshot, type MorphoBlueMarketIndex } from './marketIndex.js'
import { decodePositionsLens, POSITIONS_LENS_MAX_IDS, positionsLensCallData } from './positionsLens.js'

/** Morpho Blue on one chain and the markets read on it. */
export type MorphoBlueDeploymentRef = {
  readonly chainId: number
  readonly morpho: Address
  /** The listed markets: read for every owner. */
  readonly marketIds: readonly Hex[]
  /** Every market of the chain, from its CreateMarket logs; null: only the listed markets are read. */
  readonly index: MorphoBlueMarketIndex | null
  readonly multicall3: Address
  /** The chain's USD price source for tokens (an AaveOracle: getAssetPrice per token, USD 1e8), or null. */
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
  /**
   * Per chain and owner, the indexed (unlisted) markets the owner had a
   * position in at the last read: read in full next time, while the lens
   * looks for positions in all the others. Oldest owners dropped past
   * MAX_OWNERS_REMEMBERED.
   */
  readonly ownerMarkets = new Map<string, ReadonlySet<Hex>>()
}

/** Owners whose unlisted Morpho markets are remembered (a new owner's first read costs one extra round). */
const MAX_OWNERS_REMEMBERED = 10_000

/** Blocks of new CreateMarket logs a query reads beside its multicall; a longer gap is left to the index's own follower (and the answer says the index lags). */
export const MAX_INLINE_LOG_BLOCKS = 2_000n

export type MorphoBlueReadParameters = {
  readonly deployment: MorphoBlueDeploymentRef
  readonly account: Address
  readonly cache: MorphoBlueMetadataCache
  readonly exposureOf: (symbol: string, asset: Address) => AssetExposure
  /** Heartbeat of an asset's USD feed, seconds; null when unknown. */
  readonly heartbeatOf: (symbol: string, asset: Address) => number | null
}

const key = (d: MorphoBlueDeploymentRef, id: Hex) => `${d.chainId}:${id}`
const ownerKey = (p: MorphoBlueReadParameters) => `${p.deployment.chainId}:${p.deployment.morpho}:${p.account.toLowerCase()}`

/** The markets read in full for the owner: the listed ones and the indexed ones the owner held a position in at the last read. */
function marketsRead(p: MorphoBlueReadParameters): Hex[] {
  const known = p.cache.ownerMarkets.get(ownerKey(p)) ?? new Set<Hex>()
  return [...new Set<Hex>([...p.deployment.marketIds, ...known])]
}

/**
 * Reader of the owner's Morpho Blue positions on one chain: a plain state
 * per market with a position, among the listed markets and, with a market
 * index, every indexed market. The hot read is one round: the listed
 * markets and those the owner held last time in full, plus (beside the
 * multicall, same HTTP batch) a deployless lens that says which indexed
 * markets the owner has a position in, and the CreateMarket logs since the
 * index's last block (the lens in calls of POSITIONS_LENS_MAX_IDS markets).
 * Only when that finds a position not read in full (the
 * owner's first read, a newly opened market) is the read repeated once.
 */
export function createMorphoBlueStateReader(p: MorphoBlueReadParameters): StateReader<MorphoBlueAccountState> {
  return {
    async prepare(reader) {
      // a short first build (a devnet, a young chain) is waited for; a long one runs in the background and the answer says so
      if (p.deployment.index) await p.deployment.index.settled
      await prepareMorphoBlue(reader, p)
    },
    invalidate() {
      // market params are immutable: only a market not created yet may have changed
      for (const id of marketsRead(p)) if (p.cache.markets.get(key(p.deployment, id)) === 'absent') p.cache.markets.delete(key(p.deployment, id))
    },
    plan(reader): ReadPlan<StateReadOutcome<MorphoBlueAccountState>> {
      return morphoBluePlan(reader, p)
    },
    fail: (error) => marketsRead(p).map((id) => unavailableMorphoVenue(p, id, error)),
  }
}

/** The entry that says the market index has not caught up, so positions in markets it does not hold yet are missing. */
function indexIncompleteVenue(p: MorphoBlueReadParameters, snap: MarketIndexSnapshot, block: bigint, reason: string): UnavailableVenue {
  const d = p.deployment
  const scanned = snap.indexedTo === null ? 'no block yet' : `blocks up to ${snap.indexedTo}`
  return {
    status: 'unavailable',
    id: `morpho-blue:${d.chainId}:market-index:${p.account}`,
    protocol: 'MORPHO_BLUE',
    chainId: d.chainId,
    account: p.account,
    market: d.morpho,
    protocolVersion: '1.0',
    error: toVenueError(
      new MarketIndexIncompleteError(
        `Morpho Blue's markets on chain ${d.chainId} are indexed over ${scanned} (${snap.markets.length} markets) of ${block}: ${reason}; positions in markets not indexed yet are not shown (listed markets are read).`,
      ),
    ),
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
  const missing = marketsRead(p).filter((id) => !p.cache.markets.has(key(d, id)))
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
 * The hot read, for every market read in full (listed, or held last time):
 * market totals, the owner's position, the oracle price and its feeds'
 * rounds, the chain's USD prices of the tokens, and (for IRMs not modelled
 * in pure code) the IRM's view at the last seen market state; beside it,
 * with an index, the positions lens over every indexed market and the
 * CreateMarket logs since the index's last block.
 */
function morphoBluePlan(reader: ChainReader, p: MorphoBlueReadParameters): ReadPlan<PlanResult> {
  const d = p.deployment
  const metas: MarketMeta[] = []
  const absent: Hex[] = []
  const readIds = marketsRead(p)
  for (const id of readIds) {
    const m = p.cache.markets.get(key(d, id))
    if (m === 'absent') absent.push(id)
    else if (m) metas.push(m)
  }
  const tokens = [...new Set(metas.flatMap((m) => [m.params.loanToken, m.params.collateralToken]))]
  const { calls, offsets } = morphoBlueCalls(p, metas, tokens)
  const discovery = discoveryPlan(reader, p)
  return {
    calls,
    side: discovery.side,
    decode(res, side) {
      const id = d.chainId
      const timestamp = required<bigint>(id, res[0], 'Multicall3.getCurrentBlockTimestamp')
      // one price per token, each on its own: a token the oracle does not price (it reverts) leaves the others priced
      const priceOf = (t: Address) => {
        const i = tokens.indexOf(t)
        const v = d.usdOracle && i >= 0 ? optional<bigint>(res[1 + i]) : null
        return v !== null && v > 0n ? v : null
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
      const found = discovery.decode(side, new Set(readIds))
      if (found.incomplete) unavailable.push(found.incomplete)
      return stale || found.unread ? { kind: 'stale' } : { kind: 'states', states, unavailable }
    },
  }
}

/**
 * Discovery beside the hot read: the positions lens over every indexed
 * market and, when the complete index is at most MAX_INLINE_LOG_BLOCKS
 * behind the pinned block, the CreateMarket logs since its last block.
 * `decode` ingests the logs, remembers the owner's indexed markets with a
 * position, and says whether one of them (or a market just created) was
 * not read in full (`unread`: read again), or the index is incomplete.
 */
function discoveryPlan(
  reader: ChainReader,
  p: MorphoBlueReadParameters,
): { side: SideRequest[]; decode(side: readonly SideResult[], readIds: ReadonlySet<Hex>): { unread: boolean; incomplete: UnavailableVenue | null } } {
  const index = p.deployment.index
  if (!index) return { side: [], decode: () => ({ unread: false, incomplete: null }) }
  const snap = index.snapshot()
  const block = reader.block.blockNumber
  const ids = snap.markets.map((m) => m.id)
  const side: SideRequest[] = []
  const lensCalls = Math.ceil(ids.length / POSITIONS_LENS_MAX_IDS)
  for (let c = 0; c < lensCalls; c++) {
    side.push({ kind: 'deployless', data: positionsLensCallData(p.deployment.morpho, p.account, ids.slice(c * POSITIONS_LENS_MAX_IDS, (c + 1) * POSITIONS_LENS_MAX_IDS)) })
  }
  const behind = snap.indexedTo !== null && snap.indexedTo < block
  const inlineLogs = snap.complete && behind && block - snap.indexedTo! <= MAX_INLINE_LOG_BLOCKS
  if (inlineLogs) side.push({ kind: 'logs', address: p.deployment.morpho, topics: [CREATE_MARKET_TOPIC], fromBlock: snap.indexedTo! + 1n })
  return {
    side,
    decode(results, readIds) {
      const held = new Set<Hex>()
      let incompleteReason: string | null = !snap.complete ? 'its first build is still running' : behind && !inlineLogs ? 'it lags the chain' : null
      let o = 0
      for (let c = 0; c < lensCalls; c++) {
        const r = results[o++]
        if (r?.status === 'success' && r.data) {
          for (const i of decodePositionsLens(r.data)) if (ids[c * POSITIONS_LENS_MAX_IDS + i]) held.add(ids[c * POSITIONS_LENS_MAX_IDS + i]!)
        } else incompleteReason = 'a positions lens call failed'
      }
      let created: Hex[] = []
      if (inlineLogs) {
        const r = results[o++]
        if (r?.status === 'success' && r.logs) created = index.ingest(r.logs, block).map((m) => m.id)
        else incompleteReason = 'the new CreateMarket logs could not be read'
      }
      // new markets are read in full once (the lens did not cover them); those without a position are then dropped
      const remembered = new Set<Hex>([...held, ...created].filter((id) => !p.deployment.marketIds.includes(id)))
      const k = ownerKey(p)
      p.cache.ownerMarkets.delete(k)
      if (remembered.size > 0) {
        p.cache.ownerMarkets.set(k, remembered)
        if (p.cache.ownerMarkets.size > MAX_OWNERS_REMEMBERED) p.cache.ownerMarkets.delete(p.cache.ownerMarkets.keys().next().value!)
      }
      const unread = [...remembered].some((id) => !readIds.has(id))
      return { unread, incomplete: incompleteReason ? indexIncompleteVenue(p, snap, block, incompleteReason) : null }
    },
  }
}

/**
 * The hot read's calls: the block timestamp, the USD price of each of
 * `tokens` when the chain has a USD oracle, then per market its section (market,
 * position, oracle price, feed rounds of a feed-ratio oracle, a view IRM's
 * rate at the last seen state) starting at its offset.
 */
function morphoBlueCalls(p: MorphoBlueReadParameters, metas: readonly MarketMeta[], tokens: readonly Address[]): { calls: ContractCall[]; offsets: number[] } {
  const d = p.deployment
  const calls: ContractCall[] = [{ address: d.multicall3, abi: multicall3Abi, functionName: 'getCurrentBlockTimestamp' }]
  if (d.usdOracle) for (const t of tokens) calls.push({ address: d.usdOracle, abi: usdOracleAbi, functionName: 'getAssetPrice', args: [t] })
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
  const asset = (t: TokenMeta, priceE8: bigint | null, priceSource: Address | null): MorphoBlueAsset => ({
    address: t.address,
    symbol: t.symbol,
    decimals: t.decimals,
    exposure: p.exposureOf(t.symbol, t.address),
    priceE8,
    priceSource: priceE8 === null ? null : priceSource,
    heartbeatSeconds: p.heartbeatOf(t.symbol, t.address),
  })
  const collateralE8 = priceOf(m.collateral.address)
  let loanE8 = priceOf(m.loan.address)
  let loanSource = d.usdOracle
  if (loanE8 === null && collateralE8 !== null && oraclePrice > 0n) {
    // the chain's USD oracle does not price the loan token: its USD price as the market's oracle implies it,
    // collateral USD × 10^loanDecimals × 1e36 / (oracle price × 10^collateralDecimals) (Morpho's ORACLE_PRICE_SCALE is 1e36)
    loanE8 = (collateralE8 * 10n ** BigInt(m.loan.decimals) * 10n ** 36n) / (oraclePrice * 10n ** BigInt(m.collateral.decimals))
    loanSource = m.params.oracle
  }
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
      collateralAsset: asset(m.collateral, collateralE8, d.usdOracle),
      loanAsset: asset(m.loan, loanE8, loanSource),
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
