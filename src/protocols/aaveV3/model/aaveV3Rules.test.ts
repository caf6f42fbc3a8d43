import { describe, expect, it } from 'vitest'
import { WAD } from '../../../math/fixedPoint.js'
import { aaveV3CloseFactor, aaveV3LiquidationGate, isAaveV3LiquidationBlocked } from './aaveV3Rules.js'

const hf = (x: number) => BigInt(Math.round(x * 1e6)) * 10n ** 12n

describe('Aave V3 liquidation rules', () => {
  it('v3.0 close factor: 50% above HF 0.95, 100% at or below', () => {
    expect(aaveV3CloseFactor('3.0', hf(0.99), 10_000, 10_000)).toBe(0.5)
    expect(aaveV3CloseFactor('3.0', (95n * WAD) / 100n, 10_000, 10_000)).toBe(1)
    expect(aaveV3CloseFactor('3.0', hf(0.9), 10_000, 10_000)).toBe(1)
  })

  it('v3.3+ close factor: 100% unless HF > 0.95 and both positions are at least $2,000', () => {
    expect(aaveV3CloseFactor('3.3', hf(0.99), 10_000, 10_000)).toBe(0.5)
    expect(aaveV3CloseFactor('3.7', hf(0.99), 1_999, 10_000)).toBe(1)
    expect(aaveV3CloseFactor('3.4', hf(0.99), 10_000, 1_500)).toBe(1)
    expect(aaveV3CloseFactor('3.3', hf(0.9), 10_000, 10_000)).toBe(1)
  })

  it('sentinel gate: down, grace period, allowed', () => {
    const s = { sentinel: '0x0000000000000000000000000000000000000001', sequencerOracle: '0x0000000000000000000000000000000000000002', gracePeriodSeconds: 3600n } as const
    expect(aaveV3LiquidationGate({ ...s, sequencerAnswer: 1n, sequencerUpdatedAt: 100n }, 10_000n)).toMatchObject({ liquidationAllowed: false, reason: 'SEQUENCER_DOWN', allowedFrom: null })
    expect(aaveV3LiquidationGate({ ...s, sequencerAnswer: 0n, sequencerUpdatedAt: 100n }, 3700n)).toMatchObject({ liquidationAllowed: false, reason: 'GRACE_PERIOD', allowedFrom: 3701n })
    const open = aaveV3LiquidationGate({ ...s, sequencerAnswer: 0n, sequencerUpdatedAt: 100n }, 3701n)
    expect(open).toMatchObject({ liquidationAllowed: true, reason: null })
    // the sentinel only holds liquidations while 0.95 ≤ HF < 1
    const closed = aaveV3LiquidationGate({ ...s, sequencerAnswer: 1n, sequencerUpdatedAt: 100n }, 200n)
    expect(isAaveV3LiquidationBlocked(hf(0.97), closed)).toBe(true)
    expect(isAaveV3LiquidationBlocked(hf(0.94), closed)).toBe(false)
    expect(isAaveV3LiquidationBlocked(hf(1.01), closed)).toBe(false)
    expect(isAaveV3LiquidationBlocked(hf(0.97), open)).toBe(false)
  })
})
