import { createHash } from 'node:crypto'
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Hex } from 'viem'
import { devnetChains } from '../../chains/devnet.js'
import { exposureOfSymbol } from '../domain/riskFactorTable.js'
import { factorsOf } from '../domain/riskFactor.js'
import { DevnetError } from '../errors/index.js'
import { DEVNET_ACCOUNTS } from './accounts.js'
import { anvilBinaryPath, startAnvil, type AnvilNode } from './anvil.js'
import { deployAaveV3Market, installMulticall3, type DeployedAaveMarket } from './deployAaveV3.js'
import { Deployer } from './deployer.js'
import { writeManifest, type DevnetManifest } from './manifest.js'
import { chainsFileOf } from './chainsFileOf.js'
import { writeChainsFile } from '../config/chainsFile.js'
import { devnetPriceFeedAbi } from './priceFeedAbi.js'
import { devnetMarkets, type DevnetMarketParams } from './marketParams.js'
import { feedHeartbeatSeconds } from './feedHeartbeats.js'
import { HYPERLIQUID_META_RECORDING, HYPERLIQUID_RECORDINGS, HYPERLIQUID_RECORDINGS_DIR } from './hyperliquidRecordings.js'
import { startPerpReplayServer, type PerpReplayServer } from './perpReplayServer.js'
import { DEMO_BOOKS, MORPHO_DEMO_BOOKS, seedMarket, seedMorphoBlue } from './seedDevnet.js'
import { deployMorphoBlue, type DeployedMorphoBlue } from './deployMorphoBlue.js'
import { compileDevnetContracts } from './morphoArtifacts.js'
import { devnetMorphoMarkets } from './morphoMarketParams.js'

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

/** The perps replay server listens on basePort + this (8555 by default). */
const REPLAY_PORT_OFFSET = 10

/** A saved state older than this is redeployed, so interest accrued over the gap stays small. */
const MAX_STATE_AGE_MS = 7 * 24 * 3600 * 1000

/** The devnet's chains, each with the market it imitates. */
/** Aave's grace period after the sequencer comes back up on its L2 markets, seconds (PriceOracleSentinel). */
const SEQUENCER_GRACE_PERIOD_SECONDS = 3600

const DEVNET_LAYOUT = [
  { config: devnetChains[0], l2: false, market: devnetMarkets.l1, book: DEMO_BOOKS.l1, morpho: devnetMorphoMarkets.l1, morphoBooks: MORPHO_DEMO_BOOKS.l1 },
  { config: devnetChains[1], l2: true, market: devnetMarkets.arb, book: DEMO_BOOKS.arb, morpho: [], morphoBooks: MORPHO_DEMO_BOOKS.arb },
  { config: devnetChains[2], l2: true, market: devnetMarkets.base, book: DEMO_BOOKS.base, morpho: devnetMorphoMarkets.base, morphoBooks: MORPHO_DEMO_BOOKS.base },
] as const

export type StartDevnetParameters = {
  /** Chain i listens on basePort + i. Default 8545. */
  basePort?: number
  /** Folder for the manifest and saved states. Default `.devnet` in the repo. */
  dir?: string
  /** Progress lines. */
  log?: (line: string) => void
}

export type DevnetHandle = {
  readonly manifest: DevnetManifest
  /** The replay server behind the perps venues' endpoints. */
  readonly replay: PerpReplayServer
  readonly manifestPath: string
  /** The devnet's chain list file (CHAINS_FILE), what the server reads. */
  readonly chainsFile: string
  readonly nodes: readonly AnvilNode[]
  /** true when the state was deployed now, false when loaded from a saved state. */
  readonly deployed: boolean
  /** Stops every node this devnet started. */
  stop(): Promise<void>
}

type SavedDeployment = { createdAt: string; markets: DeployedAaveMarket[]; morpho: (DeployedMorphoBlue | null)[] }

/**
 * Starts the three-chain devnet: anvil nodes with Multicall3 and Aave V3
 * (v3.0.x, real `@aave/core-v3` artifacts) and the seeded demo book. The
 * first start deploys and saves each node's state (anvil_dumpState) under a
 * key hashed from the deployment code; later starts load it in well under a
 * second. Addresses are identical on every start.
 * @throws DevnetError when a node cannot start or a deployment step fails.
 */
