import { AaveV3Ethereum } from '@aave-dao/aave-address-book'
import { mainnet } from 'viem/chains'
import { MULTICALL3_ADDRESS } from './devnet.js'
import type { ChainConfig } from './types.js'

/**
 * Ethereum mainnet (chain id 1): the main Aave V3 market, with addresses from
 * `@aave-dao/aave-address-book` 4.68.1, and Morpho Blue and five of its markets (sources inline).
 */
export const ethereum = {
  key: 'ethereum',
  chain: mainnet,
  rpcEnvVar: 'RPC_URL_1',
  devnet: false,
  // 12 s slots: a head a minute old has missed five
  maxHeadAgeSeconds: 60,
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
  morphoBlue: {
    morpho: '0xBBBBBbbBBb9cC5e90e3b3Af64bdAF62C37EEFFCb',
    source:
      'morpho-org/sdks packages/blue-sdk/src/addresses.ts (commit 0205e12aff58a500f8fc46958184d8593dc28a80), ChainId.EthMainnet.morpho; also https://docs.morpho.org/developers/contracts/addresses/ (Morpho Blue, Ethereum)',
    markets: [
      {
        id: '0xc54d7acf14de29e0e5527cabd7a576506870346a78a11a6762e2cca66322ec41',
        label: 'wstETH/WETH 94.5%',
        source:
          'morpho-org/sdks packages/morpho-test/src/fixtures/markets.ts (commit 19315e40263a3c94a44f8cb94c64cc234393ae8c) eth_wstEth (loan WETH, collateral wstETH, oracle 0x2a01EB9496094dA03c4E364Def50f5aD1280AD72, AdaptiveCurveIrm 0x870aC11D48B15DB9a138Cf899d20F13F79Ba00BC, lltv 94.5%), id = keccak256(abi.encode(params)) recomputed; listed by DefiLlama/DefiLlama-Adapters projects/morpho-blue/addresses.js (commit e2c93c18164af66c4088a2a98d3f7557e1b66da3) as wethWstethChainlinkAdaptiveCurveIRM945',
      },
      {
        id: '0xb323495f7e4148be5643a4ea4a8221eef163e4bccfdedc2a6f4696baacbc86cc',
        label: 'wstETH/USDC 86%',
        source:
          'morpho-org/sdks packages/morpho-test/src/fixtures/markets.ts (commit 19315e40263a3c94a44f8cb94c64cc234393ae8c) usdc_wstEth (oracle 0x48F7E36EB6B826B2dF4B2E630B62Cd25e89E40e2, AdaptiveCurveIrm, lltv 86%), id recomputed; listed by DefiLlama/DefiLlama-Adapters projects/morpho-blue/addresses.js (commit e2c93c18164af66c4088a2a98d3f7557e1b66da3) as usdcWstethChainlinkAdaptiveCurveIRM860',
      },
      {
        id: '0x3a85e619751152991742810df6ec69ce473daef99e28a64ab2340d7b7ccfee49',
        label: 'WBTC/USDC 86%',
        source:
          'morpho-org/sdks packages/morpho-test/src/fixtures/markets.ts (commit 19315e40263a3c94a44f8cb94c64cc234393ae8c) usdc_wbtc (oracle 0xDddd770BADd886dF3864029e4B377B5F6a2B6b83, AdaptiveCurveIrm, lltv 86%), id = keccak256(abi.encode(params)) recomputed',
      },
      {
        id: '0xa921ef34e2fc7a27ccc50ae7e4b154e16c9799d3387076c421423ef52ac4df99',
        label: 'WBTC/USDT 86%',
        source:
          'morpho-org/sdks packages/morpho-test/src/fixtures/markets.ts (commit 19315e40263a3c94a44f8cb94c64cc234393ae8c) usdt_wbtc (oracle 0x008bF4B1cDA0cc9f0e882E0697f036667652E1ef, AdaptiveCurveIrm, lltv 86%), id = keccak256(abi.encode(params)) recomputed',
      },
      {
        id: '0xe7e9694b754c4d4f7e21faf7223f6fa71abaeb10296a4c43a54a7977149687d2',
        label: 'wstETH/USDT 86%',
        source:
          'morpho-org/sdks packages/morpho-test/src/fixtures/markets.ts (commit 19315e40263a3c94a44f8cb94c64cc234393ae8c) usdt_wstEth (oracle 0x95DB30fAb9A3754e42423000DF27732CB2396992, AdaptiveCurveIrm, lltv 86%), id = keccak256(abi.encode(params)) recomputed',
      },
    ],
    discovery:
      'Beyond this list, the markets of a user can be found with the public Morpho API (REST GET /v0/blue/users/{address}/positions, https://docs.morpho.org/api/markets/list-user-blue-positions/; GraphQL API, https://docs.morpho.org/developers/api/get-started/) or by scanning the Supply, SupplyCollateral and Borrow events of the Morpho contract with onBehalf = user and reading position(id, user); xmargin reads only the listed markets for now.',
  },
} as const satisfies ChainConfig
