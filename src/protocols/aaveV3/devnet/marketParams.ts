/**
 * Risk parameters for the three local devnet Aave V3 markets, copied from
 * dated snapshots of the real markets they imitate. Plain data, no I/O.
 *
 * Sources (BGD Labs config snapshots: `reports/*.json` as written by
 * aave-helpers' ProtocolV3TestBase from a fork of the live market):
 * - l1   ← Aave V3 Ethereum (core): bgd-labs/aave-proposals-v3
 *          reports/AaveV3Ethereum_UpgradeAaveV3ETHPooolWETHParameters_20231031_before.json
 *          (commit 4a537c7020bd950b5b1edb038e8e492010b57657), snapshot of 2023-10-31.
 * - arb  ← Aave V3 Arbitrum: bgd-labs/aave-proposals-v3
 *          reports/AaveV3Arbitrum_MAIMIMATICDeprecation20231031_20231031_before.json
 *          (commit 4a537c7020bd950b5b1edb038e8e492010b57657), file dated 2023-10-31.
 * - base ← Aave V3 Base: bgd-labs/aave-v3-basenet-proposal
 *          reports/postAaveV3_Base_BaseActivation.json
 *          (commit 6db65a39d48f5218677a7a0d8810c87f28236fc0), the market as the
 *          August 2023 activation proposal left it.
 *
 * All three snapshots predate Aave v3.1 (2024), so their rate strategies are
 * the v3.0 DefaultReserveInterestRateStrategy the devnet deploys, with every
 * stable-rate parameter but one: the snapshots record `baseStableBorrowRate`
 * (= variableRateSlope1 + baseStableRateOffset, as the v3.0 strategy's
 * getBaseStableBorrowRate), from which `baseStableRateOffset` is derived here,
 * and do not record `stableRateExcessOffset` (see each reserve).
 */

/** RAY = 1e27 = 100%; 1 bps = 1e23 in RAY. */
const RAY_PER_BPS = 10n ** 23n

/** A rate in bps (1e4 = 100%) as RAY. Every snapshot rate is a whole number of bps. */
function rayFromBps(bps: bigint): bigint {
  return bps * RAY_PER_BPS
}

/**
 * Constructor arguments of Aave v3.0 DefaultReserveInterestRateStrategy after
 * the addresses provider, in its order; all RAY (1e27 = 100%).
 */
export type DevnetRateStrategyParams = {
  readonly optimalUsageRatio: bigint
  readonly baseVariableBorrowRate: bigint
  readonly variableRateSlope1: bigint
  readonly variableRateSlope2: bigint
  readonly stableRateSlope1: bigint
  readonly stableRateSlope2: bigint
  /** Premium over variableRateSlope1 for the base stable rate. */
  readonly baseStableRateOffset: bigint
  /** Premium on the stable rate once stable debt exceeds optimalStableToTotalDebtRatio. */
  readonly stableRateExcessOffset: bigint
  readonly optimalStableToTotalDebtRatio: bigint
}

/**
 * One reserve of a devnet market. Percentages in bps (1e4 = 100%; the
 * liquidation bonus is Aave-style, 10500 = 5% bonus), caps in whole tokens
 * (0 = no cap), rates in RAY, price in 8-decimal USD.
 */
export type DevnetReserveParams = DevnetRateStrategyParams & {
  readonly symbol: string
  readonly decimals: number
  /** Risk factors the asset's USD price moves with, base factor first (wstETH: `['ETH', 'WSTETH_ETH']`). */
  readonly riskFactor: readonly string[]
  /** Initial oracle price, USD with 8 decimals. */
  readonly priceE8: bigint
  readonly ltvBps: number
  readonly liquidationThresholdBps: number
  /** Aave-style: 10500 = the liquidator receives 5% over the debt repaid. */
  readonly liquidationBonusBps: number
  /** Share of the liquidation bonus paid to the protocol treasury, bps. */
  readonly liquidationProtocolFeeBps: number
  readonly reserveFactorBps: number
  readonly borrowingEnabled: boolean
  readonly stableBorrowingEnabled: boolean
  /** Whole tokens; 0 = no cap. */
  readonly supplyCap: bigint
  /** Whole tokens; 0 = no cap. */
  readonly borrowCap: bigint
  /** eMode category id; 0 = none. */
  readonly eModeCategory: number
  /** Isolation mode: debt ceiling in USD with 2 decimals (Aave's unit); absent or 0 = not isolated. */
  readonly debtCeiling?: bigint
  /** May be borrowed by accounts in isolation mode. */
  readonly borrowableInIsolation?: boolean
  /** Siloed borrowing: an account borrowing it may borrow nothing else. */
  readonly siloedBorrowing?: boolean
}

