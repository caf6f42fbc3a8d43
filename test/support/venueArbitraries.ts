import fc from 'fast-check'
import { WAD } from '../../src/math/fixedPoint.js'
import { aReserve, aUserReserve, anAccount, anEModeCategory } from '../../src/protocols/aaveV3/test/builders.js'
import { toAaveV3VenueModel } from '../../src/protocols/aaveV3/model/toAaveV3VenueModel.js'
import { toMorphoBlueVenueModel } from '../../src/protocols/morphoBlue/model/toMorphoBlueVenueModel.js'
import type { MorphoBlueAccountState } from '../../src/protocols/morphoBlue/model/types.js'
import { maintenanceTiers, type PerpAccount } from '../../src/risk/perps/perpAccount.js'
import { toPerpVenueModel } from '../../src/risk/perps/toPerpVenueModel.js'
import { HYPERLIQUID_LIQUIDATION } from '../../src/protocols/hyperliquid/model/hyperliquidAccount.js'
import type { VenueModel } from '../../src/risk/venueModel.js'

/**
 * Test support: fast-check arbitraries of venues over four factors (ETH,
 * BTC, USDC and wstETH's WSTETH_ETH) and the exact models they build, for
 * property tests of the risk code. Not used by the server.
 */

export const FACTORS = ['ETH', 'BTC', 'USDC', 'WSTETH_ETH'] as const
export const EXPOSURES = [{ base: 'ETH' }, { base: 'BTC' }, { base: 'USDC' }, { base: 'ETH', ratio: 'WSTETH_ETH' }] as const
export const SYMBOLS = ['WETH', 'WBTC', 'USDC', 'wstETH'] as const
export const PRICES_E8 = [2_000_00000000n, 60_000_00000000n, 1_00000000n, 2_300_00000000n] as const

/** Relative moves per factor, −60% … +60%, on a 1e-9 grid (what toPriceMoves resolves). */
export const movesArb = fc.tuple(...FACTORS.map(() => fc.integer({ min: -600_000_000, max: 600_000_000 }))).map((xs) => Object.fromEntries(FACTORS.map((f, i) => [f, xs[i]! / 1e9])))

/** An Aave account over the four reserves: random decimals, parameters, balances and an optional eMode. */
export const aaveArb = fc
  .record({
    decimals: fc.tuple(fc.constantFrom(18, 8, 6), fc.constant(8), fc.constantFrom(6, 18), fc.constantFrom(18, 8)),
    lt: fc.tuple(...SYMBOLS.map(() => fc.integer({ min: 5_000, max: 9_000 }))),
    bonus: fc.tuple(...SYMBOLS.map(() => fc.integer({ min: 10_300, max: 11_500 }))),
    supplyUsd: fc.tuple(...SYMBOLS.map(() => fc.oneof(fc.constant(0), fc.integer({ min: 10, max: 5_000_000 })))),
    debtUsd: fc.tuple(...SYMBOLS.map(() => fc.oneof(fc.constant(0), fc.integer({ min: 10, max: 3_000_000 })))),
    eMode: fc.boolean(),
  })
  .filter((a) => a.supplyUsd.some((x) => x > 0) && a.debtUsd.some((x) => x > 0))

export function aaveFrom(a: { decimals: readonly number[]; lt: readonly number[]; bonus: readonly number[]; supplyUsd: readonly number[]; debtUsd: readonly number[]; eMode: boolean }): VenueModel {
  const reserves = SYMBOLS.map((symbol, id) =>
    aReserve({
      id,
      symbol,
      decimals: a.decimals[id]!,
      ltvBps: BigInt(a.lt[id]! - 300),
      liquidationThresholdBps: BigInt(a.lt[id]!),
      liquidationBonusBps: BigInt(a.bonus[id]!),
      priceE8: PRICES_E8[id]!,
      exposure: EXPOSURES[id]!,
      // WETH and wstETH share the ETH-correlated category
      eModeCategory: id === 0 || id === 3 ? 1 : 0,
    }),
  )
  const units = (usd: number, id: number) => (BigInt(usd) * 10n ** BigInt(a.decimals[id]!) * 10n ** 8n) / PRICES_E8[id]!
  const users = SYMBOLS.map((_, id) => aUserReserve({ reserveId: id, scaledATokenBalance: units(a.supplyUsd[id]!, id), scaledVariableDebt: units(a.debtUsd[id]!, id) }))
  const eMode = a.eMode ? anEModeCategory({ id: 1, ltvBps: 9_000n, liquidationThresholdBps: 9_300n, liquidationBonusBps: 10_100n, label: 'ETH correlated' }) : null
  return toAaveV3VenueModel(anAccount(reserves, users, eMode), '3.0.2')
}

/** A Morpho market position: wstETH collateral against a WETH or USDC loan, MorphoChainlinkOracleV2 over USD feeds. */
export const morphoArb = fc.record({
  loanIsUsdc: fc.boolean(),
  lltvBps: fc.constantFrom(8_600, 9_150, 9_450),
  collateralEth: fc.integer({ min: 1, max: 10_000 }),
  borrowShare: fc.integer({ min: 10, max: 99 }),
})

