import type { ScanRange } from '../../domain/stress.js'

export type { ScanRange } from '../../domain/stress.js'

/**
 * Default scan ranges, copied from ../shared/data/risk-factor-defaults.json
 * (`suggestedScanRange`; its SOURCES.md ids S90, S91). They are venue margin
 * fractions used as proxies, not statistically estimated 1-day 99% moves:
 * perp initial margins sized for a venue's liquidation horizon. Factors not
 * listed have no sourced default: the grid names them and skips them until a
 * request supplies a range.
 */
export const DEFAULT_SCAN_RANGES: readonly ScanRange[] = [
  {
    riskFactor: 'BTC',
    scanRange: 0.066,
    source: 'Derive standard-margin perpetual initial margin (PERP_REQ_IM, BTC/ETH column), shared/data S91: a margin proxy, not a 1-day 99% move',
  },
  {
    riskFactor: 'ETH',
    scanRange: 0.066,
    source: 'Derive standard-margin perpetual initial margin (PERP_REQ_IM, BTC/ETH column), shared/data S91: a margin proxy, not a 1-day 99% move',
  },
  {
    riskFactor: 'SOL',
    scanRange: 0.077,
    source: 'shared/data risk-factor-defaults.json suggestedScanRange for SOL (venue margin proxy, S90/S91), not a 1-day 99% move',
  },
]
