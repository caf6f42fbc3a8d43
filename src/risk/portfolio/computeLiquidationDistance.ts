import type { RiskFactorId } from '../../domain/riskFactor.js'
import type { LiquidationDistance, MarketWideLiquidation, NearestLiquidation } from '../../domain/portfolio.js'
import type { VenueModel } from '../venueModel.js'

/**
 * Liquidation distance of a wallet from its venues' exact models.
 * - perRiskFactor: for each factor, the venue price with the smallest |changePct|.
 * - nearest: the smallest |changePct| over every venue and factor.
 * - marketWide{Down,Up}: all `volatileFactors` moved by the same percentage;
 *   the smallest move in that direction that liquidates some venue (a venue
 *   already liquidatable counts as 0%); `marketWide` the smaller in |size|.
 * Ties go to the venue with the lowest health factor.
 */
export function computeLiquidationDistance(
  models: readonly VenueModel[],
  volatileFactors: ReadonlySet<RiskFactorId>,
): LiquidationDistance {
  const hf = (venueId: string) => {
    const v = models.find((m) => m.venue.id === venueId)?.venue
    return v && v.health.kind === 'ok' ? v.health.healthFactor : Number.POSITIVE_INFINITY
  }
  const better = <T extends { changePct: number; venueId: string }>(a: T | null, b: T): T =>
    a === null ||
    Math.abs(b.changePct) < Math.abs(a.changePct) ||
    (Math.abs(b.changePct) === Math.abs(a.changePct) && hf(b.venueId) < hf(a.venueId))
      ? b
      : a

  const byFactor = new Map<RiskFactorId, NearestLiquidation>()
  const down = new Map<RiskFactorId, NearestLiquidation>()
  const up = new Map<RiskFactorId, NearestLiquidation>()
  let nearest: NearestLiquidation | null = null
  for (const m of models) {
    for (const lp of m.venue.liquidationPrices) {
      if (lp.kind !== 'price') continue
      const candidate = { venueId: m.venue.id, riskFactor: lp.riskFactor, priceUsd: lp.priceUsd, changePct: lp.changePct }
      byFactor.set(lp.riskFactor, better(byFactor.get(lp.riskFactor) ?? null, candidate))
      const side = lp.direction === 'DOWN' ? down : up
      side.set(lp.riskFactor, better(side.get(lp.riskFactor) ?? null, candidate))
      nearest = better(nearest, candidate)
    }
  }
  const sorted = (m: Map<RiskFactorId, NearestLiquidation>) => [...m.values()].sort((a, b) => a.riskFactor.localeCompare(b.riskFactor))

  const marketWideIn = (direction: -1 | 1): MarketWideLiquidation | null => {
    if (volatileFactors.size === 0) return null
    let best: MarketWideLiquidation | null = null
    for (const m of models) {
      const r = m.liquidationUnderUniformMove(volatileFactors, direction)
      if (r.kind === 'none') continue
      best = better(best, { venueId: m.venue.id, changePct: r.kind === 'already' ? 0 : r.changePct })
    }
    return best
  }
  const marketWideDown = marketWideIn(-1)
  const marketWideUp = marketWideIn(1)
  const marketWide = marketWideDown === null ? marketWideUp : marketWideUp === null ? marketWideDown : better(marketWideDown, marketWideUp)

  return {
    nearest,
    perRiskFactor: sorted(byFactor),
    perRiskFactorDown: sorted(down),
    perRiskFactorUp: sorted(up),
    marketWide,
    marketWideDown,
    marketWideUp,
  }
}
