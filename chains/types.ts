import type { Address, Chain, Hex } from 'viem'
import type { GmxV2Deployment } from './gmxV2Arbitrum.js'

/**
 * Aave V3 release whose logic a deployment runs. The release decides how
 * xmargin reads it: v3.0 has stable debt and eMode price sources; v3.2 removed
 * stable borrowing; v3.3 changed the close factor and liquidation dust rules.
 */
export type AaveV3Version = '3.0' | '3.1' | '3.2' | '3.3' | '3.4' | '3.5' | '3.6' | '3.7'

/** One Aave V3 market (one Pool) on one chain, as published by Aave. */
export type AaveV3Deployment = {
  /** Market name as the address book spells it, e.g. `AaveV3Ethereum`. */
  readonly market: string
  readonly version: AaveV3Version
  readonly pool: Address
  readonly poolAddressesProvider: Address
  readonly oracle: Address
  readonly dataProvider: Address
  /** Where the addresses were published (package and export, or URL). */
  readonly source: string
}

/** A Morpho Blue market xmargin reads by default on a chain. */
export type MorphoBlueMarketRef = {
  /** Market id: keccak256(abi.encode(loanToken, collateralToken, oracle, irm, lltv)). */
  readonly id: Hex
  /** e.g. `wstETH/WETH 94.5%`: collateral/loan and LLTV. */
  readonly label: string
  /** Where the id and parameters were published. */
  readonly source: string
}

/** Morpho Blue (one singleton contract per chain) and the markets read on it. */
export type MorphoBlueDeployment = {
  readonly morpho: Address
  /** Where the address was published. */
  readonly source: string
  /**
   * Markets read for every owner. Morpho Blue has thousands of permissionless
   * markets and no on-chain index of a user's markets, so a chain lists the
   * markets it reads (discovery beyond this list is described in `discovery`).
   */
  readonly markets: readonly MorphoBlueMarketRef[]
  readonly discovery: string
}

/**
 * A chain xmargin can read: plain data, no I/O. `rpcEnvVar` names the
 * environment variable that holds its RPC URL (`RPC_URL_<chainId>`).
 */
export type ChainConfig = {
  /** Short stable key used in config files and logs, e.g. `ethereum`. */
  readonly key: string
  readonly chain: Chain
  readonly rpcEnvVar: `RPC_URL_${number}`
  /** Default RPC URL when the env var is unset (devnet chains only). */
  readonly defaultRpcUrl?: string
  /** `true` for the local devnet chains whose deployments come from the manifest. */
  readonly devnet: boolean
  readonly multicall3: { readonly address: Address; readonly source: string }
  readonly aaveV3: readonly AaveV3Deployment[]
  readonly morphoBlue?: MorphoBlueDeployment
  /** GMX v2 (Reader, DataStore, ReferralStorage), where deployed. */
  readonly gmxV2?: GmxV2Deployment
  /**
   * A head older than this many seconds means the node has stalled: the
   * chain's data is marked stale (and `/readyz` fails). Unset where blocks
   * are mined on demand (the devnet).
   */
  readonly maxHeadAgeSeconds?: number
}
