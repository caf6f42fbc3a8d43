import { readFile, readdir, stat } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DevnetError } from '../errors/index.js'
import { compileSolidity, type CompiledContract } from './compileSolidity.js'

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

/** The contracts the devnet compiles: Morpho Blue from its npm source, and the devnet's own. */
export type DevnetContracts = {
  readonly morpho: CompiledContract
  readonly priceFeed: CompiledContract
  readonly morphoOracle: CompiledContract
  readonly curveIrm: CompiledContract
}

/**
 * Compiles Morpho Blue (`@morpho-org/morpho-blue` src/, unit names `src/...`)
 * together with contracts/ using solc-js 0.8.19; cached under `cacheDir` by a
 * hash of the sources, so only the first start pays the ~3 s.
 * @throws DevnetError when a contract is missing from the output.
 */
export async function compileDevnetContracts(cacheDir: string): Promise<DevnetContracts> {
  const morphoRoot = path.dirname(createRequire(import.meta.url).resolve('@morpho-org/morpho-blue/package.json'))
  const sources: Record<string, string> = {}
  const walk = async (dir: string) => {
    for (const f of await readdir(dir)) {
      const p = path.join(dir, f)
      if ((await stat(p)).isDirectory()) await walk(p)
      else if (p.endsWith('.sol')) sources[path.relative(morphoRoot, p).split(path.sep).join('/')] = await readFile(p, 'utf8')
    }
  }
  await walk(path.join(morphoRoot, 'src'))
  for (const f of await readdir(path.join(REPO_ROOT, 'contracts'))) {
    sources[`contracts/${f}`] = await readFile(path.join(REPO_ROOT, 'contracts', f), 'utf8')
  }
  const out = await compileSolidity(sources, cacheDir)
  const get = (key: string) => {
    const c = out[key]
    if (!c) throw new DevnetError(`${key} is missing from the compiled devnet contracts.`)
    return c
  }
  return {
    morpho: get('src/Morpho.sol:Morpho'),
    priceFeed: get('contracts/DevnetPriceFeed.sol:DevnetPriceFeed'),
    morphoOracle: get('contracts/DevnetMorphoOracle.sol:DevnetMorphoOracle'),
    curveIrm: get('contracts/DevnetCurveIrm.sol:DevnetCurveIrm'),
  }
}
