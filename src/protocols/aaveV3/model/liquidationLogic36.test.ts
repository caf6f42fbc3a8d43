import { describe, expect, it } from 'vitest'
import { RAY } from '../../../math/fixedPoint.js'
import { aReserve, aUserReserve, anAccount, anEModeCategory } from '../test/builders.js'
import { simulateAaveV3LargestLiquidation, simulateAaveV3Liquidation, simulateAaveV3LiquidationCascade, type AaveV3LiquidationOutcome } from './simulateAaveV3Liquidation.js'
import { toAaveV3VenueModel } from './toAaveV3VenueModel.js'
import type { AaveV3AccountState, AaveV3LogicVersion, AaveV3ReserveState } from './types.js'

// Expected numbers are worked by hand from aave-v3-origin v3.6.0 LiquidationLogic.executeLiquidationCall and
// _calculateAvailableCollateralToLiquidate (percentMul/percentDiv half up: (v·b + 5000)/1e4, (v·1e4 + b/2)/b),
// and for v3.7 from docs/3.7/liquidation-rounding.md (percentMulFloor, percentDivFloor, percentMulCeil).
// Indexes are RAY and no time passes, so token balances equal scaled balances.

const E18 = 10n ** 18n
const MAX = 2n ** 256n - 1n
const usd = (x: bigint) => x * 100_000_000n // USD·1e8

const WETH = (p: Partial<AaveV3ReserveState> = {}) => aReserve({ id: 0, symbol: 'WETH', priceE8: usd(1_200n), ...p })
const USDC = (p: Partial<AaveV3ReserveState> = {}) => aReserve({ id: 1, symbol: 'USDC', decimals: 6, priceE8: usd(1n), ...p })
const DAI = aReserve({ id: 2, symbol: 'DAI', priceE8: usd(1n) })

/** `weth` WETH as collateral against `usdc` USDC (token units) and optionally DAI debt. */
function position(weth: bigint, usdc: bigint, o: { version?: AaveV3LogicVersion; dai?: bigint; wethPrice?: bigint; weth?: Partial<AaveV3ReserveState>; usdc?: Partial<AaveV3ReserveState> } = {}): AaveV3AccountState {
  return anAccount(
    [WETH({ priceE8: o.wethPrice ?? usd(1_200n), ...o.weth }), USDC(o.usdc), DAI],
    [
      aUserReserve({ reserveId: 0, scaledATokenBalance: weth }),
      aUserReserve({ reserveId: 1, scaledVariableDebt: usdc }),
      ...(o.dai ? [aUserReserve({ reserveId: 2, scaledVariableDebt: o.dai })] : []),
    ],
    null,
    o.version ?? '3.6',
  )
}

function liquidated(r: AaveV3LiquidationOutcome) {
  if (r.kind !== 'liquidated') throw new TypeError(`expected a liquidation, got the revert ${r.reason}`)
  return r
}

