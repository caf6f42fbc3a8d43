import type { PublishedScanRange, ScanRangeComparison } from '../../domain/portfolioMargin.js'
import type { RiskFactorId } from '../../domain/riskFactor.js'
import type { ScanRange } from '../../domain/stress.js'

/**
 * Price (and volatility) scan ranges that crypto portfolio-margin schemes
 * publish, each with the page that states it. Read from stored copies of
 * the pages; `quote` is an excerpt. None is a 1-day 99% move estimated from
 * data either: each is the scheme's own choice.
 */
export const PUBLISHED_SCAN_RANGES: readonly PublishedScanRange[] = [
  {
    scheme: 'Deribit portfolio margin (btc_usd)',
    appliesTo: { kind: 'riskFactors', riskFactors: ['BTC'] },
    priceScanRange: 0.16,
    volatilityScanRange: { up: 0.5, down: 0.25, convention: 'relative' },
    url: 'https://docs.deribit.com/api-reference/account-management/private-simulate',
    quote: '"btc_usd": { … "volatility_range_down": 0.25, "volatility_range_up": 0.5, … "price_range": 0.16 } (private/pme/simulate example response, model_params timestamp 1718619740501)',
    asOf: '2024-06-17',
  },
  {
    scheme: 'Deribit portfolio margin (help centre)',
    appliesTo: { kind: 'riskFactors', riskFactors: ['BTC'] },
    priceScanRange: 0.16,
    volatilityScanRange: null,
    url: 'https://support.deribit.com/hc/en-us/articles/25944756247837-Portfolio-Margin',
    quote: 'Maximum underlying price move e.g. +/-16%. This is broken down into 9 evenly spaced buckets … Volatility Stress Scenarios (Volatility Range Up, Same, and Down) are calculated for each bucket',
    asOf: null,
  },
  {
    scheme: 'Derive (Lyra V2) portfolio margin',
    appliesTo: { kind: 'riskFactors', riskFactors: ['BTC', 'ETH'] },
    priceScanRange: 0.2,
    volatilityScanRange: { up: 0.6, down: null, convention: 'relative' },
    url: 'https://lyra-finance.notion.site/Lyra-V2-Parameters-2d02b3c941e64292b0df6b925aea31b7',
    quote: 'parameters are for both the ETH and BTC markets … all spot shocks from -20% to +20%, increasing in steps of 5% … VOL_RANGE (up) VolShockParameters.volRangeUp 0.6 … Multiplicative scaling of the im[plied volatility]',
    asOf: null,
  },
  {
    scheme: 'PowerTrade portfolio margin',
    appliesTo: { kind: 'riskFactors', riskFactors: ['BTC', 'ETH'] },
    priceScanRange: 0.15,
    volatilityScanRange: { up: 0.4, down: 0.4, convention: 'absolute' },
    url: 'https://powertradehelp.zendesk.com/hc/en-us/articles/4403684821005-Portfolio-Margin',
    quote: 'ETH/USD and BTC/USD: Daily spot shock: +-15% / Daily vol shock: +-40% ADDITIVE',
    asOf: null,
  },
  {
    scheme: 'Paradex portfolio margin (SCAN risk, scenarios 1–16)',
    appliesTo: { kind: 'scheme', note: 'one table for the scheme; the page names no market' },
    priceScanRange: 0.16,
    volatilityScanRange: { up: 0.4, down: 0.22, convention: 'relative' },
    url: 'https://docs.paradex.trade/risk/portfolio-margin',
    quote: 'Shocked IV = Mark IV × (1 + Vol Shock × (30/max(1, DTE))^Vega Power) … 1 +16% +40% 100% … 3 +12% -22% 100% … 16 -16% +40% 100%',
    asOf: null,
  },
]

/**
 * For each factor the server scans (`inUse`: its sourced proxies, e.g.
 * DEFAULT_SCAN_RANGES' 6.6% BTC/ETH and 7.7% SOL venue-margin proxies, or a
 * request's ranges) and each factor a published scheme names, the ranges
 * side by side; ranges that name no market are listed once, in `schemeWide`.
 * Factors in `inUse` order, then the published ones not in use, by name.
 */
export function compareScanRanges(inUse: readonly ScanRange[], published: readonly PublishedScanRange[] = PUBLISHED_SCAN_RANGES): ScanRangeComparison {
  const named = new Set<RiskFactorId>(published.flatMap((p) => (p.appliesTo.kind === 'riskFactors' ? p.appliesTo.riskFactors : [])))
  const order = [...inUse.map((r) => r.riskFactor), ...[...named].filter((f) => !inUse.some((r) => r.riskFactor === f)).sort()]
  return {
    factors: order.map((riskFactor) => ({
      riskFactor,
      inUse: inUse.find((r) => r.riskFactor === riskFactor) ?? null,
      published: published.filter((p) => p.appliesTo.kind === 'riskFactors' && p.appliesTo.riskFactors.includes(riskFactor)),
    })),
    schemeWide: published.filter((p) => p.appliesTo.kind === 'scheme'),
  }
}
