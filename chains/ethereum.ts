import { mainnet } from 'viem/chains'
import { MULTICALL3_ADDRESS } from './multicall3.js'
import type { ChainConfig } from './types.js'

/**
 * Ethereum mainnet (chain id 1): its RPC endpoint variable, Multicall3 and head-age
 * bound. The protocols deployed on it are in their own folders (deployments.ts),
 * by chain id.
 */
export const ethereum = {
  key: 'ethereum',
  chain: mainnet,
  rpcEnvVar: 'RPC_URL_1',
  // 12 s slots: a head a minute old has missed five
  maxHeadAgeSeconds: 60,
  multicall3: {
    address: MULTICALL3_ADDRESS,
    source:
      'mds1/multicall deployments.json (chainId 1); also declared by viem 2.57.20 chains/definitions/mainnet (contracts.multicall3, blockCreated 14353601)',
  },
} as const satisfies ChainConfig
