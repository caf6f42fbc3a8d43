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
 * Default risk profile. Every figure is listed, with its URL, quoted excerpt
 * and window, in data/risk-profile-sources.md (ids V01–V06 there; S80–S88 in
 * data/SOURCES.md):
 * - annualized vols BTC 41.9% (calendar 2025, S80), ETH 75.4% (2025, S81),
 *   SOL 86.1% (2025, S80); ARB 101.14% (Chaos Labs' daily annualized vol over
 *   the 30 days before its April 2023 Aave listing post, V01);
 * - ratio factors, each the vol of the LST's ETH price (the ratio alone, ETH
 *   fixed): WSTETH_ETH 5.45% (Chaos Labs, trailing 180 days, S88),
 *   WEETH_ETH 4.4% (Chaos Labs, eETH relative to ETH, trailing 90 days, V02);
 * - stablecoins in USD: USDC 10.55%, DAI 28.32%, USDT 41.37%, each the
 *   daily-return standard deviation of Jarno & Kołodziejczyk (JRFM 2021,
 *   Table 1: 0.552184, 1.48214, 2.165575 percentage points, CoinMarketCap
 *   daily data to about October 2020) × √365 (V04–V06). That window holds the
 *   stablecoins' early peg breaks, so these overstate today's day-to-day
 *   moves: a stablecoin liquidation ranks nearer than it likely is, not
 *   farther.
 * Correlations: BTC/ETH 0.79 (2024, S82), ETH/SOL 0.70 (2024, S83), BTC/SOL
 * 0.79 (2025, S80), mixed windows as the data file says. No sourced
 * correlation was found for the other factors: 0 here, stated as an
 * assumption in `sources` (for ARB this understates joint moves with ETH in
 * the correlated views; single-factor σ-distances do not use correlations).
 * The matrix is block diagonal with a positive definite 3×3 block, so it is
 * positive definite. No sourced vol was found for CBETH_ETH, RETH_ETH,
 * RSETH_ETH, OP, POL, HYPE, LINK, AAVE or perp-only markets: they are not
 * modelled (held fixed and named by the statistical views, ranked by percent
 * in the liquidation distance).
 */
export const DEFAULT_RISK_PROFILE: RiskProfile = {
  factors: ['BTC', 'ETH', 'SOL', 'WSTETH_ETH', 'ARB', 'WEETH_ETH', 'USDC', 'USDT', 'DAI'],
  annualizedVols: [0.419, 0.754, 0.861, 0.0545, 1.0114, 0.044, 0.1055, 0.4137, 0.2832],
  correlation: [
    [1, 0.79, 0.79, 0, 0, 0, 0, 0, 0],
    [0.79, 1, 0.7, 0, 0, 0, 0, 0, 0],
    [0.79, 0.7, 1, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 1, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 1, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 1, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 1, 0, 0],
    [0, 0, 0, 0, 0, 0, 0, 1, 0],
    [0, 0, 0, 0, 0, 0, 0, 0, 1],
  ],
  sources: [
    'data/SOURCES.md: vols S80 (BTC, SOL 2025), S81 (ETH 2025), S88 (wstETH vs ETH, 180 d); correlations S82 (BTC/ETH 2024), S83 (ETH/SOL 2024), S80 (BTC/SOL 2025)',
    'data/risk-profile-sources.md: vols V01 (ARB, Chaos Labs, 30 d to Apr 2023), V02 (weETH vs ETH, Chaos Labs, 90 d), V04-V06 (USDC, USDT, DAI: daily SD to Oct 2020 × √365, Jarno & Kołodziejczyk 2021)',
    'assumption: WSTETH_ETH, WEETH_ETH, ARB, USDC, USDT and DAI are uncorrelated with every other factor (no sourced figure)',
  ],
}
