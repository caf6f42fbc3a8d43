import type { RiskFactorId } from '../../domain/riskFactor.js'
import type { RiskProfile } from '../../domain/riskProfile.js'
import type { LiquidationDistance, MarketWideLiquidation, NearestLiquidation } from '../../domain/portfolio.js'
import type { VenueModel } from '../venueModel.js'

/** The risk profile and horizon single-factor σ-distances are measured under (the request's, as for sigmaDistance). */
export type LiquidationDistanceVolatility = {
  readonly profile: RiskProfile
  /** Horizon, days (365-day years, as horizonCovariance). */
  readonly horizonDays: number
}

/**
 * Single-factor σ-distance of a liquidation price: |ln(P_liq/P₀)| / (σ·√(days/365)),
 * the size of the log-price move in standard deviations of the factor's own
 * move over the horizon (a lognormal price, as the σ-distance view and Monte
 * Carlo assume). `changePct` = 100·(P_liq/P₀ − 1); `annualizedVol` a fraction
 * per year (0.75 = 75%). Null when the move is not a finite log-price move
 * (P_liq ≤ 0) or the volatility is not positive.
 */
export function computeSingleFactorSigmaDistance(changePct: number, annualizedVol: number, horizonDays: number): number | null {
  const logMove = Math.log1p(changePct / 100)
  const sigma = annualizedVol * Math.sqrt(horizonDays / 365)
  const d = Math.abs(logMove) / sigma
  return Number.isFinite(d) && sigma > 0 ? d : null
}

/**
 * Liquidation distance of a wallet from its venues' exact models.
 * - Each venue's liquidation price per factor (others fixed) gets its
 *   σ-distance under `volatility` (computeSingleFactorSigmaDistance with the
 *   factor's own vol in the profile: for a ratio factor such as WSTETH_ETH the
 *   liquidation price is a move of the ratio alone, so it is measured in the
 *   ratio's vol, not its base's). Entries are ordered by σ-distance
 *   (`ranking: SIGMA`); a factor the profile has no vol for is ordered by
 *   |changePct| after every σ-ranked entry (`ranking: PERCENT`). A +47% move
 *   of a stablecoin is so ranked far behind a −50% move of ETH.
 * - perRiskFactor: for each factor, the venue price nearest in that order
 *   (in σ, the nearer of a fall and a rise is the smaller |ln(P_liq/P₀)|);
 *   perRiskFactor{Down,Up} the same per direction; perVenue each venue's own
 *   nearest; nearest the first overall.
 * - marketWide{Down,Up}: all `volatileFactors` moved by the same percentage;
 *   the smallest move in that direction that liquidates some venue (a venue
 *   already liquidatable counts as 0%); `marketWide` the smaller in |size|.
 * Ties go to the venue with the lowest health factor.
 */
export function computeLiquidationDistance(
  models: readonly VenueModel[],
  volatileFactors: ReadonlySet<RiskFactorId>,
  volatility: LiquidationDistanceVolatility,
): LiquidationDistance {
  const hf = (venueId: string) => {
    const v = models.find((m) => m.venue.id === venueId)?.venue
    return v && v.health.kind === 'ok' ? v.health.healthFactor : Number.POSITIVE_INFINITY
  }
  const volOf = new Map(volatility.profile.factors.map((f, i) => [f, volatility.profile.annualizedVols[i]!]))
  // σ-ranked entries first (class 0), then percent-ranked ones (class 1); within a class the smaller distance
  const key = (n: NearestLiquidation): [number, number] => (n.ranking === 'SIGMA' ? [0, n.sigmaDistance] : [1, Math.abs(n.changePct)])
  const nearer = (a: NearestLiquidation | null, b: NearestLiquidation): NearestLiquidation => {
    if (a === null) return b
    const [ca, da] = key(a)
    const [cb, db] = key(b)
    return cb < ca || (cb === ca && (db < da || (db === da && hf(b.venueId) < hf(a.venueId)))) ? b : a
  }
  const smallerMove = <T extends { changePct: number; venueId: string }>(a: T | null, b: T): T =>
    a === null ||
    Math.abs(b.changePct) < Math.abs(a.changePct) ||
    (Math.abs(b.changePct) === Math.abs(a.changePct) && hf(b.venueId) < hf(a.venueId))
      ? b
      : a

  const byFactor = new Map<RiskFactorId, NearestLiquidation>()
  const down = new Map<RiskFactorId, NearestLiquidation>()
  const up = new Map<RiskFactorId, NearestLiquidation>()
  const byVenue = new Map<string, NearestLiquidation>()
  let nearest: NearestLiquidation | null = null
  for (const m of models) {
    for (const lp of m.venue.liquidationPrices) {
      if (lp.kind !== 'price') continue
      const vol = volOf.get(lp.riskFactor)
      const sigmaDistance = vol === undefined ? null : computeSingleFactorSigmaDistance(lp.changePct, vol, volatility.horizonDays)
      const at = { venueId: m.venue.id, riskFactor: lp.riskFactor, priceUsd: lp.priceUsd, changePct: lp.changePct }
      const candidate: NearestLiquidation = sigmaDistance === null ? { ...at, sigmaDistance: null, ranking: 'PERCENT' } : { ...at, sigmaDistance, ranking: 'SIGMA' }
      byFactor.set(lp.riskFactor, nearer(byFactor.get(lp.riskFactor) ?? null, candidate))
      const side = lp.direction === 'DOWN' ? down : up
      side.set(lp.riskFactor, nearer(side.get(lp.riskFactor) ?? null, candidate))
      byVenue.set(m.venue.id, nearer(byVenue.get(m.venue.id) ?? null, candidate))
      nearest = nearer(nearest, candidate)
    }
  }
  const sorted = (m: Map<RiskFactorId, NearestLiquidation>) => [...m.values()].sort((a, b) => a.riskFactor.localeCompare(b.riskFactor))

  const marketWideIn = (direction: -1 | 1): MarketWideLiquidation | null => {
    if (volatileFactors.size === 0) return null
    let best: MarketWideLiquidation | null = null
    for (const m of models) {
      const r = m.liquidationUnderUniformMove(volatileFactors, direction)
      if (r.kind === 'none') continue
      best = smallerMove(best, { venueId: m.venue.id, changePct: r.kind === 'already' ? 0 : r.changePct })
    }
    return best
  }
  const marketWideDown = marketWideIn(-1)
  const marketWideUp = marketWideIn(1)
  const marketWide = marketWideDown === null ? marketWideUp : marketWideUp === null ? marketWideDown : smallerMove(marketWideDown, marketWideUp)

  return {
    horizonDays: volatility.horizonDays,
    nearest,
    perRiskFactor: sorted(byFactor),
    perRiskFactorDown: sorted(down),
    perRiskFactorUp: sorted(up),
    perVenue: [...byVenue.values()],
    marketWide,
    marketWideDown,
    marketWideUp,
  }
}
