import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { ConfigError } from '../errors/index.js'
import { addressSchema } from './schemas.js'

/**
 * A chain list file (CHAINS_FILE): the chains a server reads that are not
 * among the public ones it knows (a local devnet, a fork), each with its RPC
 * URLs and the protocols deployed on it, plus the venues read over an API and
 * where, and wallets worth showing a new user. The local devnet writes one;
 * anyone may. Protocol entries are checked by each protocol's own schema when
 * the chains are resolved (config/resolveChains.ts).
 */
const chainEntrySchema = z.object({
  /** Short stable key, e.g. `devnet-l1`. */
  key: z.string().min(1),
  chainId: z.number().int().positive(),
  name: z.string().min(1),
  /** RPC URLs in order of preference (RPC_URL_<chainId> overrides them). */
  rpcUrls: z.array(z.string().url()).min(1),
  /** Multicall3 on the chain. */
  multicall3: addressSchema,
  /** A head older than this (seconds) marks the chain's data stale; null where blocks are mined on demand. */
  maxHeadAgeSeconds: z.number().positive().nullable(),
  /** Each price feed's heartbeat by asset: older than it, the asset's price is stale. Seconds. */
  feedHeartbeats: z.array(z.object({ asset: addressSchema, heartbeatSeconds: z.number().int().positive() })),
  /** The protocols deployed on the chain: protocol key → its deployments (each protocol's own shape). */
  protocols: z.record(z.string(), z.array(z.unknown())),
})

/** Where an API venue is read, and whether its answers are replayed recordings (and which, per account). */
const apiVenueEntrySchema = z.object({
  url: z.string().url(),
  replay: z
    .object({
      recordings: z.array(
        z.object({
          account: z.string().min(1),
          recording: z.string().min(1),
          /** Unix seconds, as a decimal string; null when unknown. */
          recordedAt: z.string().regex(/^\d+$/).nullable(),
        }),
      ),
    })
    .nullable(),
})

const chainsFileSchema = z.object({
  version: z.literal(1),
  chains: z.array(chainEntrySchema).min(1),
  /** Venues read over an API: protocol key → where. A venue not listed is not read when the chains come from this file. */
  apiVenues: z.record(z.string(), apiVenueEntrySchema),
  /** Wallets the dashboard offers to pick. */
  exampleWallets: z.array(z.object({ label: z.string(), address: addressSchema })),
})

/** A chain list file's content. */
export type ChainsFile = z.output<typeof chainsFileSchema>
export type ChainsFileChain = ChainsFile['chains'][number]
export type ChainsFileApiVenue = ChainsFile['apiVenues'][string]

/** What a chain list file is written from (addresses may be in any case). */
export type ChainsFileInput = z.input<typeof chainsFileSchema>

/** Default chain list location, relative to the working directory: where the local devnet writes its own. */
export const DEFAULT_CHAINS_FILE = path.join('.devnet', 'chains.json')

/**
 * Reads and checks a chain list file.
 * @throws ConfigError (key CHAINS_FILE) when it is missing or malformed, naming the entry at fault.
 */
export async function readChainsFile(file: string): Promise<ChainsFile> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    throw new ConfigError('CHAINS_FILE', `no chain list at ${file}: start the local devnet (\`npm run devnet\`) or name chains with XMARGIN_CHAINS and RPC_URL_<chainId>`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (cause) {
    throw new ConfigError('CHAINS_FILE', `${file} is not JSON (${cause instanceof SyntaxError ? cause.message : 'unreadable'})`)
  }
  const parsed = chainsFileSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new ConfigError('CHAINS_FILE', `${file}: ${issue.path.join('.') || 'content'}: ${issue.message}`)
  }
  return parsed.data
}

/** Writes a chain list file (pretty JSON), checking it first. @throws ConfigError when the content does not match the format. */
export async function writeChainsFile(file: string, content: ChainsFileInput): Promise<void> {
  const parsed = chainsFileSchema.safeParse(content)
  if (!parsed.success) throw new ConfigError('CHAINS_FILE', `${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`)
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, `${JSON.stringify(content, null, 2)}\n`)
}
