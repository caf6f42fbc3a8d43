import { AaveV3Base } from '@aave-dao/aave-address-book'
import { base as baseChain } from 'viem/chains'
import { MULTICALL3_ADDRESS } from './devnet.js'
import type { ChainConfig } from './types.js'

/**
 * Base (chain id 8453): the main Aave V3 market, with addresses from
 * `@aave-dao/aave-address-book` 4.68.1, and Morpho Blue and four of its markets (sources inline).
 */
export const base = {
  key: 'base',
  chain: baseChain,
  rpcEnvVar: 'RPC_URL_8453',
  devnet: false,
  // 2 s blocks: a minute without one is a stalled node
  maxHeadAgeSeconds: 60,
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
  morphoBlue: {
    morpho: '0xBBBBBbbBBb9cC5e90e3b3Af64bdAF62C37EEFFCb',
    source:
      'morpho-org/sdks packages/blue-sdk/src/addresses.ts (commit 0205e12aff58a500f8fc46958184d8593dc28a80), ChainId.BaseMainnet.morpho (same address as Ethereum)',
    markets: [
      {
        id: '0x8793cf302b8ffd655ab97bd1c695dbd967807e8367a65cb2f4edaf1380ba1bda',
        label: 'WETH/USDC 86%',
        source:
          'morpho-org/sdks packages/morpho-test/src/fixtures/markets.ts (commit 19315e40263a3c94a44f8cb94c64cc234393ae8c) Base usdc_eth (oracle 0xFEa2D58cEfCb9fcb597723c6bAE66fFE4193aFE4, AdaptiveCurveIrm 0x46415998764C29aB2a25CbeA6254146D50D22687, lltv 86%), id recomputed; listed in karpatkey/defi-kit sdk/src/protocols/morpho/markets/_baseInfo.ts (commit 4dd4c06f95b86c8dce3e8e63cdadd0c4f47633e4)',
      },
      {
        id: '0x9103c3b4e834476c9a62ea009ba2c884ee42e94e6e314a26f04d312434191836',
        label: 'cbBTC/USDC 86%',
        source:
          'karpatkey/defi-kit sdk/src/protocols/morpho/markets/_baseInfo.ts (commit 4dd4c06f95b86c8dce3e8e63cdadd0c4f47633e4): USDC / cbBTC, oracle 0x663BECd10daE6C4A3Dcd89F1d76c1174199639B9, AdaptiveCurveIrm, lltv 86%; id recomputed from these params',
      },
      {
        id: '0x3a4048c64ba1b375330d376b1ce40e4047d03b47ab4d48af484edec9fec801ba',
        label: 'wstETH/WETH 94.5%',
        source:
          'morpho-org/sdks packages/morpho-test/src/fixtures/markets.ts (commit 19315e40263a3c94a44f8cb94c64cc234393ae8c) Base eth_wstEth (oracle 0x4A11590e5326138B514E08A9B52202D42077Ca65, AdaptiveCurveIrm, lltv 94.5%), id = keccak256(abi.encode(params)) recomputed',
      },
      {
        id: '0x84662b4f95b85d6b082b68d32cf71bb565b3f22f216a65509cc2ede7dccdfe8c',
        label: 'cbETH/WETH 94.5%',
        source:
          'karpatkey/defi-kit sdk/src/protocols/morpho/markets/_baseInfo.ts (commit 4dd4c06f95b86c8dce3e8e63cdadd0c4f47633e4): WETH / cbETH, oracle 0xB03855Ad5AFD6B8db8091DD5551CAC4ed621d9E6, AdaptiveCurveIrm, lltv 94.5%; id recomputed from these params',
      },
    ],
    discovery:
      'Beyond this list, the markets of a user can be found with the public Morpho API (REST GET /v0/blue/users/{address}/positions, https://docs.morpho.org/api/markets/list-user-blue-positions/; GraphQL API, https://docs.morpho.org/developers/api/get-started/) or by scanning the Supply, SupplyCollateral and Borrow events of the Morpho contract with onBehalf = user and reading position(id, user); xmargin reads only the listed markets for now.',
  },
} as const satisfies ChainConfig
