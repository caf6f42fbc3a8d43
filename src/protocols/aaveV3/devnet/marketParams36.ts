/**
 * Risk parameters for the Aave v3.6 devnet markets, copied from dated records
 * of the real markets they imitate. Plain data, no I/O.
 *
 * No full config snapshot (`reports/*.json`) of Aave V3 Ethereum or Base from
 * the v3.2+ era is on record, so each market is assembled from the governance
 * diffs that touched it (`diffs/*.md`, written by aave-helpers from a fork of
 * the live market), and every reserve names where its numbers come from:
 *
 * - v3.6 (2026): aave-dao/aave-proposals-v3
 *   diffs/AaveV3Ethereum_EnhancingMarketGranularityInAave36Part2_20260127_before_AaveV3Ethereum_EnhancingMarketGranularityInAave36Part2_20260127_after.md
 *   (commit f4bab0cff73e31de2848690b02d1dd9fec004738; payload 2026-01-27,
 *   executed 2026-02-11 by its executionTime). Its "Raw storage changes" hold
 *   the whole 256-bit ReserveConfiguration word of every reserve it touched
 *   (slot keccak256(asset, 52) of the Pool), decoded here for wstETH, weETH
 *   and rsETH: LTV, LT, bonus, decimals, flags, reserve factor, caps, fee.
 * - 2025 eModes: AaveChan/aave-proposals-v3
 *   diffs/AaveV3Ethereum_WstETHAndWeETHEModesAndLTLTVAdjustmentsOnEthereumArbitrumBase_20250318_...md
 *   and its Base twin (commit 8e1dca805275fa001ec2a9aadc093cc0f80338a0), and
 *   bgd-labs/aave-proposals-v3 diffs/AaveV3Base_ConfigurationMaintenance_20250519_...md
 *   (commit 4980910a82d12caae8e391aafa537723f9b54648); see `eModeSources`.
 * - Carried forward (approximate): reserves no v3.2+ record was found for
 *   keep their last full snapshot (2023, the same files as marketParams.ts),
 *   marked `carried` in their comments.
 *
 * Units: percentages in bps (1e4 = 100%), liquidation bonus Aave-style
 * (10500 = 5% bonus), caps in whole tokens (0 = no cap), rates in bps as
 * DefaultReserveInterestRateStrategyV2 takes them (uint16 optimalUsageRatio,
 * uint32 baseVariableBorrowRate, variableRateSlope1, variableRateSlope2),
 * prices USD with 8 decimals.
 */

/** One reserve of a v3.6 devnet market (units in the file docstring). */
export type DevnetReserveParams36 = {
  readonly symbol: string
  readonly decimals: number
  /** Risk factors the USD price moves with, base factor first (wstETH: `['ETH', 'WSTETH_ETH']`). */
  readonly riskFactor: readonly string[]
  /** Initial oracle price, USD with 8 decimals. */
  readonly priceE8: bigint
  /** Reserve-level LTV, bps; 0 = the v3.6 "ltv0 rules" apply outside eModes. */
  readonly ltvBps: number
  readonly liquidationThresholdBps: number
  /** Aave-style: 10500 = the liquidator receives 5% over the debt repaid. */
  readonly liquidationBonusBps: number
  /** Share of the liquidation bonus paid to the treasury, bps. */
  readonly liquidationProtocolFeeBps: number
  readonly reserveFactorBps: number
  /** Reserve-level flag; since v3.6 an eMode's borrowable list applies regardless of it. */
  readonly borrowingEnabled: boolean
  /** Whole tokens; 0 = no cap. */
  readonly supplyCap: bigint
  /** Whole tokens; 0 = no cap. */
  readonly borrowCap: bigint
  /** May be borrowed by accounts in isolation mode. */
  readonly borrowableInIsolation?: boolean
  /** Utilization at the rate kink, bps. */
  readonly optimalUsageRatioBps: number
  /** Variable rate at 0% utilization, bps per year. */
  readonly baseVariableBorrowRateBps: number
  /** Added variable rate from 0 to the kink, bps per year. */
  readonly variableRateSlope1Bps: number
  /** Added variable rate from the kink to 100%, bps per year. */
  readonly variableRateSlope2Bps: number
}

/**
 * One v3.2+ eMode category. Members are symbols of the market's own reserves;
 * the deployer turns them into bitmaps over the devnet's listing order, so the
 * real market's bitmaps (reserve ids there) are given only in comments.
 */
