import { describe, expect, it } from 'vitest'
import { RAY } from '../../../math/fixedPoint.js'
import type { VenueAction } from '../../../domain/simulation.js'
import { aReserve, aUserReserve, anAccount, anEModeCategory } from '../test/builders.js'
import { applyAaveV3Actions, canAutoEnableAaveV3Collateral } from './applyAaveV3Actions.js'
import type { AaveV3LogicVersion } from './types.js'

const E18 = 10n ** 18n
const act = (kind: VenueAction['kind'], asset: string, amount: string): VenueAction => ({ venueId: 'v', kind, asset, amount })
const wei = (n: number) => `0.${String(n).padStart(18, '0')}` // n wei of an 18-decimal token
// both indexes 1.5 RAY: amounts that are not whole multiples show the rounding direction
const half = { liquidityIndexRay: (3n * RAY) / 2n, variableBorrowIndexRay: (3n * RAY) / 2n }
const tkn = aReserve({ id: 0, symbol: 'TKN', ...half })
const weth = aReserve({ id: 1, symbol: 'WETH', priceE8: 2000_00000000n, ltvBps: 8000n, liquidationThresholdBps: 8250n })
const usdc = aReserve({ id: 2, symbol: 'USDC', decimals: 6, priceE8: 1_00000000n, ltvBps: 7500n, liquidationThresholdBps: 8000n })

function scaled(version: AaveV3LogicVersion, start: { a?: bigint; d?: bigint }, action: VenueAction) {
  const user = aUserReserve({ reserveId: 0, scaledATokenBalance: start.a ?? 0n, scaledVariableDebt: start.d ?? 0n })
  const { state } = applyAaveV3Actions(anAccount([tkn], [user], null, version), [action])
  const u = state.userReserves.find((x) => x.reserveId === 0)!
  return [u.scaledATokenBalance, u.scaledVariableDebt]
}

describe('applyAaveV3Actions: scaled amounts with the version\'s TokenMath rounding', () => {
  it('supply mints amount/index floored on v3.6 (4 wei / 1.5 = 2.67 → 2), half up on v3.0 (→ 3)', () => {
    expect(scaled('3.6', {}, act('SUPPLY', 'TKN', wei(4)))[0]).toBe(2n)
    expect(scaled('3.0', {}, act('SUPPLY', 'TKN', wei(4)))[0]).toBe(3n)
  })
  it('withdraw burns amount/index ceiled on v3.6 (5 / 1.5 = 3.33 → 4), half up on v3.0 (→ 3)', () => {
    expect(scaled('3.6', { a: 10n }, act('WITHDRAW', 'TKN', wei(5)))[0]).toBe(6n)
    expect(scaled('3.0', { a: 10n }, act('WITHDRAW', 'TKN', wei(5)))[0]).toBe(7n)
  })
  it('borrow mints debt ceiled on v3.6 (5 / 1.5 → 4), half up on v3.0 (→ 3)', () => {
    expect(scaled('3.6', {}, act('BORROW', 'TKN', wei(5)))[1]).toBe(4n)
    expect(scaled('3.0', {}, act('BORROW', 'TKN', wei(5)))[1]).toBe(3n)
  })
  it('repay burns debt floored on v3.6 (4 / 1.5 = 2.67 → 2), half up on v3.0 (→ 3)', () => {
    expect(scaled('3.6', { d: 10n }, act('REPAY', 'TKN', wei(4)))[1]).toBe(8n)
    expect(scaled('3.0', { d: 10n }, act('REPAY', 'TKN', wei(4)))[1]).toBe(7n)
  })
  it('repaying the whole v3.6 debt (10 scaled · 1.5 = 15 wei) clears it', () => {
    const user = aUserReserve({ reserveId: 0, scaledVariableDebt: 10n })
    const { state } = applyAaveV3Actions(anAccount([tkn], [user], null, '3.6'), [act('REPAY', 'TKN', wei(15))])
    expect(state.userReserves[0]).toMatchObject({ scaledVariableDebt: 0n, borrowing: false })
  })
  it('refuses a v3.6 withdrawal whose ceiled burn exceeds the scaled balance', () => {
    // 10 scaled at 1.5 hold 15 wei; 15 wei burn ⌈10⌉ = 10 (fine), 16 wei burn ⌈10.67⌉ = 11 > 10
    expect(scaled('3.6', { a: 10n }, act('WITHDRAW', 'TKN', wei(15)))[0]).toBe(0n)
    expect(() => scaled('3.6', { a: 10n }, act('WITHDRAW', 'TKN', wei(16)))).toThrow(/holds less/)
  })
})

