import type { Address, Chain } from 'viem'

/**
 * A chain xmargin can read: plain data, no I/O. `rpcEnvVar` names the
 * environment variable that holds its RPC URL (`RPC_URL_<chainId>`). The
 * protocols deployed on it are each protocol's own data (its folder's
 * `deployments.ts`), looked up by chain id.
 */
export type ChainConfig = {
  /** Short stable key used in config files and logs, e.g. `ethereum`. */
  readonly key: string
  readonly chain: Chain
  readonly rpcEnvVar: `RPC_URL_${number}`
  readonly multicall3: { readonly address: Address; readonly source: string }
  /**
   * A head older than this many seconds means the node has stalled: the
   * chain's data is marked stale (and `/readyz` fails). Unset where blocks
   * are mined on demand.
   */
  readonly maxHeadAgeSeconds?: number
}