export function morphoFrom(p: { loanIsUsdc: boolean; lltvBps: number; collateralEth: number; borrowShare: number }): VenueModel {
  const loan = p.loanIsUsdc ? { symbol: 'USDC', decimals: 6, exposure: EXPOSURES[2], priceE8: PRICES_E8[2] } : { symbol: 'WETH', decimals: 18, exposure: EXPOSURES[0], priceE8: PRICES_E8[0] }
  const collateral = { symbol: 'wstETH', decimals: 18, exposure: EXPOSURES[3], priceE8: PRICES_E8[3] }
  // price = 10^(36 + dLoan − dColl) · base / quote, feeds in USD 1e8
  const scaleFactor = 10n ** BigInt(36 + loan.decimals - collateral.decimals)
  const oraclePrice = (scaleFactor * collateral.priceE8) / loan.priceE8
  const collateralUnits = BigInt(p.collateralEth) * 10n ** 18n
  const lltv = (BigInt(p.lltvBps) * WAD) / 10_000n
  const maxBorrow = (((collateralUnits * oraclePrice) / 10n ** 36n) * lltv) / WAD
  const borrowed = (maxBorrow * BigInt(p.borrowShare)) / 100n
  const state: MorphoBlueAccountState = {
    chainId: 1,
    morpho: '0x00000000000000000000000000000000000000aa',
    marketId: '0x01',
    account: '0x00000000000000000000000000000000000000cc',
    block: { chainId: 1, blockNumber: 1n, blockHash: null, timestamp: 1_000n },
    timestamp: 1_000n,
    params: { loanToken: '0x0000000000000000000000000000000000000001', collateralToken: '0x0000000000000000000000000000000000000002', oracle: '0x0000000000000000000000000000000000000003', irm: '0x0000000000000000000000000000000000000000', lltv },
    market: { totalSupplyAssets: borrowed * 2n, totalSupplyShares: borrowed * 2n * 10n ** 6n, totalBorrowAssets: borrowed, totalBorrowShares: borrowed * 10n ** 6n, lastUpdate: 1_000n, fee: 0n },
    position: { supplyShares: 0n, borrowShares: borrowed * 10n ** 6n, collateral: collateralUnits },
    borrowRate: 0n,
    oraclePrice,
    oracleModel: { kind: 'feedRatio', scaleFactor, baseFeed: '0x0000000000000000000000000000000000000004', quoteFeed: '0x0000000000000000000000000000000000000005', baseAnswer: collateral.priceE8, quoteAnswer: loan.priceE8, baseUpdatedAt: null, quoteUpdatedAt: null },
    collateralAsset: { address: '0x0000000000000000000000000000000000000002', priceSource: null, heartbeatSeconds: null, ...collateral },
    loanAsset: { address: '0x0000000000000000000000000000000000000001', priceSource: null, heartbeatSeconds: null, ...loan },
  }
  return toMorphoBlueVenueModel(state)
}

/** A cross perp account: an ETH and a BTC position (either side), some cash, optional margin tiers on ETH. */
export const perpArb = fc.record({
  cashUsd: fc.integer({ min: -200_000, max: 400_000 }),
  eth: fc.integer({ min: -300, max: 300 }),
  btc: fc.integer({ min: -10, max: 10 }),
  tiered: fc.boolean(),
})

export function perpFrom(p: { cashUsd: number; eth: number; btc: number; tiered: boolean }): VenueModel {
  const account: PerpAccount = {
    cashUsd: p.cashUsd,
    positions: [
      { market: 'ETH', exposure: { base: 'ETH' }, sizeSigned: p.eth, markPrice: 2_000, maintenanceMarginRate: 0.02, initialMarginRate: 0.04, ...(p.tiered ? { maintenanceTiers: maintenanceTiers([{ lowerBoundUsd: 0, maxLeverage: 25 }, { lowerBoundUsd: 300_000, maxLeverage: 10 }]) } : {}) },
      { market: 'BTC', exposure: { base: 'BTC' }, sizeSigned: p.btc, markPrice: 60_000, maintenanceMarginRate: 0.01, initialMarginRate: 0.02 },
    ].filter((x) => x.sizeSigned !== 0),
  }
  return toPerpVenueModel({
    liquidation: HYPERLIQUID_LIQUIDATION,
    id: 'hyperliquid:test',
    protocol: 'HYPERLIQUID',
    chainId: null,
    account: '0x00000000000000000000000000000000000000cc',
    market: '0x00000000000000000000000000000000000000dd',
    protocolVersion: 'test',
    source: { kind: 'CHAIN' },
    account_: account,
    reported: account.positions.map(() => ({ market: 'x', entryPrice: null, unrealizedPnlUsd: 0, leverage: null, maxLeverage: null, venueLiquidationPrice: null })),
    cashAsset: { symbol: 'USDC', address: '0x00000000000000000000000000000000000000ee' },
    details: { marginMode: 'CROSS', venueAccountValueUsd: null, venueMaintenanceMarginUsd: null, venueMarginUsedUsd: null, freeCollateralUsd: null, rule: 'test' },
    formula: 'test',
  })
}

