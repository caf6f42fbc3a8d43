import type { IncomingMessage } from 'node:http'
import type { Address } from 'viem'
import type { z } from 'zod'
import type { DevnetChain } from '../../chains/devnet.js'
import type { CompiledContract } from './compileSolidity.js'
import type { Deployer } from './deployer.js'

/**
 * What a protocol contributes to the local devnet: its deploy and seed steps,
 * in its own folder (`src/protocols/<p>/devnet.ts`), listed once in the
 * devnet's own list (src/devnet/protocols.ts). The production server never
 * imports them: it reads what the devnet writes (the chain list file).
 */

/** A token the devnet lists on a chain with its USD price feed (a DevnetPriceFeed, 8 decimals). */
export type DevnetAsset = {
  readonly symbol: string
  readonly address: Address
  readonly decimals: number
  readonly priceFeed: Address
  /** The feed's heartbeat: older than this, its price is stale. Seconds. */
  readonly heartbeatSeconds: number
}

/**
 * One devnet chain as the protocols' steps see it while deploying. Steps run
 * in list order; a step that lists tokens adds them to `assets` (with their
 * feeds) and may name the chain's `usdOracle`, for the steps after it.
 */
export type DevnetChainContext = {
  readonly chain: DevnetChain
  /** An L2-like chain (a sequencer feed and its gate where a protocol has one). */
  readonly l2: boolean
  readonly deployer: Deployer
  /** Where compiled contracts are cached (shared by every devnet of the checkout, keyed by content). */
  readonly cacheDir: string
  /** The devnet's shared contracts: the settable USD price feed every listed token is priced by. */
  readonly contracts: { readonly priceFeed: CompiledContract }
  readonly assets: DevnetAsset[]
  /** A contract answering `getAssetsPrices(address[])` in USD 1e8 for `assets`, once a step deployed one; else null. */
  usdOracle: Address | null
}

/**
 * A protocol's devnet steps on the EVM chains. `D` is what it deployed on one
 * chain (saved with the chain's state, so a reloaded devnet needs no redeploy).
 * `manifestSchema` is its section of each manifest chain entry (zod object
 * whose keys are its own, e.g. `aaveV3`), for tests and outside tools.
 */
export type DevnetProtocol<D, M extends z.ZodRawShape> = {
  /** The protocol's key (the registry's): its entries in the chain list file. */
  readonly key: string
  /**
   * Compiles what its deployment needs (or loads it from the cache), once,
   * before any chain deploys: solc-js compiles on the event loop, and a long
   * compilation during the chains' parallel deployment would time out their
   * requests. @throws DevnetError when compilation fails.
   */
  compile?(cacheDir: string): Promise<void>
  /** Deploys and seeds the protocol on one chain; null where it has nothing there. @throws DevnetError on a failed step. */
  deploy(ctx: DevnetChainContext): Promise<D | null>
  /** What it lists on a chain, from a saved deployment (reloaded devnet), as `deploy` would have added it. */
  assetsOf?(deployed: D, ctx: Pick<DevnetChainContext, 'l2'>): { readonly assets: readonly DevnetAsset[]; readonly usdOracle: Address | null }
  /** Runs after a saved state was loaded (e.g. re-posting feed answers, as a live feed's heartbeat would). */
  reload?(ctx: DevnetChainContext, deployed: D): Promise<void>
  /** Its deployments on the chain in the chain list file's shape (the server's schema for the protocol). */
  chainsFileEntries(deployed: D, ctx: Pick<DevnetChainContext, 'usdOracle'>): readonly unknown[]
  /** Its section of the manifest's chain entry (for the chain it deployed `deployed` on, null where nothing), and the section's schema. */
  readonly manifestSchema: z.ZodObject<M>
  manifest(deployed: D | null, chain: DevnetChain): z.input<z.ZodObject<M>>
}

/** A recorded API the devnet replays on loopback for a venue read over HTTP. */
export type DevnetReplayRoute = {
  /** The request's answer (status, body), or null when the route does not serve it. */
  answer(req: IncomingMessage, url: URL, body: () => Promise<Buffer>): Promise<{ readonly status: number; readonly body: string | Buffer; readonly route: string } | null>
}

/**
 * A protocol read over its own API, as the devnet serves it: recorded
 * responses replayed from the devnet's loopback replay server.
 * `manifestSchema` is its section of the manifest's `perps`.
 */
export type DevnetApiVenue<M extends z.ZodRawShape> = {
  readonly key: string
  /** The route of the replay server that answers for it. */
  readonly replay: DevnetReplayRoute
  /** Its chain list entry: where the server reads it (the replay server's `url`), and which recording each account gets. */
  chainsFileEntry(replayUrl: string): { readonly url: string; readonly replay: { readonly recordings: readonly { readonly account: string; readonly recording: string; readonly recordedAt: string | null }[] } }
  /** Wallets worth showing a new user (beside the demo wallet). */
  exampleWallets(demo: Address): readonly { readonly label: string; readonly address: Address }[]
  readonly manifestSchema: z.ZodObject<M>
  manifest(replayUrl: string): z.input<z.ZodObject<M>>
}
