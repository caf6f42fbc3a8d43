import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DevnetError } from '../errors/index.js'
import { compileSolidity, type CompiledContract } from './compileSolidity.js'

/** contracts/ at the repo root: the devnet's shared contracts. */
const CONTRACTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'contracts')

/**
 * Compiles the devnet's shared contracts (contracts/DevnetPriceFeed.sol: a
 * Chainlink-style USD feed whose answer and `updatedAt` are set by
 * transaction), cached under `cacheDir`.
 * @throws DevnetError when the compiled feed is missing.
 */
export async function compileSharedDevnetContracts(cacheDir: string): Promise<{ readonly priceFeed: CompiledContract }> {
  const out = await compileSolidity({ 'contracts/DevnetPriceFeed.sol': await readFile(path.join(CONTRACTS_DIR, 'DevnetPriceFeed.sol'), 'utf8') }, cacheDir)
  const priceFeed = out['contracts/DevnetPriceFeed.sol:DevnetPriceFeed']
  if (!priceFeed) throw new DevnetError('DevnetPriceFeed is missing from the compiled devnet contracts.')
  return { priceFeed }
}
