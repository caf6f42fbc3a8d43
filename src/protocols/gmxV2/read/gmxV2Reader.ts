import { getAddress, isAddressEqual, type Address, type Hex } from 'viem'
import type { AssetExposure } from '../../../domain/riskFactor.js'
import type { BlockRef, UnavailableVenue } from '../../../domain/venue.js'
import { ChainUnavailableError } from '../../../errors/index.js'
import { GmxV2PriceUnavailableError, type GmxV2PriceUnavailableReason } from '../errors.js'
import { toVenueError } from '../../../errors/publicCode.js'
import { GMX_FLOAT_PRECISION, type GmxV2MarketPrices, type GmxV2MarketState, type GmxV2Price } from '../model/gmxV2Position.js'
import { executePlan, optional, required, type ChainReader, type ContractCall, type ReadPlan } from '../../../read/readPlan.js'
import type { StateReadOutcome, StateReader } from '../../../read/venueReader.js'
import { GMX_V2_PROTOCOL_VERSION, gmxV2VenueId, type GmxV2VenueAsset, type GmxV2VenueInput } from '../model/toGmxV2VenueModel.js'
import { gmxV2DataStoreAbi, gmxV2PriceFeedAbi, gmxV2ReaderListAbi } from '../abi.js'
import * as keys from './gmxV2Keys.js'
import { gmxV2MarketValueReads, toGmxV2MarketState, type GmxV2GlobalValues, type GmxV2MarketValues } from './gmxV2MarketValues.js'
import {
  gmxV2MetadataCacheKey,
  loadGmxV2Metadata,
  type GmxV2MarketMeta,
  type GmxV2Metadata,
  type GmxV2MetadataParameters,
  type GmxV2TokenMeta,
} from './gmxV2Metadata.js'
import { decodeGmxV2PositionInfo, gmxV2PositionsCall, type GmxV2PositionInfo } from './readGmxV2Positions.js'

/*
 * GMX v2 positions of one account, read into one isolated venue per position.
 *
 * Two dependent reads per query, both at the chain's pinned block:
 *
 * 1. `prepare` (its own multicall, every query): the account's positions
 *    (Reader.getAccountPositions, no prices needed) and, for every token of the
 *    markets read, the latest round of the Chainlink price feed GMX configures
 *    for it in its DataStore. The Reader values positions at prices its caller
 *    passes, so they must be known before the Reader can be called.
 * 2. `plan` (this deployment's share of the chain's one multicall): per
 *    position, Reader.getAccountPositionInfoList over that position's index
 *    range [i, i + 1) with its market's prices from step 1 (one call per
 *    position, so a revert degrades one venue), plus the DataStore values of
 *    the markets held (factors, open interest, pool amounts, PnL caps, virtual
 *    inventory) that the liquidation rule needs and PositionInfo lacks.
 *
 * On Arbitrum that is two eth_calls per query (one of them shared with the
 * chain's other venues); a cold cache adds three (market list, token config,
 * feed metadata), and a market listed since the cache was filled one more round.
 *
 * Price source: for each token, the feed at Keys.priceFeedKey(token) in GMX's
 * DataStore, converted to USD·1e30 per smallest unit exactly as
 * ChainlinkPriceFeedUtils.getPriceFeedPrice does (answer · PRICE_FEED_MULTIPLIER
 * / 1e30, rounded down) and passed as min = max. GMX's keepers execute
 * liquidations at prices they sign off chain (Chainlink Data Streams and other
 * providers, a min/max pair), which no contract exposes; the feed is the
 * on-chain Chainlink price GMX itself configures for the token. A feed older
 * than GMX's heartbeat for it is flagged stale (GMX would refuse it).
 */

export type GmxV2ReadParameters = GmxV2MetadataParameters & {
  readonly account: Address
  readonly exposureOf: (symbol: string, asset: Address) => AssetExposure
}

/** Reader.getAccountPositions range end. */
const POSITION_LIST_END = 1000n

const lower = (a: Address) => a.toLowerCase()

/**
 * Reader of one account's GMX v2 positions on one chain, one isolated venue
 * per position; see the file comment for the two reads and the price source.
 * Unlike the lending readers, `prepare` runs a read every query (positions and
 * feed prices), not only on a cold cache: the Reader call cannot be planned
 * before the prices it takes are known. Build one reader per query.
 */
