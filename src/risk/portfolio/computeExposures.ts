import { riskFactorOf } from '../../domain/riskFactorTable.js'
import type { RiskFactorExposure, PortfolioTotals } from '../../domain/portfolio.js'
import type { AvailableVenue } from '../../domain/venue.js'

/**
 * Net USD exposure per risk factor across venues and chains: supply and
 * collateral count positive, debt negative, a perp its signed notional. An asset counts under its base
 * factor (wstETH under ETH) and, separately, under its ratio factor (for
 * depeg views); ratio rows are never added into base rows.
 * @returns one row per factor, sorted by |netUsd| descending then id.
 */
export function computeExposures(venues: readonly AvailableVenue[]): RiskFactorExposure[] {
  const rows = new Map<string, { long: number; short: number }>()
  const add = (factor: string, usd: number, debt: boolean) => {
    const row = rows.get(factor) ?? { long: 0, short: 0 }
    if (debt) row.short += usd
    else row.long += usd
    rows.set(factor, row)
  }
  for (const venue of venues) {
    for (const p of venue.positions) {
      // a perp's exposure is its signed notional: long adds, short subtracts
      const debt = p.perp ? p.perp.notionalSignedUsd < 0 : p.side === 'DEBT'
      add(p.asset.exposure.base, p.valueUsd, debt)
      if (p.asset.exposure.ratio !== undefined) add(p.asset.exposure.ratio, p.valueUsd, debt)
    }
  }
  return [...rows.entries()]
    .map(([riskFactor, r]) => ({
      riskFactor,
      kind: riskFactorOf(riskFactor).kind,
      longUsd: r.long,
      shortUsd: r.short,
      netUsd: r.long - r.short,
    }))
    .sort((a, b) => Math.abs(b.netUsd) - Math.abs(a.netUsd) || a.riskFactor.localeCompare(b.riskFactor))
}

/** Sums of the venues' margin figures, USD. */
export function computeTotals(venues: readonly AvailableVenue[]): PortfolioTotals {
  const sum = (f: (v: AvailableVenue) => number) => venues.reduce((s, v) => s + f(v), 0)
  const collateralUsd = sum((v) => v.margin.collateralUsd)
  const debtUsd = sum((v) => v.margin.debtUsd)
  return {
    collateralUsd,
    debtUsd,
    netEquityUsd: collateralUsd - debtUsd,
    maintenanceMarginUsd: sum((v) => v.margin.maintenanceMarginUsd),
    initialMarginUsd: sum((v) => v.margin.initialMarginUsd),
  }
}
