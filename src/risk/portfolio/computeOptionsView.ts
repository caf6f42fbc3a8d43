import type { OptionLegView, OptionsView, FactorGreeks } from '../../domain/options.js'
import type { RiskFactorId } from '../../domain/riskFactor.js'
import type { RiskFactorExposure } from '../../domain/portfolio.js'
import type { OptionBook } from '../options/optionBook.js'

/** What the answer says about legs held elsewhere. */
export const OPTION_LEGS_NOTE =
  'Option legs are held outside the venues read: they change the wallet\'s value, Greeks and scenario losses, not any venue\'s health factor, liquidation prices or liquidations.'

/**
 * The wallet's option legs valued by Black-76, and its Greeks netted per
 * base risk factor with its venues' deltas. Lending and perp positions are
 * linear in their factor's price, so a venue's delta to a factor is its net
 * USD exposure (computeExposures: supply and longs +, debt and shorts −) and
 * its gamma, vega and theta are 0.
 *   net delta (USD) = Σ venues' net exposure + Σ legs' size·∂V/∂F·F
 *   net delta (units) = net delta (USD) / the factor's price
 *   gamma (units per USD) = Σ legs' size·∂²V/∂F²; dollar gamma = gamma·S²/100 (USD of delta per 1% move)
 *   vega (USD per vol point), theta (USD per day) = Σ legs'
 * @param exposures the wallet's exposures (computeExposures); ratio factors are left out (an LST's delta is in its base factor's row).
 * @param prices each base factor's current USD price (factorPrices), for deltas in units and dollar gamma.
 */
export function computeOptionsView(book: OptionBook, exposures: readonly RiskFactorExposure[], prices: ReadonlyMap<RiskFactorId, { readonly priceUsd: number }>): OptionsView {
  const legs: OptionLegView[] = book.legs.map((m, i) => {
    const v = book.valuations[i]!
    return { leg: m.leg, underlyingPriceUsd: m.spotUsd, priceSource: m.priceSource, valuation: v }
  })
  const factors = new Map<string, FactorGreeks>()
  const row = (riskFactor: string): FactorGreeks => {
    const existing = factors.get(riskFactor)
    if (existing) return existing
    const created: FactorGreeks = {
      riskFactor,
      priceUsd: prices.get(riskFactor)?.priceUsd ?? book.legs.find((m) => m.leg.riskFactor === riskFactor && m.leg.forwardUsd !== undefined)?.leg.forwardUsd ?? null,
      venuesDeltaUsd: 0,
      optionsDeltaUsd: 0,
      optionsDeltaUnits: 0,
      netDeltaUsd: 0,
      netDeltaUnits: null,
      gammaUnitsPerUsd: 0,
      dollarGammaUsd: null,
      vegaUsdPerPoint: 0,
      thetaUsdPerDay: 0,
    }
    factors.set(riskFactor, created)
    return created
  }
  const mutable = (f: FactorGreeks) => f as { -readonly [K in keyof FactorGreeks]: FactorGreeks[K] }
  for (const e of exposures) {
    if (e.kind === 'ratio' || (e.netUsd === 0 && !book.factors.includes(e.riskFactor))) continue
    mutable(row(e.riskFactor)).venuesDeltaUsd = e.netUsd
  }
  for (const { leg, valuation: v } of legs) {
    const f = mutable(row(leg.riskFactor))
    f.optionsDeltaUsd += v.deltaUsd
    f.optionsDeltaUnits += v.deltaUnits
    f.gammaUnitsPerUsd += v.gammaUnitsPerUsd
    f.vegaUsdPerPoint += v.vegaUsdPerPoint
    f.thetaUsdPerDay += v.thetaUsdPerDay
  }
  for (const f of factors.values()) {
    const m = mutable(f)
    m.netDeltaUsd = f.venuesDeltaUsd + f.optionsDeltaUsd
    m.netDeltaUnits = f.priceUsd !== null ? f.netDeltaUsd / f.priceUsd : null
    m.dollarGammaUsd = f.priceUsd !== null ? (f.gammaUnitsPerUsd * f.priceUsd * f.priceUsd) / 100 : null
  }
  return {
    valuationTime: book.valuationTime,
    valueUsd: book.valueUsd,
    legs,
    factors: [...factors.values()].sort((a, b) => a.riskFactor.localeCompare(b.riskFactor)),
    note: OPTION_LEGS_NOTE,
  }
}