export async function startDevnet(params: StartDevnetParameters = {}): Promise<DevnetHandle> {
  const basePort = params.basePort ?? 8545
  const dir = params.dir ?? path.join(REPO_ROOT, '.devnet')
  const log = params.log ?? (() => {})
  const key = await deploymentKey()
  const stateDir = path.join(dir, 'state', key)

  const nodes = await Promise.all(
    DEVNET_LAYOUT.map((c, i) => startAnvil({ chainId: c.config.chain.id, port: basePort + i, cacheDir: path.join(dir, 'anvil-cache', String(c.config.chain.id)) })),
  )
  let replay: PerpReplayServer
  try {
    replay = await startPerpReplayServer(
      {
        hyperliquidUsers: Object.fromEntries(HYPERLIQUID_RECORDINGS.map((r) => [r.address.toLowerCase(), path.join(HYPERLIQUID_RECORDINGS_DIR, r.file)])),
        hyperliquidMeta: path.join(HYPERLIQUID_RECORDINGS_DIR, HYPERLIQUID_META_RECORDING),
        dydxSubaccounts: {},
        dydxMarkets: null,
      },
      basePort + REPLAY_PORT_OFFSET,
    )
  } catch (cause) {
    await Promise.all(nodes.map((n) => n.stop()))
    throw new DevnetError(`The perps replay server could not listen on port ${basePort + REPLAY_PORT_OFFSET} (in use?).`, { cause })
  }
  const stopAll = async () => {
    await Promise.all([...nodes.map((n) => n.stop()), replay.stop()])
  }
  try {
    let saved = await loadSaved(stateDir)
    let deployed = false
    if (saved) {
      await Promise.all(
        nodes.map(async (node, i) => {
          const hex = await readFile(path.join(stateDir, `${node.chainId}.hex`), 'utf8')
          await deployerFor(i, node).rpc('anvil_loadState', [hex.trim() as Hex])
        }),
      )
      // feeds keep their heartbeat like live oracles: re-post every answer so a
      // reloaded devnet does not show day-old prices as stale
      await Promise.all(nodes.map((node, i) => refreshFeeds(deployerFor(i, node), saved!.markets[i]!)))
      log(`devnet: loaded saved state ${key} (${saved.createdAt})`)
    } else {
      log('devnet: deploying Aave V3 on three chains (first start for this code version)')
      const contracts = await compileDevnetContracts(path.join(dir, 'cache'))
      const chainsDeployed = await Promise.all(
        nodes.map(async (node, i) => {
          const layout = DEVNET_LAYOUT[i]!
          const d = deployerFor(i, node)
          await installMulticall3(d)
          const market = await deployAaveV3Market(d, {
            marketId: `xmargin devnet ${layout.config.key}`,
            reserves: layout.market.reserves,
            eModeCategories: layout.market.eModeCategories,
            priceFeed: contracts.priceFeed,
            sequencerGracePeriodSeconds: layout.l2 ? SEQUENCER_GRACE_PERIOD_SECONDS : undefined,
          })
          await seedMarket(d, market, [layout.book])
          let morpho: DeployedMorphoBlue | null = null
          if (layout.morpho.length > 0) {
            morpho = await deployMorphoBlue(d, { contracts, aave: market, markets: layout.morpho, liquidityProvider: DEVNET_ACCOUNTS.liquidityProvider })
            await seedMorphoBlue(d, morpho, contracts.morpho.abi, layout.morphoBooks)
          }
          return { market, morpho }
        }),
      )
      saved = { createdAt: new Date().toISOString(), markets: chainsDeployed.map((x) => x.market), morpho: chainsDeployed.map((x) => x.morpho) }
      await mkdir(stateDir, { recursive: true })
      await Promise.all(
        nodes.map(async (node, i) => {
          const hex = (await deployerFor(i, node).rpc('anvil_dumpState', [])) as string
          await writeFile(path.join(stateDir, `${node.chainId}.hex`), hex)
        }),
      )
      await writeFile(path.join(stateDir, 'deployment.json'), JSON.stringify(saved, null, 2))
      deployed = true
      log(`devnet: deployed and saved state ${key}`)
    }
    const manifest = toManifest(saved, nodes, replay.url)
    const manifestPath = path.join(dir, 'manifest.json')
    await writeManifest(manifestPath, manifest)
    const chainsFile = path.join(dir, 'chains.json')
    await writeChainsFile(chainsFile, chainsFileOf(manifest))
    return { manifest, manifestPath, chainsFile, nodes, replay, deployed, stop: stopAll }
  } catch (cause) {
    await stopAll()
    throw cause instanceof DevnetError ? cause : new DevnetError('The devnet failed to start.', { cause })
  }
}

