import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { compileSolidity, type CompiledContract, type SolcSettings } from '../../../devnet/compileSolidity.js'
import { DevnetError } from '../../../errors/index.js'

const require = createRequire(import.meta.url)

/**
 * The contracts a v3.6 market deploys, as source unit paths of
 * `@aave-dao/aave-v3-origin@3.6.0` (its `src/contracts/...`) and contract names.
 */
const ENTRIES = {
  PoolAddressesProvider: 'src/contracts/protocol/configuration/PoolAddressesProvider.sol',
  ACLManager: 'src/contracts/protocol/configuration/ACLManager.sol',
  PoolInstance: 'src/contracts/instances/PoolInstance.sol',
  PoolConfiguratorInstance: 'src/contracts/instances/PoolConfiguratorInstance.sol',
  ATokenInstance: 'src/contracts/instances/ATokenInstance.sol',
  VariableDebtTokenInstance: 'src/contracts/instances/VariableDebtTokenInstance.sol',
  DefaultReserveInterestRateStrategyV2: 'src/contracts/misc/DefaultReserveInterestRateStrategyV2.sol',
  AaveOracle: 'src/contracts/misc/AaveOracle.sol',
  PriceOracleSentinel: 'src/contracts/misc/PriceOracleSentinel.sol',
  SequencerOracle: 'src/contracts/mocks/oracle/SequencerOracle.sol',
  AaveProtocolDataProvider: 'src/contracts/helpers/AaveProtocolDataProvider.sol',
  UiPoolDataProviderV3: 'src/contracts/helpers/UiPoolDataProviderV3.sol',
  TestnetERC20: 'src/contracts/mocks/testnet-helpers/TestnetERC20.sol',
  BorrowLogic: 'src/contracts/protocol/libraries/logic/BorrowLogic.sol',
  FlashLoanLogic: 'src/contracts/protocol/libraries/logic/FlashLoanLogic.sol',
  LiquidationLogic: 'src/contracts/protocol/libraries/logic/LiquidationLogic.sol',
  PoolLogic: 'src/contracts/protocol/libraries/logic/PoolLogic.sol',
  SupplyLogic: 'src/contracts/protocol/libraries/logic/SupplyLogic.sol',
  ConfiguratorLogic: 'src/contracts/protocol/libraries/logic/ConfiguratorLogic.sol',
} as const

/** A contract of the v3.6 market, by name. */
export type AaveV36ContractName = keyof typeof ENTRIES

/** The compiled v3.6 contracts by name (ABI, creation bytecode, link references). */
export type AaveV36Artifacts = Readonly<Record<AaveV36ContractName, CompiledContract>>

/**
 * Import remappings from the repository's foundry layout to npm's (see
 * ../shared/LOCAL-CHAINS.md): OpenZeppelin 5 without its `contracts/` level,
 * and BGD's solidity-utils, the package's own dependency.
 */
const REMAPPINGS: readonly (readonly [string, string])[] = [
  ['openzeppelin-contracts-upgradeable/contracts/', '@openzeppelin/contracts-upgradeable/'],
  ['openzeppelin-contracts/contracts/', '@openzeppelin/contracts/'],
  ['solidity-utils/contracts/', '@bgd-labs/solidity-utils/src/contracts/'],
]

/**
 * The settings of aave-v3-origin's foundry.toml at v3.6.0: solc 0.8.27,
 * optimizer 200 runs, shanghai, no via-IR, no metadata hash.
 */
const SETTINGS: SolcSettings = {
  compiler: 'solc-0.8.27',
  runs: 200,
  evmVersion: 'shanghai',
  bytecodeHash: 'none',
  remappings: REMAPPINGS.map(([from, to]) => `${from}=${to}`),
}

/** Where a source unit lives on disk: the origin package's `src/`, or an npm package. */
function fileOf(unit: string): string {
  if (unit.startsWith('src/')) return path.join(path.dirname(require.resolve('@aave-dao/aave-v3-origin/package.json')), unit)
  const [scope, name, ...rest] = unit.split('/')
  return path.join(path.dirname(require.resolve(`${scope}/${name}/package.json`)), ...rest)
}

/** An import path as the source unit it names: relative to the importer, or remapped. */
function unitOf(importer: string, imported: string): string {
  if (imported.startsWith('.')) return path.posix.normalize(path.posix.join(path.posix.dirname(importer), imported))
  for (const [from, to] of REMAPPINGS) if (imported.startsWith(from)) return to + imported.slice(from.length)
  return imported
}

const IMPORT = /^\s*import\s+(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]\s*;/gm

/**
 * Every source unit the entries import, transitively, with its text.
 * @throws DevnetError when an imported file is missing (a package not installed).
 */
async function collectSources(entries: readonly string[]): Promise<Record<string, string>> {
  const sources: Record<string, string> = {}
  const pending = [...entries]
  while (pending.length > 0) {
    const unit = pending.pop()!
    if (unit in sources) continue
    let text: string
    try {
      text = await readFile(fileOf(unit), 'utf8')
    } catch (cause) {
      throw new DevnetError(`Aave v3.6 source ${unit} is missing: is @aave-dao/aave-v3-origin@3.6.0 installed (npm ci)?`, { cause })
    }
    sources[unit] = text
    for (const m of text.matchAll(IMPORT)) pending.push(unitOf(unit, m[1]!))
  }
  return sources
}

/**
 * Compiles the Aave v3.6 market contracts from the npm source of
 * `@aave-dao/aave-v3-origin@3.6.0` (byte-identical to the v3.6.0 tag) with
 * its own compiler settings, once per machine: the output is cached under
 * `cacheDir` by a hash of every source and setting, shared by every devnet
 * started from this checkout (tests, CLI, benchmarks).
 * @throws DevnetError when a source is missing or solc reports an error.
 */
export async function compileAaveV36Contracts(cacheDir: string): Promise<AaveV36Artifacts> {
  const out = await compileSolidity(await collectSources(Object.values(ENTRIES)), cacheDir, SETTINGS)
  const artifacts = {} as Record<AaveV36ContractName, CompiledContract>
  for (const [name, unit] of Object.entries(ENTRIES) as [AaveV36ContractName, string][]) {
    const c = out[`${unit}:${name}`]
    if (!c) throw new DevnetError(`${name} is missing from the compiled Aave v3.6 contracts.`)
    artifacts[name] = c
  }
  return artifacts
}
