import { readFile, readdir, stat } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DevnetError } from '../../../errors/index.js'
import { compileSolidity, type CompiledContract } from '../../../devnet/compileSolidity.js'

/** The devnet's Morpho contracts beside this file: the oracles, the fixed-rate curve IRM and the market batch creator. */
const CONTRACTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'contracts')

/** The contracts the devnet's Morpho Blue runs on: Morpho Blue from its npm source, and the devnet's oracles, IRM and batch creator. */
export type MorphoDevnetContracts = {
  readonly morpho: CompiledContract
  /** Price from two USD feeds, as MorphoChainlinkOracleV2 with one base and one quote feed. */
  readonly morphoOracle: CompiledContract
  /** Price fixed at deployment, no feed. */
  readonly fixedPriceOracle: CompiledContract
  readonly curveIrm: CompiledContract
  /** Creates markets and deploys their oracles and IRMs in batches. */
  readonly marketBatchCreator: CompiledContract
}

/**
 * Compiles Morpho Blue (`@morpho-org/morpho-blue` src/, unit names `src/...`)
 * together with the devnet's oracles, IRM and batch creator (units `contracts/...`, which
 * import Morpho's interfaces) using solc-js 0.8.19; cached under `cacheDir` by
 * a hash of the sources, so only the first start pays the ~3 s.
 * @throws DevnetError when a contract is missing from the output.
 */
export async function compileMorphoDevnetContracts(cacheDir: string): Promise<MorphoDevnetContracts> {
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
  for (const f of await readdir(CONTRACTS_DIR)) {
    sources[`contracts/${f}`] = await readFile(path.join(CONTRACTS_DIR, f), 'utf8')
  }
  const out = await compileSolidity(sources, cacheDir)
  const get = (key: string) => {
    const c = out[key]
    if (!c) throw new DevnetError(`${key} is missing from the compiled devnet contracts.`)
    return c
  }
  return {
    morpho: get('src/Morpho.sol:Morpho'),
    morphoOracle: get('contracts/DevnetMorphoOracle.sol:DevnetMorphoOracle'),
    fixedPriceOracle: get('contracts/DevnetFixedPriceOracle.sol:DevnetFixedPriceOracle'),
    curveIrm: get('contracts/DevnetCurveIrm.sol:DevnetCurveIrm'),
    marketBatchCreator: get('contracts/DevnetMarketBatchCreator.sol:DevnetMarketBatchCreator'),
  }
}