export function createGmxV2StateReader(p: GmxV2ReadParameters): StateReader<GmxV2VenueInput> {
  // the first read's result, per query (a reader is built per query); the plan needs it
  let snapshot: { meta: GmxV2Metadata; snapshot: GmxV2Snapshot } | null = null
  return {
    async prepare(reader) {
      snapshot = null
      snapshot = await fetchGmxV2Snapshot(reader, p)
    },
    invalidate() {
      p.cache.deployments.delete(gmxV2MetadataCacheKey(p))
    },
    plan(reader): ReadPlan<StateReadOutcome<GmxV2VenueInput>> {
      const s = snapshot
      if (s === null || s.snapshot.block.blockNumber !== reader.block.blockNumber) {
        const error = new ChainUnavailableError(p.chainId, { reason: 'GMX v2 prices were not read at this block before planning', scope: 'read' })
        return { calls: [], decode: () => ({ kind: 'states', states: [], unavailable: [unavailableGmxV2AccountVenue(p, error)] }) }
      }
      return gmxV2PositionsPlan(p, s.meta, s.snapshot)
    },
    fail: (error) => [unavailableGmxV2AccountVenue(p, error)],
  }
}

/** The venue a failed read of the whole account answers: `gmx-v2:<chainId>:account:<account>`. */
export function unavailableGmxV2AccountVenue(p: Pick<GmxV2ReadParameters, 'chainId' | 'account' | 'deployment'>, error: unknown): UnavailableVenue {
  return {
    status: 'unavailable',
    id: `gmx-v2:${p.chainId}:account:${p.account}`,
    protocol: 'GMX_V2',
    chainId: p.chainId,
    account: p.account,
    market: p.deployment.reader,
    protocolVersion: GMX_V2_PROTOCOL_VERSION,
    error: toVenueError(error),
  }
}

function unavailablePosition(p: GmxV2ReadParameters, held: GmxV2HeldPosition, error: unknown): UnavailableVenue {
  return {
    status: 'unavailable',
    id: gmxV2VenueId(p.chainId, held.positionKey),
    protocol: 'GMX_V2',
    chainId: p.chainId,
    account: p.account,
    market: held.market,
    protocolVersion: GMX_V2_PROTOCOL_VERSION,
    error: toVenueError(error),
  }
}

/** Metadata (cold, cached) and the first read; reloads the market list once for a market listed since it was cached. */
async function fetchGmxV2Snapshot(reader: ChainReader, p: GmxV2ReadParameters): Promise<{ meta: GmxV2Metadata; snapshot: GmxV2Snapshot }> {
  for (let attempt = 0; ; attempt++) {
    const fresh = !p.cache.deployments.has(gmxV2MetadataCacheKey(p))
    const meta = await loadGmxV2Metadata(reader, p)
    const snapshot = await executePlan(reader, gmxV2SnapshotPlan(p, meta, reader.block))
    const unknown = snapshot.positions.some((h) => !meta.markets.has(lower(h.market)))
    if (!unknown || fresh || p.markets !== undefined || attempt > 0) return { meta, snapshot }
    p.cache.deployments.delete(gmxV2MetadataCacheKey(p))
  }
}

// ---------------------------------------------------------------------------
// First read: positions and feed prices

/** A position in the account's list (Reader.getAccountPositions), before prices. */
export type GmxV2HeldPosition = {
  /** Index in the account's position list: the Reader's [start, end) range for it. */
  readonly index: number
  readonly positionKey: Hex
  readonly market: Address
  readonly collateralToken: Address
  readonly isLong: boolean
}

/** A token's feed price at the block, USD·1e30 per smallest unit, or why there is none. */
export type GmxV2TokenPrice =
  | {
      readonly kind: 'price'
      readonly token: Address
      readonly feed: Address
      /** The feed's answer (its own decimals) and update time (unix seconds). */
      readonly answer: bigint
      readonly updatedAt: bigint
      /** answer · PRICE_FEED_MULTIPLIER / 1e30, rounded down: USD·1e30 per smallest unit. */
      readonly price: bigint
    }
  | { readonly kind: 'unavailable'; readonly token: Address; readonly reason: GmxV2PriceUnavailableReason }

