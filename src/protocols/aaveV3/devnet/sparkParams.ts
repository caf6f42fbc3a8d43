/**
 * Risk parameters for a local devnet SparkLend market, copied from a dated
 * snapshot of SparkLend on Ethereum. Plain data, no I/O.
 *
 * SparkLend v1.0.0 is a fork of Aave v3.0.2, so the market uses the v3.0
 * shape of marketParams.ts and the existing v3.0 deployer takes it as is.
 *
 * Source: marsfoundation/sparklend-deployments
 * reports/pre-Spark-Ethereum-rETH-Listing.json (commit
 * b41ca787e7d8699fec1ab63c8d122191c6d6a151), the config snapshot the test of
 * spell SparkEthereum_20230525 writes from a mainnet fork at block 17,336,776
 * (2023-05-25), before that spell listed rETH. Its eMode 1 "ETH" is
 * 90/93/101% over WETH and wstETH; its USDC reserve (LTV 0, not borrowable)
 * is left out.
 *
 * Interest rates: Spark's WETH, wstETH and WBTC strategies record exactly the
 * v3.0 DefaultReserveInterestRateStrategy fields and are copied. DAI uses
 * Spark's own DaiInterestRateStrategy (borrow rate tied to the Maker DSR), which
 * the snapshot could not read; it is mapped to a flat default strategy (see
 * DAI). sDAI's strategy (flat 1%, optimal 100%) is copied. No reserve allows
 * stable borrowing: the stable slopes are 0 in the snapshot, baseStableRateOffset
 * = baseStableBorrowRate − variableRateSlope1 = 0, and stableRateExcessOffset,
 * which the snapshot does not record, is set to 0.
 */
import {
  snapshotPricesE8,
  type DevnetMarketParams,
  type DevnetRateStrategyParams,
} from './marketParams.js'

/** RAY = 1e27 = 100%; 1 bps = 1e23 in RAY. */
const RAY_PER_BPS = 10n ** 23n

/** A rate in bps (1e4 = 100%) as RAY. Every rate used here is a whole number of bps. */
function rayFromBps(bps: bigint): bigint {
  return bps * RAY_PER_BPS
}

/** The stable-rate part of every Spark strategy here: all zero (stable borrowing is off; see the file docstring). */
const NO_STABLE_RATE = {
  stableRateSlope1: 0n,
  stableRateSlope2: 0n,
  baseStableRateOffset: 0n,
  stableRateExcessOffset: 0n,
  optimalStableToTotalDebtRatio: 0n,
} as const satisfies Partial<DevnetRateStrategyParams>

/**
 * The snapshot's `oracleLatestAnswer`s, USD with 8 decimals (2023-05-25).
 * Reserves whose risk factor the other devnet markets also price take
 * `snapshotPricesE8` instead, so that one factor has one price across devnet
 * markets; DAI and sDAI, priced nowhere else, take these.
 */
export const sparkSnapshotPricesE8 = {
  ETH: 179_831_173_750n, // ETH / USD 1,798.31
  WBTC: 2_637_867_204_000n, // WBTC/BTC/USD 26,378.67
  wstETH: 202_330_512_771n, // wstETH/stETH/ETH/USD 2,023.31
  DAI: 99_990_000n, // DAI / USD 0.9999
  sDAI: 102_256_969n, // sDAI oracle (DAI price × DSR accumulator) 1.0226
} as const

/**
 * SparkLend Ethereum on 2023-05-25 (see the file docstring): WETH, wstETH,
 * DAI, sDAI and WBTC, in that listing order.
 */
