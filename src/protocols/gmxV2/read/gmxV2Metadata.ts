import { erc20Abi, getAddress, isAddressEqual, zeroAddress, type Address, type Hex } from 'viem'
import { executePlan, optional, required, type ChainReader, type ContractCall, type ReadPlan } from '../../../read/readPlan.js'
import { gmxV2DataStoreAbi, gmxV2PriceFeedAbi, gmxV2ReaderListAbi } from '../abi.js'
import * as keys from './gmxV2Keys.js'

/*
 * GMX v2 metadata, the cold path of a read (see gmxV2Reader.ts): the market
 * list and each token's config and feed info, cached per deployment.
 */

/** The three contracts a GMX v2 read needs. */
export type GmxV2DeploymentRef = {
  readonly reader: Address
  readonly dataStore: Address
  readonly referralStorage: Address
}

/** A market as Reader.getMarkets lists it (Market.Props). */
export type GmxV2MarketMeta = {
  readonly marketToken: Address
  readonly indexToken: Address
  readonly longToken: Address
  readonly shortToken: Address
}

/** What xmargin keeps about one token of GMX's markets (slow-changing DataStore config). */
export type GmxV2TokenMeta = {
  readonly address: Address
  /** ERC20 symbol, or for a synthetic index token (no contract) the base of its feed's description ("DOGE / USD" → DOGE). */
  readonly symbol: string
  /** ERC20 decimals, or 60 − feed decimals − log10(multiplier); null when neither is known. */
  readonly decimals: number | null
  /** Keys.priceFeedKey(token): the Chainlink feed GMX configures, null when none. */
  readonly priceFeed: Address | null
  /** Keys.priceFeedMultiplierKey(token): 10^(60 − feed decimals − token decimals); 0 when unset. */
  readonly priceFeedMultiplier: bigint
  /** Keys.priceFeedHeartbeatDurationKey(token), seconds. */
  readonly heartbeatSeconds: bigint
  /** Keys.virtualTokenIdKey(token): zero when the token has no virtual inventory. */
  readonly virtualTokenId: Hex
}

/** A deployment's markets and tokens, keyed by lower-case address. */
export type GmxV2Metadata = {
  readonly markets: ReadonlyMap<string, GmxV2MarketMeta>
  readonly tokens: ReadonlyMap<string, GmxV2TokenMeta>
}

/**
 * Market lists and token config per deployment (`<chainId>:<dataStore>:<markets read>`).
 * Invalidation: dropped when a read turns out stale, and reloaded once when
 * the account holds a position in a market the cached list lacks.
 */
export class GmxV2MetadataCache {
  readonly deployments = new Map<string, GmxV2Metadata>()
}

/** What a metadata load reads and caches by: the deployment part of GmxV2ReadParameters. */
export type GmxV2MetadataParameters = {
  readonly chainId: number
  readonly deployment: GmxV2DeploymentRef
  /**
   * Markets (market token addresses) to load; default every market the Reader
   * lists. A position in a market outside this list answers an unavailable venue.
   */
  readonly markets?: readonly Address[]
  readonly cache: GmxV2MetadataCache
}

/** Reader.getMarkets range end (the Reader clamps it to the number of markets). */
const MARKET_LIST_END = 500n

const lower = (a: Address) => a.toLowerCase()
/** A GmxV2MetadataCache key; readers restricted to different market lists keep different metadata. */
export const gmxV2MetadataCacheKey = (p: GmxV2MetadataParameters) =>
  `${p.chainId}:${lower(p.deployment.dataStore)}:${p.markets === undefined ? 'all' : p.markets.map(lower).sort().join(',')}`

/** Reader.getMarkets(dataStore, 0, 500): every market's tokens. */
export function gmxV2MarketListCall(d: GmxV2DeploymentRef): ContractCall {
  return { address: d.reader, abi: gmxV2ReaderListAbi, functionName: 'getMarkets', args: [d.dataStore, 0n, MARKET_LIST_END] }
}

/**
 * The markets to read: those listed (with an index token; spot-only markets
 * hold no positions), restricted to `only` when given.
 */
export function selectGmxV2Markets(listed: readonly GmxV2MarketMeta[], only?: readonly Address[]): GmxV2MarketMeta[] {
  return listed
    .filter((m) => !isAddressEqual(m.indexToken, zeroAddress))
    .filter((m) => only === undefined || only.some((a) => isAddressEqual(a, m.marketToken)))
    .map((m) => ({ marketToken: getAddress(m.marketToken), indexToken: getAddress(m.indexToken), longToken: getAddress(m.longToken), shortToken: getAddress(m.shortToken) }))
}

/** A token's DataStore config and ERC20 fields as read, before its feed is asked. */
export type GmxV2TokenConfig = {
  readonly address: Address
  readonly erc20Symbol: string | null
  readonly erc20Decimals: number | null
  readonly priceFeed: Address | null
  readonly priceFeedMultiplier: bigint
  readonly heartbeatSeconds: bigint
  readonly virtualTokenId: Hex
}

const TOKEN_CONFIG_CALLS = 6