describe('collateral enabled by a first supply (validateAutomaticUseAsCollateral / v3.7 validateUseAsCollateral)', () => {
  const eMode = (isolated: boolean) =>
    anEModeCategory({ id: 1, ltvBps: 9000n, liquidationThresholdBps: 9300n, liquidationBonusBps: 10100n, collateralBitmap: 0b10n, borrowableBitmap: 0b110n, ltvzeroBitmap: 0n, isolated })
  it('does not enable an asset whose LTV is 0 for the user', () => {
    const ltvzero = { ...eMode(false), ltvzeroBitmap: 0b10n }
    expect(canAutoEnableAaveV3Collateral(anAccount([weth, usdc], [], ltvzero, '3.6'), weth)).toBe(false)
    expect(canAutoEnableAaveV3Collateral(anAccount([weth, usdc], [], eMode(false), '3.6'), weth)).toBe(true)
  })
  it('v3.7: outside the bitmap of an isolated eMode the LTV is 0, so the asset is not enabled', () => {
    // docs/3.7/isolated-emode.md, Effects 2: validateUseAsCollateral returns false "because getUserReserveLtv returns 0"
    expect(canAutoEnableAaveV3Collateral(anAccount([weth, usdc], [], eMode(true), '3.7'), usdc)).toBe(false)
    expect(canAutoEnableAaveV3Collateral(anAccount([weth, usdc], [], eMode(false), '3.7'), usdc)).toBe(true)
  })
  it('v3.0/v3.6 never auto-enable an isolated (debt-ceiling) asset; v3.7 has no isolation mode', () => {
    const isolated = { ...usdc, debtCeiling: 1_000_000_00n }
    expect(canAutoEnableAaveV3Collateral(anAccount([weth, isolated], [], null, '3.6'), isolated)).toBe(false)
    expect(canAutoEnableAaveV3Collateral(anAccount([weth, isolated], [], null, '3.0'), isolated)).toBe(false)
    expect(canAutoEnableAaveV3Collateral(anAccount([weth, isolated], [], null, '3.7'), isolated)).toBe(true)
  })
  it('v3.0/v3.6: a user in isolation mode (sole collateral has a debt ceiling) gets no further collateral', () => {
    const isolated = { ...usdc, debtCeiling: 1_000_000_00n }
    const users = [aUserReserve({ reserveId: 2, scaledATokenBalance: 1000_000000n })]
    expect(canAutoEnableAaveV3Collateral(anAccount([weth, isolated], users, null, '3.6'), weth)).toBe(false)
    expect(canAutoEnableAaveV3Collateral(anAccount([weth, usdc], users, null, '3.6'), weth)).toBe(true)
  })
})

describe('warnings for what the Pool would refuse', () => {
  const oneEth = [aUserReserve({ reserveId: 1, scaledATokenBalance: E18 })]
  it('v3.6 borrow: totalCollateral ≥ debt.percentDivCeil(avgLtv), to the base unit', () => {
    // 1 WETH = 2000e8 at LTV 8000. 1600 USDC: debt 1600e8, ⌈1600e8·1e4/8000⌉ = 2000e8 ≤ 2000e8: allowed
    expect(applyAaveV3Actions(anAccount([weth, usdc], oneEth, null, '3.6'), [act('BORROW', 'USDC', '1600')]).warnings).toEqual([])
    // 1600.000001 USDC: debt ⌈1600000001·1e8/1e6⌉ = 160000000100; ⌈160000000100·1e4/8000⌉ = 200000000125 > 2000e8
    const { warnings } = applyAaveV3Actions(anAccount([weth, usdc], oneEth, null, '3.6'), [act('BORROW', 'USDC', '1600.000001')])
    expect(warnings).toEqual([expect.stringMatching(/CollateralCannotCoverNewBorrow/)])
  })
  it('v3.6 borrow in eMode: the reserve must be in the borrowable bitmap', () => {
    const eMode = anEModeCategory({ id: 1, ltvBps: 9000n, liquidationThresholdBps: 9300n, liquidationBonusBps: 10100n, collateralBitmap: 0b10n, borrowableBitmap: 0b10n, ltvzeroBitmap: 0n })
    const { warnings } = applyAaveV3Actions(anAccount([weth, usdc], oneEth, eMode, '3.6'), [act('BORROW', 'USDC', '100')])
    expect(warnings).toEqual([expect.stringMatching(/NotBorrowableInEMode/)])
  })
  it('v3.7 borrow against collateral outside an isolated eMode: LTV 0, refused', () => {
    // docs/3.7/isolated-emode.md: "validateHFAndLtv -- Borrows against a position with zero aggregate LTV are rejected"
    const eMode = anEModeCategory({ id: 1, ltvBps: 9000n, liquidationThresholdBps: 9300n, liquidationBonusBps: 10100n, collateralBitmap: 0b1n, borrowableBitmap: 0b100n, ltvzeroBitmap: 0n, isolated: true })
    const { warnings } = applyAaveV3Actions(anAccount([tkn, weth, usdc], oneEth, eMode, '3.7'), [act('BORROW', 'USDC', '100')])
    expect(warnings).toEqual([expect.stringMatching(/LtvValidationFailed/)])
  })
  it('v3.6 withdraw: with zero-LTV collateral held, only that collateral may leave first', () => {
    // WETH in the eMode's ltvzero bitmap; USDC ordinary collateral; debt in WETH
    const eMode = anEModeCategory({ id: 1, ltvBps: 9000n, liquidationThresholdBps: 9300n, liquidationBonusBps: 10100n, collateralBitmap: 0b10n, borrowableBitmap: 0b110n, ltvzeroBitmap: 0b10n })
    const users = [aUserReserve({ reserveId: 1, scaledATokenBalance: E18, scaledVariableDebt: E18 / 10n }), aUserReserve({ reserveId: 2, scaledATokenBalance: 10_000_000000n })]
    const account = anAccount([tkn, weth, usdc], users, eMode, '3.6')
    expect(applyAaveV3Actions(account, [act('WITHDRAW', 'USDC', '100')]).warnings).toEqual([expect.stringMatching(/LtvValidationFailed/)])
    expect(applyAaveV3Actions(account, [act('WITHDRAW', 'WETH', '0.1')]).warnings).toEqual([])
  })
})
