import { AaveV3Polygon } from '@aave-dao/aave-address-book'
import { polygon as polygonChain } from 'viem/chains'
import { MULTICALL3_ADDRESS } from './devnet.js'
import type { ChainConfig } from './types.js'

/**
 * Polygon PoS (chain id 137): the main Aave V3 market, with addresses from
 * `@aave-dao/aave-address-book` 4.68.1.
 */
export const polygon = {
  key: 'polygon',
  chain: polygonChain,
  rpcEnvVar: 'RPC_URL_137',
  devnet: false,
  multicall3: {
    address: MULTICALL3_ADDRESS,
    source:
      'mds1/multicall deployments.json (chainId 137); also declared by viem 2.57.20 chains/definitions/polygon (contracts.multicall3, blockCreated 25770160)',
  },
  aaveV3: [
    {
      market: 'AaveV3Polygon',
      // v3.7 since AIP 489 ("Upgrade Aave instances to v3.7 Part 2", bgd-labs/aave-proposals-v3 src/20260331_Multi_UpgradeAaveInstancesToV37Part2, payload POLYGON); the address book's POOL_CONFIGURATOR_IMPL 0xFF42Ce30… is the v3.7 configurator (bgd-labs/protocol-v3.7-upgrade). Path: v3.6 via AIP 436 (Jan 2026, resubmitted after AIP 433 expired), then v3.7.
      version: '3.7',
      pool: AaveV3Polygon.POOL,
      poolAddressesProvider: AaveV3Polygon.POOL_ADDRESSES_PROVIDER,
      oracle: AaveV3Polygon.ORACLE,
      dataProvider: AaveV3Polygon.AAVE_PROTOCOL_DATA_PROVIDER,
      source:
        '@aave-dao/aave-address-book 4.68.1, export AaveV3Polygon (POOL, POOL_ADDRESSES_PROVIDER, ORACLE, AAVE_PROTOCOL_DATA_PROVIDER)',
    },
  ],
} as const satisfies ChainConfig
