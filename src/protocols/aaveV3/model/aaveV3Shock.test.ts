import { describe, expect, it } from 'vitest'
import { aReserve, aUserReserve, anAccount } from '../test/builders.js'
import { computeAaveV3AccountData } from './computeAaveV3AccountData.js'
import { aaveV3ShockModel } from './aaveV3Shock.js'
import type { PriceShock } from '../../../risk/shock.js'

const E18 = 10n ** 18n
const weth = aReserve({ id: 0, symbol: 'WETH', priceE8: 2000_00000000n, liquidationThresholdBps: 8250n })
const usdc = aReserve({ id: 1, symbol: 'USDC', decimals: 6, priceE8: 1_00000000n, liquidationThresholdBps: 8750n })
const old = aReserve({ id: 2, symbol: 'OLD', priceE8: 1_00000000n, liquidationThresholdBps: 0n, ltvBps: 0n })
const users = [
  aUserReserve({ reserveId: 0, scaledATokenBalance: E18 }),
  aUserReserve({ reserveId: 2, scaledATokenBalance: 100n * E18 }),
  aUserReserve({ reserveId: 1, scaledVariableDebt: 1000_000000n }),
]

describe('aaveV3ShockModel per logic version', () => {
  it('v3.6: an LT-0 collateral adds a zero term, never a negative one, in the safe terms', () => {
    const state = anAccount([weth, usdc, old], users, null, '3.6')
    const model = aaveV3ShockModel(state, computeAaveV3AccountData(state))
    const terms = model.bufferTerms(new Set(['ETH']), true)
    // WETH 2000e8·(8250 − 2)/1e4, OLD 100e8·0, debt −1000e8·(1 + 1e-9) − 10
    expect(terms.map((t) => t.weightedValue)).toEqual([(2000e8 * 8248) / 1e4, 0, -1000e8 * (1 + 1e-9) - 10])
  })

  it('piece key: the whole-bps average LT on v3.0, constant on v3.6 (no average step)', () => {
    const v30 = anAccount([weth, usdc], [users[0]!, users[2]!])
    const v36 = { ...v30, version: '3.6' as const }
    const shock: PriceShock = { num: 1n, den: 2n, factors: new Set(['ETH']) }
    expect(aaveV3ShockModel(v30, computeAaveV3AccountData(v30)).probe(shock).piece).toBe(8250n)
    expect(aaveV3ShockModel(v36, computeAaveV3AccountData(v36)).probe(shock).piece).toBe(0n)
  })
})