/** Per token: PRICE_FEED, PRICE_FEED_MULTIPLIER, PRICE_FEED_HEARTBEAT_DURATION, VIRTUAL_TOKEN_ID, ERC20 symbol and decimals (optional: synthetic tokens have no contract). */
export function gmxV2TokenConfigPlan(chainId: number, d: GmxV2DeploymentRef, tokens: readonly Address[]): ReadPlan<GmxV2TokenConfig[]> {
  const ds = (functionName: 'getUint' | 'getAddress' | 'getBytes32', key: Hex): ContractCall => ({ address: d.dataStore, abi: gmxV2DataStoreAbi, functionName, args: [key] })
  return {
    calls: tokens.flatMap((t): ContractCall[] => [
      ds('getAddress', keys.priceFeedKey(t)),
      ds('getUint', keys.priceFeedMultiplierKey(t)),
      ds('getUint', keys.priceFeedHeartbeatDurationKey(t)),
      ds('getBytes32', keys.virtualTokenIdKey(t)),
      { address: t, abi: erc20Abi, functionName: 'symbol' },
      { address: t, abi: erc20Abi, functionName: 'decimals' },
    ]),
    decode: (res) =>
      tokens.map((address, i) => {
        const r = (j: number) => res[i * TOKEN_CONFIG_CALLS + j]
        const feed = required<Address>(chainId, r(0), 'DataStore.getAddress(PRICE_FEED)')
        const decimals = optional<number>(r(5))
        return {
          address,
          priceFeed: isAddressEqual(feed, zeroAddress) ? null : getAddress(feed),
          priceFeedMultiplier: required<bigint>(chainId, r(1), 'DataStore.getUint(PRICE_FEED_MULTIPLIER)'),
          heartbeatSeconds: required<bigint>(chainId, r(2), 'DataStore.getUint(PRICE_FEED_HEARTBEAT_DURATION)'),
          virtualTokenId: required<Hex>(chainId, r(3), 'DataStore.getBytes32(VIRTUAL_TOKEN_ID)'),
          erc20Symbol: optional<string>(r(4)),
          erc20Decimals: decimals === null ? null : Number(decimals),
        }
      }),
  }
}

/** A feed's `decimals` and `description`, null where it does not answer. */
export type GmxV2FeedInfo = { readonly decimals: number | null; readonly description: string | null }

/** `decimals` and `description` of each feed. */
export function gmxV2FeedInfoPlan(feeds: readonly Address[]): ReadPlan<GmxV2FeedInfo[]> {
  return {
    calls: feeds.flatMap((f): ContractCall[] => [
      { address: f, abi: gmxV2PriceFeedAbi, functionName: 'decimals' },
      { address: f, abi: gmxV2PriceFeedAbi, functionName: 'description' },
    ]),
    decode: (res) =>
      feeds.map((_, i) => {
        const decimals = optional<number>(res[2 * i])
        return { decimals: decimals === null ? null : Number(decimals), description: optional<string>(res[2 * i + 1]) }
      }),
  }
}

/**
 * A token's decimals from its feed config: GMX sets PRICE_FEED_MULTIPLIER to
 * 10^(60 − feed decimals − token decimals) (ChainlinkPriceFeedUtils.getPriceFeedMultiplier),
 * so token decimals = 60 − feedDecimals − log10(multiplier). Null when the
 * multiplier is not a power of ten or the result is out of [0, 36].
 */
export function gmxV2TokenDecimalsFromFeed(multiplier: bigint, feedDecimals: number): number | null {
  if (multiplier <= 0n) return null
  let m = multiplier
  let exponent = 0
  while (m % 10n === 0n) {
    m /= 10n
    exponent += 1
  }
  if (m !== 1n) return null
  const decimals = 60 - feedDecimals - exponent
  return decimals >= 0 && decimals <= 36 ? decimals : null
}

/** The token's metadata from its config and its feed's info: ERC20 fields first, the feed's otherwise. */
export function toGmxV2TokenMeta(c: GmxV2TokenConfig, feed: GmxV2FeedInfo | null): GmxV2TokenMeta {
  // Chainlink descriptions read "DOGE / USD"
  const fromDescription = feed?.description?.match(/^\s*([^/\s]+)\s*\/\s*USD\s*$/i)?.[1] ?? null
  const fromMultiplier = feed?.decimals === null || feed?.decimals === undefined ? null : gmxV2TokenDecimalsFromFeed(c.priceFeedMultiplier, feed.decimals)
  return {
    address: c.address,
    symbol: c.erc20Symbol ?? fromDescription ?? c.address.slice(0, 10),
    decimals: c.erc20Decimals ?? fromMultiplier,
    priceFeed: c.priceFeed,
    priceFeedMultiplier: c.priceFeedMultiplier,
    heartbeatSeconds: c.heartbeatSeconds,
    virtualTokenId: c.virtualTokenId,
  }
}

/** Cold path (three multicalls, cached): the market list, each token's config, each feed's decimals and description. */
export async function loadGmxV2Metadata(reader: ChainReader, p: GmxV2MetadataParameters): Promise<GmxV2Metadata> {
  const cached = p.cache.deployments.get(gmxV2MetadataCacheKey(p))
  if (cached) return cached
  const [list] = await reader.multicall([gmxV2MarketListCall(p.deployment)])
  const markets = selectGmxV2Markets(required<readonly GmxV2MarketMeta[]>(p.chainId, list, 'Reader.getMarkets'), p.markets)
  const tokens = [...new Map(markets.flatMap((m) => [m.indexToken, m.longToken, m.shortToken]).map((t) => [lower(t), t])).values()]
  const configs = await executePlan(reader, gmxV2TokenConfigPlan(p.chainId, p.deployment, tokens))
  const feeds = [...new Set(configs.flatMap((c) => (c.priceFeed ? [c.priceFeed] : [])))]
  const infos = await executePlan(reader, gmxV2FeedInfoPlan(feeds))
  const meta: GmxV2Metadata = {
    markets: new Map(markets.map((m) => [lower(m.marketToken), m])),
    tokens: new Map(configs.map((c) => [lower(c.address), toGmxV2TokenMeta(c, c.priceFeed ? (infos[feeds.indexOf(c.priceFeed)] ?? null) : null)])),
  }
  p.cache.deployments.set(gmxV2MetadataCacheKey(p), meta)
  return meta
}
