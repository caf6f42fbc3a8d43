import { createHash } from 'node:crypto'
import { gunzipSync } from 'node:zlib'
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Address, Hex } from 'viem'
import { devnetChains, MULTICALL3_ADDRESS, type DevnetChain } from '../../chains/devnet.js'
import { writeChainsFile, type ChainsFileInput } from '../config/chainsFile.js'
import { factorsOf } from '../domain/riskFactor.js'
import { exposureOfSymbol } from '../domain/riskFactorTable.js'
import { DevnetError } from '../errors/index.js'
import { DEVNET_ACCOUNTS } from './accounts.js'
import { anvilBinaryPath, startAnvil, type AnvilNode } from './anvil.js'
import { Deployer } from './deployer.js'
import { compileSharedDevnetContracts } from './devnetContracts.js'
import { writeManifest, type DevnetManifest } from './manifest.js'
import { installMulticall3 } from './multicall3.js'
import { devnetPriceFeedAbi } from './priceFeedAbi.js'
import { DEVNET_API_VENUES, DEVNET_PROTOCOLS } from './protocols.js'
import { startReplayServer, type ReplayServer } from './replayServer.js'
import type { DevnetAsset, DevnetChainContext } from './types.js'

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

/**
 * The compiled-contract cache every devnet of this checkout shares (tests,
 * CLI, benchmarks, `npm start`), keyed by content: Aave v3.6 and Morpho Blue
 * are compiled at most once per machine and code version.
 */
export const ARTIFACT_CACHE_DIR = process.env.XMARGIN_ARTIFACT_CACHE ?? path.join(REPO_ROOT, '.devnet', 'artifacts')

/** The replay server listens on basePort + this (8555 by default). */
const REPLAY_PORT_OFFSET = 10

/** A saved state older than this is redeployed, so interest accrued over the gap stays small. */
const MAX_STATE_AGE_MS = 7 * 24 * 3600 * 1000

/** The devnet's chains, in port order, and which ones are L2-like (a sequencer feed and its gate). */
const DEVNET_LAYOUT: readonly { readonly chain: DevnetChain; readonly l2: boolean }[] = [
  { chain: devnetChains[0], l2: false },
  { chain: devnetChains[1], l2: true },
  { chain: devnetChains[2], l2: true },
]

export type StartDevnetParameters = {
  /** Chain i listens on basePort + i. Default 8545. */
  basePort?: number
  /** Folder for the manifest, the chain list file and saved states. Default `.devnet` in the repo. */
  dir?: string
  /** Progress lines. */
  log?: (line: string) => void
}

export type DevnetHandle = {
  readonly manifest: DevnetManifest
  /** The replay server behind the API venues' endpoints. */
  readonly replay: ReplayServer
  readonly manifestPath: string
  /** The devnet's chain list file (CHAINS_FILE), what the server reads. */
  readonly chainsFile: string
  readonly nodes: readonly AnvilNode[]
  /** true when the state was deployed now, false when loaded from a saved state. */
  readonly deployed: boolean
  /** Stops every node this devnet started. */
  stop(): Promise<void>
}

/** What one chain's deployment left: its assets and USD oracle, and each protocol's own record (by key; absent where it has nothing there). */
type SavedChain = { readonly assets: DevnetAsset[]; readonly usdOracle: Address | null; readonly protocols: Readonly<Record<string, unknown>> }
type SavedDeployment = { readonly createdAt: string; readonly chains: readonly SavedChain[] }

/**
 * Starts the three-chain devnet: anvil nodes with Multicall3, then every
 * protocol of the devnet's list (src/devnet/protocols.ts) deployed and seeded
 * on each chain in turn, and the replay server of the API venues. The first
 * start deploys and saves each node's state (anvil_dumpState) under a key
 * hashed from the deployment code; later starts load it in well under a
 * second. Addresses are identical on every start. Writes the manifest (for
 * tests and tools) and the chain list file (for the server).
 * @throws DevnetError when a node cannot start or a deployment step fails.
 */
