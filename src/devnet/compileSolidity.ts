import { createHash, randomUUID } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Abi, Hex } from 'viem'
import { DevnetError } from '../errors/index.js'

/**
 * Byte offsets of each library placeholder in a creation bytecode, by source
 * unit and library name (solc's `evm.bytecode.linkReferences`).
 */
export type LinkReferences = Record<string, Record<string, readonly { start: number; length: number }[]>>

/** A compiled contract: its ABI, creation bytecode and the libraries it links. */
export type CompiledContract = { abi: Abi; bytecode: Hex; linkReferences?: LinkReferences }

/**
 * How to compile: the solc-js package (an npm name: `solc` is 0.8.19, the
 * alias `solc-0.8.27` is 0.8.27), optimizer runs, EVM version, import
 * remappings and whether the metadata hash is appended.
 */
export type SolcSettings = {
  readonly compiler: 'solc' | 'solc-0.8.27'
  readonly runs: number
  readonly evmVersion: 'paris' | 'shanghai'
  readonly remappings?: readonly string[]
  readonly bytecodeHash?: 'none' | 'ipfs'
}

/** The devnet's own contracts and Morpho Blue: solc 0.8.19, optimizer 999,999 runs, paris. */
const DEFAULT_SETTINGS: SolcSettings = { compiler: 'solc', runs: 999_999, evmVersion: 'paris' }

type SolcOutput = {
  errors?: { severity: string; formattedMessage: string }[]
  contracts: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string; linkReferences?: LinkReferences } } }>>
}

/**
 * Compiles Solidity sources with solc-js and caches the output under
 * `cacheDir`, keyed by a hash of the sources and the settings, so no devnet
 * start recompiles unchanged code (the cache file is written whole, then
 * renamed into place, so concurrent starts never read half a file).
 *
 * @param sources map of source unit name (e.g. `src/Morpho.sol`) to its text;
 *   every import must be among them (after `settings.remappings`).
 * @returns every contract as `"<unit>:<name>"` → ABI, creation bytecode and link references.
 * @throws DevnetError when solc reports an error.
 */
export function compileSolidity(
  sources: Record<string, string>,
  cacheDir: string,
  settings: SolcSettings = DEFAULT_SETTINGS,
): Promise<Record<string, CompiledContract>> {
  const hash = createHash('sha256').update(JSON.stringify(settings))
  for (const [name, content] of Object.entries(sources).sort(([a], [b]) => a.localeCompare(b))) {
    hash.update(name).update('\0').update(content).update('\0')
  }
  const cacheFile = path.join(cacheDir, `solc-${hash.digest('hex').slice(0, 16)}.json`)
  // one compilation per process and content: chains deployed in parallel share it
  let pending = inProcess.get(cacheFile)
  if (!pending) {
    pending = compileOrLoad(sources, cacheFile, settings)
    inProcess.set(cacheFile, pending)
    pending.catch(() => inProcess.delete(cacheFile))
  }
  return pending
}

const inProcess = new Map<string, Promise<Record<string, CompiledContract>>>()

async function compileOrLoad(sources: Record<string, string>, cacheFile: string, settings: SolcSettings): Promise<Record<string, CompiledContract>> {
  try {
    return JSON.parse(await readFile(cacheFile, 'utf8')) as Record<string, CompiledContract>
  } catch {
    // not cached yet
  }
  const solc = createRequire(import.meta.url)(settings.compiler) as { compile(input: string): string }
  const input = {
    language: 'Solidity',
    sources: Object.fromEntries(Object.entries(sources).map(([k, content]) => [k, { content }])),
    settings: {
      optimizer: { enabled: true, runs: settings.runs },
      evmVersion: settings.evmVersion,
      remappings: settings.remappings ?? [],
      ...(settings.bytecodeHash ? { metadata: { bytecodeHash: settings.bytecodeHash } } : {}),
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.bytecode.linkReferences'] } },
    },
  }
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
  if (errors.length > 0) {
    throw new DevnetError('Solidity compilation failed.', { details: errors.map((e) => e.formattedMessage).join('\n') })
  }
  const result: Record<string, CompiledContract> = {}
  for (const [unit, contracts] of Object.entries(output.contracts)) {
    for (const [name, c] of Object.entries(contracts)) {
      if (c.evm.bytecode.object === '') continue // interfaces and abstract contracts
      const links = c.evm.bytecode.linkReferences ?? {}
      result[`${unit}:${name}`] = { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}`, ...(Object.keys(links).length > 0 ? { linkReferences: links } : {}) }
    }
  }
  await mkdir(path.dirname(cacheFile), { recursive: true })
  const tmp = `${cacheFile}.${process.pid}.${randomUUID()}.tmp`
  await writeFile(tmp, JSON.stringify(result))
  await rename(tmp, cacheFile)
  return result
}
