import { polygon as polygonChain } from 'viem/chains'
import { MULTICALL3_ADDRESS } from './multicall3.js'
import type { ChainConfig } from './types.js'

/**
 * Polygon PoS (chain id 137): its RPC endpoint variable, Multicall3 and head-age
 * bound. The protocols deployed on it are in their own folders (deployments.ts),
 * by chain id.
 */
export const polygon = {
  key: 'polygon',
  chain: polygonChain,
  rpcEnvVar: 'RPC_URL_137',
  // ~2 s blocks: a minute without one is a stalled node
  maxHeadAgeSeconds: 60,
  multicall3: {
    address: MULTICALL3_ADDRESS,
    source:
      'mds1/multicall deployments.json (chainId 137); also declared by viem 2.57.20 chains/definitions/polygon (contracts.multicall3, blockCreated 25770160)',
  },
} as const satisfies ChainConfig