export type DevnetEModeParams36 = {
  readonly id: number
  readonly label: string
  readonly ltvBps: number
  readonly liquidationThresholdBps: number
  /** Aave-style: 10100 = 1% bonus. */
  readonly liquidationBonusBps: number
  /** Assets that count as collateral at the eMode's LT (collateralBitmap). */
  readonly collateral: readonly string[]
  /** The only assets an account in the eMode may borrow (borrowableBitmap). */
  readonly borrowable: readonly string[]
  /** Collateral members that get LTV 0 in the eMode (v3.6 ltvzeroBitmap); a subset of `collateral`. */
  readonly ltvzero: readonly string[]
}

/** Where a market's numbers were copied from. */
export type DevnetSource36 = {
  /** GitHub `owner/name`. */
  readonly repo: string
  readonly path: string
  readonly commit: string
  /** Date of the market state the file records (ISO date). */
  readonly date: string
}

/** A v3.6 devnet market: the real market it imitates, its main source, reserves in listing order and eModes. */
export type DevnetMarketParams36 = {
  /** Market name as the address book spells it, e.g. `AaveV3Ethereum`. */
  readonly imitates: string
  readonly source: DevnetSource36
  readonly reserves: readonly DevnetReserveParams36[]
  readonly eModes: readonly DevnetEModeParams36[]
}

/**
 * Initial prices, USD with 8 decimals, shared by both v3.6 markets. The
 * sources above carry no oracle answers for these reserves, so these are
 * round values of early 2026 levels, not quotes: ETH 3,000, BTC 90,000,
 * stablecoins 1; LST/LRT prices are ETH times round exchange rates
 * (wstETH 1.22, weETH 1.08, rsETH 1.06, cbETH 1.12 ETH).
 */
export const pricesE8At2026 = {
  ETH: 3_000_00000000n,
  BTC: 90_000_00000000n,
  USD: 1_00000000n,
  wstETH: 3_660_00000000n,
  weETH: 3_240_00000000n,
  rsETH: 3_180_00000000n,
  cbETH: 3_360_00000000n,
} as const

/** The 2025 eMode diffs the markets' eModes come from. */
export const eModeSources = {
  ethereum20250318: {
    repo: 'AaveChan/aave-proposals-v3',
    path: 'diffs/AaveV3Ethereum_WstETHAndWeETHEModesAndLTLTVAdjustmentsOnEthereumArbitrumBase_20250318_before_AaveV3Ethereum_WstETHAndWeETHEModesAndLTLTVAdjustmentsOnEthereumArbitrumBase_20250318_after.md',
    commit: '8e1dca805275fa001ec2a9aadc093cc0f80338a0',
    date: '2025-03-18',
  },
  base20250318: {
    repo: 'AaveChan/aave-proposals-v3',
    path: 'diffs/AaveV3Base_WstETHAndWeETHEModesAndLTLTVAdjustmentsOnEthereumArbitrumBase_20250318_before_AaveV3Base_WstETHAndWeETHEModesAndLTLTVAdjustmentsOnEthereumArbitrumBase_20250318_after.md',
    commit: '8e1dca805275fa001ec2a9aadc093cc0f80338a0',
    date: '2025-03-18',
  },
  base20250519: {
    repo: 'bgd-labs/aave-proposals-v3',
    path: 'diffs/AaveV3Base_ConfigurationMaintenance_20250519_before_AaveV3Base_ConfigurationMaintenance_20250519_after.md',
    commit: '4980910a82d12caae8e391aafa537723f9b54648',
    date: '2025-05-19',
  },
} as const

/**
 * Aave V3 Ethereum Core after the v3.6 "Enhancing Market Granularity, part 2"
 * payload (2026-02): wstETH and weETH are no longer borrowable at reserve
 * level (only inside their eModes), rsETH has reserve LTV 0 and is collateral
 * with LTV only inside its eMode.
 *
 * Risk factors: rsETH needs a ratio factor `RSETH_ETH` (quoted in ETH) in
 * src/domain/riskFactorTable.ts, which does not have it yet; the others exist.
 */