function deployerFor(i: number, node: AnvilNode): Deployer {
  return new Deployer(DEVNET_LAYOUT[i]!.config.chain, node.rpcUrl, DEVNET_ACCOUNTS.deployer)
}

function toManifest(saved: SavedDeployment, nodes: readonly AnvilNode[], replayUrl: string): DevnetManifest {
  return {
    version: 1,
    createdAt: saved.createdAt,
    perps: {
      hyperliquid: {
        infoUrl: `${replayUrl}/info`,
        recordings: HYPERLIQUID_RECORDINGS.map((r) => ({ address: r.address, file: r.file, recordedAt: r.recordedAt?.toString() ?? null, description: r.description })),
      },
    },
    chains: DEVNET_LAYOUT.map((layout, i) => {
      const market = saved.markets[i]!
      return {
        key: layout.config.key,
        chainId: layout.config.chain.id,
        name: layout.config.chain.name,
        rpcUrl: nodes[i]!.rpcUrl,
        imitates: layout.market.imitates,
        paramsSource: sourceLine(layout.market),
        aaveV3: {
          version: '3.0' as const,
          pool: market.pool,
          poolAddressesProvider: market.poolAddressesProvider,
          poolConfigurator: market.poolConfigurator,
          oracle: market.oracle,
          dataProvider: market.dataProvider,
          aclManager: market.aclManager,
          priceOracleSentinel: market.priceOracleSentinel,
          sequencerOracle: market.sequencerOracle,
        },
        morphoBlue: saved.morpho[i] ?? null,
        assets: market.reserves.map((r) => {
          const exposure = exposureOfSymbol(r.symbol)
          return {
            symbol: r.symbol,
            address: r.asset,
            decimals: r.decimals,
            priceFeed: r.priceFeed,
            riskFactor: exposure.base,
            riskFactors: factorsOf(exposure),
            heartbeatSeconds: feedHeartbeatSeconds(r.symbol, layout.l2),
          }
        }),
      }
    }),
    accounts: {
      deployer: DEVNET_ACCOUNTS.deployer,
      demo: DEVNET_ACCOUNTS.demo,
      liquidityProvider: DEVNET_ACCOUNTS.liquidityProvider,
      liquidator: DEVNET_ACCOUNTS.liquidator,
      spare: [...DEVNET_ACCOUNTS.spare],
    },
  }
}

function sourceLine(m: DevnetMarketParams): string {
  return `${m.source.repo} ${m.source.path} @ ${m.source.commit.slice(0, 8)} (${m.source.date})`
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

/**
 * Hash of everything that decides the deployed state: the devnet code, the
 * contracts, the devnet chain definitions and the versions of the protocol
 * packages and anvil.
 */
async function deploymentKey(): Promise<string> {
  const hash = createHash('sha256')
  const require = createRequire(import.meta.url)
  const files = [
    ...(await readdir(path.join(REPO_ROOT, 'src', 'devnet'))).filter((f) => f.endsWith('.ts')).map((f) => path.join('src', 'devnet', f)),
    ...(await readdir(path.join(REPO_ROOT, 'contracts'))).map((f) => path.join('contracts', f)),
    path.join('chains', 'devnet.ts'),
  ].sort()
  // Morpho Blue is compiled from its npm source
  hash.update((require('@morpho-org/morpho-blue/package.json') as { version: string }).version)
  for (const f of files) hash.update(f).update(await readFile(path.join(REPO_ROOT, f)))
  for (const pkg of ['@aave/core-v3', 'solc']) {
    hash.update(pkg).update((require(`${pkg}/package.json`) as { version: string }).version)
  }
  hash.update(anvilBinaryPath())
  return hash.digest('hex').slice(0, 12)
}

/** Re-posts each feed's current answer (updatedAt = now), as a live feed's heartbeat would. */
async function refreshFeeds(d: Deployer, market: DeployedAaveMarket): Promise<void> {
  for (const r of market.reserves) {
    const answer = (await d.public.readContract({ address: r.priceFeed, abi: devnetPriceFeedAbi, functionName: 'latestAnswer' })) as bigint
    await d.send(r.priceFeed, devnetPriceFeedAbi, 'setAnswer', [answer])
  }
}
