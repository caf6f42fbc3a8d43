import type { HedgeSizing, OptionLeg } from '../../domain/options.js'
import type { RiskFactorId } from '../../domain/riskFactor.js'
import type { ScanRange } from '../../domain/stress.js'
import { InvalidArgumentError } from '../../errors/index.js'
import { computeStressGrid } from '../stress/runStressScenarios.js'
import type { VolatilityScanRange } from '../stress/spanGrid.js'
import type { VenueModel } from '../venueModel.js'
import { createOptionBook, type OptionBook } from './optionBook.js'

/** What the sizing answer says about venues. */
export const HEDGE_NOTE =
  'The put is held outside the venues read: it bounds the wallet\'s loss, not any venue\'s health factor, liquidation prices or liquidations, which are unchanged.'

/**
 * The smallest size n ≥ 0 of `put` (a one-unit PUT leg) that keeps the
 * wallet's worst weighted loss over the stress grid (computeStressGrid: the
 * venues by their protocols' valuation, the request's option legs and the put
 * revalued in full, SPAN's volatility axis on the legs' and the put's
 * factors) within `maxLossUsd`.
 *
 * Exact: in scenario s with weight w_s, the weighted loss with n puts is
 * A_s + n·c_s, A_s the grid's weighted loss without the put and
 * c_s = w_s·(p_0 − p_s) (p the put's unit value now and under s). So
 * n satisfies every s iff n ≥ (A_s − B)/(−c_s) where c_s < 0, n ≤ (B − A_s)/c_s
 * where c_s > 0, and A_s ≤ B where c_s = 0; the answer is the largest lower
 * bound (≥ 0) when it meets every upper bound. When no n does, the worst loss
 * max_s(A_s + n·c_s), convex and piecewise linear in n, is smallest at one of
 * the bounds' crossing points or 0: that size is `bestSizeUnits`.
 *
 * @param held volatile factors the wallet holds (the grid scans these and the put's factor).
 * @param spots current USD price per base factor (factorPrices).
 * @throws InvalidArgumentError `hedge.riskFactor` when no venue prices the
 *   factor or it has no scan range.
 */
export function sizeHedge(
  models: readonly VenueModel[],
  book: OptionBook | null,
  put: OptionLeg,
  maxLossUsd: number,
  held: readonly RiskFactorId[],
  ranges: readonly ScanRange[],
  volatility: readonly VolatilityScanRange[],
  spots: ReadonlyMap<RiskFactorId, { readonly priceUsd: number; readonly venueId: string }>,
  valuationTime: number,
): HedgeSizing {
  const factor = put.riskFactor
  if (!spots.has(factor)) throw new InvalidArgumentError('hedge.riskFactor', `no venue of this wallet prices ${factor.slice(0, 32)}.`)
  if (!ranges.some((r) => r.riskFactor === factor)) throw new InvalidArgumentError('hedge.riskFactor', `${factor.slice(0, 32)} has no scan range: pass one in scanRanges.`)
  const scanned = [...new Set([...held, factor])].sort()
  const grid = computeStressGrid(models, scanned, ranges, book, volatility)
  const unit = createOptionBook([put], spots, valuationTime)
  const lines = grid.scenarios.map((r) => ({
    label: r.scenario.label,
    a: r.weightedLossUsd,
    c: r.scenario.weight * (unit.valueUsd - unit.valueUnder(r.scenario.moves, r.scenario.volatilityShifts ?? {})),
  }))
  const worstAt = (n: number) => lines.reduce((w, l) => (l.a + n * l.c > w.loss ? { loss: l.a + n * l.c, label: l.label } : w), { loss: Number.NEGATIVE_INFINITY, label: '' })

  let lower = 0
  let upper = Number.POSITIVE_INFINITY
  let feasible = true
  for (const l of lines) {
    if (l.c < 0) lower = Math.max(lower, (l.a - maxLossUsd) / -l.c)
    else if (l.c > 0) upper = Math.min(upper, (maxLossUsd - l.a) / l.c)
    else if (l.a > maxLossUsd) feasible = false
  }
  const sizeUnits = feasible && lower <= upper ? lower : null
  let bestSizeUnits: number | null = null
  if (sizeUnits === null) {
    const candidates = [0, ...lines.flatMap((l, i) => lines.slice(i + 1).flatMap((m) => (l.c !== m.c ? [(m.a - l.a) / (l.c - m.c)] : [])))].filter((n) => n >= 0 && Number.isFinite(n))
    bestSizeUnits = candidates.reduce((best, n) => (worstAt(n).loss < worstAt(best).loss ? n : best), 0)
  }
  const before = worstAt(0)
  const after = worstAt(sizeUnits ?? bestSizeUnits!)
  return {
    put,
    maxLossUsd,
    sizeUnits,
    unitPremiumUsd: unit.valueUsd,
    premiumUsd: sizeUnits === null ? null : sizeUnits * unit.valueUsd,
    worstLossBeforeUsd: before.loss,
    worstScenarioBefore: before.label,
    worstLossAfterUsd: after.loss,
    worstScenarioAfter: after.label,
    bestSizeUnits,
    note: HEDGE_NOTE,
  }
}
