import { AaveV3Base } from '@aave-dao/aave-address-book'
import { base as baseChain } from 'viem/chains'
import { MULTICALL3_ADDRESS } from './devnet.js'
import type { ChainConfig } from './types.js'

/**
 * Base (chain id 8453): the main Aave V3 market, with addresses from
 * `@aave-dao/aave-address-book` 4.68.1.
 */
export const base = {
  key: 'base',
  chain: baseChain,
  rpcEnvVar: 'RPC_URL_8453',
  devnet: false,
  multicall3: {
    address: MULTICALL3_ADDRESS,
    source:
      'mds1/multicall deployments.json (chainId 8453); also declared by viem 2.57.20 chains/definitions/base (contracts.multicall3, blockCreated 5022)',
  },
  aaveV3: [
    {
      market: 'AaveV3Base',
      // v3.7 since AIP 489 ("Upgrade Aave instances to v3.7 Part 2", bgd-labs/aave-proposals-v3 src/20260331_Multi_UpgradeAaveInstancesToV37Part2, payload BASE); the address book's POOL_CONFIGURATOR_IMPL 0xFF42Ce30… is the v3.7 configurator (bgd-labs/protocol-v3.7-upgrade). Path: v3.6 via AIP 436 (Jan 2026, resubmitted after AIP 433 expired), then v3.7.
      version: '3.7',
      pool: AaveV3Base.POOL,
      poolAddressesProvider: AaveV3Base.POOL_ADDRESSES_PROVIDER,
      oracle: AaveV3Base.ORACLE,
      dataProvider: AaveV3Base.AAVE_PROTOCOL_DATA_PROVIDER,
      source:
        '@aave-dao/aave-address-book 4.68.1, export AaveV3Base (POOL, POOL_ADDRESSES_PROVIDER, ORACLE, AAVE_PROTOCOL_DATA_PROVIDER)',
    },
  ],
} as const satisfies ChainConfig
