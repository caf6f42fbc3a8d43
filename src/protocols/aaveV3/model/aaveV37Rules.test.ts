/**
 * Aave v3.7 rules as aave-dao/aave-v3-origin `docs/3.7` states them, checked
 * against computeAaveV3AccountData, aaveV3AppliedRiskParams and the what-if
 * actions. These are rule-verified (from the release notes and the
 * getUserReserveLtv they quote), not contract-verified: no v3.7 source is
 * compiled or deployed here, unlike v3.0 (and v3.6, whose source is installed).
 * Quotes are from docs/3.7/isolated-emode.md (ISO), docs/3.7/mode-removal.md
 * (MODE) and docs/3.7/Aave-v3.7-changelog.md (LOG).
 */
import { describe, expect, it } from 'vitest'
import type { VenueAction } from '../../../domain/simulation.js'
import { aReserve, aUserReserve, anAccount, anEModeCategory } from '../test/builders.js'
import { aaveV3AppliedRiskParams, computeAaveV3AccountData, isAaveV3BorrowableInEMode } from './computeAaveV3AccountData.js'
import { applyAaveV3Actions, canAutoEnableAaveV3Collateral } from './applyAaveV3Actions.js'
import type { AaveV3AccountState } from './types.js'

const E18 = 10n ** 18n
const weth = aReserve({ id: 0, symbol: 'WETH', priceE8: 2000_00000000n, ltvBps: 8000n, liquidationThresholdBps: 8250n })
const wsteth = aReserve({ id: 1, symbol: 'wstETH', priceE8: 2300_00000000n, ltvBps: 7500n, liquidationThresholdBps: 8000n })
const wbtc = aReserve({ id: 2, symbol: 'WBTC', decimals: 8, priceE8: 60000_00000000n, ltvBps: 7000n, liquidationThresholdBps: 7500n })
const usdc = aReserve({ id: 3, symbol: 'USDC', decimals: 6, priceE8: 1_00000000n, ltvBps: 7500n, liquidationThresholdBps: 7800n })
// "ETH correlated": WETH and wstETH are collateral members, WETH and USDC borrowable
const ethCorrelated = (isolated: boolean, ltvzeroBitmap = 0n) =>
  anEModeCategory({ id: 1, ltvBps: 9000n, liquidationThresholdBps: 9300n, liquidationBonusBps: 10100n, collateralBitmap: 0b0011n, borrowableBitmap: 0b1001n, ltvzeroBitmap, isolated })
// 1 WETH ($2000) and 0.1 WBTC ($6000) as collateral, 1000 USDC debt
const users = [
  aUserReserve({ reserveId: 0, scaledATokenBalance: E18 }),
  aUserReserve({ reserveId: 2, scaledATokenBalance: 10_000_000n }),
  aUserReserve({ reserveId: 3, scaledVariableDebt: 1000_000000n }),
]
const reserves = [weth, wsteth, wbtc, usdc]
const account = (isolated: boolean, ltvzero = 0n): AaveV3AccountState => anAccount(reserves, users, ethCorrelated(isolated, ltvzero), '3.7')
const act = (kind: VenueAction['kind'], asset: string, amount: string): VenueAction => ({ venueId: 'v', kind, asset, amount })

