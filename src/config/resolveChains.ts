import { defineChain, getAddress, type Address, type Chain } from 'viem'
import { CHAINS, findChain, type ChainConfig } from '../../chains/index.js'
import { ConfigError } from '../errors/index.js'
import type { ApiProtocol, ChainProtocol, Protocol } from '../protocols/types.js'
import type { ApiSourceLabel } from '../read/apiVenueReader.js'
import { DEFAULT_CHAINS_FILE, readChainsFile, type ChainsFile, type ChainsFileApiVenue, type ChainsFileChain } from './chainsFile.js'
import type { AppConfig } from './loadConfig.js'

/**
 * Staleness threshold for feeds whose heartbeat the chain data does not list:
 * 24 h, the longest standard Chainlink heartbeat (stablecoin and exchange-rate
 * feeds), so a feed flagged stale has certainly missed an update.
 */
export const DEFAULT_FEED_HEARTBEAT_SECONDS = 86_400

/** One protocol deployment on a chain: the protocol and its own description of it (from its schema or its published table). */
export type ChainDeployment = { readonly protocol: ChainProtocol<unknown>; readonly deployment: unknown }

/** A chain the server reads, with its RPC URLs and deployments resolved. */
export type ReadableChain = {
  readonly key: string
  readonly chainId: number
  readonly name: string
  readonly chain: Chain
  /** RPC URLs, in order of preference (fallbacks ranked by health when several). */
  readonly rpcUrls: readonly string[]
  readonly multicall3: Address
  /** Heartbeat of an asset's price feed, seconds (staleness threshold); null when unknown. */
  readonly heartbeatOf: (symbol: string, asset: Address) => number | null
  /** Every protocol deployment read on the chain, in registry order. */
  readonly deployments: readonly ChainDeployment[]
  /** A head older than this (seconds) marks the chain's data stale; null where the chain mines on demand. */
  readonly maxHeadAgeSeconds: number | null
}

/** A venue read over its own API, resolved: its protocol, endpoint and how to label its data. */
export type ReadableApiVenue = { readonly protocol: ApiProtocol; readonly url: string; readonly sourceLabel: ApiSourceLabel }

/** A wallet the dashboard offers to pick, with a label. */
export type ExampleWallet = { readonly label: string; readonly address: Address }

/** What a server reads: its chains, its API venues, and the example wallets of its chain list. */
export type ResolvedSources = {
  readonly chains: readonly ReadableChain[]
  readonly apiVenues: readonly ReadableApiVenue[]
  readonly exampleWallets: readonly ExampleWallet[]
}

/**
 * Resolves what the server reads from the config and the protocols: the
 * chains named in XMARGIN_CHAINS (public chains by key or id, or chains of
 * the chain list file), or, with none named, every chain of the chain list
 * file (CHAINS_FILE, by default the local devnet's). Each chain's deployments
 * are each protocol's: from the chain list file, checked by the protocol's
 * schema, or the protocol's published ones for a public chain. API venues: an
 * endpoint set in the environment (`off` disables the venue); else, when the
 * chains come from a chain list file, the venues it lists; else each venue's
 * public endpoint.
 * @throws ConfigError naming the key at fault (unknown chain, missing RPC URL, missing or bad chain list).
 */
export async function resolveSources(config: AppConfig, protocols: readonly Protocol[]): Promise<ResolvedSources> {
  const fileWanted = config.chains === null || config.chainsFile !== null
  const file = fileWanted ? await readChainsFile(config.chainsFile ?? DEFAULT_CHAINS_FILE) : null
  const chainProtocols = protocols.filter((p): p is ChainProtocol<unknown> => p.kind === 'chain')
  const chains: ReadableChain[] = []
  for (const name of config.chains ?? file!.chains.map((c) => c.key)) {
    const fromFile = file?.chains.find((c) => c.key === name || String(c.chainId) === name)
    const known = fromFile ? undefined : findChain(name)
    if (fromFile) chains.push(fileChain(fromFile, config, chainProtocols))
    else if (known) chains.push(publicChain(known, config, chainProtocols))
    else {
      const names = [...CHAINS.map((c) => c.key), ...(file?.chains.map((c) => c.key) ?? [])]
      throw new ConfigError('XMARGIN_CHAINS', `unknown chain "${name}" (known: ${names.join(', ')})`)
    }
  }
  return {
    chains,
    apiVenues: apiVenuesOf(config, protocols, file),
    exampleWallets: file?.exampleWallets ?? [],
  }
}

