import { createHash } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Abi, Hex } from 'viem'
import { DevnetError } from '../errors/index.js'

/** A compiled contract: its ABI and creation bytecode. */
export type CompiledContract = { abi: Abi; bytecode: Hex }

type SolcOutput = {
  errors?: { severity: string; formattedMessage: string }[]
  contracts: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>>
}

/**
 * Compiles Solidity sources with solc-js 0.8.19 (optimizer on, evmVersion
 * paris) and caches the output under `cacheDir`, keyed by a hash of the
 * sources, so a devnet start never recompiles unchanged code.
 *
 * @param sources map of source unit name (e.g. `src/Morpho.sol`) to its text.
 * @returns every contract as `"<unit>:<name>"` → ABI and creation bytecode.
 * @throws DevnetError when solc reports an error.
 */
export async function compileSolidity(
  sources: Record<string, string>,
  cacheDir: string,
): Promise<Record<string, CompiledContract>> {
  const hash = createHash('sha256')
  for (const [name, content] of Object.entries(sources).sort(([a], [b]) => a.localeCompare(b))) {
    hash.update(name).update('\0').update(content).update('\0')
  }
  const cacheFile = path.join(cacheDir, `solc-${hash.digest('hex').slice(0, 16)}.json`)
  try {
    return JSON.parse(await readFile(cacheFile, 'utf8')) as Record<string, CompiledContract>
  } catch {
    // not cached yet
  }
  const solc = createRequire(import.meta.url)('solc') as { compile(input: string): string }
  const input = {
    language: 'Solidity',
    sources: Object.fromEntries(Object.entries(sources).map(([k, content]) => [k, { content }])),
    settings: {
      optimizer: { enabled: true, runs: 999_999 },
      evmVersion: 'paris',
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
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
      result[`${unit}:${name}`] = { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}` }
    }
  }
  await mkdir(cacheDir, { recursive: true })
  await writeFile(cacheFile, JSON.stringify(result))
  return result
}
