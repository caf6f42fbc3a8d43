import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { getAddress } from 'viem'
import { z } from 'zod'
import { DevnetError } from '../errors/index.js'
import { DEVNET_API_VENUES, DEVNET_PROTOCOLS } from './protocols.js'

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

/** The chain fields the devnet itself writes; each protocol adds its own section (DevnetProtocol.manifestSchema). */
const baseChainSchema = z.object({
  key: z.string(),
  chainId: z.number().int(),
  name: z.string(),
  rpcUrl: z.string().url(),
  /** The tokens listed on the chain and their USD feeds. */
  assets: z.array(assetSchema),
})

const chainSchema = DEVNET_PROTOCOLS.reduce<z.ZodObject<z.ZodRawShape>>((schema, p) => schema.extend(p.manifestSchema.shape), baseChainSchema)
const perpsSchema = DEVNET_API_VENUES.reduce<z.ZodObject<z.ZodRawShape>>((schema, v) => schema.extend(v.manifestSchema.shape), z.object({}))

const manifestSchema = z.object({
  version: z.literal(1),
  createdAt: z.string(),
  chains: z.array(chainSchema).min(1),
  /** Venues read over an API that the devnet serves by replaying recorded responses. */
  perps: perpsSchema,
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

/** The intersection of a union's members. */
type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never

/** One chain of the manifest: the devnet's fields and every listed protocol's section. */
export type DevnetManifestChain = z.output<typeof baseChainSchema> & Intersection<z.output<(typeof DEVNET_PROTOCOLS)[number]['manifestSchema']>>
export type DevnetManifestAsset = DevnetManifestChain['assets'][number]

/** `.devnet/manifest.json`: what the devnet deployed, for tests and outside tools (the server reads the chain list file). */
export type DevnetManifest = Omit<z.output<typeof manifestSchema>, 'chains' | 'perps'> & {
  readonly chains: readonly DevnetManifestChain[]
  readonly perps: Intersection<z.output<(typeof DEVNET_API_VENUES)[number]['manifestSchema']>>
}

/** Default manifest location, relative to the working directory. */
export const DEFAULT_MANIFEST_PATH = path.join('.devnet', 'manifest.json')

/** Writes the manifest (pretty JSON). */
export async function writeManifest(file: string, manifest: z.input<typeof manifestSchema>): Promise<void> {
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
  // the schema is composed from the listed protocols' sections, so its static type is the composed one
  return parsed.data as unknown as DevnetManifest
}
