import { AaveV3Arbitrum, AaveV3Base, AaveV3Ethereum, AaveV3Optimism, AaveV3Polygon } from '@aave-dao/aave-address-book'
import type { MorphoBlueDeployment } from './deployment.js'

/**
 * Morpho Blue (one singleton per chain) per chain id, the block it was
 * deployed at (where a scan of its CreateMarket logs starts), the markets
 * read on it for every owner, and the chain's USD price source for its
 * tokens (sources inline).
 */
export const MORPHO_BLUE_DEPLOYMENTS: Readonly<Record<number, MorphoBlueDeployment>> = {
  // Ethereum
  1: {
    // the chain's USD prices of Morpho's tokens: its Aave V3 oracle (AaveOracle.getAssetsPrices, USD 1e8), AaveV3Ethereum.ORACLE in @aave-dao/aave-address-book 4.68.1
    usdOracle: AaveV3Ethereum.ORACLE,
    morpho: '0xBBBBBbbBBb9cC5e90e3b3Af64bdAF62C37EEFFCb',
    // the block of Morpho's deployment, where its CreateMarket logs start: morpho-org/sdks packages/blue-sdk/src/addresses.ts (commit 0205e12aff58a500f8fc46958184d8593dc28a80), _deployments[ChainId.EthMainnet].morpho = 18883124n
    deploymentBlock: 18_883_124,
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
  },
  // Arbitrum One
  42161: {
    // the chain's USD prices of Morpho's tokens: its Aave V3 oracle (AaveOracle.getAssetsPrices, USD 1e8), AaveV3Arbitrum.ORACLE in @aave-dao/aave-address-book 4.68.1
    usdOracle: AaveV3Arbitrum.ORACLE,
    morpho: '0x6c247b1F6182318877311737BaC0844bAa518F5e',
    // the block of Morpho's deployment, where its CreateMarket logs start: morpho-org/sdks packages/blue-sdk/src/addresses.ts (commit 0205e12aff58a500f8fc46958184d8593dc28a80), _deployments[ChainId.ArbitrumMainnet].morpho = 296446593n
    deploymentBlock: 296_446_593,
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
  },
  // Base
  8453: {
    // the chain's USD prices of Morpho's tokens: its Aave V3 oracle (AaveOracle.getAssetsPrices, USD 1e8), AaveV3Base.ORACLE in @aave-dao/aave-address-book 4.68.1
    usdOracle: AaveV3Base.ORACLE,
    morpho: '0xBBBBBbbBBb9cC5e90e3b3Af64bdAF62C37EEFFCb',
    // the block of Morpho's deployment, where its CreateMarket logs start: morpho-org/sdks packages/blue-sdk/src/addresses.ts (commit 0205e12aff58a500f8fc46958184d8593dc28a80), _deployments[ChainId.BaseMainnet].morpho = 13977148n
    deploymentBlock: 13_977_148,
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
  },
  // OP Mainnet
  10: {
    // No OP Mainnet market list could be checked against a public source, so none is read by default.
    // the chain's USD prices of Morpho's tokens: its Aave V3 oracle (AaveOracle.getAssetsPrices, USD 1e8), AaveV3Optimism.ORACLE in @aave-dao/aave-address-book 4.68.1
    usdOracle: AaveV3Optimism.ORACLE,
    morpho: '0xce95AfbB8EA029495c66020883F87aaE8864AF92',
    // the block of Morpho's deployment, where its CreateMarket logs start: morpho-org/sdks packages/blue-sdk/src/addresses.ts (commit 0205e12aff58a500f8fc46958184d8593dc28a80), _deployments[ChainId.OptimismMainnet].morpho = 130770075n
    deploymentBlock: 130_770_075,
    source:
      'morpho-org/sdks packages/blue-sdk/src/addresses.ts (commit 0205e12aff58a500f8fc46958184d8593dc28a80), ChainId.OptimismMainnet.morpho (Morpho Blue has its own address on OP Mainnet)',
    markets: [],
  },
  // Polygon PoS
  137: {
    // the chain's USD prices of Morpho's tokens: its Aave V3 oracle (AaveOracle.getAssetsPrices, USD 1e8), AaveV3Polygon.ORACLE in @aave-dao/aave-address-book 4.68.1
    usdOracle: AaveV3Polygon.ORACLE,
    morpho: '0x1bF0c2541F820E775182832f06c0B7Fc27A25f67',
    // the block of Morpho's deployment, where its CreateMarket logs start: morpho-org/sdks packages/blue-sdk/src/addresses.ts (commit 0205e12aff58a500f8fc46958184d8593dc28a80), _deployments[ChainId.PolygonMainnet].morpho = 66931042n
    deploymentBlock: 66_931_042,
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
  },
  // HyperEVM
  999: {
    // No Aave V3 market on HyperEVM in @aave-dao/aave-address-book 4.68.1, and no other published USD oracle answering getAssetsPrices: USD figures 0, health in loan units.
    usdOracle: null,
    morpho: '0x68e37dE8d93d3496ae143F2E900490f6280C57cD',
    // the block of Morpho's deployment, where its CreateMarket logs start: morpho-org/sdks packages/blue-sdk/src/addresses.ts (commit 0205e12aff58a500f8fc46958184d8593dc28a80), _deployments[ChainId.HyperliquidMainnet].morpho = 1988429n
    deploymentBlock: 1_988_429,
    source:
      'morpho-org/sdks packages/blue-sdk/src/addresses.ts (commit 0205e12aff58a500f8fc46958184d8593dc28a80), ChainId.HyperliquidMainnet.morpho (HyperliquidMainnet = 999 in packages/blue-sdk/src/chain.ts, same commit; Morpho Blue has its own address on HyperEVM)',
    // no HyperEVM market list checked against a public source: its markets come from the CreateMarket index alone
    markets: [],
  },
}