/** One eMode category. Percentages in bps; the bonus is Aave-style (10100 = 1%). */
export type DevnetEModeCategory = {
  readonly id: number
  readonly label: string
  readonly ltvBps: number
  readonly liquidationThresholdBps: number
  readonly liquidationBonusBps: number
}

/** Where a market's numbers were copied from. */
export type DevnetSnapshotSource = {
  /** GitHub `owner/name`. */
  readonly repo: string
  readonly path: string
  readonly commit: string
  /** Date of the market state the file records (ISO date or month). */
  readonly date: string
}

/** A devnet Aave V3 market: the real market it imitates, its source, reserves in listing order and eMode categories. */
export type DevnetMarketParams = {
  /** Market name as the address book spells it, e.g. `AaveV3Ethereum`. */
  readonly imitates: string
  readonly source: DevnetSnapshotSource
  readonly reserves: readonly DevnetReserveParams[]
  readonly eModeCategories: readonly DevnetEModeCategory[]
}

/**
 * Initial prices, USD with 8 decimals, one per asset so that the same risk
 * factor has the same price on every devnet chain. All are the
 * `oracleLatestAnswer`s of the l1 snapshot (2023-10-31), except ARB, which
 * only the Arbitrum snapshot lists (its fork block is a few days later: its
 * ETH answer is 2,064.38, so ARB is approximate for 2023-10-31).
 */
export const snapshotPricesE8 = {
  ETH: 181_685_499_606n, // ETH / USD 1,816.85
  WBTC: 3_481_414_003_279n, // WBTC/BTC/USD adapter 34,814.14
  USDC: 99_997_427n, // USDC / USD 0.99997
  wstETH: 208_052_489_524n, // wstETH/ETH/USD adapter 2,080.52 (1.1451 ETH)
  cbETH: 190_676_202_775n, // cbETH/ETH/USD adapter 1,906.76 (1.0495 ETH)
  ARB: 112_614_475n, // ARB / USD 1.126 (Arbitrum snapshot)
} as const

/**
 * Aave V3 Ethereum core market on 2023-10-31: bgd-labs/aave-proposals-v3
 * reports/AaveV3Ethereum_UpgradeAaveV3ETHPooolWETHParameters_20231031_before.json
 * (commit 4a537c7020bd950b5b1edb038e8e492010b57657). The real eMode 1 also
 * holds cbETH and rETH, not listed here.
 */
