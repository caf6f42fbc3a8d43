import { isAddressEqual, type Address, type Hex } from 'viem'
import { UnsupportedProtocolVersionError } from '../../../errors/index.js'
import type { AaveV3LogicVersion } from '../model/types.js'
import type { AaveV3Deployment } from '../deployment.js'
import { AAVE_V3_RELEASES, AAVE_V3_RELEASES_READ } from './aaveV3Releases.js'

/**
 * EIP-1967 implementation slot, `bytes32(uint256(keccak256('eip1967.proxy.implementation')) - 1)`:
 * where the Pool proxy (Aave's InitializableImmutableAdminUpgradeabilityProxy,
 * `@aave/core-v3` BaseUpgradeabilityProxy.IMPLEMENTATION_SLOT; SparkLend's is
 * the same code) keeps its implementation address, right-aligned in 32 bytes.
 * Read it with `eth_getStorageAt(pool, slot)`.
 */
export const EIP1967_IMPLEMENTATION_SLOT: Hex = '0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc'

export type IdentifyAaveV3LogicParameters = {
  /** The deployment as published or as its chain list gives it: its release and, where the release needs it, its Pool implementations. */
  readonly deployment: Pick<AaveV3Deployment, 'release' | 'poolImplementations'>
  /** `Pool.POOL_REVISION()` at the read block (uint256). */
  readonly poolRevision: bigint
  /** The Pool proxy's implementation (the EIP-1967 slot's low 20 bytes). */
  readonly poolImplementation: Address
}

/**
 * The logic version the model must use for a Pool, from the release its
 * deployment names and what the chain says: the Pool's revision must be the
 * release's, and where the deployment lists Pool implementations the proxy's
 * must be one of them (forks number revisions their own way, so their Pools
 * are pinned by address).
 * @throws UnsupportedProtocolVersionError when the release is not one xmargin
 * reproduces (e.g. Horizon), or the chain's revision or implementation is not
 * the one the table knows for the deployment (an upgrade xmargin has not
 * checked).
 */
export function identifyAaveV3Logic({ deployment, poolRevision, poolImplementation }: IdentifyAaveV3LogicParameters): AaveV3LogicVersion {
  const release = AAVE_V3_RELEASES[deployment.release]
  const unsupported = (what: string) => new UnsupportedProtocolVersionError(release.protocolName, what, AAVE_V3_RELEASES_READ)
  if (release.logic === null) throw unsupported(`${release.label}: ${release.unsupportedReason ?? 'logic not reproduced'}`)
  if (release.poolRevision !== null && poolRevision !== BigInt(release.poolRevision)) {
    throw unsupported(`Pool revision ${poolRevision} (the table expects ${release.poolRevision} for ${release.label}; the Pool was upgraded to code xmargin has not checked)`)
  }
  const pinned = deployment.poolImplementations ?? []
  if (pinned.length === 0 && release.poolRevision === null) {
    throw unsupported(`${release.label} without a pinned Pool implementation (its revision is not published: the deployment must list poolImplementations)`)
  }
  if (pinned.length > 0 && !pinned.some((a) => isAddressEqual(a, poolImplementation))) {
    throw unsupported(`Pool implementation ${poolImplementation} (the table knows ${pinned.join(', ')} for ${release.label}; the Pool was upgraded to code xmargin has not checked)`)
  }
  return release.logic
}
