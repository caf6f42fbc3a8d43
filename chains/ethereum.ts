import { AaveV3Ethereum } from '@aave-dao/aave-address-book'
import { mainnet } from 'viem/chains'
import { MULTICALL3_ADDRESS } from './devnet.js'
import type { ChainConfig } from './types.js'

/**
 * Ethereum mainnet (chain id 1): the main Aave V3 market, with addresses from
 * `@aave-dao/aave-address-book` 4.68.1.
 */
export const ethereum = {
  key: 'ethereum',
  chain: mainnet,
  rpcEnvVar: 'RPC_URL_1',
  devnet: false,
  multicall3: {
    address: MULTICALL3_ADDRESS,
    source:
      'mds1/multicall deployments.json (chainId 1); also declared by viem 2.57.20 chains/definitions/mainnet (contracts.multicall3, blockCreated 14353601)',
  },
  aaveV3: [
    {
      market: 'AaveV3Ethereum',
      // v3.7 since AIP 489 ("Upgrade Aave instances to v3.7 Part 2", bgd-labs/aave-proposals-v3 src/20260331_Multi_UpgradeAaveInstancesToV37Part2, payload MAINNET_CORE); the address book's POOL_CONFIGURATOR_IMPL 0xFF42Ce30… is the v3.7 configurator (bgd-labs/protocol-v3.7-upgrade diffs/1_0x8787…: Pool revision 10→11). Path: v3.3 (2025), v3.4, v3.5, v3.6 (AIP 433, Jan 2026), v3.7.
      version: '3.7',
      pool: AaveV3Ethereum.POOL,
      poolAddressesProvider: AaveV3Ethereum.POOL_ADDRESSES_PROVIDER,
      oracle: AaveV3Ethereum.ORACLE,
      dataProvider: AaveV3Ethereum.AAVE_PROTOCOL_DATA_PROVIDER,
      source:
        '@aave-dao/aave-address-book 4.68.1, export AaveV3Ethereum (POOL, POOL_ADDRESSES_PROVIDER, ORACLE, AAVE_PROTOCOL_DATA_PROVIDER)',
    },
  ],
} as const satisfies ChainConfig