export const l1: DevnetMarketParams = {
  imitates: 'AaveV3Ethereum',
  source: {
    repo: 'bgd-labs/aave-proposals-v3',
    path: 'reports/AaveV3Ethereum_UpgradeAaveV3ETHPooolWETHParameters_20231031_before.json',
    commit: '4a537c7020bd950b5b1edb038e8e492010b57657',
    date: '2023-10-31',
  },
  reserves: [
    {
      symbol: 'WETH',
      decimals: 18,
      riskFactor: ['ETH'],
      priceE8: snapshotPricesE8.ETH,
      ltvBps: 8050,
      liquidationThresholdBps: 8300,
      liquidationBonusBps: 10500,
      liquidationProtocolFeeBps: 1000,
      reserveFactorBps: 1500,
      borrowingEnabled: true,
      // Deviation: false on mainnet; enabled so stable debt can be tested locally.
      stableBorrowingEnabled: true,
      supplyCap: 1_800_000n,
      borrowCap: 1_400_000n,
      eModeCategory: 1,
      // Strategy 0xb02381b1d27aA9845e5012083CA288c1818884f0 (baseStableBorrowRate 6.8%).
      optimalUsageRatio: rayFromBps(9000n),
      baseVariableBorrowRate: 0n,
      variableRateSlope1: rayFromBps(380n),
      variableRateSlope2: rayFromBps(8000n),
      stableRateSlope1: rayFromBps(400n),
      stableRateSlope2: rayFromBps(8000n),
      baseStableRateOffset: rayFromBps(300n),
      // Not in the snapshot: 5%, what BGD's Base activation payload set for WETH (aave-v3-basenet-proposal src/contracts/AaveV3_BaseActivation.sol).
      stableRateExcessOffset: rayFromBps(500n),
      optimalStableToTotalDebtRatio: rayFromBps(2000n),
    },
    {
      symbol: 'WBTC',
      decimals: 8,
      riskFactor: ['BTC'],
      priceE8: snapshotPricesE8.WBTC,
      ltvBps: 7300,
      liquidationThresholdBps: 7800,
      liquidationBonusBps: 10500,
      liquidationProtocolFeeBps: 1000,
      reserveFactorBps: 2000,
      borrowingEnabled: true,
      stableBorrowingEnabled: false,
      supplyCap: 43_000n,
      borrowCap: 28_000n,
      eModeCategory: 0,
      // Strategy 0x07Fa3744FeC271F80c2EA97679823F65c13CCDf4 (baseStableBorrowRate 6%).
      optimalUsageRatio: rayFromBps(4500n),
      baseVariableBorrowRate: 0n,
      variableRateSlope1: rayFromBps(400n),
      variableRateSlope2: rayFromBps(30000n),
      stableRateSlope1: rayFromBps(700n),
      stableRateSlope2: rayFromBps(30000n),
      baseStableRateOffset: rayFromBps(200n),
      // Not in the snapshot: 5%, as for the other volatile assets here.
      stableRateExcessOffset: rayFromBps(500n),
      optimalStableToTotalDebtRatio: rayFromBps(2000n),
    },
    {
      symbol: 'USDC',
      decimals: 6,
      riskFactor: ['USDC'],
      priceE8: snapshotPricesE8.USDC,
      ltvBps: 7700,
      liquidationThresholdBps: 8000,
      liquidationBonusBps: 10450,
      liquidationProtocolFeeBps: 2000,
      reserveFactorBps: 1000,
      borrowingEnabled: true,
      // Deviation: false on mainnet; enabled so stable debt can be tested locally.
      stableBorrowingEnabled: true,
      supplyCap: 1_760_000_000n,
      borrowCap: 1_580_000_000n,
      eModeCategory: 0,
      // Strategy 0x8F183Ee74C790CB558232a141099b316D6C8Ba6E (baseStableBorrowRate 4.5%).
      optimalUsageRatio: rayFromBps(9000n),
      baseVariableBorrowRate: 0n,
      variableRateSlope1: rayFromBps(350n),
      variableRateSlope2: rayFromBps(6000n),
      stableRateSlope1: rayFromBps(50n),
      stableRateSlope2: rayFromBps(6000n),
      baseStableRateOffset: rayFromBps(100n),
      // Not in the snapshot: 8%, what BGD listings of the period set for USDC (Arbitrum USDCn, Base USDbC).
      stableRateExcessOffset: rayFromBps(800n),
      optimalStableToTotalDebtRatio: rayFromBps(2000n),
    },
    {
      symbol: 'wstETH',
      decimals: 18,
      riskFactor: ['ETH', 'WSTETH_ETH'],
      priceE8: snapshotPricesE8.wstETH,
      ltvBps: 7850,
      liquidationThresholdBps: 8100,
      liquidationBonusBps: 10600,
      liquidationProtocolFeeBps: 1000,
      reserveFactorBps: 1500,
      borrowingEnabled: true,
      stableBorrowingEnabled: false,
      supplyCap: 850_000n,
      borrowCap: 24_000n,
      eModeCategory: 1,
      // Strategy 0x7b8Fa4540246554e77FCFf140f9114de00F8bB8D (baseStableBorrowRate 7.5%).
      optimalUsageRatio: rayFromBps(4500n),
      baseVariableBorrowRate: rayFromBps(25n),
      variableRateSlope1: rayFromBps(450n),
      variableRateSlope2: rayFromBps(8000n),
      stableRateSlope1: rayFromBps(400n),
      stableRateSlope2: rayFromBps(8000n),
      baseStableRateOffset: rayFromBps(300n),
      // Not in the snapshot: 5%, as for the other volatile assets here.
      stableRateExcessOffset: rayFromBps(500n),
      optimalStableToTotalDebtRatio: rayFromBps(2000n),
    },
  ],
  eModeCategories: [
    { id: 1, label: 'ETH correlated', ltvBps: 9000, liquidationThresholdBps: 9300, liquidationBonusBps: 10100 },
  ],
}

