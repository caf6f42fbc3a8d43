import { optimism as optimismChain } from 'viem/chains'
import { MULTICALL3_ADDRESS } from './multicall3.js'
import type { ChainConfig } from './types.js'

/**
 * OP Mainnet (chain id 10): its RPC endpoint variable, Multicall3 and head-age
 * bound. The protocols deployed on it are in their own folders (deployments.ts),
 * by chain id.
 */
export const optimism = {
  key: 'optimism',
  chain: optimismChain,
  rpcEnvVar: 'RPC_URL_10',
  // 2 s blocks: a minute without one is a stalled node
  maxHeadAgeSeconds: 60,
  multicall3: {
    address: MULTICALL3_ADDRESS,
    source:
      'mds1/multicall deployments.json (chainId 10); also declared by viem 2.57.20 chains/definitions/optimism (contracts.multicall3, blockCreated 4286263)',
  },
} as const satisfies ChainConfig