/** The first read's result: the account's positions and every token's feed price. */
export type GmxV2Snapshot = {
  readonly block: BlockRef
  readonly positions: readonly GmxV2HeldPosition[]
  /** Keyed by lower-case token address. */
  readonly prices: ReadonlyMap<string, GmxV2TokenPrice>
}

/**
 * A feed answer in GMX's unit, as ChainlinkPriceFeedUtils.getPriceFeedPrice:
 * Precision.mulDiv(answer, multiplier, 1e30), rounded down. `answer` > 0 in
 * the feed's decimals; `multiplier` = 10^(60 − feed decimals − token decimals).
 * Returns USD·1e30 per smallest token unit.
 */
export function toGmxV2FeedPrice(answer: bigint, multiplier: bigint): bigint {
  return (answer * multiplier) / GMX_FLOAT_PRECISION
}

type PositionProps = {
  readonly addresses: { readonly account: Address; readonly market: Address; readonly collateralToken: Address }
  readonly numbers: { readonly sizeInUsd: bigint }
  readonly flags: { readonly isLong: boolean }
}

/** The first read: Reader.getAccountPositions(dataStore, account, 0, 1000) and latestRoundData of every configured feed. */
export function gmxV2SnapshotPlan(
  p: Pick<GmxV2ReadParameters, 'chainId' | 'deployment' | 'account'>,
  meta: GmxV2Metadata,
  block: BlockRef,
): ReadPlan<GmxV2Snapshot> {
  const d = p.deployment
  const tokens = [...meta.tokens.values()]
  const priced = tokens.filter((t) => t.priceFeed !== null && t.priceFeedMultiplier > 0n)
  const calls: ContractCall[] = [
    { address: d.reader, abi: gmxV2ReaderListAbi, functionName: 'getAccountPositions', args: [d.dataStore, p.account, 0n, POSITION_LIST_END] },
    ...priced.map((t): ContractCall => ({ address: t.priceFeed!, abi: gmxV2PriceFeedAbi, functionName: 'latestRoundData' })),
  ]
  return {
    calls,
    decode(res) {
      const list = required<readonly PositionProps[]>(p.chainId, res[0], 'Reader.getAccountPositions')
      const positions: GmxV2HeldPosition[] = []
      list.forEach((pos, index) => {
        // the SDK skips empty entries the same way
        if (pos.numbers.sizeInUsd === 0n) return
        const { account, market, collateralToken } = pos.addresses
        positions.push({
          index,
          positionKey: keys.gmxV2PositionKey(account, market, collateralToken, pos.flags.isLong),
          market: getAddress(market),
          collateralToken: getAddress(collateralToken),
          isLong: pos.flags.isLong,
        })
      })
      const prices = new Map<string, GmxV2TokenPrice>()
      for (const t of tokens) {
        if (t.priceFeed === null) prices.set(lower(t.address), { kind: 'unavailable', token: t.address, reason: 'NO_FEED' })
        else if (t.priceFeedMultiplier === 0n) prices.set(lower(t.address), { kind: 'unavailable', token: t.address, reason: 'NO_MULTIPLIER' })
      }
      priced.forEach((t, i) => {
        const round = optional<readonly [bigint, bigint, bigint, bigint, bigint]>(res[1 + i])
        let price: GmxV2TokenPrice
        if (round === null) price = { kind: 'unavailable', token: t.address, reason: 'FEED_REVERTED' }
        else if (round[1] <= 0n) price = { kind: 'unavailable', token: t.address, reason: 'NOT_POSITIVE' }
        else {
          const value = toGmxV2FeedPrice(round[1], t.priceFeedMultiplier)
          price = value > 0n ? { kind: 'price', token: t.address, feed: t.priceFeed!, answer: round[1], updatedAt: round[3], price: value } : { kind: 'unavailable', token: t.address, reason: 'NOT_POSITIVE' }
        }
        prices.set(lower(t.address), price)
      })
      return { block, positions, prices }
    },
  }
}

// ---------------------------------------------------------------------------
// Second read: DataStore values of the markets held, and each position's PositionInfo

/** A held position whose market and prices are known: what its Reader call and venue need. */
type ReadablePosition = {
  readonly held: GmxV2HeldPosition
  readonly market: GmxV2MarketMeta
  readonly index: GmxV2TokenMeta & { readonly decimals: number }
  readonly long: GmxV2TokenMeta
  readonly short: GmxV2TokenMeta
  readonly collateral: GmxV2TokenMeta & { readonly decimals: number }
  readonly prices: GmxV2MarketPrices
  readonly indexPrice: GmxV2TokenPrice & { readonly kind: 'price' }
  readonly collateralPrice: GmxV2TokenPrice & { readonly kind: 'price' }
}