export async function startDevnet(params: StartDevnetParameters = {}): Promise<DevnetHandle> {
  const basePort = params.basePort ?? 8545
  const dir = params.dir ?? path.join(REPO_ROOT, '.devnet')
  const log = params.log ?? (() => {})
  const key = await deploymentKey()
  const stateDir = path.join(dir, 'state', key)
  const savedBefore = await loadSaved(stateDir)
  // a saved state is loaded by each node at start (`--load-state`): a multi-megabyte state exceeds anvil's JSON-RPC request limit
  const nodes = await Promise.all(
    DEVNET_LAYOUT.map((c, i) =>
      startAnvil({
        chainId: c.chain.chain.id,
        port: basePort + i,
        cacheDir: path.join(dir, 'anvil-cache', String(c.chain.chain.id)),
        loadStatePath: savedBefore ? stateFile(stateDir, c.chain.chain.id) : undefined,
      }),
    ),
  )
  let replay: ReplayServer
  try {
    replay = await startReplayServer(DEVNET_API_VENUES.map((v) => v.replay), basePort + REPLAY_PORT_OFFSET)
  } catch (cause) {
    await Promise.all(nodes.map((n) => n.stop()))
    throw new DevnetError(`The replay server could not listen on port ${basePort + REPLAY_PORT_OFFSET} (in use?).`, { cause })
  }
  const stopAll = async () => {
    await Promise.all([...nodes.map((n) => n.stop()), replay.stop()])
  }
  try {
    let saved = savedBefore
    const deployed = saved === null
    if (saved) {
      await repostFeeds(nodes, saved)
      log(`devnet: loaded saved state ${key} (${saved.createdAt})`)
    } else {
      log(`devnet: deploying ${DEVNET_PROTOCOLS.map((p) => p.key).join(', ')} on three chains (first start for this code version)`)
      saved = await deployAll(nodes, ARTIFACT_CACHE_DIR)
      await mkdir(stateDir, { recursive: true })
      // anvil_dumpState answers gzip'd JSON as hex; `--load-state` takes the JSON
      await Promise.all(
        nodes.map(async (node, i) => {
          const dump = ((await deployerFor(i, node).rpc('anvil_dumpState', [])) as string).trim()
          await writeFile(stateFile(stateDir, node.chainId), gunzipSync(Buffer.from(dump.slice(2), 'hex')))
        }),
      )
      await writeFile(path.join(stateDir, 'deployment.json'), JSON.stringify(saved, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2))
      log(`devnet: deployed and saved state ${key}`)
    }
    const manifestPath = path.join(dir, 'manifest.json')
    await writeManifest(manifestPath, toManifest(saved, nodes, replay.url))
    const chainsFile = path.join(dir, 'chains.json')
    await writeChainsFile(chainsFile, toChainsFile(saved, nodes, replay.url))
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as DevnetManifest
    return { manifest, manifestPath, chainsFile, nodes, replay, deployed, stop: stopAll }
  } catch (cause) {
    await stopAll()
    throw cause instanceof DevnetError ? cause : new DevnetError('The devnet failed to start.', { cause })
  }
}

function deployerFor(i: number, node: AnvilNode): Deployer {
  return new Deployer(DEVNET_LAYOUT[i]!.chain.chain, node.rpcUrl, DEVNET_ACCOUNTS.deployer)
}

