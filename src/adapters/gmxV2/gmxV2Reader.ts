import { getAddress, isAddressEqual, type Address, type Hex } from 'viem'
import { factorsOf, type AssetExposure, type RiskFactorId } from '../../domain/riskFactor.js'
import type { AvailableVenue, BlockRef, LiquidationPrice, OraclePrice, UnavailableVenue, VenuePosition } from '../../domain/venue.js'
import { ChainUnavailableError, GmxV2PriceUnavailableError, GmxV2ZeroPriceError, InvalidArgumentError, type GmxV2PriceUnavailableReason } from '../../errors/index.js'
import { toVenueError } from '../../errors/publicCode.js'
import { toFloat, WAD } from '../../math/fixedPoint.js'
import {
  computeGmxV2LiquidationCheck,
  computeGmxV2PositionPnlUsd,
  GMX_FLOAT_PRECISION,
  gmxApplyFactor,
  gmxV2LiquidationPrice,
  type GmxV2MarketPrices,
  type GmxV2MarketState,
  type GmxV2Price,
  type GmxV2PositionState,
} from '../../risk/gmxV2/gmxV2Position.js'
import { applyMoves, applyShock, shockPower } from '../../risk/shock.js'
import { changePct, liquidationPriceOf, uniformMoveOf, type ExactShockModel } from '../../risk/shockSearch.js'
import type { VenueModel } from '../../risk/venueModel.js'
import { kernelLeg } from '../../risk/kernel/venueKernel.js'
import { executePlan, optional, required, type ChainReader, type ContractCall, type ReadPlan } from '../../read/readPlan.js'
import type { VenueReadOutcome, VenueReader } from '../../read/venueReader.js'
import { gmxV2DataStoreAbi, gmxV2PriceFeedAbi, gmxV2ReaderListAbi } from './abi.js'
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
/** GMX v2 release whose liquidation rule the model follows (gmxV2Position.ts: v2.2 as in @gmx-io/sdk 1.4.0). */
const PROTOCOL_VERSION = '2.2'

const lower = (a: Address) => a.toLowerCase()

/**
 * Reader of one account's GMX v2 positions on one chain, one isolated venue
 * per position; see the file comment for the two reads and the price source.
 * Unlike the lending readers, `prepare` runs a read every query (positions and
 * feed prices), not only on a cold cache: the Reader call cannot be planned
 * before the prices it takes are known. Build one reader per query.
 */
export function createGmxV2Reader(p: GmxV2ReadParameters): VenueReader {
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
    plan(reader): ReadPlan<VenueReadOutcome> {
      const s = snapshot
      if (s === null || s.snapshot.block.blockNumber !== reader.block.blockNumber) {
        const error = new ChainUnavailableError(p.chainId, { reason: 'GMX v2 prices were not read at this block before planning', scope: 'read' })
        return { calls: [], decode: () => ({ kind: 'venues', models: [], unavailable: [unavailableGmxV2AccountVenue(p, error)] }) }
      }
      return gmxV2PositionsPlan(p, s.meta, s.snapshot)
    },
    fail: (error) => [unavailableGmxV2AccountVenue(p, error)],
  }
}

/** Stable id of a position's venue: `gmx-v2:<chainId>:<positionKey>`. */
export function gmxV2VenueId(chainId: number, positionKey: Hex): string {
  return `gmx-v2:${chainId}:${positionKey}`
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
    protocolVersion: PROTOCOL_VERSION,
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
    protocolVersion: PROTOCOL_VERSION,
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
 * uiFeeReceiver = 0, i, i + 1). Decodes to one venue per position (see
 * toGmxV2VenueModel); a position whose market, token price or Reader call is
 * unusable answers an unavailable venue, and a PositionInfo that is not the
 * position the first read listed marks the read stale (read again).
 */
