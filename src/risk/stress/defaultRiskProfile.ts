import type { RiskProfile } from '../../domain/riskProfile.js'
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

/**
 * Default risk profile, from ../shared/data/risk-factor-defaults.json:
 * annualized vols BTC 41.9% (calendar 2025, S80), ETH 75.4% (2025, S81), SOL
 * 86.1% (2025, S80), wstETH's depeg factor 5.45% relative to ETH (trailing
 * 180 days, Chaos Labs on the Aave forum, S88, applied to WSTETH_ETH);
 * correlations BTC/ETH 0.79 (2024, S82), ETH/SOL 0.70 (2024, S83), BTC/SOL
 * 0.79 (2025, S80) — mixed windows, as the data file says. The depeg factor
 * has no sourced correlation with the others: 0 here, stated as an
 * assumption. Stablecoins have no sourced vol and are not modelled.
 */
export const DEFAULT_RISK_PROFILE: RiskProfile = {
  factors: ['BTC', 'ETH', 'SOL', 'WSTETH_ETH'],
  annualizedVols: [0.419, 0.754, 0.861, 0.0545],
  correlation: [
    [1, 0.79, 0.79, 0],
    [0.79, 1, 0.7, 0],
    [0.79, 0.7, 1, 0],
    [0, 0, 0, 1],
  ],
  sources: [
    'shared/data risk-factor-defaults.json: vols S80 (BTC, SOL 2025), S81 (ETH 2025), S88 (wstETH vs ETH, 180 d); correlations S82 (BTC/ETH 2024), S83 (ETH/SOL 2024), S80 (BTC/SOL 2025)',
    'assumption: the wstETH/ETH depeg factor is uncorrelated with BTC, ETH and SOL (no sourced figure)',
  ],
}