describe('Aave v3.6 liquidationCall', () => {
  it('50% cap: HF 0.99, both positions ≥ $2,000, the debt over half the total → half the total debt', () => {
    // 10 WETH at $1,200 (12,000e8) against 10,000 USDC: HF = wadDiv(12000e8·8250, 10000e8)/1e4 = 0.99e18
    const r = liquidated(simulateAaveV3Liquidation(position(10n * E18, 10_000_000_000n), 0, 1, MAX))
    expect(r.step.healthFactorWadBefore).toBe(990_000_000_000_000_000n)
    // half = percentMul(10000e8, 5000) = 5000e8 < 10000e8 → cap ⌊5000e8·1e6/1e8⌋ = 5,000 USDC
    expect(r.step).toMatchObject({ closeFactorRule: 'HALF_OF_TOTAL_DEBT', closeFactorBps: 5_000n, maxLiquidatableDebt: 5_000_000_000n, reserveDebtBefore: 10_000_000_000n, debtRepaid: 5_000_000_000n })
    // base = ⌊1e8·5000e6·1e18 / (1200e8·1e6)⌋ = 4166666666666666666; percentMul(·, 10500) = 4374999999999999999
    // bonus = 4374999999999999999 − percentDiv(·, 10500) = 4374999999999999999 − 4166666666666666666 = 208333333333333333
    // fee = percentMul(208333333333333333, 1000) = 20833333333333333; to the liquidator 4374999999999999999 − fee
    expect(r.step.protocolFee).toBe(20_833_333_333_333_333n)
    expect(r.step.collateralToLiquidator).toBe(4_354_166_666_666_666_666n)
    expect(r.step.deficits).toEqual([])
    // left: 10e18 − 4374999999999999999 = 5625000000000000001 WETH (scaled, index RAY), 5,000 USDC
    expect(r.after.userReserves.find((u) => u.reserveId === 0)).toMatchObject({ scaledATokenBalance: 5_625_000_000_000_000_001n, usingAsCollateral: true })
    expect(r.after.userReserves.find((u) => u.reserveId === 1)).toMatchObject({ scaledVariableDebt: 5_000_000_000n, borrowing: true })
    // after: ⌊5625000000000000001·1200e8/1e18⌋ = 675000000000; wadDiv(675000000000·8250, 5000e8)/1e4 = 1.11375e18
    expect(r.step.healthFactorWadAfter).toBe(1_113_750_000_000_000_000n)
  })

  it('100%: HF ≤ 0.95 → all of the reserve debt', () => {
    // WETH at $1,100: HF = wadDiv(11000e8·8250, 10000e8)/1e4 = 0.9075e18
    const r = liquidated(simulateAaveV3Liquidation(position(10n * E18, 10_000_000_000n, { wethPrice: usd(1_100n) }), 0, 1, MAX))
    expect(r.step.healthFactorWadBefore).toBe(907_500_000_000_000_000n)
    // base = ⌊10000e6·1e8·1e18/(1100e8·1e6)⌋ = 9090909090909090909; ·10500 half up = 9545454545454545454
    // bonus = 9545454545454545454 − 9090909090909090909 = 454545454545454545; fee 45454545454545455
    expect(r.step).toMatchObject({ closeFactorRule: 'FULL_RESERVE_DEBT', closeFactorBps: 10_000n, debtRepaid: 10_000_000_000n, protocolFee: 45_454_545_454_545_455n, collateralToLiquidator: 9_499_999_999_999_999_999n })
    expect(r.step.healthFactorWadAfter).toBeNull()
    expect(r.after.userReserves.find((u) => u.reserveId === 1)).toMatchObject({ scaledVariableDebt: 0n, borrowing: false })
  })

  it('100%: HF 0.99 but the collateral position under $2,000 → all of the reserve debt', () => {
    // 1 WETH at $1,200 (1200e8 < 2000e8) against 1,000 USDC: HF 0.99
    const r = liquidated(simulateAaveV3Liquidation(position(E18, 1_000_000_000n), 0, 1, MAX))
    // base = ⌊1000e6·1e8·1e18/(1200e8·1e6)⌋ = 833333333333333333; ·10500 half up = 875000000000000000
    // bonus = 875e15 − percentDiv(875e15, 10500) = 875e15 − 833333333333333333 = 41666666666666667; fee 4166666666666667
    expect(r.step).toMatchObject({ closeFactorRule: 'FULL_RESERVE_DEBT', debtRepaid: 1_000_000_000n, protocolFee: 4_166_666_666_666_667n, collateralToLiquidator: 870_833_333_333_333_333n })
    expect(r.step.healthFactorWadBefore).toBe(990_000_000_000_000_000n)
  })

  it('dust: a partial liquidation leaving under $1,000 of the debt reverts; the largest passing amount leaves exactly $1,000', () => {
    // 4 WETH at $1,200 (4800e8) against 2,100 USDC and 1,900 DAI: HF = wadDiv(4800e8·8250, 4000e8)/1e4 = 0.99
    // USDC: 2100e8 > half = 2000e8 → cap 2,000 USDC, which would leave ⌈100e6·1e8/1e6⌉ = 100e8 < 1000e8
    const state = position(4n * E18, 2_100_000_000n, { dai: 1_900n * E18 })
    expect(simulateAaveV3Liquidation(state, 0, 1, MAX)).toEqual({ kind: 'reverted', reason: 'MUST_NOT_LEAVE_DUST' })
    // the contract does not adjust: 1 wei over the $1,000 leftover still reverts
    expect(simulateAaveV3Liquidation(state, 0, 1, 1_100_000_001n)).toEqual({ kind: 'reverted', reason: 'MUST_NOT_LEAVE_DUST' })
    // 2100e6 − d ≥ 1000e6 ⇔ d ≤ 1100e6; collateral left 4e18 − 962499999999999999 is worth 3645e8 ≥ 1000e8
    const largest = liquidated(simulateAaveV3LargestLiquidation(state, 0, 1))
    expect(largest.step).toMatchObject({ closeFactorRule: 'HALF_OF_TOTAL_DEBT', maxLiquidatableDebt: 2_000_000_000n, debtRepaid: 1_100_000_000n })
    expect(liquidated(simulateAaveV3Liquidation(state, 0, 1, 1_100_000_000n)).step).toEqual(largest.step)
  })

  it('deficit: the collateral runs out, the unpaid debt of that reserve and every other debt go to the reserves’ deficits', () => {
    // 1 WETH at $1,000 against 1,000 USDC and 300 DAI: HF < 0.95, collateral under $2,000 → full close factor
    const state = position(E18, 1_000_000_000n, { dai: 300n * E18, wethPrice: usd(1_000n) })
    const r = liquidated(simulateAaveV3Liquidation(state, 0, 1, MAX))
    // 1,000 USDC buys ⌊1000e6·1e8·1e18/(1000e8·1e6)⌋ = 1e18 WETH, ·10500 = 1.05e18 > 1e18: all the collateral,
    // debt = percentDivCeil(1000e6, 10500) = ⌈952380952.38⌉ = 952380953; fee = percentMul(1e18 − 952380952380952381, 1000) = 4761904761904762
    expect(r.step).toMatchObject({ debtRepaid: 952_380_953n, protocolFee: 4_761_904_761_904_762n, collateralToLiquidator: 995_238_095_238_095_238n })
    // seized base ⌊1e18·1000e8/1e18⌋ = 1000e8 = total collateral: no collateral left → 1000e6 − 952380953 USDC and all 300 DAI to the deficit
    expect(r.step.deficits.map((d) => [d.reserve.symbol, d.amount])).toEqual([
      ['USDC', 47_619_047n],
      ['DAI', 300n * E18],
    ])
    expect(r.after.reserves.map((x) => x.deficit)).toEqual([0n, 47_619_047n, 300n * E18])
    expect(r.after.userReserves.map((u) => [u.scaledATokenBalance, u.usingAsCollateral, u.scaledVariableDebt, u.borrowing])).toEqual([
      [0n, false, 0n, false],
      [0n, false, 0n, false],
      [0n, false, 0n, false],
    ])
    expect(r.step.healthFactorWadAfter).toBeNull()
  })

  it('grace period: the call reverts while either reserve’s liquidationGracePeriodUntil ≥ the block timestamp (1000)', () => {
    const hold = { kind: 'reverted', reason: 'LIQUIDATION_GRACE_SENTINEL_CHECK_FAILED' }
    expect(simulateAaveV3Liquidation(position(E18, 1_000_000_000n, { weth: { liquidationGracePeriodUntil: 1_000n } }), 0, 1, MAX)).toEqual(hold)
    expect(simulateAaveV3Liquidation(position(E18, 1_000_000_000n, { usdc: { liquidationGracePeriodUntil: 5_000n } }), 0, 1, MAX)).toEqual(hold)
    expect(simulateAaveV3Liquidation(position(E18, 1_000_000_000n, { weth: { liquidationGracePeriodUntil: 999n } }), 0, 1, MAX).kind).toBe('liquidated')
  })

  it('eMode: the category’s bonus only when the collateral is in its collateral bitmap', () => {
    const reserves = [WETH({ priceE8: usd(1_050n), eModeCategory: 1 }), USDC(), DAI]
    const users = [aUserReserve({ reserveId: 0, scaledATokenBalance: 10n * E18 }), aUserReserve({ reserveId: 1, scaledVariableDebt: 10_000_000_000n })]
    const eMode = anEModeCategory({ id: 1, ltvBps: 9_000n, liquidationThresholdBps: 9_300n, liquidationBonusBps: 10_200n, collateralBitmap: 1n, borrowableBitmap: 2n, ltvzeroBitmap: 0n })
    // in the bitmap: HF = wadDiv(10500e8·9300, 10000e8)/1e4 = 0.9765e18; 1,000 USDC buys ⌊1000e6·1e8·1e18/(1050e8·1e6)⌋ = 952380952380952380,
    // percentMul(·, 10200) = 971428571428571428 seized (liquidator + fee)
    const inCategory = liquidated(simulateAaveV3Liquidation(anAccount(reserves, users, eMode, '3.6'), 0, 1, 1_000_000_000n))
    expect(inCategory.step.healthFactorWadBefore).toBe(976_500_000_000_000_000n)
    expect(inCategory.step.collateralToLiquidator + inCategory.step.protocolFee).toBe(971_428_571_428_571_428n)
    // outside it (and outside the category everywhere): the reserve's LT (HF 0.86625) and bonus, percentMul(·, 10500) = 999999999999999999
    const outside = liquidated(simulateAaveV3Liquidation(anAccount([WETH({ priceE8: usd(1_050n) }), USDC(), DAI], users, { ...eMode, collateralBitmap: 0n }, '3.6'), 0, 1, 1_000_000_000n))
    expect(outside.step.healthFactorWadBefore).toBe(866_250_000_000_000_000n)
    expect(outside.step.collateralToLiquidator + outside.step.protocolFee).toBe(999_999_999_999_999_999n)
  })

  it('50% cap in eMode: the cap is half the total debt, the bonus the category’s', () => {
    const eMode = anEModeCategory({ id: 1, ltvBps: 9_000n, liquidationThresholdBps: 9_300n, liquidationBonusBps: 10_200n, collateralBitmap: 1n, borrowableBitmap: 2n, ltvzeroBitmap: 0n })
    const state = anAccount([WETH({ priceE8: usd(1_050n), eModeCategory: 1 }), USDC(), DAI], [aUserReserve({ reserveId: 0, scaledATokenBalance: 10n * E18 }), aUserReserve({ reserveId: 1, scaledVariableDebt: 10_000_000_000n })], eMode, '3.6')
    // cap 5,000 USDC: base 4761904761904761904, ·10200 half up = 4857142857142857142; bonus 95238095238095238, fee 9523809523809524
    const r = liquidated(simulateAaveV3Liquidation(state, 0, 1, MAX))
    expect(r.step).toMatchObject({ debtRepaid: 5_000_000_000n, protocolFee: 9_523_809_523_809_524n, collateralToLiquidator: 4_847_619_047_619_047_618n })
  })

  it('reverts: HF not below 1, collateral not enabled, no debt in the reserve', () => {
    expect(simulateAaveV3Liquidation(position(10n * E18, 1_000_000_000n), 0, 1, MAX)).toEqual({ kind: 'reverted', reason: 'HEALTH_FACTOR_NOT_BELOW_THRESHOLD' })
    expect(simulateAaveV3Liquidation(position(E18, 1_000_000_000n, { dai: E18 }), 2, 1, MAX)).toEqual({ kind: 'reverted', reason: 'COLLATERAL_CANNOT_BE_LIQUIDATED' })
    expect(simulateAaveV3Liquidation(position(E18, 1_000_000_000n), 0, 2, MAX)).toEqual({ kind: 'reverted', reason: 'SPECIFIED_CURRENCY_NOT_BORROWED_BY_USER' })
  })

  it('cascade: calls for the largest amount that leaves no dust, until healthy', () => {
    const steps = simulateAaveV3LiquidationCascade(position(4n * E18, 2_100_000_000n, { dai: 1_900n * E18 }))
    // first call: WETH against USDC (the largest debt), 1,100 USDC (see the dust case); it restores HF ≥ 1
    expect(steps[0]).toMatchObject({ debtRepaid: 1_100_000_000n })
    expect(steps.at(-1)!.healthFactorWadAfter! >= E18).toBe(true)
  })
})