const asPrice = (v: bigint): GmxV2Price => ({ min: v, max: v })

/** Resolves a held position's market, tokens and prices, or the error its venue answers. */
function resolvePosition(p: GmxV2ReadParameters, meta: GmxV2Metadata, s: GmxV2Snapshot, held: GmxV2HeldPosition): ReadablePosition | Error {
  const market = meta.markets.get(lower(held.market))
  if (!market) return new ChainUnavailableError(p.chainId, { reason: `GMX v2 market ${held.market} is not among the markets this server reads`, scope: 'read' })
  const token = (a: Address) => meta.tokens.get(lower(a))!
  const priceOf = (a: Address): GmxV2TokenPrice => s.prices.get(lower(a)) ?? { kind: 'unavailable', token: a, reason: 'NO_FEED' }
  const tokens = [market.indexToken, market.longToken, market.shortToken]
  for (const t of tokens) {
    const price = priceOf(t)
    if (price.kind === 'unavailable') return new GmxV2PriceUnavailableError(t, price.reason)
  }
  const index = token(market.indexToken)
  const collateral = token(held.collateralToken)
  if (!collateral || !tokens.some((t) => isAddressEqual(t, held.collateralToken))) {
    return new ChainUnavailableError(p.chainId, { reason: `GMX v2 position ${held.positionKey} has collateral ${held.collateralToken}, not a token of its market`, scope: 'read' })
  }
  for (const t of [index, collateral]) if (t.decimals === null) return new GmxV2PriceUnavailableError(t.address, 'UNKNOWN_DECIMALS')
  const [indexPrice, longPrice, shortPrice] = tokens.map(priceOf) as [GmxV2TokenPrice & { kind: 'price' }, GmxV2TokenPrice & { kind: 'price' }, GmxV2TokenPrice & { kind: 'price' }]
  return {
    held,
    market,
    index: index as ReadablePosition['index'],
    long: token(market.longToken),
    short: token(market.shortToken),
    collateral: collateral as ReadablePosition['collateral'],
    prices: { indexTokenPrice: asPrice(indexPrice.price), longTokenPrice: asPrice(longPrice.price), shortTokenPrice: asPrice(shortPrice.price) },
    indexPrice,
    collateralPrice: priceOf(held.collateralToken) as GmxV2TokenPrice & { kind: 'price' },
  }
}

/**
 * The second read, this deployment's share of the chain's multicall: the two
 * global DataStore values, each held market's values (gmxV2MarketValueReads),
 * and per position Reader.getAccountPositionInfoList(…, [market], [prices],
 * uiFeeReceiver = 0, i, i + 1). Decodes to one plain state per position
 * (the pure model/toGmxV2VenueModel.ts makes it a venue); a position whose market, token price or Reader call is
 * unusable answers an unavailable venue, and a PositionInfo that is not the
 * position the first read listed marks the read stale (read again).
 */
