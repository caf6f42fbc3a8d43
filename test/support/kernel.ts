import {
  computeLegMultipliers,
  createKernelState,
  evaluateVenue,
  liquidateVenue,
  type CompiledPortfolio,
} from '../../src/risk/kernel/compilePortfolioKernel.js'
import type { RiskFactorId } from '../../src/domain/riskFactor.js'

/** One venue revalued by its kernel. `healthFactor` null without debt or positions. USD. */
export type KernelVenueEvaluation = { readonly venueId: string; readonly healthFactor: number | null; readonly liquidatable: boolean; readonly equityUsd: number }

/**
 * Revalues every venue under relative moves per factor (−0.2 = −20%;
 * factors not named do not move), and the liquidations that follow at those
 * prices: a convenience over evaluateVenue/liquidateVenue for one scenario.
 */
export function evaluatePortfolioKernel(
  c: CompiledPortfolio,
  moves: Readonly<Record<RiskFactorId, number>>,
): { venues: KernelVenueEvaluation[]; liquidationCostUsd: number[] } {
  const factorMultipliers = Float64Array.from(c.factors, (f) => 1 + (moves[f] ?? 0))
  const m = new Float64Array(c.legBase.length)
  computeLegMultipliers(c, factorMultipliers, m)
  const s = createKernelState(c)
  const equity = new Float64Array(c.venueIds.length)
  const venues = c.venueIds.map((venueId, v) => {
    const hf = evaluateVenue(c, v, m, s, equity)
    return { venueId, healthFactor: hf === Number.POSITIVE_INFINITY ? null : hf, liquidatable: hf < 1, equityUsd: equity[v]! }
  })
  const scratch = new Float64Array(c.venueIds.length)
  return { venues, liquidationCostUsd: c.venueIds.map((_, v) => liquidateVenue(c, v, m, s, scratch)) }
}