export const l1: DevnetMarketParams36 = {
  imitates: 'AaveV3Ethereum',
  source: {
    repo: 'aave-dao/aave-proposals-v3',
    path: 'diffs/AaveV3Ethereum_EnhancingMarketGranularityInAave36Part2_20260127_before_AaveV3Ethereum_EnhancingMarketGranularityInAave36Part2_20260127_after.md',
    commit: 'f4bab0cff73e31de2848690b02d1dd9fec004738',
    date: '2026-02-11',
  },
  reserves: [
    {
      // Carried: 2023-10-31 snapshot (bgd-labs/aave-proposals-v3 reports/AaveV3Ethereum_UpgradeAaveV3ETHPooolWETHParameters_20231031_before.json,
      // commit 4a537c7020bd950b5b1edb038e8e492010b57657), strategy 0xb02381b1d27aA9845e5012083CA288c1818884f0.
      symbol: 'WETH',
      decimals: 18,
      riskFactor: ['ETH'],
      priceE8: pricesE8At2026.ETH,
      ltvBps: 8050,
      liquidationThresholdBps: 8300,
      liquidationBonusBps: 10500,
      liquidationProtocolFeeBps: 1000,
      reserveFactorBps: 1500,
      borrowingEnabled: true,
      supplyCap: 1_800_000n,
      borrowCap: 1_400_000n,
      optimalUsageRatioBps: 9000,
      baseVariableBorrowRateBps: 0,
      variableRateSlope1Bps: 380,
      variableRateSlope2Bps: 8000,
    },
    {
      // Config word 0x1000…01adb000000753000dac811229681fa41eaa (2026-02, after). Strategy carried from the
      // 2023-10-31 snapshot (0x7b8Fa4540246554e77FCFf140f9114de00F8bB8D).
      symbol: 'wstETH',
      decimals: 18,
      riskFactor: ['ETH', 'WSTETH_ETH'],
      priceE8: pricesE8At2026.wstETH,
      ltvBps: 7850,
      liquidationThresholdBps: 8100,
      liquidationBonusBps: 10600,
      liquidationProtocolFeeBps: 1000,
      reserveFactorBps: 3500,
      borrowingEnabled: false,
      supplyCap: 1_760_000n,
      borrowCap: 480_000n,
      optimalUsageRatioBps: 4500,
      baseVariableBorrowRateBps: 25,
      variableRateSlope1Bps: 450,
      variableRateSlope2Bps: 8000,
    },
    {
      // Config word 0x1000…027ac400000000011194811229cc1f401e46 (2026-02, after): borrow cap 1 token,
      // i.e. borrowing closed. Strategy: not on record; wstETH's, approximate.
      symbol: 'weETH',
      decimals: 18,
      riskFactor: ['ETH', 'WEETH_ETH'],
      priceE8: pricesE8At2026.weETH,
      ltvBps: 7750,
      liquidationThresholdBps: 8000,
      liquidationBonusBps: 10700,
      liquidationProtocolFeeBps: 1000,
      reserveFactorBps: 4500,
      borrowingEnabled: false,
      supplyCap: 2_600_000n,
      borrowCap: 1n,
      optimalUsageRatioBps: 4500,
      baseVariableBorrowRateBps: 25,
      variableRateSlope1Bps: 450,
      variableRateSlope2Bps: 8000,
    },
    {
      // Config word 0x1000…007530000000000105dc811229fe1d4c0000 (2026-02, after; LTV was 7200 before):
      // reserve LTV 0, LT 75%, so outside eModes it only backs existing debt; eMode 42 gives it LTV 75%.
      // Strategy: not on record; wstETH's, approximate (borrowing is closed anyway).
      symbol: 'rsETH',
      decimals: 18,
      riskFactor: ['ETH', 'RSETH_ETH'],
      priceE8: pricesE8At2026.rsETH,
      ltvBps: 0,
      liquidationThresholdBps: 7500,
      liquidationBonusBps: 10750,
      liquidationProtocolFeeBps: 1000,
      reserveFactorBps: 1500,
      borrowingEnabled: false,
      supplyCap: 480_000n,
      borrowCap: 1n,
      optimalUsageRatioBps: 4500,
      baseVariableBorrowRateBps: 25,
      variableRateSlope1Bps: 450,
      variableRateSlope2Bps: 8000,
    },
    {
      // Carried: 2023-10-31 snapshot, strategy 0x07Fa3744FeC271F80c2EA97679823F65c13CCDf4.
      symbol: 'WBTC',
      decimals: 8,
      riskFactor: ['BTC'],
      priceE8: pricesE8At2026.BTC,
      ltvBps: 7300,
      liquidationThresholdBps: 7800,
      liquidationBonusBps: 10500,
      liquidationProtocolFeeBps: 1000,
      reserveFactorBps: 2000,
      borrowingEnabled: true,
      supplyCap: 43_000n,
      borrowCap: 28_000n,
      optimalUsageRatioBps: 4500,
      baseVariableBorrowRateBps: 0,
      variableRateSlope1Bps: 400,
      variableRateSlope2Bps: 30000,
    },
    {
      // Carried: 2023-10-31 snapshot, strategy 0x8F183Ee74C790CB558232a141099b316D6C8Ba6E.
      symbol: 'USDC',
      decimals: 6,
      riskFactor: ['USDC'],
      priceE8: pricesE8At2026.USD,
      ltvBps: 7700,
      liquidationThresholdBps: 8000,
      liquidationBonusBps: 10450,
      liquidationProtocolFeeBps: 2000,
      reserveFactorBps: 1000,
      borrowingEnabled: true,
      supplyCap: 1_760_000_000n,
      borrowCap: 1_580_000_000n,
      borrowableInIsolation: true,
      optimalUsageRatioBps: 9000,
      baseVariableBorrowRateBps: 0,
      variableRateSlope1Bps: 350,
      variableRateSlope2Bps: 6000,
    },
    {
      // Carried: 2023-10-31 snapshot, strategy 0xC82dF96432346cFb632473eB619Db3B8AC280234.
      symbol: 'USDT',
      decimals: 6,
      riskFactor: ['USDT'],
      priceE8: pricesE8At2026.USD,
      ltvBps: 7400,
      liquidationThresholdBps: 7600,
      liquidationBonusBps: 10450,
      liquidationProtocolFeeBps: 1000,
      reserveFactorBps: 1000,
      borrowingEnabled: true,
      supplyCap: 600_000_000n,
      borrowCap: 500_000_000n,
      borrowableInIsolation: true,
      optimalUsageRatioBps: 8000,
      baseVariableBorrowRateBps: 0,
      variableRateSlope1Bps: 400,
      variableRateSlope2Bps: 7500,
    },
  ],
  eModes: [
    // Real id 7, 2025-03-18 diff: collateralBitmap 268435456 (weETH, id 28), borrowableBitmap 1 (WETH, id 0).
    {
      id: 7,
      label: 'weETH/ETH',
      ltvBps: 9300,
      liquidationThresholdBps: 9500,
      liquidationBonusBps: 10100,
      collateral: ['weETH'],
      borrowable: ['WETH'],
      ltvzero: [],
    },
    // Real id 8, 2025-03-18 diff: collateralBitmap 2 (wstETH, id 1), borrowableBitmap 1 (WETH).
    {
      id: 8,
      label: 'wstETH/ETH',
      ltvBps: 9350,
      liquidationThresholdBps: 9550,
      liquidationBonusBps: 10100,
      collateral: ['wstETH'],
      borrowable: ['WETH'],
      ltvzero: [],
    },
    // Real id 42, v3.6 part 2 diff: collateralBitmap 68719476736 (rsETH, id 36), borrowableBitmap 264 (USDC id 3, USDT id 8).
    {
      id: 42,
      label: 'rsETH__USDC_USDT',
      ltvBps: 7500,
      liquidationThresholdBps: 7800,
      liquidationBonusBps: 10750,
      collateral: ['rsETH'],
      borrowable: ['USDC', 'USDT'],
      ltvzero: [],
    },
    // The devnet's own addition: no real record of a non-empty ltvzeroBitmap was found. It imitates the
    // migration the v3.6 AIP describes (an old LST eMode kept for existing users, its collateral set to LTV 0
    // so new borrowing moves to the per-asset eModes 7/8), with the pre-2025 "ETH correlated" numbers
    // (90/93/101, 2023-10-31 snapshot). weETH counts at LT 93% here but adds no borrowing power.
    {
      id: 100,
      label: 'ETH correlated (devnet, weETH ltvzero)',
      ltvBps: 9000,
      liquidationThresholdBps: 9300,
      liquidationBonusBps: 10100,
      collateral: ['WETH', 'wstETH', 'weETH'],
      borrowable: ['WETH', 'wstETH'],
      ltvzero: ['weETH'],
    },
  ],
}

