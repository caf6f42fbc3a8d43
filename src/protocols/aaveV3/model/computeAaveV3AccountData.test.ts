import { describe, expect, it } from 'vitest'
import { VenueDataUnavailableError } from '../../../errors/index.js'
import { WAD } from '../../../math/fixedPoint.js'
import { aReserve, aUserReserve, anAccount, anEModeCategory } from '../test/builders.js'
import { computeAaveV3AccountData } from './computeAaveV3AccountData.js'

const E18 = 10n ** 18n
const weth = aReserve({ id: 0, symbol: 'WETH', priceE8: 2000_00000000n, liquidationThresholdBps: 8250n, eModeCategory: 1 })
const usdc = aReserve({ id: 1, symbol: 'USDC', decimals: 6, priceE8: 1_00000000n, liquidationThresholdBps: 8750n, ltvBps: 8000n })
const steth = aReserve({ id: 2, symbol: 'wstETH', priceE8: 2300_00000000n, liquidationThresholdBps: 8100n, eModeCategory: 1, exposure: { base: 'ETH', ratio: 'WSTETH_ETH' } })

describe('computeAaveV3AccountData (GenericLogic.calculateUserAccountData)', () => {
  it('computes HF = collateral·LT / debt in WAD', () => {
    // 1 WETH at $2000, LT 82.5%, against 1000 USDC: HF = 1650 / 1000 = 1.65
    const data = computeAaveV3AccountData(
      anAccount([weth, usdc], [aUserReserve({ reserveId: 0, scaledATokenBalance: E18 }), aUserReserve({ reserveId: 1, scaledVariableDebt: 1000_000000n })]),
    )
    expect(data.totalCollateralBase).toBe(2000_00000000n)
    expect(data.totalDebtBase).toBe(1000_00000000n)
    expect(data.avgLiquidationThresholdBps).toBe(8250n)
    expect(data.healthFactorWad).toBe((165n * WAD) / 100n)
  })

  it('rounds the average liquidation threshold down to whole bps', () => {
    // $2000 at 8250 and $1000 at 8750: exact average 8416.67 → 8416
    const data = computeAaveV3AccountData(
      anAccount(
        [weth, usdc],
        [aUserReserve({ reserveId: 0, scaledATokenBalance: E18 }), aUserReserve({ reserveId: 1, scaledATokenBalance: 1000_000000n, scaledVariableDebt: 0n })],
      ),
    )
    expect(data.avgLiquidationThresholdBps).toBe(8416n)
    expect(data.healthFactorWad).toBeNull()
  })

  it('applies the eMode category to assets it covers only', () => {
    const eMode = anEModeCategory({ id: 1, ltvBps: 9000n, liquidationThresholdBps: 9300n, liquidationBonusBps: 10100n, label: 'ETH correlated' })
    const data = computeAaveV3AccountData(
      anAccount([weth, usdc, steth], [aUserReserve({ reserveId: 2, scaledATokenBalance: E18 }), aUserReserve({ reserveId: 0, scaledVariableDebt: E18 })], eMode),
    )
    expect(data.avgLiquidationThresholdBps).toBe(9300n)
    // 2300 · 0.93 / 2000
    expect(data.healthFactorWad).toBe((2139n * WAD) / 2000n)
  })

  it('skips collateral the user disabled and reserves with LT 0', () => {
    const noLt = aReserve({ id: 3, symbol: 'X', liquidationThresholdBps: 0n, ltvBps: 0n })
    const data = computeAaveV3AccountData(
      anAccount(
        [weth, usdc, noLt],
        [
          aUserReserve({ reserveId: 0, scaledATokenBalance: E18, usingAsCollateral: false }),
          aUserReserve({ reserveId: 3, scaledATokenBalance: E18 }),
          aUserReserve({ reserveId: 1, scaledATokenBalance: 2000_000000n, scaledVariableDebt: 100_000000n }),
        ],
      ),
    )
    expect(data.totalCollateralBase).toBe(2000_00000000n)
    // listed (nothing dropped) but not counted
    expect(data.reserves.find((f) => f.reserve.id === 0)).toMatchObject({ isCollateral: false, collateralBase: 0n, supplied: E18 })
  })

  it('accrues variable debt to the given timestamp', () => {
    const accruing = { ...usdc, currentVariableBorrowRateRay: 10n ** 26n, lastUpdateTimestamp: 0n }
    const a = anAccount([weth, accruing], [aUserReserve({ reserveId: 0, scaledATokenBalance: E18 }), aUserReserve({ reserveId: 1, scaledVariableDebt: 1000_000000n })])
    const later = computeAaveV3AccountData({ ...a, timestamp: 365n * 24n * 3600n })
    const now = computeAaveV3AccountData({ ...a, timestamp: 0n })
    expect(later.totalDebtBase).toBeGreaterThan(now.totalDebtBase)
    expect(later.healthFactorWad! < now.healthFactorWad!).toBe(true)
  })
})

