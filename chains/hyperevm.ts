import { hyperEvm as hyperEvmChain } from 'viem/chains'
import { MULTICALL3_ADDRESS } from './multicall3.js'
import type { ChainConfig } from './types.js'

/**
 * HyperEVM (chain id 999), the EVM of the Hyperliquid L1 (its perps are the
 * API venue `hyperliquid`, not this chain): its RPC endpoint variable,
 * Multicall3 and head-age bound. The protocols deployed on it are in their
 * own folders (deployments.ts), by chain id.
 */
export const hyperevm = {
  key: 'hyperevm',
  chain: hyperEvmChain,
  rpcEnvVar: 'RPC_URL_999',
  // fast blocks every 1 s, big blocks every minute (https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/hyperevm/dual-block-architecture):
  // a minute without a block is a stalled node
  maxHeadAgeSeconds: 60,
  multicall3: {
    address: MULTICALL3_ADDRESS,
    source: 'declared by viem 2.57.20 chains/definitions/hyperEvm (contracts.multicall3 at the canonical address, blockCreated 13051)',
  },
} as const satisfies ChainConfig