export function gmxV2PositionsPlan(p: GmxV2ReadParameters, meta: GmxV2Metadata, s: GmxV2Snapshot): ReadPlan<VenueReadOutcome> {
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
    decode(res): VenueReadOutcome {
      if (readable.length === 0) return { kind: 'venues', models: [], unavailable }
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
      const models: VenueModel[] = []
      const out = [...unavailable]
      for (const [i, r] of readable.entries()) {
        const result = res[positionOffset + i]
        try {
          const list = required<readonly GmxV2PositionInfo[]>(id, result, 'Reader.getAccountPositionInfoList')
          const info = list[0]
          if (info === undefined || info.positionKey.toLowerCase() !== r.held.positionKey.toLowerCase()) return { kind: 'stale' }
          models.push(toGmxV2VenueModel(toGmxV2VenueInput(p, r, info, states.get(lower(r.market.marketToken))!, s.block)))
        } catch (error) {
          out.push(unavailablePosition(p, r.held, error))
        }
      }
      return { kind: 'venues', models, unavailable: out }
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

// ---------------------------------------------------------------------------
// The venue model (pure: no I/O)

/** A token of a GMX venue with the feed it was priced from. */
export type GmxV2VenueAsset = {
  readonly symbol: string
  readonly address: Address
  readonly decimals: number
  readonly exposure: AssetExposure
  /** The Chainlink feed GMX configures for the token (Keys.PRICE_FEED), its answer's update time (unix seconds) and GMX's heartbeat for it. */
  readonly feed: Address
  readonly updatedAt: bigint
  readonly heartbeatSeconds: bigint
}

/** One position as a venue: the decoded state, the prices it was read at and its tokens. */
export type GmxV2VenueInput = {
  readonly chainId: number
  readonly block: BlockRef
  /** GMX's market name, e.g. `ETH/USD [WETH-USDC]`. */
  readonly marketName: string
  readonly state: GmxV2PositionState
  /** The prices passed to the Reader (feed prices, min = max), USD·1e30 per smallest unit. */
  readonly prices: GmxV2MarketPrices
  readonly index: GmxV2VenueAsset
  readonly collateral: GmxV2VenueAsset
  /** The market's long and short tokens move under shocks too (collateral value, pool value in the PnL cap). */
  readonly longExposure: AssetExposure
  readonly shortExposure: AssetExposure
  /** PositionInfo.basePnlUsd: the contract's PnL at `prices` (getPositionPnlUsd, capped), USD·1e30. */
  readonly basePnlUsd: bigint
}

const USD = GMX_FLOAT_PRECISION
/** USD·1e30 → USD·1e8. */
const E30_TO_E8 = 10n ** 22n

/**
 * The collateral a position must keep, USD·1e30:
 * max(MIN_COLLATERAL_USD, sizeInUsd · minCollateralFactorForLiquidation, 1e-30 USD).
 * PositionUtils.isPositionLiquidatable (forLiquidation = true) liquidates when
 * remaining < MIN_COLLATERAL_USD, remaining ≤ 0 or remaining < size · factor;
 * on integers that is exactly remaining < this value.
 */
export function gmxV2RequiredCollateralUsd(s: GmxV2PositionState): bigint {
  const byFactor = gmxApplyFactor(s.sizeInUsd, s.market.minCollateralFactorForLiquidation)
  const required = byFactor > s.market.minCollateralUsd ? byFactor : s.market.minCollateralUsd
  return required > 1n ? required : 1n
}

/**
 * xmargin's GMX health factor, WAD: remaining collateral / required collateral
 * (gmxV2RequiredCollateralUsd), rounded down (toward −∞). Below 1e18 exactly
 * when the contract's liquidation check passes. `remainingUsd` and `requiredUsd` USD·1e30, requiredUsd > 0.
 */
export function gmxV2HealthFactorWad(remainingUsd: bigint, requiredUsd: bigint): bigint {
  const n = remainingUsd * WAD
  const q = n / requiredUsd
  return n < 0n && q * requiredUsd !== n ? q - 1n : q
}

type MarketExposures = { readonly index: AssetExposure; readonly long: AssetExposure; readonly short: AssetExposure }

function movePrices(prices: GmxV2MarketPrices, e: MarketExposures, move: (price: bigint, exposure: AssetExposure) => bigint): GmxV2MarketPrices {
  const m = (p: GmxV2Price, x: AssetExposure): GmxV2Price => ({ min: move(p.min, x), max: move(p.max, x) })
  return { indexTokenPrice: m(prices.indexTokenPrice, e.index), longTokenPrice: m(prices.longTokenPrice, e.long), shortTokenPrice: m(prices.shortTokenPrice, e.short) }
}

/**
 * One GMX v2 position as an isolated venue. Health factor: remaining
 * collateral / max(MIN_COLLATERAL_USD, sizeInUsd · minCollateralFactorForLiquidation)
 * (gmxV2HealthFactorWad), where remaining collateral is that of
 * PositionUtils.isPositionLiquidatable (computeGmxV2LiquidationCheck): below 1
 * exactly when a keeper can liquidate at the read prices. Lines: the perp
 * (size in index tokens, signed; mark = the index feed price; maintenance rate
 * = minCollateralFactorForLiquidation, initial = minCollateralFactor, both of
 * sizeInUsd, the entry notional) and the collateral tokens. Liquidation price
 * of the index token's factor: GMX's interface formula (gmxV2LiquidationPrice,
 * the price app.gmx.io shows) when the collateral is the index token or does
 * not move with it; otherwise, and for other factors (the collateral's),
 * the first price at which the exact check liquidates (bisection). Uniform
 * moves and scenarios revalue with the exact check at moved prices (floor of
 * price · num/den per token); the bisection assumes the check flips once
 * along the path, which fee-factor switches and token-valued open interest
 * can break within a few units of the boundary.
 * @throws GmxV2ZeroPriceError when the collateral's price is 0.
 */
export function toGmxV2VenueModel(input: GmxV2VenueInput): VenueModel {
  const { state: s, prices, index, collateral, block } = input
  const check = computeGmxV2LiquidationCheck(s, prices)
  if (check.kind === 'priceUnavailable') throw new GmxV2ZeroPriceError(check.token)
  const m = s.market
  const exposures: MarketExposures = { index: index.exposure, long: input.longExposure, short: input.shortExposure }
  const required = gmxV2RequiredCollateralUsd(s)
  const healthFactorWad = gmxV2HealthFactorWad(check.remainingCollateralUsd, required)
  const usd = (v: bigint) => toFloat(v, USD)
  const collateralPriceMin = s.collateralSide === 'LONG' ? prices.longTokenPrice.min : prices.shortTokenPrice.min
  const indexPrice = prices.indexTokenPrice.min
  const indexOracle = oraclePrice(index, indexPrice, block)
  const collateralOracle = oraclePrice(collateral, collateralPriceMin, block)
  const sign = s.isLong ? 1 : -1
  const sizeTokens = toFloat(s.sizeInTokens, 10n ** BigInt(index.decimals))
  const notionalUsd = usd(s.sizeInTokens * indexPrice)
  const collateralUsd = usd(s.collateralAmount * collateralPriceMin)
  const maintenanceRate = usd(m.minCollateralFactorForLiquidation)
  const initialRate = usd(m.minCollateralFactor)
  const interfacePrice = gmxV2LiquidationPrice(s, prices)
  const pendingFeesUsd = s.pendingBorrowingFeeUsd + s.pendingFundingFeeAmount * collateralPriceMin
  // @gmx-io/sdk getLeverage without PnL: size / (collateral − pending fees)
  const leverageBase = s.collateralAmount * collateralPriceMin - pendingFeesUsd
  const initialByFactor = gmxApplyFactor(s.sizeInUsd, m.minCollateralFactor)
  const initialRequired = initialByFactor > m.minCollateralUsd ? initialByFactor : m.minCollateralUsd

  const positions: VenuePosition[] = [
    {
      asset: { symbol: index.symbol, address: index.address, decimals: index.decimals, exposure: index.exposure },
      side: 'PERP',
      amount: s.sizeInTokens,
      amountFloat: sizeTokens,
      valueUsd: notionalUsd,
      price: indexOracle,
      maintenanceWeight: 1 - maintenanceRate,
      initialWeight: 1 - initialRate,
      liquidationBonus: null,
      variableDebt: null,
      stableDebt: null,
      perp: {
        market: input.marketName,
        sizeSigned: sign * sizeTokens,
        entryPrice: s.sizeInTokens > 0n ? usd((s.sizeInUsd * 10n ** BigInt(index.decimals)) / s.sizeInTokens) : null,
        markPrice: indexOracle.priceUsd,
        notionalSignedUsd: sign * notionalUsd,
        unrealizedPnlUsd: usd(input.basePnlUsd),
        marginMode: 'ISOLATED',
        leverage: leverageBase > 0n ? Number((s.sizeInUsd * 10_000n) / leverageBase) / 10_000 : null,
        maxLeverage: m.minCollateralFactor > 0n ? 1 / initialRate : null,
        maintenanceMarginRate: maintenanceRate,
        initialMarginRate: initialRate,
        venueLiquidationPrice: interfacePrice.kind === 'price' ? usd(interfacePrice.pricePerToken) : null,
      },
    },
    {
      asset: { symbol: collateral.symbol, address: collateral.address, decimals: collateral.decimals, exposure: collateral.exposure },
      side: 'COLLATERAL',
      amount: s.collateralAmount,
      amountFloat: toFloat(s.collateralAmount, 10n ** BigInt(collateral.decimals)),
      valueUsd: collateralUsd,
      price: collateralOracle,
      maintenanceWeight: 1,
      initialWeight: 1,
      liquidationBonus: null,
      variableDebt: null,
      stableDebt: null,
      perp: null,
    },
  ]

  const model: ExactShockModel = {
    hasDebt: s.sizeInUsd > 0n,
    liquidatable: check.liquidatable,
    probe(shock) {
      const c = computeGmxV2LiquidationCheck(s, movePrices(prices, exposures, (price, e) => applyShock(price, e, shock)))
      return { liquidatable: c.kind === 'priceUnavailable' || c.liquidatable, piece: 0n }
    },
    bufferTerms(factors, safe) {
      // remaining − required ≈ collateral + sign·(tokens·P − sizeInUsd) + impact − costs − required;
      // `safe` adds the worst impact, the costs again and any PnL cap, so its root lies before the exact one
      const uncappedPnl = sign * (notionalUsd - usd(s.sizeInUsd))
      const cushion = safe ? usd(gmxApplyFactor(s.sizeInUsd, m.maxPositionImpactFactorForLiquidations)) + usd(check.collateralCostUsd) + Math.max(0, uncappedPnl - usd(check.positionPnlUsd)) : 0
      return [
        { weightedValue: collateralUsd, power: shockPower(collateral.exposure, factors) },
        { weightedValue: sign * notionalUsd, power: shockPower(index.exposure, factors) },
        { weightedValue: -sign * usd(s.sizeInUsd) + usd(check.priceImpactUsd) - usd(check.collateralCostUsd) - usd(required) - cushion, power: 0 },
      ]
    },
  }

  const indexFactor = index.exposure.base
  // the interface formula holds the collateral's value fixed unless it is the index token itself
  const collateralMovesWithIndex = shockPower(collateral.exposure, new Set([indexFactor])) > 0
  const interfaceFormulaApplies = index.exposure.ratio === undefined && collateralMovesWithIndex === s.collateralIsIndexToken
  const assets = [index, collateral]
  const reference = (f: RiskFactorId) => {
    const a = assets.find((x) => x.exposure.base === f && x.exposure.ratio === undefined) ?? assets.find((x) => factorsOf(x.exposure).includes(f))
    return a ? { symbol: a.symbol, priceE8: (a === index ? indexOracle : collateralOracle).priceE8 } : null
  }
  const factors = [...new Set([...factorsOf(index.exposure), ...factorsOf(collateral.exposure)])].sort()
  const liquidationPrices: LiquidationPrice[] = factors.map((f) =>
    f === indexFactor && interfaceFormulaApplies ? interfaceLiquidationPrice() : liquidationPriceOf(model, f, reference(f)),
  )

  function interfaceLiquidationPrice(): LiquidationPrice {
    const current = indexOracle.priceE8
    const direction = s.isLong ? 'DOWN' : 'UP'
    if (check.kind === 'checked' && check.liquidatable) {
      return { kind: 'price', riskFactor: indexFactor, referenceAsset: index.symbol, priceE8: current, priceUsd: indexOracle.priceUsd, currentPriceE8: current, changePct: 0, direction, alreadyLiquidatable: true }
    }
    if (interfacePrice.kind === 'none') return { kind: 'none', riskFactor: indexFactor, reason: 'OUT_OF_RANGE' }
    const priceE8 = interfacePrice.pricePerToken / E30_TO_E8
    return {
      kind: 'price',
      riskFactor: indexFactor,
      referenceAsset: index.symbol,
      priceE8,
      priceUsd: usd(interfacePrice.pricePerToken),
      currentPriceE8: current,
      changePct: current > 0n ? changePct(priceE8, current) : 0,
      direction: priceE8 < current ? 'DOWN' : 'UP',
      alreadyLiquidatable: false,
    }
  }

  const remainingUsd = usd(check.remainingCollateralUsd)
  const venue: AvailableVenue = {
    status: 'available',
    id: gmxV2VenueId(input.chainId, s.positionKey),
    protocol: 'GMX_V2',
    chainId: input.chainId,
    account: s.account,
    market: m.marketToken,
    protocolVersion: PROTOCOL_VERSION,
    block,
    source: { kind: 'CHAIN' },
    positions,
    health: { kind: 'ok', healthFactorWad, healthFactor: toFloat(healthFactorWad, WAD), liquidatable: check.liquidatable },
    margin: {
      collateralUsd: remainingUsd,
      debtUsd: 0,
      equityUsd: remainingUsd,
      weightedCollateralUsd: remainingUsd - usd(required),
      maintenanceMarginUsd: usd(required),
      initialMarginUsd: usd(initialRequired),
      // the check's remaining collateral, GMX's USD·1e30 rounded down to USD·1e8
      totalCollateralBase: check.remainingCollateralUsd / 10n ** 22n,
      totalDebtBase: 0n,
      avgLiquidationThresholdBps: 0n,
      avgLtvBps: 0n,
    },
    liquidationPrices,
    formula:
      'GMX v2 PositionUtils.isPositionLiquidatable (forLiquidation = true): health = (collateral + PnL + capped price impact − close costs) / max(MIN_COLLATERAL_USD, sizeInUsd · minCollateralFactorForLiquidation), at the Chainlink feeds GMX configures (Keys.PRICE_FEED)',
    details: {
      protocol: 'GMX_V2',
      perp: {
        marginMode: 'ISOLATED',
        accountValueUsd: remainingUsd,
        venueAccountValueUsd: null,
        maintenanceMarginUsd: usd(required),
        venueMaintenanceMarginUsd: null,
        initialMarginUsd: usd(initialRequired),
        venueMarginUsedUsd: null,
        freeCollateralUsd: null,
        rule: 'gmx-v2.2-isPositionLiquidatable',
      },
    },
    stalePrices: [...new Set([index, collateral].filter((a, i) => (i === 0 ? indexOracle : collateralOracle).stale).map((a) => a.symbol))],
    // a liquidation closes the whole position
    closeFactor: 1,
    liquidationBlocked: false,
    // borrowing and funding accrue with time and open interest: not modelled
    timeToLiquidationSeconds: null,
  }

  // what a keeper's close costs at the read prices: collateral at the mark less what the check leaves
  const atMarkUsd = check.kind === 'checked' ? usd(s.collateralAmount * collateralPriceMin + check.positionPnlUsd - pendingFeesUsd) : 0
  return {
    venue,
    kernel: {
      venueId: venue.id,
      health: { kind: 'margin' },
      legs: [
        kernelLeg({ exposure: collateral.exposure, role: 'supply', equityUsd: collateralUsd, valueUsd: collateralUsd }),
        kernelLeg({ exposure: index.exposure, role: 'perp', equityUsd: sign * notionalUsd, valueUsd: notionalUsd }),
      ],
      // remaining collateral at the read prices = collateral + signed notional + this constant (PnL against sizeInUsd, impact, costs, caps)
      constantEquityUsd: remainingUsd - collateralUsd - sign * notionalUsd,
      fixedMaintenanceUsd: usd(required),
      liquidation: { kind: 'closeCost', closeCostUsd: Math.max(0, atMarkUsd - remainingUsd) },
      exactHealth: false,
    },
    liquidationUnderUniformMove: (f, direction) => uniformMoveOf(model, f, direction),
    simulate(moves, actions) {
      if (actions.length > 0) throw new InvalidArgumentError('actions', `${venue.id}: what-if actions on GMX v2 positions are not supported yet.`)
      const moved = movePrices(prices, exposures, (price, e) => applyMoves(price, e, moves))
      const collateralMin = s.collateralSide === 'LONG' ? moved.longTokenPrice.min : moved.shortTokenPrice.min
      if (collateralMin <= 0n) throw new InvalidArgumentError('priceMoves', `${venue.id}: the moves price its collateral ${collateral.symbol} at 0, which GMX cannot value.`)
      // the Reader's PnL was at the read prices; at moved prices it is recomputed as getPositionPnlUsd
      return { model: toGmxV2VenueModel({ ...input, prices: moved, basePnlUsd: computeGmxV2PositionPnlUsd(s, moved) }), warnings: [] }
    },
    liquidate(moves) {
      const moved = movePrices(prices, exposures, (price, e) => applyMoves(price, e, moves))
      const c = computeGmxV2LiquidationCheck(s, moved)
      const none = { venueId: venue.id, steps: [], costUsd: 0, exact: false, note: null }
      if (c.kind === 'checked' && !c.liquidatable) return none
      // a keeper closes the whole position at the (moved) prices; the trader keeps what remains of the collateral
      const collateralMin = s.collateralSide === 'LONG' ? moved.longTokenPrice.min : moved.shortTokenPrice.min
      const pending = s.pendingBorrowingFeeUsd + s.pendingFundingFeeAmount * collateralMin
      const atMark = c.kind === 'checked' ? s.collateralAmount * collateralMin + c.positionPnlUsd - pending : 0n
      const remaining = c.kind === 'checked' ? c.remainingCollateralUsd : 0n
      const costUsd = Math.max(0, usd(atMark > 0n ? atMark : 0n) - usd(remaining > 0n ? remaining : 0n))
      const notionalMovedUsd = usd(s.sizeInTokens * moved.indexTokenPrice.min)
      return {
        venueId: venue.id,
        steps: [
          {
            debtAsset: collateral.symbol,
            debtRepaid: 0,
            debtRepaidUsd: 0,
            collateralAsset: input.marketName,
            collateralSeized: sizeTokens,
            collateralSeizedUsd: notionalMovedUsd,
            costUsd,
            closeFactor: 1,
            healthFactorAfter: null,
          },
        ],
        costUsd,
        exact: false,
        note: "approximation: the whole position closed at the moved feed prices; cost = the close fee and capped price impact the liquidation check deducts, bounded by the position's equity; GMX v2.2's liquidation fee (LIQUIDATION_FEE_FACTOR) is not read",
      }
    },
    evaluate(moves) {
      const c = computeGmxV2LiquidationCheck(s, movePrices(prices, exposures, (price, e) => applyMoves(price, e, moves)))
      // the collateral priced at 0: the contract cannot even check it; count it liquidatable with nothing left
      if (c.kind === 'priceUnavailable') return { healthFactor: 0, liquidatable: true, equityUsd: 0 }
      return { healthFactor: toFloat(gmxV2HealthFactorWad(c.remainingCollateralUsd, required), WAD), liquidatable: c.liquidatable, equityUsd: usd(c.remainingCollateralUsd) }
    },
  }
}

/** A token's feed price as the venue shows it: USD·1e8 per whole token, age against GMX's heartbeat (stale as GMX would refuse it). */
function oraclePrice(a: GmxV2VenueAsset, unitPrice: bigint, block: BlockRef): OraclePrice {
  const perToken = unitPrice * 10n ** BigInt(a.decimals)
  // ChainlinkPriceFeedUtils: refused when now > updatedAt and now − updatedAt > heartbeat
  const age = block.timestamp > a.updatedAt ? block.timestamp - a.updatedAt : 0n
  return {
    priceE8: perToken / E30_TO_E8,
    priceUsd: toFloat(perToken, USD),
    oracle: a.feed,
    feed: a.feed,
    updatedAt: a.updatedAt,
    heartbeatSeconds: Number(a.heartbeatSeconds),
    ageSeconds: Number(age),
    stale: age > a.heartbeatSeconds,
  }
}