/**
 * Aave V3 Base in 2025. The eModes are from the 2025 diffs in `eModeSources`;
 * reserve parameters are carried from the August 2023 activation
 * (bgd-labs/aave-v3-basenet-proposal reports/postAaveV3_Base_BaseActivation.json,
 * commit 6db65a39d48f5218677a7a0d8810c87f28236fc0; USDbC's numbers stand for
 * USDC) except weETH's LTV/LT (2025-03-18 diff). Base ids in the real bitmaps:
 * WETH 0, cbETH 1, wstETH 3, weETH 5.
 */
export const base: DevnetMarketParams36 = {
  imitates: 'AaveV3Base',
  source: eModeSources.base20250519,
  reserves: [
    {
      // Carried: 2023 activation, strategy 0xC1F6588f4A1145D0B7F94c86a773bB47F0eC0759.
      symbol: 'WETH',
      decimals: 18,
      riskFactor: ['ETH'],
      priceE8: pricesE8At2026.ETH,
      ltvBps: 8000,
      liquidationThresholdBps: 8300,
      liquidationBonusBps: 10500,
      liquidationProtocolFeeBps: 1000,
      reserveFactorBps: 1500,
      borrowingEnabled: true,
      supplyCap: 5_000n,
      borrowCap: 4_000n,
      optimalUsageRatioBps: 8000,
      baseVariableBorrowRateBps: 0,
      variableRateSlope1Bps: 380,
      variableRateSlope2Bps: 8000,
    },
    {
      // Carried: 2023 activation, strategy 0x05295489b6aE0d97ae7C49a42989497294F7F428.
      symbol: 'cbETH',
      decimals: 18,
      riskFactor: ['ETH', 'CBETH_ETH'],
      priceE8: pricesE8At2026.cbETH,
      ltvBps: 6700,
      liquidationThresholdBps: 7400,
      liquidationBonusBps: 10750,
      liquidationProtocolFeeBps: 1000,
      reserveFactorBps: 1500,
      borrowingEnabled: true,
      supplyCap: 1_000n,
      borrowCap: 100n,
      optimalUsageRatioBps: 4500,
      baseVariableBorrowRateBps: 0,
      variableRateSlope1Bps: 700,
      variableRateSlope2Bps: 30000,
    },
    {
      // LTV/LT 75/77%: 2025-03-18 Base diff (72.5/75 before). The rest is not on record: cbETH's
      // bonus, fee, factor and strategy and caps of 1,000/100 tokens, approximate.
      symbol: 'weETH',
      decimals: 18,
      riskFactor: ['ETH', 'WEETH_ETH'],
      priceE8: pricesE8At2026.weETH,
      ltvBps: 7500,
      liquidationThresholdBps: 7700,
      liquidationBonusBps: 10750,
      liquidationProtocolFeeBps: 1000,
      reserveFactorBps: 1500,
      borrowingEnabled: true,
      supplyCap: 1_000n,
      borrowCap: 100n,
      optimalUsageRatioBps: 4500,
      baseVariableBorrowRateBps: 0,
      variableRateSlope1Bps: 700,
      variableRateSlope2Bps: 30000,
    },
    {
      // Carried: 2023 activation (USDbC), strategy 0x8BAdED77793c340ab79848A09C7F5f7F16007Ab6.
      symbol: 'USDC',
      decimals: 6,
      riskFactor: ['USDC'],
      priceE8: pricesE8At2026.USD,
      ltvBps: 7700,
      liquidationThresholdBps: 8000,
      liquidationBonusBps: 10500,
      liquidationProtocolFeeBps: 1000,
      reserveFactorBps: 1000,
      borrowingEnabled: true,
      supplyCap: 8_000_000n,
      borrowCap: 6_500_000n,
      optimalUsageRatioBps: 9000,
      baseVariableBorrowRateBps: 0,
      variableRateSlope1Bps: 400,
      variableRateSlope2Bps: 6000,
    },
  ],
  eModes: [
    // Real id 1, 2025-05-19 diff (after): collateralBitmap 43 (WETH, cbETH, wstETH, weETH), borrowableBitmap 1 (WETH; was 43).
    // wstETH is not listed on this devnet, so it is left out.
    {
      id: 1,
      label: 'ETH correlated',
      ltvBps: 9000,
      liquidationThresholdBps: 9300,
      liquidationBonusBps: 10200,
      collateral: ['WETH', 'cbETH', 'weETH'],
      borrowable: ['WETH'],
      ltvzero: [],
    },
    // Real id 7 "weETH/WETH" in the 2025-05-19 diff; its numbers are those of "weETH/ETH" in the 2025-03-18
    // diff (collateralBitmap 32 = weETH, borrowableBitmap 1 = WETH), whose id (6) changed at execution.
    {
      id: 7,
      label: 'weETH/WETH',
      ltvBps: 9300,
      liquidationThresholdBps: 9500,
      liquidationBonusBps: 10125,
      collateral: ['weETH'],
      borrowable: ['WETH'],
      ltvzero: [],
    },
  ],
}

/** The v3.6 devnet markets, keyed like the devnet chains. */
export const devnetMarkets36 = { l1, base } as const
