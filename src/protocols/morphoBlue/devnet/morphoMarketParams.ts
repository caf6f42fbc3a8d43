/**
 * Parameters of the devnet's Morpho Blue markets, each modelled on a real
 * market (same collateral/loan pair and LLTV). Plain data, no I/O.
 *
 * The devnet does not run Morpho's AdaptiveCurveIrm: its stand-in
 * (contracts/DevnetCurveIrm.sol) uses the same curve at a fixed rate at
 * target, without the adaptation over time. The curve's constants, from
 * morpho-org/morpho-blue-irm src/libraries/adaptive-curve/ConstantsLib.sol
 * (commit ba2caaac864d95342ad6455c34b9005514a5ab38):
 *
 *   int256 public constant CURVE_STEEPNESS = 4 ether;
 *   int256 public constant ADJUSTMENT_SPEED = 50 ether / int256(365 days);
 *   int256 public constant TARGET_UTILIZATION = 0.9 ether;
 *   int256 public constant INITIAL_RATE_AT_TARGET = 0.04 ether / int256(365 days);
 *   int256 public constant MIN_RATE_AT_TARGET = 0.001 ether / int256(365 days);
 *   int256 public constant MAX_RATE_AT_TARGET = 2.0 ether / int256(365 days);
 *
 * morpho-org/sdks packages/blue-sdk/src/math/AdaptiveCurveIrmLib.ts (commit
 * 42c2a4390865bfec37d059332ea36a73aee0e900) holds the same values
 * (CURVE_STEEPNESS 4e18, TARGET_UTILIZATION 0.9e18, INITIAL_RATE_AT_TARGET
 * 0.04e18 / SECONDS_PER_YEAR). Rates at target are per second on chain:
 * per-second rate (WAD) = rateAtTargetPerYear · 1e18 / 31_536_000 (365 days,
 * as ConstantsLib divides by `365 days`).
 *
 * Market fee: Morpho Blue charges no fee on a market until its owner calls
 * `setFee`; the one snapshot found (Ethereum wstETH/USDC 86%, see
 * RATE_AT_TARGET_USDC_SNAPSHOT) records `fee: 0n`, and every devnet market
 * uses 0.
 */
import type { Hex } from 'viem'

/**
 * The AdaptiveCurveIrm constants the devnet's curve reproduces, as plain
 * numbers (fractions, not WAD). Source in `source`.
 */
export const ADAPTIVE_CURVE_IRM = {
  /** Ratio of the rate at 100% utilization to the rate at target (and of the rate at target to the rate at 0%). */
  curveSteepness: 4,
  /** Utilization at which the borrow rate equals the rate at target, as a fraction (0.9 = 90%). */
  targetUtilization: 0.9,
  /** Rate at target of a new market, per year (0.04 = 4% APR); on chain 0.04e18 / 365 days per second. */
  initialRateAtTargetPerYear: 0.04,
  source:
    'morpho-org/morpho-blue-irm src/libraries/adaptive-curve/ConstantsLib.sol (commit ba2caaac864d95342ad6455c34b9005514a5ab38): CURVE_STEEPNESS = 4 ether, TARGET_UTILIZATION = 0.9 ether, INITIAL_RATE_AT_TARGET = 0.04 ether / int256(365 days); same values in morpho-org/sdks packages/blue-sdk/src/math/AdaptiveCurveIrmLib.ts (commit 42c2a4390865bfec37d059332ea36a73aee0e900)',
} as const

/**
 * The one on-chain rate at target of a blue-chip USDC-loan market found in a
 * public source: Ethereum wstETH/USDC 86% (0xb323495f…86cc) at its
 * lastUpdate 1711589915 (2024-03-28), rateAtTarget 3386101241 wei per second
 * (WAD) · 31_536_000 s = 0.106784 per year. The devnet's USDC-loan markets
 * use it as a proxy: same loan token and LLTV, no snapshot of their own real
 * markets was found.
 */
