import { AaveV3Arbitrum } from '@aave-dao/aave-address-book'
import { arbitrum as arbitrumChain } from 'viem/chains'
import { MULTICALL3_ADDRESS } from './devnet.js'
import type { ChainConfig } from './types.js'
import { gmxV2Arbitrum } from './gmxV2Arbitrum.js'

/**
 * Arbitrum One (chain id 42161): the main Aave V3 market, with addresses from
 * `@aave-dao/aave-address-book` 4.68.1, and Morpho Blue and four of its markets (sources inline).
 */
export const arbitrum = {
  key: 'arbitrum',
  chain: arbitrumChain,
  rpcEnvVar: 'RPC_URL_42161',
  devnet: false,
  // ~0.25 s blocks: a minute without one is a stalled node
  maxHeadAgeSeconds: 60,
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
  morphoBlue: {
    morpho: '0x6c247b1F6182318877311737BaC0844bAa518F5e',
    source:
      'morpho-org/sdks packages/blue-sdk/src/addresses.ts (commit 0205e12aff58a500f8fc46958184d8593dc28a80), ChainId.ArbitrumMainnet.morpho (Morpho Blue has its own address on Arbitrum)',
    markets: [
      {
        id: '0xca83d02be579485cc10945c9597a6141e772f1cf0e0aa28d09a327b6cbd8642c',
        label: 'WETH/USDC 86%',
        source:
          'karpatkey/defi-kit sdk/src/protocols/morpho/markets/_arb1Info.ts (commit fafd14ef67585a866de85b344bdebc6f9c23cf70): USDC / WETH, oracle 0x282FEB10549fde52bD61A6979424Ddf18A4971A2, AdaptiveCurveIrm 0x66F30587FB8D4206918deb78ecA7d5eBbafD06DA, lltv 86%; id recomputed from these params',
      },
      {
        id: '0xe6392ff19d10454b099d692b58c361ef93e31af34ed1ef78232e07c78fe99169',
        label: 'WBTC/USDC 86%',
        source:
          'karpatkey/defi-kit sdk/src/protocols/morpho/markets/_arb1Info.ts (commit fafd14ef67585a866de85b344bdebc6f9c23cf70): USDC / WBTC, oracle 0x88193FcB705d29724A40Bb818eCAA47dD5F014d9, AdaptiveCurveIrm, lltv 86%; id recomputed from these params',
      },
      {
        id: '0x3e077841d6e3fcdd509fdf7430dec03618d3fd66734cdf9825fc677da8985ba6',
        label: 'wstETH/WETH 94.5%',
        source:
          'morpho-org/sdks packages/morpho-test/src/fixtures/markets.ts (commit 19315e40263a3c94a44f8cb94c64cc234393ae8c) Arbitrum eth_wstEth (oracle 0x70dCd188B6444fefFb772b1d3273D8f2767556FE, AdaptiveCurveIrm, lltv 94.5%), id = keccak256(abi.encode(params)) recomputed',
      },
      {
        id: '0xccc686b651cfedfbfc5e92b6a1953fc1c738e360634a48394f2ba7a704ac3cec',
        label: 'weETH/WETH 94.5%',
        source:
          'karpatkey/defi-kit sdk/src/protocols/morpho/markets/_arb1Info.ts (commit fafd14ef67585a866de85b344bdebc6f9c23cf70): WETH / weETH, oracle 0xF287a5725E9e78B55cA3aEd614ce9bD8Ea6d5583, AdaptiveCurveIrm, lltv 94.5%; id recomputed from these params',
      },
    ],
    discovery:
      'Beyond this list, the markets of a user can be found with the public Morpho API (REST GET /v0/blue/users/{address}/positions, https://docs.morpho.org/api/markets/list-user-blue-positions/; GraphQL API, https://docs.morpho.org/developers/api/get-started/) or by scanning the Supply, SupplyCollateral and Borrow events of the Morpho contract with onBehalf = user and reading position(id, user); xmargin reads only the listed markets for now.',
  },
  gmxV2: gmxV2Arbitrum,
} as const satisfies ChainConfig