/** A chain of a chain list file, its protocol entries checked by each protocol's schema. */
function fileChain(c: ChainsFileChain, config: AppConfig, protocols: readonly ChainProtocol<unknown>[]): ReadableChain {
  for (const key of Object.keys(c.protocols)) {
    if (!protocols.some((p) => p.key === key)) throw new ConfigError('CHAINS_FILE', `chain ${c.key}: unknown protocol "${key}" (known: ${protocols.map((p) => p.key).join(', ')})`)
  }
  const deployments: ChainDeployment[] = protocols.flatMap((protocol) =>
    (c.protocols[protocol.key] ?? []).map((entry, i) => {
      const parsed = protocol.deploymentSchema.safeParse(entry)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!
        throw new ConfigError('CHAINS_FILE', `chain ${c.key}: protocols.${protocol.key}[${i}].${issue.path.join('.')}: ${issue.message}`)
      }
      return { protocol, deployment: parsed.data }
    }),
  )
  const heartbeats = new Map(c.feedHeartbeats.map((f) => [getAddress(f.asset), f.heartbeatSeconds]))
  return {
    key: c.key,
    chainId: c.chainId,
    name: c.name,
    chain: defineChain({
      id: c.chainId,
      name: c.name,
      nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      rpcUrls: { default: { http: [...c.rpcUrls] } },
      contracts: { multicall3: { address: c.multicall3 } },
    }),
    rpcUrls: config.rpcUrls[c.chainId] ?? c.rpcUrls,
    multicall3: c.multicall3,
    heartbeatOf: (_symbol, asset) => heartbeats.get(getAddress(asset)) ?? null,
    deployments,
    maxHeadAgeSeconds: config.maxHeadAgeSeconds ?? c.maxHeadAgeSeconds,
  }
}

/** A public chain xmargin knows, with the protocols' published deployments on it. */
function publicChain(c: ChainConfig, config: AppConfig, protocols: readonly ChainProtocol<unknown>[]): ReadableChain {
  const id = c.chain.id
  const rpcUrls = config.rpcUrls[id]
  if (!rpcUrls) throw new ConfigError(c.rpcEnvVar, `is required to read ${c.chain.name}`)
  return {
    key: c.key,
    chainId: id,
    name: c.chain.name,
    chain: c.chain,
    rpcUrls,
    multicall3: c.multicall3.address,
    heartbeatOf: () => DEFAULT_FEED_HEARTBEAT_SECONDS,
    deployments: protocols.flatMap((protocol) => protocol.publishedDeployments(id).map((deployment) => ({ protocol, deployment }))),
    maxHeadAgeSeconds: config.maxHeadAgeSeconds ?? c.maxHeadAgeSeconds ?? null,
  }
}

/** The API venues to read: the environment's endpoints first, then the chain list's, then the public ones. */
function apiVenuesOf(config: AppConfig, protocols: readonly Protocol[], file: ChainsFile | null): ReadableApiVenue[] {
  const live: ApiSourceLabel = () => ({ kind: 'API' })
  const out: ReadableApiVenue[] = []
  for (const protocol of protocols) {
    if (protocol.kind !== 'api') continue
    const env = config.apiEndpoints[protocol.key] ?? null
    if (env === 'off') continue
    if (env !== null) {
      out.push({ protocol, url: env, sourceLabel: live })
      continue
    }
    if (file) {
      const entry = file.apiVenues[protocol.key]
      if (entry) out.push({ protocol, url: entry.url, sourceLabel: entry.replay ? replayLabel(entry.replay) : live })
      continue
    }
    out.push({ protocol, url: protocol.endpoint.defaultUrl, sourceLabel: live })
  }
  return out
}

/** Labels a replayed venue's data with the recording served for each account. */
function replayLabel(replay: NonNullable<ChainsFileApiVenue['replay']>): ApiSourceLabel {
  const recordings = new Map(replay.recordings.map((r) => [r.account.toLowerCase(), r]))
  return (account) => {
    const r = recordings.get(account.toLowerCase())
    return r
      ? { kind: 'REPLAY', recording: r.recording, recordedAt: r.recordedAt === null ? null : BigInt(r.recordedAt) }
      : { kind: 'REPLAY', recording: 'none (empty account)', recordedAt: null }
  }
}
