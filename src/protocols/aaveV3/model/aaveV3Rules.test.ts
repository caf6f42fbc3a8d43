import { describe, expect, it } from 'vitest'
import { WAD } from '../../../math/fixedPoint.js'
import { aReserve, aUserReserve, anAccount } from '../test/builders.js'
import { aaveV30PairCloseFactor, aaveV3LiquidationGate, aaveV3PairCloseFactor, isAaveV3LiquidationBlocked, type AaveV3PairPosition } from './aaveV3Rules.js'

const hf = (x: number) => BigInt(Math.round(x * 1e6)) * 10n ** 12n

/** WETH (id 0) collateral against USDC (id 1) debt, each reserve's liquidation grace period until the given unix second. */
const account = (version: '3.0' | '3.6' | '3.7', collateralGraceUntil = 0n, debtGraceUntil = 0n) =>
  anAccount(
    [aReserve({ id: 0, symbol: 'WETH', liquidationGracePeriodUntil: collateralGraceUntil }), aReserve({ id: 1, symbol: 'USDC', liquidationGracePeriodUntil: debtGraceUntil })],
    [aUserReserve({ reserveId: 0, scaledATokenBalance: 10n ** 18n }), aUserReserve({ reserveId: 1, scaledVariableDebt: 10n ** 18n })],
    null,
    version,
  )

/** 1 WETH ($2,000) against 3,000 USDC ($1, 6 decimals) of a $5,000 total debt, HF 0.99. */
const pair: AaveV3PairPosition = {
  version: '3.6',
  healthFactorWad: hf(0.99),
  totalDebtBase: 500_000_000_000n,
  reserveDebt: 3_000_000_000n,
  debtPriceE8: 100_000_000n,
  debtDecimals: 6,
  collateralBalance: 10n ** 18n,
  collateralPriceE8: 200_000_000_000n,
  collateralDecimals: 18,
}