describe('Aave v3.7 liquidationCall (rule-verified from docs/3.7, not contract-verified)', () => {
  it('collateral rounds floor, the bonus base floor, the fee ceil (docs/3.7/liquidation-rounding.md)', () => {
    // the 50% cap case of v3.6: percentMulFloor(4166666666666666666, 10500) = 4374999999999999999;
    // bonus = 4374999999999999999 − ⌊4374999999999999999·1e4/10500⌋ = 4374999999999999999 − 4166666666666666665 = 208333333333333334;
    // fee = ⌈208333333333333334·1000/1e4⌉ = 20833333333333334: one wei more than v3.6, taken from the liquidator
    const r = liquidated(simulateAaveV3Liquidation(position(10n * E18, 10_000_000_000n, { version: '3.7' }), 0, 1, MAX))
    expect(r.step).toMatchObject({ debtRepaid: 5_000_000_000n, protocolFee: 20_833_333_333_333_334n, collateralToLiquidator: 4_354_166_666_666_666_665n })
  })

  it('no collateral left by scaled consumption: the collateral flag cleared where v3.6 left it set', () => {
    // aave-v3-origin v3.7 test test_hasNoCollateralLeft_accounts_for_ceil_rounding_sum_exceeds_scaled: one 6-decimal reserve
    // priced 1e17 as collateral and debt, LT 85%, bonus 5%, fee 10%; scaled collateral 2 at index 5e27 (balance 10),
    // scaled debt 1 at index 9e27 (debt ⌈9⌉ = 9). HF = wadDiv(1e12·8500, 9e11)/1e4 < 0.95 → full close factor.
    const usdx = aReserve({ id: 0, symbol: 'USDX', decimals: 6, priceE8: 10n ** 17n, liquidationThresholdBps: 8_500n, liquidationBonusBps: 10_500n, liquidationProtocolFeeBps: 1_000n, liquidityIndexRay: 5n * RAY, variableBorrowIndexRay: 9n * RAY })
    const user = [aUserReserve({ reserveId: 0, scaledATokenBalance: 2n, scaledVariableDebt: 1n })]
    // v3.7: 9 seized (⌊9·1.05⌋), bonus 9 − ⌊9/1.05⌋ = 1, fee ⌈0.1⌉ = 1, to the liquidator 8; scaled ⌈8/5⌉ + ⌈1/5⌉ = 3 > 2
    // → the reserve is consumed, worth the whole collateral: the flag is cleared; the fee transfer is capped at the 0 left
    const v37 = liquidated(simulateAaveV3Liquidation(anAccount([usdx], user, null, '3.7'), 0, 0, 9n))
    expect(v37.step).toMatchObject({ debtRepaid: 9n, collateralToLiquidator: 8n, protocolFee: 0n, deficits: [] })
    expect(v37.after.userReserves[0]).toMatchObject({ scaledATokenBalance: 0n, usingAsCollateral: false, scaledVariableDebt: 0n, borrowing: false })
    // v3.6: percentMul(9, 10500) = 9, bonus 9 − percentDiv(9, 10500) = 0: no fee, 9 to the liquidator, ⌈9/5⌉ = 2 scaled burned;
    // 9 + 0 ≠ 10, so the (now empty) collateral stays enabled
    const v36 = liquidated(simulateAaveV3Liquidation(anAccount([usdx], user, null, '3.6'), 0, 0, 9n))
    expect(v36.step).toMatchObject({ debtRepaid: 9n, collateralToLiquidator: 9n, protocolFee: 0n })
    expect(v36.after.userReserves[0]).toMatchObject({ scaledATokenBalance: 0n, usingAsCollateral: true })
  })

  it('no sentinel: a closed sequencer gate does not hold a v3.7 liquidation (docs/3.7/sentinel-removal.md)', () => {
    const sentinel = { sentinel: '0x0000000000000000000000000000000000000001', sequencerOracle: '0x0000000000000000000000000000000000000002', sequencerAnswer: 1n, sequencerUpdatedAt: 0n, gracePeriodSeconds: 3_600n } as const
    // HF 0.99 ≥ 0.95: v3.6 asks the sentinel, v3.7 does not
    expect(simulateAaveV3Liquidation({ ...position(E18, 1_000_000_000n), sentinel }, 0, 1, MAX)).toEqual({ kind: 'reverted', reason: 'PRICE_ORACLE_SENTINEL_CHECK_FAILED' })
    expect(simulateAaveV3Liquidation({ ...position(E18, 1_000_000_000n, { version: '3.7' }), sentinel }, 0, 1, MAX).kind).toBe('liquidated')
  })
})

