import { AaveV3Optimism } from '@aave-dao/aave-address-book'
import { optimism as optimismChain } from 'viem/chains'
import { MULTICALL3_ADDRESS } from './devnet.js'
import type { ChainConfig } from './types.js'

/**
 * OP Mainnet (chain id 10): the main Aave V3 market, with addresses from
 * `@aave-dao/aave-address-book` 4.68.1.
 */
export const optimism = {
  key: 'optimism',
  chain: optimismChain,
  rpcEnvVar: 'RPC_URL_10',
  devnet: false,
  multicall3: {
    address: MULTICALL3_ADDRESS,
    source:
      'mds1/multicall deployments.json (chainId 10); also declared by viem 2.57.20 chains/definitions/optimism (contracts.multicall3, blockCreated 4286263)',
  },
  aaveV3: [
    {
      market: 'AaveV3Optimism',
      // v3.7 since AIP 473 ("Upgrade Aave instances to v3.7 Part 1", bgd-labs/aave-proposals-v3 src/20260331_Multi_UpgradeAaveInstancesToV37Part1, payload OPTIMISM); the address book's POOL_IMPL 0x66185E53… is the v3.7 Pool (bgd-labs/protocol-v3.7-upgrade diffs/code/10/…_0x66185E53…). Path: v3.6 via AIP 429 (Jan 2026), then v3.7.
      version: '3.7',
      pool: AaveV3Optimism.POOL,
      poolAddressesProvider: AaveV3Optimism.POOL_ADDRESSES_PROVIDER,
      oracle: AaveV3Optimism.ORACLE,
      dataProvider: AaveV3Optimism.AAVE_PROTOCOL_DATA_PROVIDER,
      source:
        '@aave-dao/aave-address-book 4.68.1, export AaveV3Optimism (POOL, POOL_ADDRESSES_PROVIDER, ORACLE, AAVE_PROTOCOL_DATA_PROVIDER)',
    },
  ],
} as const satisfies ChainConfig