export function gmxV2PositionsPlan(p: GmxV2ReadParameters, meta: GmxV2Metadata, s: GmxV2Snapshot): ReadPlan<StateReadOutcome<GmxV2VenueInput>> {
  const d = p.deployment
  const unavailable: UnavailableVenue[] = []
  const readable: ReadablePosition[] = []
  for (const held of s.positions) {
    const r = resolvePosition(p, meta, s, held)
    if (r instanceof Error) unavailable.push(unavailablePosition(p, held, r))
    else readable.push(r)
  }
  const markets = [...new Map(readable.map((r) => [lower(r.market.marketToken), r])).values()]
  const ds = (functionName: 'getUint' | 'getInt' | 'getBool', key: Hex): ContractCall => ({ address: d.dataStore, abi: gmxV2DataStoreAbi, functionName, args: [key] })
  const calls: ContractCall[] = readable.length === 0 ? [] : [ds('getUint', keys.minCollateralUsdKey()), ds('getBool', keys.useOpenInterestInTokensForBalanceKey())]
  const marketReads = markets.map((r) => {
    const reads = gmxV2MarketValueReads(r.market, r.index.virtualTokenId)
    const offset = calls.length
    calls.push(...reads.map((x) => ds(x.functionName, x.key)))
    return { market: r.market, index: r.index, reads, offset }
  })
  const positionOffset = calls.length
  for (const r of readable) {
    calls.push(
      gmxV2PositionsCall({
        reader: d.reader,
        dataStore: d.dataStore,
        referralStorage: d.referralStorage,
        account: p.account,
        markets: [r.market.marketToken],
        marketPrices: [r.prices],
        start: BigInt(r.held.index),
        end: BigInt(r.held.index + 1),
      }),
    )
  }
  return {
    calls,
    decode(res): StateReadOutcome<GmxV2VenueInput> {
      if (readable.length === 0) return { kind: 'states', states: [], unavailable }
      const id = p.chainId
      const globals: GmxV2GlobalValues = {
        minCollateralUsd: required<bigint>(id, res[0], 'DataStore.getUint(MIN_COLLATERAL_USD)'),
        useOpenInterestInTokensForBalance: required<boolean>(id, res[1], 'DataStore.getBool(USE_OPEN_INTEREST_IN_TOKENS_FOR_BALANCE)'),
      }
      const states = new Map<string, GmxV2MarketState>()
      for (const m of marketReads) {
        const values: Record<string, bigint> = { virtualInventoryForPositions: 0n }
        m.reads.forEach((x, j) => {
          values[x.field] = required<bigint>(id, res[m.offset + j], `DataStore.${x.functionName}(${x.field})`)
        })
        states.set(lower(m.market.marketToken), toGmxV2MarketState(m.market, m.index.decimals, values as GmxV2MarketValues, globals))
      }
      const inputs: GmxV2VenueInput[] = []
      const out = [...unavailable]
      for (const [i, r] of readable.entries()) {
        const result = res[positionOffset + i]
        try {
          const list = required<readonly GmxV2PositionInfo[]>(id, result, 'Reader.getAccountPositionInfoList')
          const info = list[0]
          if (info === undefined || info.positionKey.toLowerCase() !== r.held.positionKey.toLowerCase()) return { kind: 'stale' }
          inputs.push(toGmxV2VenueInput(p, r, info, states.get(lower(r.market.marketToken))!, s.block))
        } catch (error) {
          out.push(unavailablePosition(p, r.held, error))
        }
      }
      return { kind: 'states', states: inputs, unavailable: out }
    },
  }
}

function sameExposure(a: AssetExposure, b: AssetExposure): boolean {
  return a.base === b.base && a.ratio === b.ratio
}

function toGmxV2VenueInput(p: GmxV2ReadParameters, r: ReadablePosition, info: GmxV2PositionInfo, market: GmxV2MarketState, block: BlockRef): GmxV2VenueInput {
  const exposure = (t: GmxV2TokenMeta) => p.exposureOf(t.symbol, t.address)
  const indexExposure = exposure(r.index)
  // the long or short token counts as the index token when it moves with the same factors and has the
  // same decimals (WBTC collateral in the synthetic BTC market), as the SDK's getIsEquivalentTokens
  const indexEquivalentTokens = [r.long, r.short].filter((t) => t.decimals === r.index.decimals && sameExposure(exposure(t), indexExposure)).map((t) => t.address)
  const state = decodeGmxV2PositionInfo(info, { market, collateralTokenDecimals: r.collateral.decimals, indexEquivalentTokens })
  const asset = (t: GmxV2TokenMeta & { decimals: number }, price: GmxV2TokenPrice & { kind: 'price' }): GmxV2VenueAsset => ({
    symbol: t.symbol,
    address: t.address,
    decimals: t.decimals,
    exposure: exposure(t),
    feed: price.feed,
    updatedAt: price.updatedAt,
    heartbeatSeconds: t.heartbeatSeconds,
  })
  const pool = isAddressEqual(r.long.address, r.short.address) ? r.long.symbol : `${r.long.symbol}-${r.short.symbol}`
  return {
    chainId: p.chainId,
    block,
    marketName: `${r.index.symbol}/USD [${pool}]`,
    state,
    prices: r.prices,
    index: asset(r.index, r.indexPrice),
    collateral: asset(r.collateral, r.collateralPrice),
    longExposure: exposure(r.long),
    shortExposure: exposure(r.short),
    basePnlUsd: info.basePnlUsd,
  }
}