describe('Aave v3.7 isolated eModes (docs/3.7/isolated-emode.md)', () => {
  it('ISO Overview: "Only assets explicitly listed in the eMode\'s collateralBitmap contribute LTV. All other assets ... are treated as LTV-zero"', () => {
    expect(aaveV3AppliedRiskParams(account(true), wbtc).ltvBps).toBe(0n)
    expect(aaveV3AppliedRiskParams(account(true), weth).ltvBps).toBe(9000n)
    const data = computeAaveV3AccountData(account(true))
    // Σ LTV = 2000e8·9000 only, over 8000e8 of collateral: ⌊2250⌋
    expect(data.avgLtvBps).toBe(2250n)
    expect(data.hasZeroLtvCollateral).toBe(true)
  })

  it('ISO Overview: LTV-zero assets "still contribute to the liquidation threshold and health factor"', () => {
    // Σ LT = 2000e8·9300 + 6000e8·7500 = 6.36e15; HF = 6.36e15·1e18 / 1000e8 / 1e4 = 6.36e18, isolated or not
    expect(computeAaveV3AccountData(account(true)).healthFactorWad).toBe(6_360_000_000_000_000_000n)
    expect(computeAaveV3AccountData(account(false)).healthFactorWad).toBe(6_360_000_000_000_000_000n)
    expect(aaveV3AppliedRiskParams(account(true), wbtc).liquidationThresholdBps).toBe(7500n)
  })

  it('ISO Effects 3: toggling `isolated` on a live eMode zeroes the LTV of non-eMode collateral: "They cannot take new borrows against it but are not instantly liquidated"', () => {
    const before = computeAaveV3AccountData(account(false))
    const after = computeAaveV3AccountData(account(true))
    // non-isolated: WBTC keeps its own LTV 7000 → Σ = 2000e8·9000 + 6000e8·7000 = 6e15 over 8000e8 = 7500
    expect(before.avgLtvBps).toBe(7500n)
    expect(before.availableBorrowsBase).toBe(5000_00000000n) // ⌊8000e8·7500/1e4⌋ − 1000e8
    expect(after.availableBorrowsBase).toBe(800_00000000n) // ⌊8000e8·2250/1e4⌋ − 1000e8
    expect(after.healthFactorWad).toBe(before.healthFactorWad)
  })

  it('ISO Developer guide: with isolated=false "users should still be able to borrow against their other collateral at base LTV"', () => {
    expect(aaveV3AppliedRiskParams(account(false), wbtc).ltvBps).toBe(7000n)
    expect(computeAaveV3AccountData(account(false)).hasZeroLtvCollateral).toBe(false)
  })

  it('ISO Interaction table: "ltvzeroBitmap ... check runs first, so an asset can be in collateralBitmap but still get LTV=0"', () => {
    const p = aaveV3AppliedRiskParams(account(true, 0b0001n), weth)
    expect([p.ltvBps, p.liquidationThresholdBps]).toEqual([0n, 9300n])
  })

  it('ISO Interaction table: "borrowableBitmap | Unaffected"', () => {
    for (const isolated of [false, true]) {
      expect(isAaveV3BorrowableInEMode(account(isolated), usdc)).toBe(true)
      expect(isAaveV3BorrowableInEMode(account(isolated), wbtc)).toBe(false)
    }
  })

  it('ISO Effects 2: in an isolated eMode an asset outside the collateralBitmap is not enabled as collateral ("getUserReserveLtv returns 0")', () => {
    expect(canAutoEnableAaveV3Collateral(account(true), usdc)).toBe(false)
    expect(canAutoEnableAaveV3Collateral(account(true), wsteth)).toBe(true)
    const { state } = applyAaveV3Actions(anAccount(reserves, [], ethCorrelated(true), '3.7'), [act('SUPPLY', 'USDC', '100')])
    expect(state.userReserves[0]!.usingAsCollateral).toBe(false)
  })

  it('ISO Technical spec: "validateHFAndLtvzero -- Withdraw/transfer of non-LTV-zero assets is blocked when LTV-zero collateral exists"', () => {
    expect(applyAaveV3Actions(account(true), [act('WITHDRAW', 'WETH', '0.1')]).warnings).toEqual([expect.stringMatching(/LtvValidationFailed/)])
    // "They can unwind by ... withdrawing the LTV-zero assets first"
    expect(applyAaveV3Actions(account(true), [act('WITHDRAW', 'WBTC', '0.01')]).warnings).toEqual([])
  })

  it('ISO Technical spec: "validateHFAndLtv -- Borrows against a position with zero aggregate LTV are rejected"', () => {
    const wbtcOnly = anAccount(reserves, [users[1]!], ethCorrelated(true), '3.7')
    expect(applyAaveV3Actions(wbtcOnly, [act('BORROW', 'USDC', '1')]).warnings).toEqual([expect.stringMatching(/LtvValidationFailed/)])
  })
})

describe('Aave v3.7 removals (docs/3.7/mode-removal.md, changelog)', () => {
  it('LOG GenericLogic: only a comment changed, so the account data equal v3.6\'s outside isolated eModes', () => {
    const v37 = account(false)
    expect(computeAaveV3AccountData(v37)).toEqual(computeAaveV3AccountData({ ...v37, version: '3.6' }))
  })

  it('MODE: isolation mode is removed ("UserConfiguration.getIsolationModeState()" deleted): a debt-ceiling asset no longer blocks collateral', () => {
    const ceiling = { ...wbtc, debtCeiling: 1_000_000_00n }
    const sole = anAccount([weth, wsteth, ceiling, usdc], [users[1]!], null, '3.7')
    expect(canAutoEnableAaveV3Collateral(sole, weth)).toBe(true)
    expect(canAutoEnableAaveV3Collateral({ ...sole, version: '3.6' }, weth)).toBe(false)
  })
})
