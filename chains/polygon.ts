import { AaveV3Polygon } from '@aave-dao/aave-address-book'
import { polygon as polygonChain } from 'viem/chains'
import { MULTICALL3_ADDRESS } from './devnet.js'
import type { ChainConfig } from './types.js'

/**
 * Polygon PoS (chain id 137): the main Aave V3 market, with addresses from
 * `@aave-dao/aave-address-book` 4.68.1, and Morpho Blue and five of its markets (sources inline).
 */
export const polygon = {
  key: 'polygon',
  chain: polygonChain,
  rpcEnvVar: 'RPC_URL_137',
  devnet: false,
  // ~2 s blocks: a minute without one is a stalled node
  maxHeadAgeSeconds: 60,
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
  morphoBlue: {
    morpho: '0x1bF0c2541F820E775182832f06c0B7Fc27A25f67',
    source:
      'morpho-org/sdks packages/blue-sdk/src/addresses.ts (commit 0205e12aff58a500f8fc46958184d8593dc28a80), ChainId.PolygonMainnet.morpho (Morpho Blue has its own address on Polygon)',
    markets: [
      {
        id: '0xa5b7ae7654d5041c28cb621ee93397394c7aee6c6e16c7e0fd030128d87ee1a3',
        label: 'WETH/USDC 86%',
        source:
          'papercliplabs/compound-blue src/config.ts (commit e665ca4ec9155bbfcb74e67df66b53b51ce4781d) WHITELISTED_MARKET_IDS, WETH/USDC - 86% (market params not published there; id not recomputed)',
      },
      {
        id: '0x1cfe584af3db05c7f39d60e458a87a8b2f6b5d8c6125631984ec489f1d13553b',
        label: 'WBTC/USDC 86%',
        source:
          'papercliplabs/compound-blue src/config.ts (commit e665ca4ec9155bbfcb74e67df66b53b51ce4781d) WHITELISTED_MARKET_IDS, WBTC/USDC - 86% (id not recomputed)',
      },
      {
        id: '0x01550b8779f4ca978fc16591537f3852c02c3491f597db93d9bb299dcbf5ddbe',
        label: 'WETH/USDT 86%',
        source:
          'papercliplabs/compound-blue src/config.ts (commit e665ca4ec9155bbfcb74e67df66b53b51ce4781d) WHITELISTED_MARKET_IDS, WETH/USDT - 86% (id not recomputed)',
      },
      {
        id: '0xb8ae474af3b91c8143303723618b31683b52e9c86566aa54c06f0bc27906bcae',
        label: 'wstETH/WETH 91.5%',
        source:
          'papercliplabs/compound-blue src/config.ts (commit e665ca4ec9155bbfcb74e67df66b53b51ce4781d) WHITELISTED_MARKET_IDS, wstETH/WETH - 91.5% (id not recomputed)',
      },
      {
        id: '0x28d8d92f5392c1b26e82dcbec25949ed028ea5b99d5a929ce485f0fd88e47fcc',
        label: 'WETH/WPOL 77%',
        source:
          'morpho-org/sdks packages/morpho-test/src/fixtures/markets.ts (commit 19315e40263a3c94a44f8cb94c64cc234393ae8c) Polygon wPol_wEth (loan WPOL, collateral WETH, oracle 0x648Ff6ad9F0Cefe508AE979d7Bf4Fa48ae99CA9E, AdaptiveCurveIrm 0xe675A2161D4a6E2de2eeD70ac98EEBf257FBF0B0, lltv 77%), id = keccak256(abi.encode(params)) recomputed',
      },
    ],
    discovery:
      'Beyond this list, the markets of a user can be found with the public Morpho API (REST GET /v0/blue/users/{address}/positions, https://docs.morpho.org/api/markets/list-user-blue-positions/; GraphQL API, https://docs.morpho.org/developers/api/get-started/) or by scanning the Supply, SupplyCollateral and Borrow events of the Morpho contract with onBehalf = user and reading position(id, user); xmargin reads only the listed markets for now.',
  },
} as const satisfies ChainConfig
