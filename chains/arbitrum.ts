import { AaveV3Arbitrum } from '@aave-dao/aave-address-book'
import { arbitrum as arbitrumChain } from 'viem/chains'
import { MULTICALL3_ADDRESS } from './devnet.js'
import type { ChainConfig } from './types.js'

/**
 * Arbitrum One (chain id 42161): the main Aave V3 market, with addresses from
 * `@aave-dao/aave-address-book` 4.68.1.
 */
export const arbitrum = {
  key: 'arbitrum',
  chain: arbitrumChain,
  rpcEnvVar: 'RPC_URL_42161',
  devnet: false,
  multicall3: {
    address: MULTICALL3_ADDRESS,
    source:
      'mds1/multicall deployments.json (chainId 42161); also declared by viem 2.57.20 chains/definitions/arbitrum (contracts.multicall3, blockCreated 7654707)',
  },
  aaveV3: [
    {
      market: 'AaveV3Arbitrum',
      // v3.7 since AIP 489 ("Upgrade Aave instances to v3.7 Part 2", bgd-labs/aave-proposals-v3 src/20260331_Multi_UpgradeAaveInstancesToV37Part2, payload ARBITRUM); the address book's POOL_CONFIGURATOR_IMPL 0xFF42Ce30… is the v3.7 configurator (bgd-labs/protocol-v3.7-upgrade). Path: v3.6 via AIP 436 (Jan 2026, resubmitted after AIP 433 expired), then v3.7.
      version: '3.7',
      pool: AaveV3Arbitrum.POOL,
      poolAddressesProvider: AaveV3Arbitrum.POOL_ADDRESSES_PROVIDER,
      oracle: AaveV3Arbitrum.ORACLE,
      dataProvider: AaveV3Arbitrum.AAVE_PROTOCOL_DATA_PROVIDER,
      source:
        '@aave-dao/aave-address-book 4.68.1, export AaveV3Arbitrum (POOL, POOL_ADDRESSES_PROVIDER, ORACLE, AAVE_PROTOCOL_DATA_PROVIDER)',
    },
  ],
} as const satisfies ChainConfig