/**
 * Aave V3 Arbitrum: bgd-labs/aave-proposals-v3
 * reports/AaveV3Arbitrum_MAIMIMATICDeprecation20231031_20231031_before.json
 * (commit 4a537c7020bd950b5b1edb038e8e492010b57657). The file is dated
 * 2023-10-31 by its name; its oracle answers (ETH 2,064.38, BTC 36,535) put
 * the fork block in early November 2023. Devnet prices come from
 * `snapshotPricesE8`, not from this file (except ARB).
 *
 * No eMode here: on Arbitrum native USDC ("USDCn") is in eMode 1 "Stablecoins"
 * (93/95/101%) and WETH in eMode 2 "ETH correlated" (90/93/102%), but neither
 * category has a second member among these three reserves.
 */
export const arb: DevnetMarketParams = {
  imitates: 'AaveV3Arbitrum',
  source: {
    repo: 'bgd-labs/aave-proposals-v3',
    path: 'reports/AaveV3Arbitrum_MAIMIMATICDeprecation20231031_20231031_before.json',
    commit: '4a537c7020bd950b5b1edb038e8e492010b57657',
    date: '2023-10-31',
  },
  reserves: [
    {
      symbol: 'WETH',
      decimals: 18,
      riskFactor: ['ETH'],
      priceE8: snapshotPricesE8.ETH,
      ltvBps: 8250,
      liquidationThresholdBps: 8500,
      liquidationBonusBps: 10500,
      liquidationProtocolFeeBps: 1000,
      reserveFactorBps: 1500,
      borrowingEnabled: true,
      stableBorrowingEnabled: false,
      supplyCap: 70_000n,
      borrowCap: 40_000n,
      // Real: eMode 2 "ETH correlated" (see the market's docstring).
      eModeCategory: 0,
      // Strategy 0x9a158802cD924747EF336cA3F9DE3bdb60Cf43D3 (baseStableBorrowRate 6.3%).
      optimalUsageRatio: rayFromBps(8000n),
      baseVariableBorrowRate: 0n,
      variableRateSlope1: rayFromBps(330n),
      variableRateSlope2: rayFromBps(8000n),
      stableRateSlope1: rayFromBps(400n),
      stableRateSlope2: rayFromBps(8000n),
      baseStableRateOffset: rayFromBps(300n),
      // Not in the snapshot: 5%, as for the other volatile assets here.
      stableRateExcessOffset: rayFromBps(500n),
      optimalStableToTotalDebtRatio: rayFromBps(2000n),
    },
    {
      // Native USDC 0xaf88d065e77c8cC2239327C5EDb3A432268e5831 ("USDCn" in the protocol), not bridged USDC.e.
      // Stablecoins are borrowable in isolation mode on the real market.
      borrowableInIsolation: true,
      symbol: 'USDC',
      decimals: 6,
      riskFactor: ['USDC'],
      priceE8: snapshotPricesE8.USDC,
      ltvBps: 8100,
      liquidationThresholdBps: 8600,
      liquidationBonusBps: 10500,
      liquidationProtocolFeeBps: 1000,
      reserveFactorBps: 1000,
      borrowingEnabled: true,
      // Deviation: false on mainnet; enabled so v3.0.2 stable debt is tested locally (the v3.6 chains have none).
      stableBorrowingEnabled: true,
      supplyCap: 41_000_000n,
      borrowCap: 41_000_000n,
      // Real: eMode 1 "Stablecoins" (see the market's docstring).
      eModeCategory: 0,
      // Strategy 0xf6733B9842883BFE0e0a940eA2F572676af31bde on Arbitrum (baseStableBorrowRate 4.5%).
      optimalUsageRatio: rayFromBps(9000n),
      baseVariableBorrowRate: 0n,
      variableRateSlope1: rayFromBps(350n),
      variableRateSlope2: rayFromBps(6000n),
      stableRateSlope1: rayFromBps(500n),
      stableRateSlope2: rayFromBps(6000n),
      baseStableRateOffset: rayFromBps(100n),
      // Not in the snapshot; 8% from the listing payload, whose other rate values equal the snapshot's
      // (bgd-labs/aave-proposals src/AaveV3ArbNativeUSDCListing_20230621/ADD-NATIVE-USDC-ARB-V3-AIP.md, June 2023).
      stableRateExcessOffset: rayFromBps(800n),
      optimalStableToTotalDebtRatio: rayFromBps(2000n),
    },
    {
      // Isolation-mode collateral as on the real market: debt ceiling $14,000,000
      // (Aave V3 Arbitrum ARB listing, AIP "Add ARB to Aave V3 Arbitrum", 2023).
      debtCeiling: 14_000_000_00n,
      symbol: 'ARB',
      decimals: 18,
      riskFactor: ['ARB'],
      priceE8: snapshotPricesE8.ARB,
      ltvBps: 5000,
      liquidationThresholdBps: 6000,
      liquidationBonusBps: 11000,
      liquidationProtocolFeeBps: 1000,
      reserveFactorBps: 2000,
      borrowingEnabled: true,
      stableBorrowingEnabled: false,
      supplyCap: 20_000_000n,
      borrowCap: 16_500_000n,
      eModeCategory: 0,
      // Strategy 0xD87974E8ED49AB16d5053ba793F4e17078Be0426 on Arbitrum (baseStableBorrowRate 8%).
      optimalUsageRatio: rayFromBps(4500n),
      baseVariableBorrowRate: 0n,
      variableRateSlope1: rayFromBps(700n),
      variableRateSlope2: rayFromBps(30000n),
      stableRateSlope1: rayFromBps(700n),
      stableRateSlope2: rayFromBps(30000n),
      baseStableRateOffset: rayFromBps(100n),
      // Not in the snapshot: 5%, as for the other volatile assets here.
      stableRateExcessOffset: rayFromBps(500n),
      optimalStableToTotalDebtRatio: rayFromBps(2000n),
    },
  ],
  eModeCategories: [],
}

