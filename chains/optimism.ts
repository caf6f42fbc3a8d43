import { AaveV3Optimism } from '@aave-dao/aave-address-book'
import { optimism as optimismChain } from 'viem/chains'
import { MULTICALL3_ADDRESS } from './devnet.js'
import type { ChainConfig } from './types.js'

/**
 * OP Mainnet (chain id 10): the main Aave V3 market, with addresses from
 * `@aave-dao/aave-address-book` 4.68.1, and the Morpho Blue contract (no default markets) (sources inline).
 */
export const optimism = {
  key: 'optimism',
  chain: optimismChain,
  rpcEnvVar: 'RPC_URL_10',
  devnet: false,
  // 2 s blocks: a minute without one is a stalled node
  maxHeadAgeSeconds: 60,
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
  morphoBlue: {
    // No OP Mainnet market list could be checked against a public source, so none is read by default.
    morpho: '0xce95AfbB8EA029495c66020883F87aaE8864AF92',
    source:
      'morpho-org/sdks packages/blue-sdk/src/addresses.ts (commit 0205e12aff58a500f8fc46958184d8593dc28a80), ChainId.OptimismMainnet.morpho (Morpho Blue has its own address on OP Mainnet)',
    markets: [],
    discovery:
      'Beyond this list, the markets of a user can be found with the public Morpho API (REST GET /v0/blue/users/{address}/positions, https://docs.morpho.org/api/markets/list-user-blue-positions/; GraphQL API, https://docs.morpho.org/developers/api/get-started/) or by scanning the Supply, SupplyCollateral and Borrow events of the Morpho contract with onBehalf = user and reading position(id, user); xmargin reads only the listed markets for now.',
  },
} as const satisfies ChainConfig
