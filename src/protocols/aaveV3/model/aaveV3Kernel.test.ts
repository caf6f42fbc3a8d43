import { describe, expect, it } from 'vitest'
import { aReserve, aUserReserve, anAccount, anEModeCategory } from '../test/builders.js'
import { computeAaveV3AccountData } from './computeAaveV3AccountData.js'
import { AAVE_V3_0_LIQUIDATION, AAVE_V3_3_LIQUIDATION, toAaveV3Kernel } from './aaveV3Kernel.js'
import type { AaveV3AccountState } from './types.js'

const E18 = 10n ** 18n
const weth = aReserve({ id: 0, symbol: 'WETH', priceE8: 2000_00000000n, liquidationThresholdBps: 8250n, eModeCategory: 1 })
const usdc = aReserve({ id: 1, symbol: 'USDC', decimals: 6, priceE8: 1_00000000n, liquidationThresholdBps: 8750n })
const old = aReserve({ id: 2, symbol: 'OLD', priceE8: 1_00000000n, liquidationThresholdBps: 0n, ltvBps: 0n })
const users = [
  aUserReserve({ reserveId: 0, scaledATokenBalance: E18 }),
  aUserReserve({ reserveId: 2, scaledATokenBalance: 100n * E18 }),
  aUserReserve({ reserveId: 1, scaledVariableDebt: 1000_000000n }),
]
const kernelOf = (s: AaveV3AccountState) => toAaveV3Kernel('v', s, computeAaveV3AccountData(s))

describe('toAaveV3Kernel per logic version', () => {
  it('v3.0: whole-bps average, LT-0 collateral a plain supply, the v3.0 close factor', () => {
    const k = kernelOf(anAccount([weth, usdc, old], users))
    expect(k.health).toEqual({ kind: 'collateralized', averageThreshold: 'wholeBps' })
    expect(k.liquidation).toBe(AAVE_V3_0_LIQUIDATION)
    expect(k.legs.map((l) => [l.role, l.threshold])).toEqual([['collateral', 0.825], ['supply', 0], ['debt', 0]])
  })

  it('v3.6: exact Σ coll·LT, LT-0 collateral a collateral leg with threshold 0 (seizable), deficit-clearing liquidation', () => {
    const k = kernelOf(anAccount([weth, usdc, old], users, null, '3.6'))
    expect(k.health).toEqual({ kind: 'collateralized', averageThreshold: 'exact' })
    expect(k.liquidation).toBe(AAVE_V3_3_LIQUIDATION)
    expect(k.legs.map((l) => [l.role, l.threshold, l.valueUsd])).toEqual([['collateral', 0.825, 2000], ['collateral', 0, 100], ['debt', 0, 1000]])
  })

  it('v3.6: thresholds and bonuses from the collateral bitmap, not the reserve configuration', () => {
    // WETH names category 1 in its configuration but is not in the bitmap; USDC is
    const eMode = anEModeCategory({ id: 1, ltvBps: 9000n, liquidationThresholdBps: 9300n, liquidationBonusBps: 10100n, collateralBitmap: 0b10n, borrowableBitmap: 0b11n, ltvzeroBitmap: 0n })
    const k = kernelOf(anAccount([weth, usdc], [aUserReserve({ reserveId: 0, scaledATokenBalance: E18 }), aUserReserve({ reserveId: 1, scaledATokenBalance: 1000_000000n })], eMode, '3.6'))
    expect(k.legs.map((l) => [l.threshold, l.bonus])).toEqual([[0.825, 1.05], [0.93, 1.01]])
  })
})