describe('Aave V3 liquidation rules', () => {
  it('v3.0 close factor: percentMul(reserve debt, 50%) above HF 0.95, all of it at or below', () => {
    // percentMul(1001, 5000) = (1001·5000 + 5000) / 10000 = 501 (half up)
    expect(aaveV30PairCloseFactor(hf(0.99), 1001n)).toEqual({ rule: 'HALF_OF_RESERVE_DEBT', closeFactorBps: 5_000n, maxLiquidatableDebt: 501n })
    expect(aaveV30PairCloseFactor((95n * WAD) / 100n, 1001n)).toEqual({ rule: 'FULL_RESERVE_DEBT', closeFactorBps: 10_000n, maxLiquidatableDebt: 1001n })
    expect(aaveV3PairCloseFactor({ ...pair, version: '3.0', reserveDebt: 1001n })).toMatchObject({ maxLiquidatableDebt: 501n })
  })

  it('v3.3+ close factor: capped at half the total debt (base currency, converted down) when HF > 0.95 and both positions are worth $2,000', () => {
    // 1 WETH at $2,000: ⌊1e18·2000e8/1e18⌋ = 2000e8 ≥ 2000e8; 3,000 USDC: ⌈3000e6·1e8/1e6⌉ = 3000e8;
    // half = percentMul(5000e8, 5000) = 2500e8 < 3000e8 → cap ⌊2500e8·1e6/1e8⌋ = 2500e6
    expect(aaveV3PairCloseFactor(pair)).toEqual({ rule: 'HALF_OF_TOTAL_DEBT', closeFactorBps: 5_000n, maxLiquidatableDebt: 2_500_000_000n })
    expect(aaveV3PairCloseFactor({ ...pair, version: '3.7' })).toMatchObject({ maxLiquidatableDebt: 2_500_000_000n })
    // HF at 0.95: all of it
    expect(aaveV3PairCloseFactor({ ...pair, healthFactorWad: (95n * WAD) / 100n })).toMatchObject({ rule: 'FULL_RESERVE_DEBT', maxLiquidatableDebt: 3_000_000_000n })
    // collateral 1 wei short of 1 WETH: ⌊(1e18 − 1)·2000e8/1e18⌋ = 199,999,999,999 < 2000e8 → all of it
    expect(aaveV3PairCloseFactor({ ...pair, collateralBalance: 10n ** 18n - 1n })).toMatchObject({ rule: 'FULL_RESERVE_DEBT' })
    // the reserve's debt no more than half the total (2500e8 of 5000e8): all of it
    expect(aaveV3PairCloseFactor({ ...pair, reserveDebt: 2_500_000_000n })).toMatchObject({ rule: 'FULL_RESERVE_DEBT', maxLiquidatableDebt: 2_500_000_000n })
  })

  it('v3.3+ close factor: the debt side is valued rounded up', () => {
    // 666666666666666666666 wei of an 18-decimal $3 token: 666666666666666666666·3e8/1e18 = 199,999,999,999.9999999998
    // → mulDivCeil = 2000e8 (counts as $2,000; floor would not). Total 2000e8, half 1000e8 → cap ⌊1000e8·1e18/3e8⌋
    const p = { ...pair, reserveDebt: 666_666_666_666_666_666_666n, debtPriceE8: 300_000_000n, debtDecimals: 18, totalDebtBase: 200_000_000_000n }
    expect(aaveV3PairCloseFactor(p)).toEqual({ rule: 'HALF_OF_TOTAL_DEBT', closeFactorBps: 5_000n, maxLiquidatableDebt: 333_333_333_333_333_333_333n })
    expect(aaveV3PairCloseFactor({ ...p, reserveDebt: p.reserveDebt - 3_333_333_334n })).toMatchObject({ rule: 'FULL_RESERVE_DEBT' })
  })

  it('sentinel gate: down, grace period, allowed', () => {
    const s = { sentinel: '0x0000000000000000000000000000000000000001', sequencerOracle: '0x0000000000000000000000000000000000000002', gracePeriodSeconds: 3600n } as const
    expect(aaveV3LiquidationGate({ ...s, sequencerAnswer: 1n, sequencerUpdatedAt: 100n }, 10_000n)).toMatchObject({ liquidationAllowed: false, reason: 'SEQUENCER_DOWN', allowedFrom: null })
    expect(aaveV3LiquidationGate({ ...s, sequencerAnswer: 0n, sequencerUpdatedAt: 100n }, 3700n)).toMatchObject({ liquidationAllowed: false, reason: 'GRACE_PERIOD', allowedFrom: 3701n })
    const open = aaveV3LiquidationGate({ ...s, sequencerAnswer: 0n, sequencerUpdatedAt: 100n }, 3701n)
    expect(open).toMatchObject({ liquidationAllowed: true, reason: null })
    // the sentinel only holds liquidations while 0.95 ≤ HF < 1, and not at all on v3.7 (docs/3.7/sentinel-removal.md)
    const closed = aaveV3LiquidationGate({ ...s, sequencerAnswer: 1n, sequencerUpdatedAt: 100n }, 200n)
    expect(isAaveV3LiquidationBlocked(account('3.0'), hf(0.97), closed)).toBe(true)
    expect(isAaveV3LiquidationBlocked(account('3.6'), hf(0.97), closed)).toBe(true)
    expect(isAaveV3LiquidationBlocked(account('3.7'), hf(0.97), closed)).toBe(false)
    expect(isAaveV3LiquidationBlocked(account('3.0'), hf(0.94), closed)).toBe(false)
    expect(isAaveV3LiquidationBlocked(account('3.0'), hf(1.01), closed)).toBe(false)
    expect(isAaveV3LiquidationBlocked(account('3.0'), hf(0.97), open)).toBe(false)
  })

  it('liquidation grace period: blocked while every collateral or every debt reserve is in it (until < timestamp)', () => {
    // the account's timestamp is 1000: a grace period until 1000 still holds, until 999 has passed
    expect(isAaveV3LiquidationBlocked(account('3.6', 1_000n, 0n), hf(0.5), null)).toBe(true)
    expect(isAaveV3LiquidationBlocked(account('3.6', 999n, 0n), hf(0.5), null)).toBe(false)
    expect(isAaveV3LiquidationBlocked(account('3.6', 0n, 5_000n), hf(0.5), null)).toBe(true)
    expect(isAaveV3LiquidationBlocked(account('3.6', 5_000n, 0n), hf(1.5), null)).toBe(false)
  })
})