/** Deploys every listed protocol on every chain, in list order per chain (chains in parallel). */
async function deployAll(nodes: readonly AnvilNode[], cacheDir: string): Promise<SavedDeployment> {
  const contracts = await compileSharedDevnetContracts(cacheDir)
  // every compilation first, with nothing else in flight (solc-js holds the event loop for up to a minute)
  for (const p of DEVNET_PROTOCOLS) await (p as { compile?: (dir: string) => Promise<void> }).compile?.(cacheDir)
  const chains = await Promise.all(
    nodes.map(async (node, i): Promise<SavedChain> => {
      const layout = DEVNET_LAYOUT[i]!
      const deployer = deployerFor(i, node)
      await installMulticall3(deployer)
      const ctx: DevnetChainContext = { chain: layout.chain, l2: layout.l2, deployer, cacheDir, contracts, assets: [], usdOracle: null }
      const protocols: Record<string, unknown> = {}
      for (const p of DEVNET_PROTOCOLS) {
        const d = await (p.deploy as (c: DevnetChainContext) => Promise<unknown>)(ctx)
        if (d === null) continue
        protocols[p.key] = d
        addAssets(ctx, p, d)
      }
      return { assets: ctx.assets, usdOracle: ctx.usdOracle, protocols }
    }),
  )
  return { createdAt: new Date().toISOString(), chains }
}

/** What a protocol's deployment lists on the chain (its tokens and USD oracle), added to the context for the steps after it. */
function addAssets(ctx: DevnetChainContext, p: (typeof DEVNET_PROTOCOLS)[number], deployed: unknown): void {
  const listed = (p as { assetsOf?: (d: unknown, c: { l2: boolean }) => { assets: readonly DevnetAsset[]; usdOracle: Address | null } }).assetsOf?.(deployed, ctx)
  if (!listed) return
  ctx.assets.push(...listed.assets)
  ctx.usdOracle ??= listed.usdOracle
}

/** A chain's saved state: anvil's state JSON, as `--load-state` takes it. */
function stateFile(stateDir: string, chainId: number): string {
  return path.join(stateDir, `${chainId}.json`)
}

/** Re-posts every feed's answer on nodes started from a saved state (updatedAt = now), as a live feed's heartbeat would. */
async function repostFeeds(nodes: readonly AnvilNode[], saved: SavedDeployment): Promise<void> {
  await Promise.all(
    nodes.map(async (node, i) => {
      const d = deployerFor(i, node)
      for (const a of saved.chains[i]!.assets) {
        const answer = (await d.public.readContract({ address: a.priceFeed, abi: devnetPriceFeedAbi, functionName: 'latestAnswer' })) as bigint
        await d.send(a.priceFeed, devnetPriceFeedAbi, 'setAnswer', [answer])
      }
    }),
  )
}

/** The manifest: each chain's fields and every protocol's section, the API venues' sections, the accounts. */
function toManifest(saved: SavedDeployment, nodes: readonly AnvilNode[], replayUrl: string) {
  return {
    version: 1 as const,
    createdAt: saved.createdAt,
    perps: Object.assign({}, ...DEVNET_API_VENUES.map((v) => v.manifest(replayUrl))) as Record<string, unknown>,
    chains: DEVNET_LAYOUT.map((layout, i) => {
      const chain = saved.chains[i]!
      const sections = DEVNET_PROTOCOLS.map((p) => (p.manifest as (d: unknown, c: DevnetChain) => object)(chain.protocols[p.key] ?? null, layout.chain))
      return {
        key: layout.chain.key,
        chainId: layout.chain.chain.id,
        name: layout.chain.chain.name,
        rpcUrl: nodes[i]!.rpcUrl,
        assets: chain.assets.map((a) => {
          const exposure = exposureOfSymbol(a.symbol)
          return { ...a, riskFactor: exposure.base, riskFactors: factorsOf(exposure) }
        }),
        ...Object.assign({}, ...sections),
      }
    }),
    accounts: { ...DEVNET_ACCOUNTS, spare: [...DEVNET_ACCOUNTS.spare] },
  }
}

