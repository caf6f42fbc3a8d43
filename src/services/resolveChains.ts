import type { Address, Chain, Hex } from 'viem'
import { CHAINS, findChain, type ChainConfig } from '../../chains/index.js'
import type { AppConfig } from '../config/loadConfig.js'
import { readManifest, type DevnetManifest } from '../devnet/manifest.js'
import { ConfigError } from '../errors/index.js'
import type { ApiSourceLabel } from '../adapters/apiVenueReader.js'
import { hyperliquid } from '../../venues/hyperliquid.js'
import { dydxV4 } from '../../venues/dydxV4.js'
import type { GmxV2Deployment } from '../../chains/gmxV2Arbitrum.js'

/**
 * Staleness threshold for feeds whose heartbeat the chain files do not list:
 * 24 h, the longest standard Chainlink heartbeat (stablecoin and exchange-rate
 * feeds), so a feed flagged stale has certainly missed an update.
 */
export const DEFAULT_FEED_HEARTBEAT_SECONDS = 86_400

/** A chain the server reads, with its RPC URL and deployments resolved. */
export type ReadableChain = {
  readonly key: string
  readonly chainId: number
  readonly name: string
  readonly chain: Chain
  /** RPC URLs, in order of preference (fallbacks ranked by health when several). */
  readonly rpcUrls: readonly string[]
  readonly multicall3: Address
  readonly aaveV3: readonly { readonly version: string; readonly pool: Address; readonly oracle: Address }[]
  /** Heartbeat of an asset's price feed, seconds (staleness threshold); null when unknown. */
  readonly heartbeatOf: (symbol: string, asset: Address) => number | null
  /** GMX v2's contracts on the chain, or null. */
  readonly gmxV2: GmxV2Deployment | null
  /** Morpho Blue and the market ids read on it, or null. */
  readonly morphoBlue: { readonly morpho: Address; readonly marketIds: readonly Hex[] } | null
  /** A head older than this (seconds) marks the chain's data stale; null where the chain mines on demand (devnet). */
  readonly maxHeadAgeSeconds: number | null
}

/**
 * Resolves the chains named in config (or, with none named, the devnet
 * chains of the manifest) into readable chains.
 * @throws ConfigError naming the key at fault (unknown chain, missing RPC URL, missing manifest).
 */
export async function resolveChains(config: AppConfig): Promise<ReadableChain[]> {
  const wanted: ChainConfig[] = []
  let manifest: DevnetManifest | null = null
  const loadManifest = async () => {
    if (manifest) return manifest
    try {
      manifest = await readManifest(config.devnetManifestPath ?? undefined)
      return manifest
    } catch (cause) {
      throw new ConfigError(
        'DEVNET_MANIFEST',
        `${cause instanceof Error ? cause.message : 'unreadable'} (or name chains with XMARGIN_CHAINS and RPC_URL_<chainId>)`,
      )
    }
  }
  if (config.chains === null) {
    const m = await loadManifest()
    for (const c of m.chains) {
      const known = CHAINS.find((k) => k.devnet && k.chain.id === c.chainId)
      if (!known) throw new ConfigError('DEVNET_MANIFEST', `chain ${c.chainId} is not a known devnet chain`)
      wanted.push(known)
    }
  } else {
    for (const name of config.chains) {
      const found = findChain(name)
      if (!found) {
        throw new ConfigError('XMARGIN_CHAINS', `unknown chain "${name}" (known: ${CHAINS.map((c) => c.key).join(', ')})`)
      }
      wanted.push(found)
    }
  }
  const out: ReadableChain[] = []
  for (const c of wanted) {
    const id = c.chain.id
    if (c.devnet) {
      const m = await loadManifest()
      const entry = m.chains.find((x) => x.chainId === id)
      if (!entry) throw new ConfigError('DEVNET_MANIFEST', `the manifest has no chain ${id}; restart the devnet`)
      out.push({
        key: c.key,
        chainId: id,
        name: c.chain.name,
        chain: c.chain,
        rpcUrls: config.rpcUrls[id] ?? [entry.rpcUrl],
        multicall3: c.multicall3.address,
        aaveV3: [{ version: entry.aaveV3.version, pool: entry.aaveV3.pool, oracle: entry.aaveV3.oracle }],
        heartbeatOf: (_symbol, asset) => entry.assets.find((a) => a.address === asset)?.heartbeatSeconds ?? null,
        gmxV2: null,
        morphoBlue: entry.morphoBlue ? { morpho: entry.morphoBlue.morpho, marketIds: entry.morphoBlue.markets.map((m) => m.id) } : null,
        maxHeadAgeSeconds: config.maxHeadAgeSeconds ?? c.maxHeadAgeSeconds ?? null,
      })
    } else {
      const rpcUrls = config.rpcUrls[id]
      if (!rpcUrls) throw new ConfigError(c.rpcEnvVar, `is required to read ${c.chain.name}`)
      out.push({
        key: c.key,
        chainId: id,
        name: c.chain.name,
        chain: c.chain,
        rpcUrls,
        multicall3: c.multicall3.address,
        aaveV3: c.aaveV3.map((d) => ({ version: d.version, pool: d.pool, oracle: d.oracle })),
        heartbeatOf: () => DEFAULT_FEED_HEARTBEAT_SECONDS,
        gmxV2: c.gmxV2 ?? null,
        morphoBlue: c.morphoBlue ? { morpho: c.morphoBlue.morpho, marketIds: c.morphoBlue.markets.map((m) => m.id) } : null,
        maxHeadAgeSeconds: config.maxHeadAgeSeconds ?? c.maxHeadAgeSeconds ?? null,
      })
    }
  }
  return out
}