export const spark: DevnetMarketParams = {
  imitates: 'SparkLendEthereum',
  source: {
    repo: 'marsfoundation/sparklend-deployments',
    path: 'reports/pre-Spark-Ethereum-rETH-Listing.json',
    commit: 'b41ca787e7d8699fec1ab63c8d122191c6d6a151',
    date: '2023-05-25',
  },
  reserves: [
    {
      symbol: 'WETH',
      decimals: 18,
      riskFactor: ['ETH'],
      priceE8: snapshotPricesE8.ETH,
      ltvBps: 8000,
      liquidationThresholdBps: 8250,
      liquidationBonusBps: 10500,
      liquidationProtocolFeeBps: 1000,
      reserveFactorBps: 1500,
      borrowingEnabled: true,
      stableBorrowingEnabled: false,
      supplyCap: 0n,
      borrowCap: 1_400_000n,
      eModeCategory: 1,
      // Strategy 0x764b4AB9bCA18eB633d92368F725765Ebb8f047C (baseStableBorrowRate 3.8% = slope1).
      optimalUsageRatio: rayFromBps(8000n),
      baseVariableBorrowRate: rayFromBps(100n),
      variableRateSlope1: rayFromBps(380n),
      variableRateSlope2: rayFromBps(8000n),
      ...NO_STABLE_RATE,
    },
    {
      symbol: 'wstETH',
      decimals: 18,
      riskFactor: ['ETH', 'WSTETH_ETH'],
      priceE8: snapshotPricesE8.wstETH,
      ltvBps: 6850,
      liquidationThresholdBps: 7950,
      liquidationBonusBps: 10700,
      liquidationProtocolFeeBps: 1000,
      reserveFactorBps: 1500,
      borrowingEnabled: true,
      stableBorrowingEnabled: false,
      supplyCap: 200_000n,
      borrowCap: 3_000n,
      eModeCategory: 1,
      // Strategy 0x0D56700c90a690D8795D6C148aCD94b12932f4E3 (baseStableBorrowRate 4.5% = slope1).
      optimalUsageRatio: rayFromBps(4500n),
      baseVariableBorrowRate: rayFromBps(25n),
      variableRateSlope1: rayFromBps(450n),
      variableRateSlope2: rayFromBps(8000n),
      ...NO_STABLE_RATE,
    },
    {
      symbol: 'DAI',
      decimals: 18,
      riskFactor: ['DAI'],
      priceE8: sparkSnapshotPricesE8.DAI,
      ltvBps: 7400,
      liquidationThresholdBps: 7600,
      liquidationBonusBps: 10450,
      liquidationProtocolFeeBps: 2000,
      reserveFactorBps: 0,
      borrowingEnabled: true,
      stableBorrowingEnabled: false,
      supplyCap: 0n,
      borrowCap: 0n,
      eModeCategory: 0,
      // Strategy 0x113dc45c524404F91DcbbAbB103506bABC8Df0FE is Spark's DaiInterestRateStrategy, which the
      // snapshot could not read (its rate follows the Maker DSR). Approximation: a flat 1%, the
      // DSR of May 2023, with optimal 100% so no kink is ever reached; Spark's spread over the DSR is not on record here.
      optimalUsageRatio: rayFromBps(10000n),
      baseVariableBorrowRate: rayFromBps(100n),
      variableRateSlope1: 0n,
      variableRateSlope2: 0n,
      ...NO_STABLE_RATE,
    },
    {
      // Collateral only. Its price accrues against DAI with the DSR, which is not a factor in
      // src/domain/riskFactorTable.ts (an `SDAI_DAI` ratio factor would be needed to model it); it moves with DAI here.
      symbol: 'sDAI',
      decimals: 18,
      riskFactor: ['DAI'],
      priceE8: sparkSnapshotPricesE8.sDAI,
      ltvBps: 7400,
      liquidationThresholdBps: 7600,
      liquidationBonusBps: 10450,
      liquidationProtocolFeeBps: 2000,
      reserveFactorBps: 1000,
      borrowingEnabled: false,
      stableBorrowingEnabled: false,
      supplyCap: 0n,
      borrowCap: 0n,
      eModeCategory: 0,
      // Strategy 0xeC4cf692c18E62159a39704Aa1Db82ca2306fF90: flat 1%, optimal 100%.
      optimalUsageRatio: rayFromBps(10000n),
      baseVariableBorrowRate: rayFromBps(100n),
      variableRateSlope1: 0n,
      variableRateSlope2: 0n,
      ...NO_STABLE_RATE,
    },
    {
      // Frozen in the snapshot (no new supply or borrow); the devnet lists it unfrozen, as the
      // v3.0 reserve shape has no frozen flag.
      symbol: 'WBTC',
      decimals: 8,
      riskFactor: ['BTC'],
      priceE8: snapshotPricesE8.WBTC,
      ltvBps: 7000,
      liquidationThresholdBps: 7500,
      liquidationBonusBps: 10625,
      liquidationProtocolFeeBps: 1000,
      reserveFactorBps: 2000,
      borrowingEnabled: true,
      stableBorrowingEnabled: false,
      supplyCap: 1_000n,
      borrowCap: 500n,
      eModeCategory: 0,
      // Strategy 0xf2812d7a07573322D4Db3C31239C837081D8294E (baseStableBorrowRate 8% = slope1).
      optimalUsageRatio: rayFromBps(6500n),
      baseVariableBorrowRate: 0n,
      variableRateSlope1: rayFromBps(800n),
      variableRateSlope2: rayFromBps(30000n),
      ...NO_STABLE_RATE,
    },
  ],
  eModeCategories: [
    { id: 1, label: 'ETH', ltvBps: 9000, liquidationThresholdBps: 9300, liquidationBonusBps: 10100 },
  ],
}