/** The devnet's chain list, in the format any chain list file has (config/chainsFile.ts): what the server reads. */
function toChainsFile(saved: SavedDeployment, nodes: readonly AnvilNode[], replayUrl: string): ChainsFileInput {
  return {
    version: 1,
    chains: DEVNET_LAYOUT.map((layout, i) => {
      const chain = saved.chains[i]!
      const protocols: Record<string, readonly unknown[]> = {}
      for (const p of DEVNET_PROTOCOLS) {
        const d = chain.protocols[p.key]
        if (d !== undefined) protocols[p.key] = (p.chainsFileEntries as (d: unknown, c: { usdOracle: Address | null }) => readonly unknown[])(d, chain)
      }
      return {
        key: layout.chain.key,
        chainId: layout.chain.chain.id,
        name: layout.chain.chain.name,
        rpcUrls: [nodes[i]!.rpcUrl],
        multicall3: MULTICALL3_ADDRESS,
        // blocks are mined on demand: a quiet devnet is not a stalled one
        maxHeadAgeSeconds: null,
        feedHeartbeats: chain.assets.map((a) => ({ asset: a.address, heartbeatSeconds: a.heartbeatSeconds })),
        protocols: protocols as Record<string, unknown[]>,
      }
    }),
    apiVenues: Object.fromEntries(DEVNET_API_VENUES.map((v) => [v.key, v.chainsFileEntry(replayUrl)])) as ChainsFileInput['apiVenues'],
    exampleWallets: [
      { label: 'Demo wallet (devnet: the seeded cross-chain book)', address: DEVNET_ACCOUNTS.demo },
      ...DEVNET_API_VENUES.flatMap((v) => v.exampleWallets(DEVNET_ACCOUNTS.demo)),
    ],
  }
}

async function loadSaved(stateDir: string): Promise<SavedDeployment | null> {
  try {
    const file = path.join(stateDir, 'deployment.json')
    const info = await stat(file)
    if (Date.now() - info.mtimeMs > MAX_STATE_AGE_MS) return null
    return JSON.parse(await readFile(file, 'utf8')) as SavedDeployment
  } catch {
    return null
  }
}

/** Every file under `dir` (repo-relative), recursively, or none when it is absent. */
async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = []
  const walk = async (d: string) => {
    let entries: import('node:fs').Dirent[]
    try {
      entries = await readdir(path.join(REPO_ROOT, d), { withFileTypes: true })
    } catch {
      return
    }
    for (const e of entries) {
      const p = path.join(d, e.name)
      if (e.isDirectory()) await walk(p)
      else if (!e.name.endsWith('.test.ts')) out.push(p)
    }
  }
  await walk(dir)
  return out
}

/**
 * Hash of everything that decides the deployed state: the devnet code, each
 * protocol's devnet steps (its `devnet.ts` and `devnet/` folder), the shared
 * contracts, the devnet chain definitions and the versions of the protocol
 * packages and anvil.
 */
async function deploymentKey(): Promise<string> {
  const hash = createHash('sha256')
  const require = createRequire(import.meta.url)
  const protocols = (await readdir(path.join(REPO_ROOT, 'src', 'protocols'), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => path.join('src', 'protocols', e.name))
  const files = [
    ...(await filesUnder(path.join('src', 'devnet'))),
    ...(await filesUnder('contracts')),
    ...protocols.flatMap((p) => [path.join(p, 'devnet.ts')]),
    ...(await Promise.all(protocols.map((p) => filesUnder(path.join(p, 'devnet'))))).flat(),
    path.join('chains', 'devnet.ts'),
  ].sort()
  // Morpho Blue is compiled from its npm source
  hash.update((require('@morpho-org/morpho-blue/package.json') as { version: string }).version)
  for (const f of files) {
    const content = await readFile(path.join(REPO_ROOT, f)).catch(() => null)
    if (content) hash.update(f).update(content)
  }
  for (const pkg of ['@aave/core-v3', 'solc']) {
    hash.update(pkg).update((require(`${pkg}/package.json`) as { version: string }).version)
  }
  hash.update(anvilBinaryPath())
  return hash.digest('hex').slice(0, 12)
}