/** An off-chain perps venue to read, resolved: endpoint and how to label its data. */
export type ReadablePerpVenues = {
  readonly hyperliquid: { readonly infoUrl: string; readonly sourceLabel: ApiSourceLabel } | null
  readonly dydxV4: { readonly indexerUrl: string; readonly sourceLabel: ApiSourceLabel } | null
}

/**
 * Resolves the perps venues: in devnet mode (no chains named) the devnet's
 * replay endpoint with its recordings labelled; otherwise the environment's
 * endpoints or the venues' mainnet defaults ('off' disables one).
 * @throws ConfigError when the manifest is needed and unreadable.
 */
export async function resolvePerpVenues(config: AppConfig): Promise<ReadablePerpVenues> {
  const live: ApiSourceLabel = () => ({ kind: 'API' })
  const pick = (env: string | null, fallback: string | null) => (env === 'off' ? null : (env ?? fallback))
  if (config.chains === null) {
    const m = await readManifest(config.devnetManifestPath ?? undefined).catch((cause: unknown) => {
      throw new ConfigError('DEVNET_MANIFEST', cause instanceof Error ? cause.message : 'unreadable')
    })
    const recordings = new Map(m.perps.hyperliquid.recordings.map((r) => [r.address.toLowerCase(), r]))
    const replay: ApiSourceLabel = (account) => {
      const r = recordings.get(account.toLowerCase())
      return r ? { kind: 'REPLAY', recording: r.file, recordedAt: r.recordedAt === null ? null : BigInt(r.recordedAt) } : { kind: 'REPLAY', recording: 'none (empty account)', recordedAt: null }
    }
    const hl = pick(config.hyperliquidInfoUrl, m.perps.hyperliquid.infoUrl)
    const dydx = pick(config.dydxIndexerUrl, null)
    return {
      hyperliquid: hl ? { infoUrl: hl, sourceLabel: config.hyperliquidInfoUrl ? live : replay } : null,
      dydxV4: dydx ? { indexerUrl: dydx, sourceLabel: live } : null,
    }
  }
  const hl = pick(config.hyperliquidInfoUrl, hyperliquid.endpoint)
  const dydx = pick(config.dydxIndexerUrl, dydxV4.endpoint)
  return {
    hyperliquid: hl ? { infoUrl: hl, sourceLabel: live } : null,
    dydxV4: dydx ? { indexerUrl: dydx, sourceLabel: live } : null,
  }
}


/** A wallet the dashboard offers to pick, with a label. */
export type ExampleWallet = { readonly label: string; readonly address: Address }

/**
 * Wallets worth showing a new user: in devnet mode the seeded demo wallet
 * (its cross-chain book) and the wallets whose Hyperliquid recordings the
 * devnet replays; none against real chains.
 */
export async function resolveExampleWallets(config: AppConfig): Promise<ExampleWallet[]> {
  if (config.chains !== null) return []
  const m = await readManifest(config.devnetManifestPath ?? undefined).catch(() => null)
  if (!m) return []
  const demo = m.accounts.demo.toLowerCase()
  return [
    { label: 'Demo wallet (devnet: Aave, Morpho, Hyperliquid)', address: m.accounts.demo },
    ...m.perps.hyperliquid.recordings.filter((r) => r.address.toLowerCase() !== demo).map((r) => ({ label: `Hyperliquid recording ${r.file}`, address: r.address })),
  ]
}
