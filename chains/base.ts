import { base as baseChain } from 'viem/chains'
import { MULTICALL3_ADDRESS } from './multicall3.js'
import type { ChainConfig } from './types.js'

/**
 * Base (chain id 8453): its RPC endpoint variable, Multicall3 and head-age
 * bound. The protocols deployed on it are in their own folders (deployments.ts),
 * by chain id.
 */
export const base = {
  key: 'base',
  chain: baseChain,
  rpcEnvVar: 'RPC_URL_8453',
  // 2 s blocks: a minute without one is a stalled node
  maxHeadAgeSeconds: 60,
  multicall3: {
    address: MULTICALL3_ADDRESS,
    source:
      'mds1/multicall deployments.json (chainId 8453); also declared by viem 2.57.20 chains/definitions/base (contracts.multicall3, blockCreated 5022)',
  },
} as const satisfies ChainConfig
