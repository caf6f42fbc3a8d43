import type { AaveV3LogicVersion } from '../model/types.js'

/**
 * The releases of Aave V3's code that deployments run, Aave's own and forks
 * that keep its Pool (SparkLend, Horizon). A deployment names its release
 * (`AaveV3Deployment.release`); the release says which logic the model must
 * use, what `Pool.POOL_REVISION()` its Pool reports, and how the venue shows
 * it (`protocolVersion`).
 *
 * `POOL_REVISION` alone does not identify code across publishers: each
 * numbers its own (`@aave/core-v3` 1.19.3 reports 1, aave-v3-origin 3.6
 * reports 10 and 3.7 reports 11, Spark counts from 1 in its own fork). A
 * release whose revision is not published is identified by the Pool
 * implementation address instead (the deployment lists it).
 */
export type AaveV3ReleaseId = 'aave-3.0.2' | 'aave-3.6' | 'aave-3.7' | 'sparklend-1.0.0' | 'horizon-rwa'

/** Every release id, in the order the schema lists them. */
export const AAVE_V3_RELEASE_IDS = ['aave-3.0.2', 'aave-3.6', 'aave-3.7', 'sparklend-1.0.0', 'horizon-rwa'] as const satisfies readonly AaveV3ReleaseId[]

/** One release of Aave V3's code, with where each fact was published. */
export type AaveV3Release = {
  readonly id: AaveV3ReleaseId
  /** The protocol as people name it, for messages: `Aave V3`, `SparkLend`. */
  readonly protocolName: string
  /**
   * What venues show as `protocolVersion`: the release as its publisher names
   * it; a fork adds the Aave release it runs in parentheses.
   */
  readonly label: string
  /** The logic the model reproduces for it; null where xmargin does not reproduce it (see `unsupportedReason`). */
  readonly logic: AaveV3LogicVersion | null
  /** Why xmargin does not read it exactly; null when it does. */
  readonly unsupportedReason: string | null
  /**
   * What `Pool.POOL_REVISION()` (the proxy's `getRevision`) reports on its
   * Pool; null where the publisher numbers its own and no source states it:
   * such a deployment must list its Pool implementation addresses.
   */
  readonly poolRevision: number | null
  /** Where the code, its revision and its logic were published (repo + path + commit, or package + file). */
  readonly source: string
}

/**
 * The release table. The Pool revisions were read from the code each release
 * published; the DOMAIN notes (docs/3.x of aave-dao/aave-v3-origin) say what
 * each logic version changes.
 */
export const AAVE_V3_RELEASES: { readonly [K in AaveV3ReleaseId]: AaveV3Release & { readonly id: K } } = {
  'aave-3.0.2': {
    id: 'aave-3.0.2',
    protocolName: 'Aave V3',
    label: '3.0.2',
    logic: '3.0',
    unsupportedReason: null,
    // Aave's own 3.0.x mainnet Pools were deployed with other revisions and have all been upgraded
    // since (v3.1 … v3.7): this entry is the npm artifacts, which the local devnet deploys.
    poolRevision: 1,
    source: '@aave/core-v3 1.19.3 (npm), contracts/protocol/pool/Pool.sol: POOL_REVISION = 0x1',
  },
  'aave-3.6': {
    id: 'aave-3.6',
    protocolName: 'Aave V3',
    label: '3.6',
    logic: '3.6',
    unsupportedReason: null,
    poolRevision: 10,
    source: '@aave-dao/aave-v3-origin 3.6.0 (npm, = aave-dao/aave-v3-origin tag v3.6.0), src/contracts/instances/PoolInstance.sol: POOL_REVISION = 10',
  },
  'aave-3.7': {
    id: 'aave-3.7',
    protocolName: 'Aave V3',
    label: '3.7',
    logic: '3.7',
    unsupportedReason: null,
    poolRevision: 11,
    source:
      'bgd-labs/protocol-v3.7-upgrade diffs/code/1/0xbe82113a671B69d07dCe65cd30618d315D3D7C34_0x0F3bCeb6b3b2dfb7f0ac58fCbF6DaDd23cf34244/PoolInstance.sol.patch @ ed0ad4857f018bab576fd72c7f73213628a035aa: POOL_REVISION 10 → 11',
  },
  'sparklend-1.0.0': {
    id: 'sparklend-1.0.0',
    protocolName: 'SparkLend',
    label: 'sparklend-1.0.0 (aave 3.0.2)',
    logic: '3.0',
    unsupportedReason: null,
    // Spark numbers its own revisions (sparkdotfi/sparklend-v1-core Pool.sol has carried 0x2 and 0x4
    // on different branches) and no stored source states the one deployed: identified by implementation.
    poolRevision: null,
    source:
      'SparkLend V1.0.0, a fork of Aave v3.0.2 (sparkdotfi/sparklend-v1-core); rolled out by the April 17, 2024 spells "Upgrade Pool Implementation to SparkLend V1.0.0": marsfoundation/spark-spells src/proposals/20240417/SparkEthereum_20240417.sol @ a0387e48b78cde5b5aac79bf7f2e7f589577a48b and SparkGnosis_20240417.sol @ c6983d02208ac015e912ac83539d8e7353f363a3',
  },
  'horizon-rwa': {
    id: 'horizon-rwa',
    protocolName: 'Aave V3',
    label: 'horizon-rwa (aave 3.3 fork)',
    logic: null,
    unsupportedReason:
      'Aave Horizon is a licensed RWA instance, a fork of Aave v3.3 with permissioned RwaATokens (aave/aave-v3-horizon docs/Horizon/Horizon-overview.md @ 01a8368e4ba323ed1b51200b4a1ad79c422430bb), not upgraded by the v3.7 payloads; xmargin reproduces 3.0.x, 3.6 and 3.7 logic only',
    poolRevision: null,
    source: 'aave/aave-v3-horizon docs/Horizon/Horizon-overview.md @ 01a8368e4ba323ed1b51200b4a1ad79c422430bb ("initially a fork of v3.3")',
  },
}

/** The labels of the releases xmargin reads exactly, for error messages. */
export const AAVE_V3_RELEASES_READ = Object.values(AAVE_V3_RELEASES)
  .filter((r) => r.logic !== null)
  .map((r) => r.label)