const RATE_AT_TARGET_USDC_SNAPSHOT = {
  perYear: 0.106784,
  source:
    'Ethereum wstETH/USDC 86% (0xb323495f7e4148be5643a4ea4a8221eef163e4bccfdedc2a6f4696baacbc86cc) at lastUpdate 1711589915 (2024-03-28): rateAtTarget 3386101241 (WAD per second) x 31536000 s = 0.106784/yr, morpho-org/sdks packages/blue-sdk-viem/test/Market.integration.test.ts (commit f890b7d594c1047fee1b3fdc3db2287a9782f655), "should fetch market data"; used as a proxy (same loan token and LLTV)',
} as const

/** For WETH-loan markets no on-chain rate at target was found: AdaptiveCurveIrm's initial value. */
const RATE_AT_TARGET_INITIAL = {
  perYear: ADAPTIVE_CURVE_IRM.initialRateAtTargetPerYear,
  source:
    'AdaptiveCurveIrm INITIAL_RATE_AT_TARGET (4%/yr, see ADAPTIVE_CURVE_IRM.source); no public snapshot of this real market rate at target was found',
} as const

/** The real Morpho Blue market a devnet market imitates, and where its id and parameters are published. */
export type DevnetMorphoMarketSource = {
  /** Chain id of the real market (1 Ethereum, 8453 Base). */
  readonly chainId: number
  /** Real market id: keccak256(abi.encode(loanToken, collateralToken, oracle, irm, lltv)). */
  readonly marketId: Hex
  /** Repository, path and commit that list the market with these parameters. */
  readonly reference: string
}

/** One devnet Morpho Blue market. */
export type DevnetMorphoMarketParams = {
  /** Collateral/loan and LLTV, e.g. `wstETH/WETH 94.5%`. */
  readonly label: string
  /** Symbol of the collateral token, as the devnet's token list spells it. */
  readonly collateralSymbol: string
  /** Symbol of the loan token, as the devnet's token list spells it. */
  readonly loanSymbol: string
  /** Liquidation LTV, WAD (1e18 = 100%; 945000000000000000n = 94.5%). */
  readonly lltv: bigint
  readonly source: DevnetMorphoMarketSource
  /**
   * Fixed rate at target of the devnet's curve, per year as a fraction
   * (0.04 = 4% APR); per second on chain: · 1e18 / 31_536_000.
   */
  readonly rateAtTargetPerYear: number
  /** Where `rateAtTargetPerYear` comes from. */
  readonly rateAtTargetSource: string
  /** Market fee, WAD (share of interest paid to the fee recipient; 0n = none). */
  readonly fee: bigint
  /**
   * Loan tokens the devnet's liquidity provider supplies to the market, in
   * whole tokens as a decimal string (parse with the loan token's decimals).
   * A devnet choice, not taken from the real market.
   */
  readonly lpSupplyTokens: string
}

/** LLTV 94.5%, WAD. */
const LLTV_94_5 = 945_000_000_000_000_000n
/** LLTV 86%, WAD. */
const LLTV_86 = 860_000_000_000_000_000n

