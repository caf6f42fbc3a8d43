import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { getAddress, type Address } from 'viem'
import { z } from 'zod'
import { DevnetError } from '../errors/index.js'

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/).transform((a) => getAddress(a))

const assetSchema = z.object({
  symbol: z.string(),
  address,
  decimals: z.number().int(),
  priceFeed: address,
  /** Base risk factor the asset nets under (wstETH → ETH). */
  riskFactor: z.string(),
  /** Every factor its price moves with, base first (wstETH → ETH, WSTETH_ETH). */
  riskFactors: z.array(z.string()).min(1),
  /** The feed's heartbeat: older than this, its price is stale. Seconds. */
  heartbeatSeconds: z.number().int().positive(),
})

const morphoMarketSchema = z.object({
  /** Market id: keccak256(abi.encode(MarketParams)). */
  id: z.string().regex(/^0x[0-9a-fA-F]{64}$/).transform((s) => s as `0x${string}`),
  label: z.string(),
  loanSymbol: z.string(),
  collateralSymbol: z.string(),
  loanToken: address,
  collateralToken: address,
  oracle: address,
  irm: address,
  /** LLTV, WAD, as a decimal string. */
  lltv: z.string().regex(/^\d+$/),
  /** The real market it is modelled on: id and chain. */
  imitates: z.string(),
})

const chainSchema = z.object({
  key: z.string(),
  chainId: z.number().int(),
  name: z.string(),
  rpcUrl: z.string().url(),
  /** The real market the chain's Aave V3 imitates, and the dated snapshot its parameters come from. */
  imitates: z.string(),
  paramsSource: z.string(),
  aaveV3: z.object({
    version: z.literal('3.0'),
    pool: address,
    poolAddressesProvider: address,
    poolConfigurator: address,
    oracle: address,
    dataProvider: address,
    aclManager: address,
    /** Aave's PriceOracleSentinel and its sequencer uptime feed (L2-like chains), or null. */
    priceOracleSentinel: address.nullable(),
    sequencerOracle: address.nullable(),
  }),
  /** Morpho Blue on this chain, or null. */
  morphoBlue: z.object({ morpho: address, markets: z.array(morphoMarketSchema) }).nullable(),
  assets: z.array(assetSchema),
})

const manifestSchema = z.object({
  version: z.literal(1),
  createdAt: z.string(),
  chains: z.array(chainSchema).min(1),
  /** Off-chain perps venues the devnet serves by replaying recorded responses. */
  perps: z.object({
    hyperliquid: z.object({
      /** Hyperliquid-compatible `POST /info` endpoint on loopback. */
      infoUrl: z.string().url(),
      recordings: z.array(
        z.object({
          address,
          file: z.string(),
          /** Unix seconds, as a decimal string; null when unknown. */
          recordedAt: z.string().regex(/^\d+$/).nullable(),
          description: z.string(),
        }),
      ),
    }),
  }),
  accounts: z.object({
    /** Deployer and every admin role. */
    deployer: address,
    /** The demo wallet, with a cross-chain book. */
    demo: address,
    /** Supplies the liquidity every chain's borrowers draw on. */
    liquidityProvider: address,
    /** Funded with every asset, for liquidation calls. */
    liquidator: address,
    /** Funded with ETH only, free for tests. */
    spare: z.array(address),
  }),
})

/** `.devnet/manifest.json`: what the devnet deployed, for the server, tests and outside tools. */
export type DevnetManifest = z.output<typeof manifestSchema>
export type DevnetManifestChain = DevnetManifest['chains'][number]
export type DevnetManifestAsset = DevnetManifestChain['assets'][number]

/** Default manifest location, relative to the working directory. */
export const DEFAULT_MANIFEST_PATH = path.join('.devnet', 'manifest.json')

/** Writes the manifest (pretty JSON). */
export async function writeManifest(file: string, manifest: DevnetManifest): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, `${JSON.stringify(manifest, null, 2)}\n`)
}

/**
 * Reads and validates a manifest.
 * @throws DevnetError when the file is missing or malformed (start the devnet first).
 */
export async function readManifest(file: string = DEFAULT_MANIFEST_PATH): Promise<DevnetManifest> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (cause) {
    throw new DevnetError(`No devnet manifest at ${file}: start the devnet with \`npm run devnet\` first.`, { cause })
  }
  const parsed = manifestSchema.safeParse(JSON.parse(text))
  if (!parsed.success) {
    throw new DevnetError(`The devnet manifest at ${file} is malformed: ${parsed.error.issues[0]?.message ?? ''}`)
  }
  return parsed.data
}

/** Finds a chain of the manifest. @throws DevnetError when absent. */
export function manifestChain(manifest: DevnetManifest, chainId: number): DevnetManifestChain {
  const chain = manifest.chains.find((c) => c.chainId === chainId)
  if (!chain) throw new DevnetError(`Chain ${chainId} is not in the devnet manifest.`)
  return chain
}

/** The manifest's address for a symbol on a chain. @throws DevnetError when absent. */
export function manifestAsset(chain: DevnetManifestChain, symbol: string): DevnetManifestAsset & { address: Address } {
  const asset = chain.assets.find((a) => a.symbol === symbol)
  if (!asset) throw new DevnetError(`${symbol} is not listed on devnet chain ${chain.chainId}.`)
  return asset
}
