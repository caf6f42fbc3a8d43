import { describe, expect, it } from 'vitest'
import { DEFAULT_SCAN_RANGES } from '../stress/defaultRiskProfile.js'
import { compareScanRanges } from './compareScanRanges.js'

describe('compareScanRanges', () => {
  it('puts the server\'s sourced proxies beside the ranges published schemes use', () => {
    const c = compareScanRanges(DEFAULT_SCAN_RANGES)
    expect(c.factors.map((f) => [f.riskFactor, f.inUse?.scanRange ?? null, f.published.map((p) => p.priceScanRange)])).toEqual([
      ['BTC', 0.066, [0.16, 0.16, 0.2, 0.15]],
      ['ETH', 0.066, [0.2, 0.15]],
      ['SOL', 0.077, []],
    ])
    expect(c.schemeWide.map((p) => [p.scheme, p.priceScanRange])).toEqual([['Paradex portfolio margin (SCAN risk, scenarios 1–16)', 0.16]])
  })

  it('lists a factor a scheme names even when the server does not scan it', () => {
    const c = compareScanRanges([{ riskFactor: 'SOL', scanRange: 0.077, source: 'test' }])
    expect(c.factors.map((f) => [f.riskFactor, f.inUse?.scanRange ?? null])).toEqual([['SOL', 0.077], ['BTC', null], ['ETH', null]])
  })
})