describe('Aave v3.0 liquidationCall through the same entry (unchanged rules)', () => {
  it('HF 0.99: 50% of the reserve debt, half-up collateral and fee', () => {
    // percentMul(10000e6, 5000) = 5000e6; collateral and fee as in the v3.6 cap case (the same half-up formulas)
    const r = liquidated(simulateAaveV3Liquidation(position(10n * E18, 10_000_000_000n, { version: '3.0' }), 0, 1, MAX))
    expect(r.step).toMatchObject({ closeFactorRule: 'HALF_OF_RESERVE_DEBT', closeFactorBps: 5_000n, debtRepaid: 5_000_000_000n, protocolFee: 20_833_333_333_333_333n, collateralToLiquidator: 4_354_166_666_666_666_666n, deficits: [] })
  })

  it('no grace period rule and no dust rule before v3.1/v3.3: the 50% call leaving $100 goes through', () => {
    // the v3.6 dust case on v3.0: percentMul(2100e6, 5000) = 1050e6 repaid
    const r = liquidated(simulateAaveV3Liquidation(position(4n * E18, 2_100_000_000n, { dai: 1_900n * E18, version: '3.0' }), 0, 1, MAX))
    expect(r.step.debtRepaid).toBe(1_050_000_000n)
  })
})

describe('Aave v3.6 venue: close factor per pair, deficit in the cascade', () => {
  it('close factor of the largest pair: the half-of-total-debt cap over the reserve debt', () => {
    // the dust case: cap 2,000 USDC of a 2,100 USDC position
    const venue = toAaveV3VenueModel(position(4n * E18, 2_100_000_000n, { dai: 1_900n * E18 }), '3.6.0').venue
    expect(venue.status === 'available' && venue.closeFactor).toBe(2_000 / 2_100)
    const small = toAaveV3VenueModel(position(E18, 1_000_000_000n), '3.6.0').venue
    expect(small.status === 'available' && small.closeFactor).toBe(1)
  })

  it('cascade: the deficit written off is reported in the note', () => {
    const r = toAaveV3VenueModel(position(E18, 1_000_000_000n, { dai: 300n * E18, wethPrice: usd(1_000n) }), '3.6.0').liquidate(new Map())
    // 1000e6 − 952380953 = 47619047 USDC wei = 47.619047 USDC, and 300 DAI, at $1
    expect(r.note).toBe("No collateral left: 47.619047 USDC, 300 DAI (≈ $347.62) of debt written off to the reserves' deficits.")
    expect(r.steps).toHaveLength(1)
  })
})
