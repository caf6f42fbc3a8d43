import { arbitrum as arbitrumChain } from 'viem/chains'
import { MULTICALL3_ADDRESS } from './multicall3.js'
import type { ChainConfig } from './types.js'

/**
 * Arbitrum One (chain id 42161): its RPC endpoint variable, Multicall3 and head-age
 * bound. The protocols deployed on it are in their own folders (deployments.ts),
 * by chain id.
 */
export const arbitrum = {
  key: 'arbitrum',
  chain: arbitrumChain,
  rpcEnvVar: 'RPC_URL_42161',
  // ~0.25 s blocks: a minute without one is a stalled node
  maxHeadAgeSeconds: 60,
  multicall3: {
    address: MULTICALL3_ADDRESS,
    source:
      'mds1/multicall deployments.json (chainId 42161); also declared by viem 2.57.20 chains/definitions/arbitrum (contracts.multicall3, blockCreated 7654707)',
  },
} as const satisfies ChainConfig