/**
 * Aave V3 Base as activated in August 2023: bgd-labs/aave-v3-basenet-proposal
 * reports/postAaveV3_Base_BaseActivation.json (commit
 * 6db65a39d48f5218677a7a0d8810c87f28236fc0). The file carries no timestamp;
 * its ETH answer (1,845.64) fits mid-August 2023. Its rate strategies are
 * exactly the activation payload's (src/contracts/AaveV3_BaseActivation.sol,
 * same commit), which also gives `stableRateExcessOffset`. Devnet prices come
 * from `snapshotPricesE8`.
 *
 * The stablecoin listed at activation was USDbC (bridged "USD Base Coin",
 * 6 decimals, USDC / USD feed); native USDC came later. Its parameters stand
 * in for the devnet's USDC.
 */
export const base: DevnetMarketParams = {
  imitates: 'AaveV3Base',
  source: {
    repo: 'bgd-labs/aave-v3-basenet-proposal',
    path: 'reports/postAaveV3_Base_BaseActivation.json',
    commit: '6db65a39d48f5218677a7a0d8810c87f28236fc0',
    date: '2023-08',
  },
  reserves: [
    {
      symbol: 'WETH',
      decimals: 18,
      riskFactor: ['ETH'],
      priceE8: snapshotPricesE8.ETH,
      ltvBps: 8000,
      liquidationThresholdBps: 8300,
      liquidationBonusBps: 10500,
      liquidationProtocolFeeBps: 1000,
      reserveFactorBps: 1500,
      borrowingEnabled: true,
      stableBorrowingEnabled: false,
      supplyCap: 5_000n,
      borrowCap: 4_000n,
      eModeCategory: 1,
      // Strategy 0xC1F6588f4A1145D0B7F94c86a773bB47F0eC0759 (baseStableBorrowRate 6.8%).
      optimalUsageRatio: rayFromBps(8000n),
      baseVariableBorrowRate: 0n,
      variableRateSlope1: rayFromBps(380n),
      variableRateSlope2: rayFromBps(8000n),
      stableRateSlope1: rayFromBps(400n),
      stableRateSlope2: rayFromBps(8000n),
      baseStableRateOffset: rayFromBps(300n),
      stableRateExcessOffset: rayFromBps(500n),
      optimalStableToTotalDebtRatio: rayFromBps(2000n),
    },
    {
      symbol: 'cbETH',
      decimals: 18,
      riskFactor: ['ETH', 'CBETH_ETH'],
      priceE8: snapshotPricesE8.cbETH,
      ltvBps: 6700,
      liquidationThresholdBps: 7400,
      liquidationBonusBps: 10750,
      liquidationProtocolFeeBps: 1000,
      reserveFactorBps: 1500,
      borrowingEnabled: true,
      stableBorrowingEnabled: false,
      supplyCap: 1_000n,
      borrowCap: 100n,
      eModeCategory: 1,
      // Strategy 0x05295489b6aE0d97ae7C49a42989497294F7F428 (baseStableBorrowRate 10%).
      optimalUsageRatio: rayFromBps(4500n),
      baseVariableBorrowRate: 0n,
      variableRateSlope1: rayFromBps(700n),
      variableRateSlope2: rayFromBps(30000n),
      stableRateSlope1: rayFromBps(400n),
      stableRateSlope2: rayFromBps(30000n),
      baseStableRateOffset: rayFromBps(300n),
      stableRateExcessOffset: rayFromBps(500n),
      optimalStableToTotalDebtRatio: rayFromBps(2000n),
    },
    {
      // USDbC's parameters (see the market's docstring).
      symbol: 'USDC',
      decimals: 6,
      riskFactor: ['USDC'],
      priceE8: snapshotPricesE8.USDC,
      ltvBps: 7700,
      liquidationThresholdBps: 8000,
      liquidationBonusBps: 10500,
      liquidationProtocolFeeBps: 1000,
      reserveFactorBps: 1000,
      borrowingEnabled: true,
      stableBorrowingEnabled: false,
      supplyCap: 8_000_000n,
      borrowCap: 6_500_000n,
      eModeCategory: 0,
      // Strategy 0x8BAdED77793c340ab79848A09C7F5f7F16007Ab6 (baseStableBorrowRate 5%).
      optimalUsageRatio: rayFromBps(9000n),
      baseVariableBorrowRate: 0n,
      variableRateSlope1: rayFromBps(400n),
      variableRateSlope2: rayFromBps(6000n),
      stableRateSlope1: rayFromBps(50n),
      stableRateSlope2: rayFromBps(6000n),
      baseStableRateOffset: rayFromBps(100n),
      stableRateExcessOffset: rayFromBps(800n),
      optimalStableToTotalDebtRatio: rayFromBps(2000n),
    },
  ],
  eModeCategories: [
    { id: 1, label: 'ETH correlated', ltvBps: 9000, liquidationThresholdBps: 9300, liquidationBonusBps: 10200 },
  ],
}

/** The three devnet markets, keyed like the devnet chains (L1, Arbitrum-like, Base-like). */
export const devnetMarkets = { l1, arb, base } as const