/** l1 imitates Ethereum. */
const l1: readonly DevnetMorphoMarketParams[] = [
  {
    label: 'wstETH/WETH 94.5%',
    collateralSymbol: 'wstETH',
    loanSymbol: 'WETH',
    lltv: LLTV_94_5,
    source: {
      chainId: 1,
      marketId: '0xc54d7acf14de29e0e5527cabd7a576506870346a78a11a6762e2cca66322ec41',
      reference:
        'morpho-org/sdks packages/morpho-test/src/fixtures/markets.ts (commit 19315e40263a3c94a44f8cb94c64cc234393ae8c) eth_wstEth: loan WETH, collateral wstETH, oracle 0x2a01EB9496094dA03c4E364Def50f5aD1280AD72, AdaptiveCurveIrm 0x870aC11D48B15DB9a138Cf899d20F13F79Ba00BC, lltv 94.5% (id recomputed); DefiLlama/DefiLlama-Adapters projects/morpho-blue/addresses.js (commit e2c93c18164af66c4088a2a98d3f7557e1b66da3)',
    },
    rateAtTargetPerYear: RATE_AT_TARGET_INITIAL.perYear,
    rateAtTargetSource: RATE_AT_TARGET_INITIAL.source,
    fee: 0n,
    lpSupplyTokens: '5000',
  },
  {
    label: 'WBTC/USDC 86%',
    collateralSymbol: 'WBTC',
    loanSymbol: 'USDC',
    lltv: LLTV_86,
    source: {
      chainId: 1,
      marketId: '0x3a85e619751152991742810df6ec69ce473daef99e28a64ab2340d7b7ccfee49',
      reference:
        'morpho-org/sdks packages/morpho-test/src/fixtures/markets.ts (commit 19315e40263a3c94a44f8cb94c64cc234393ae8c) usdc_wbtc: loan USDC, collateral WBTC, oracle 0xDddd770BADd886dF3864029e4B377B5F6a2B6b83, AdaptiveCurveIrm 0x870aC11D48B15DB9a138Cf899d20F13F79Ba00BC, lltv 86% (id recomputed)',
    },
    rateAtTargetPerYear: RATE_AT_TARGET_USDC_SNAPSHOT.perYear,
    rateAtTargetSource: RATE_AT_TARGET_USDC_SNAPSHOT.source,
    fee: 0n,
    lpSupplyTokens: '5000000',
  },
]

/** base imitates Base. */
const base: readonly DevnetMorphoMarketParams[] = [
  {
    label: 'WETH/USDC 86%',
    collateralSymbol: 'WETH',
    loanSymbol: 'USDC',
    lltv: LLTV_86,
    source: {
      chainId: 8453,
      marketId: '0x8793cf302b8ffd655ab97bd1c695dbd967807e8367a65cb2f4edaf1380ba1bda',
      reference:
        'morpho-org/sdks packages/morpho-test/src/fixtures/markets.ts (commit 19315e40263a3c94a44f8cb94c64cc234393ae8c) Base usdc_eth: loan USDC, collateral WETH, oracle 0xFEa2D58cEfCb9fcb597723c6bAE66fFE4193aFE4, AdaptiveCurveIrm 0x46415998764C29aB2a25CbeA6254146D50D22687, lltv 86% (id recomputed); karpatkey/defi-kit sdk/src/protocols/morpho/markets/_baseInfo.ts (commit 4dd4c06f95b86c8dce3e8e63cdadd0c4f47633e4)',
    },
    rateAtTargetPerYear: RATE_AT_TARGET_USDC_SNAPSHOT.perYear,
    rateAtTargetSource: RATE_AT_TARGET_USDC_SNAPSHOT.source,
    fee: 0n,
    lpSupplyTokens: '5000000',
  },
  {
    label: 'cbETH/WETH 94.5%',
    collateralSymbol: 'cbETH',
    loanSymbol: 'WETH',
    lltv: LLTV_94_5,
    source: {
      chainId: 8453,
      marketId: '0x84662b4f95b85d6b082b68d32cf71bb565b3f22f216a65509cc2ede7dccdfe8c',
      reference:
        'karpatkey/defi-kit sdk/src/protocols/morpho/markets/_baseInfo.ts (commit 4dd4c06f95b86c8dce3e8e63cdadd0c4f47633e4): WETH / cbETH, loan WETH 0x4200000000000000000000000000000000000006, collateral cbETH 0x2Ae3F1Ec7F1F5012CFEab0185bfc7aa3cf0DEc22, oracle 0xB03855Ad5AFD6B8db8091DD5551CAC4ed621d9E6, AdaptiveCurveIrm 0x46415998764C29aB2a25CbeA6254146D50D22687, lltv 94.5% (id recomputed)',
    },
    rateAtTargetPerYear: RATE_AT_TARGET_INITIAL.perYear,
    rateAtTargetSource: RATE_AT_TARGET_INITIAL.source,
    fee: 0n,
    lpSupplyTokens: '3000',
  },
]

/** The devnet's Morpho Blue markets by devnet chain key, in creation order. */
export const devnetMorphoMarkets = { l1, base } as const
