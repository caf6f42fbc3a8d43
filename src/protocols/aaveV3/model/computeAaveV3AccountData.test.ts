import { describe, expect, it } from 'vitest'
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