describe('computeAaveV3AccountData v3.6 (GenericLogic.calculateUserAccountData at v3.6.0)', () => {
  const dai = aReserve({ id: 3, symbol: 'DAI', priceE8: 1_00000000n, liquidationThresholdBps: 8000n, ltvBps: 7500n })

  it('floors aToken balances (rayMulFloor) and ceils debt balances (rayMulCeil)', () => {
    // index 1.5 RAY, scaled 3 wei: 4.5 → supplied 4 (v3.0 half up: 5), debt 5
    const idx = { liquidityIndexRay: (3n * 10n ** 27n) / 2n, variableBorrowIndexRay: (3n * 10n ** 27n) / 2n }
    const r = { ...dai, ...idx }
    const users = [aUserReserve({ reserveId: 3, scaledATokenBalance: 3n, scaledVariableDebt: 3n })]
    const v36 = computeAaveV3AccountData(anAccount([r], users, null, '3.6')).reserves[0]!
    expect([v36.supplied, v36.variableDebt]).toEqual([4n, 5n])
    const v30 = computeAaveV3AccountData(anAccount([r], users)).reserves[0]!
    expect([v30.supplied, v30.variableDebt]).toEqual([5n, 5n])
  })

  it('rounds a debt base value up (MathUtils.mulDivCeil) and divides Σ coll·LT by the debt without a whole-bps step', () => {
    // USDC at $1.00000001, debt 1000.000001 USDC: 1000000001 · 100000001 / 1e6 = 100000001100.000001 → 100000001101 (v3.0 floors: ...100)
    const usdcOff = { ...usdc, priceE8: 1_00000001n }
    const users = [aUserReserve({ reserveId: 0, scaledATokenBalance: E18 }), aUserReserve({ reserveId: 1, scaledVariableDebt: 1000_000001n })]
    const v36 = computeAaveV3AccountData(anAccount([weth, usdcOff], users, null, '3.6'))
    expect(v36.totalDebtBase).toBe(100000001101n)
    expect(computeAaveV3AccountData(anAccount([weth, usdcOff], users)).totalDebtBase).toBe(100000001100n)
    // Σ coll·LT = 2000e8 · 8250 = 1.65e15 (USD 1e8 · bps); HF = ⌊(1.65e15 · 1e18 + ⌊debt/2⌋) / debt⌋ / 1e4
    const debt = 100000001101n
    expect(v36.healthFactorWad).toBe((1_650_000_000_000_000n * WAD + debt / 2n) / debt / 10_000n)
  })

  it('keeps the exact weighted threshold where v3.0 floors the average to whole bps', () => {
    // WETH $2000 (LT 8250) + USDC $1000 (LT 8750) against 0.5 WETH ($1000 debt)
    const users = [
      aUserReserve({ reserveId: 0, scaledATokenBalance: E18, scaledVariableDebt: E18 / 2n }),
      aUserReserve({ reserveId: 1, scaledATokenBalance: 1000_000000n }),
    ]
    const v36 = computeAaveV3AccountData(anAccount([weth, usdc], users, null, '3.6'))
    // Σ = 2000e8·8250 + 1000e8·8750 = 2.525e15; HF = 2.525e15 · 1e18 / 1000e8 / 1e4 = 2.525e18
    expect(v36.healthFactorWad).toBe(2_525_000_000_000_000_000n)
    expect(v36.avgLiquidationThresholdBps).toBe(8416n) // ⌊2.525e15 / 3000e8⌋
    // v3.0: percentMul(3000e8, 8416) = 2524.8e8 → 2.5248e18
    expect(computeAaveV3AccountData(anAccount([weth, usdc], users)).healthFactorWad).toBe(2_524_800_000_000_000_000n)
  })

  it('counts enabled collateral whose LT is 0 in totalCollateral but not in Σ coll·LT, and flags it as zero-LTV', () => {
    const frozen = aReserve({ id: 4, symbol: 'OLD', priceE8: 1_00000000n, liquidationThresholdBps: 0n, ltvBps: 0n })
    const users = [
      aUserReserve({ reserveId: 0, scaledATokenBalance: E18 }),
      aUserReserve({ reserveId: 4, scaledATokenBalance: 100n * E18 }),
      aUserReserve({ reserveId: 1, scaledVariableDebt: 1000_000000n }),
    ]
    const v36 = computeAaveV3AccountData(anAccount([weth, usdc, frozen], users, null, '3.6'))
    expect(v36.totalCollateralBase).toBe(2100_00000000n) // 2000e8 + 100e8
    expect(v36.avgLiquidationThresholdBps).toBe(7857n) // ⌊2000e8·8250 / 2100e8⌋ = ⌊7857.14⌋
    expect(v36.avgLtvBps).toBe(7619n) // ⌊2000e8·8000 / 2100e8⌋ = ⌊7619.05⌋
    expect(v36.hasZeroLtvCollateral).toBe(true)
    expect(v36.healthFactorWad).toBe((165n * WAD) / 100n) // 1.65e15 / 1000e8 / 1e4: the LT-0 asset adds nothing
    // v3.0 skips it entirely
    const v30 = computeAaveV3AccountData(anAccount([weth, usdc, frozen], users))
    expect([v30.totalCollateralBase, v30.hasZeroLtvCollateral]).toEqual([2000_00000000n, false])
  })

  it('decides eMode membership by the category bitmaps, not the reserve configuration', () => {
    // collateral bitmap: WETH (bit 0) and wstETH (bit 2); borrowable: WETH and USDC (bit 1); wstETH also ltvzero
    const eMode = anEModeCategory({ id: 1, ltvBps: 9000n, liquidationThresholdBps: 9300n, liquidationBonusBps: 10100n, collateralBitmap: 0b101n, borrowableBitmap: 0b011n, ltvzeroBitmap: 0b100n })
    const users = [
      aUserReserve({ reserveId: 0, scaledATokenBalance: E18 }), // $2000 in bitmap: LTV 9000, LT 9300
      aUserReserve({ reserveId: 2, scaledATokenBalance: E18 }), // $2300 in bitmap and ltvzero: LTV 0, LT 9300
      aUserReserve({ reserveId: 1, scaledATokenBalance: 1000_000000n, scaledVariableDebt: 0n }), // $1000 borrowable only: own LTV 8000, LT 8750
      aUserReserve({ reserveId: 3, scaledVariableDebt: 4000n * E18 }), // $4000 DAI debt
    ]
    const data = computeAaveV3AccountData(anAccount([weth, usdc, steth, dai], users, eMode, '3.6'))
    const by = (id: number) => data.reserves.find((f) => f.reserve.id === id)!
    expect([by(0).ltvBps, by(0).liquidationThresholdBps, by(0).liquidationBonusBps]).toEqual([9000n, 9300n, 10100n])
    expect([by(2).ltvBps, by(2).liquidationThresholdBps]).toEqual([0n, 9300n])
    expect([by(1).ltvBps, by(1).liquidationThresholdBps, by(1).liquidationBonusBps]).toEqual([8000n, 8750n, 10500n])
    expect(data.hasZeroLtvCollateral).toBe(true)
    // wstETH is priced at its own oracle price (no eMode price source from v3.2)
    expect(by(2).collateralBase).toBe(2300_00000000n)
    // Σ LTV = 2000e8·9000 + 1000e8·8000 = 2.6e15 over 5300e8 → ⌊4905.66⌋
    expect(data.avgLtvBps).toBe(4905n)
    // Σ LT = 2000e8·9300 + 2300e8·9300 + 1000e8·8750 = 4.874e15; HF = 4.874e15·1e18 / 4000e8 / 1e4 = 1.2185e18
    expect(data.healthFactorWad).toBe(1_218_500_000_000_000_000n)
  })

  it('applies the eMode values only to the user of that category', () => {
    const eMode = anEModeCategory({ id: 1, ltvBps: 9000n, liquidationThresholdBps: 9300n, liquidationBonusBps: 10100n, collateralBitmap: 0b1n, borrowableBitmap: 0b1n, ltvzeroBitmap: 0n })
    const account = anAccount([weth, usdc], [aUserReserve({ reserveId: 0, scaledATokenBalance: E18 }), aUserReserve({ reserveId: 1, scaledVariableDebt: 1000_000000n })], eMode, '3.6')
    expect(computeAaveV3AccountData(account).healthFactorWad).toBe((186n * WAD) / 100n) // 2000·0.93 / 1000
    expect(computeAaveV3AccountData({ ...account, userEModeCategory: 0, eModeCategory: null }).healthFactorWad).toBe((165n * WAD) / 100n)
  })

  it('floors the available borrows (percentMulFloor) where v3.0 rounds half up', () => {
    // 8-decimal token at $1: 3 units = 3 base units; LTV 5000: 3·5000/1e4 = 1.5 → v3.6 1, v3.0 2
    const tiny = aReserve({ id: 5, symbol: 'T8', decimals: 8, priceE8: 1_00000000n, ltvBps: 5000n, liquidationThresholdBps: 6000n })
    const users = [aUserReserve({ reserveId: 5, scaledATokenBalance: 3n })]
    expect(computeAaveV3AccountData(anAccount([tiny], users, null, '3.6')).availableBorrowsBase).toBe(1n)
    expect(computeAaveV3AccountData(anAccount([tiny], users)).availableBorrowsBase).toBe(2n)
  })

  it('accrues debt with the v3.4+ compounding and rounds the balance up', () => {
    // rate SPY·1e18 over 3 s: index = RAY + 3e18 + 4500000005 (aaveInterest.test.ts); v3.0: RAY + 3e18 + 3e9 + 1
    // 1000 USDC scaled: 1e9 · (3e18 + 4500000005) / 1e27 = 3.0000000045 → ceil 4; v3.0 half up of 3.000000003 → 3
    const accruing = { ...usdc, currentVariableBorrowRateRay: 365n * 24n * 3600n * 10n ** 18n, lastUpdateTimestamp: 997n }
    const users = [aUserReserve({ reserveId: 0, scaledATokenBalance: E18 }), aUserReserve({ reserveId: 1, scaledVariableDebt: 1000_000000n })]
    expect(computeAaveV3AccountData(anAccount([weth, accruing], users, null, '3.6')).reserves[1]!.variableDebt).toBe(1000_000004n)
    expect(computeAaveV3AccountData(anAccount([weth, accruing], users)).reserves[1]!.variableDebt).toBe(1000_000003n)
  })

  it('refuses a v3.6 eMode category read without its bitmaps', () => {
    const eMode = anEModeCategory({ id: 1, ltvBps: 9000n, liquidationThresholdBps: 9300n, liquidationBonusBps: 10100n })
    const account = anAccount([weth], [aUserReserve({ reserveId: 0, scaledATokenBalance: E18 })], eMode, '3.6')
    expect(() => computeAaveV3AccountData(account)).toThrow(VenueDataUnavailableError)
  })
})
