import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Abi, Address, Hex } from 'viem'
import type { LinkReferences } from '../../../devnet/compileSolidity.js'
import { DevnetError } from '../../../errors/index.js'

type HardhatArtifact = {
  contractName: string
  sourceName: string
  abi: Abi
  bytecode: Hex
  linkReferences: LinkReferences
}

const require = createRequire(import.meta.url)

/**
 * Loads a Hardhat artifact shipped by an npm package, e.g.
 * `loadArtifact('@aave/core-v3', 'protocol/pool/Pool.sol/Pool')`.
 */
export function loadArtifact(pkg: string, contractPath: string): HardhatArtifact {
  const root = path.dirname(require.resolve(`${pkg}/package.json`))
  return JSON.parse(readFileSync(path.join(root, 'artifacts', 'contracts', `${contractPath}.json`), 'utf8'))
}

/**
 * A creation bytecode with each library placeholder replaced by its deployed
 * address (offsets from `linkReferences`, in bytes: the hex offset is 2·start);
 * works for Hardhat artifacts and solc output alike.
 * @throws DevnetError when a referenced library has no address or a placeholder remains.
 */
export function linkBytecode(
  artifact: { readonly bytecode: Hex; readonly linkReferences?: LinkReferences },
  libraries: Readonly<Record<string, Address>>,
  name: string,
): Hex {
  let code = artifact.bytecode.slice(2)
  for (const libs of Object.values(artifact.linkReferences ?? {})) {
    for (const [lib, refs] of Object.entries(libs)) {
      const address = libraries[lib]
      if (!address) throw new DevnetError(`Library ${lib} must be deployed before ${name}.`)
      for (const { start, length } of refs) {
        code = code.slice(0, start * 2) + address.slice(2).toLowerCase() + code.slice((start + length) * 2)
      }
    }
  }
  if (code.includes('__$')) throw new DevnetError(`${name} still has unlinked libraries.`)
  return `0x${code}`
}
