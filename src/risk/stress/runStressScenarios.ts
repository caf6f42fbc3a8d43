import type { RiskFactorId } from '../../domain/riskFactor.js'
import { toPriceMoves } from '../shock.js'
import type { VenueModel } from '../venueModel.js'
import type { OffVenueBook, ScanRange, StressGrid, StressScenario, StressScenarioResult } from '../../domain/stress.js'
import type { HistoricalEpisode, HistoricalScenarioResult } from '../../domain/scenario.js'
import type { LibraryScenario, LibraryScenarioResult } from '../../domain/stress.js'
import { spanGrid, type VolatilityScanRange } from './spanGrid.js'

export type { StressGrid, StressScenarioResult, StressVenueResult } from '../../domain/stress.js'

/**
 * Revalues every venue under each scenario with its protocol's own rule, and
 * the off-venue book (option legs) in full at the scenario's prices and
 * volatilities, and ranks scenarios by weighted loss (SPAN scanning risk =
 * the worst weighted loss over the grid; CME SPAN methodology). Venue health
 * and liquidations never depend on the off-venue book.
 */
export function runStressScenarios(models: readonly VenueModel[], scenarios: readonly StressScenario[], offVenue: OffVenueBook | null = null): StressScenarioResult[] {
  const base = models.reduce((s, m) => s + m.evaluate(new Map()).equityUsd, 0) + (offVenue?.valueUsd ?? 0)
  return scenarios.map((scenario) => {
    const moves = toPriceMoves(scenario.moves)
    const venues = models.map((m) => ({ venueId: m.venue.id, ...m.evaluate(moves) }))
    const optionLegsValueUsd = offVenue === null ? null : offVenue.valueUnder(scenario.moves, scenario.volatilityShifts ?? {})
    const equityUsd = venues.reduce((s, v) => s + v.equityUsd, 0) + (optionLegsValueUsd ?? 0)
    const lossUsd = base - equityUsd
    // deepest first: the venue furthest below its threshold goes first
    const order = venues
      .map((v, i) => ({ v, m: models[i]! }))
      .filter(({ v }) => v.liquidatable)
      .sort((a, b) => (a.v.healthFactor ?? 0) - (b.v.healthFactor ?? 0))
    const cascade = order.map(({ m }) => m.liquidate(moves))
    return {
      scenario,
      venues,
      equityUsd,
      optionLegsValueUsd,
      lossUsd,
      weightedLossUsd: lossUsd * scenario.weight,
      liquidatedVenueIds: order.map(({ v }) => v.venueId),
      cascade,
      liquidationCostUsd: cascade.reduce((s, c) => s + c.costUsd, 0),
    }
  })
}

/**
 * The SPAN-style grid over a wallet's venues and option legs: scan ranges for
 * the volatile factors it holds (request overrides first, then the sourced
 * defaults), with SPAN's volatility axis on the factors that `volatility`
 * names (those option legs are written on).
 */
export function computeStressGrid(
  models: readonly VenueModel[],
  heldVolatileFactors: readonly RiskFactorId[],
  ranges: readonly ScanRange[],
  offVenue: OffVenueBook | null = null,
  volatility: readonly VolatilityScanRange[] = [],
): StressGrid {
  const used = heldVolatileFactors.flatMap((f) => ranges.filter((r) => r.riskFactor === f).slice(0, 1))
  const volatilityUsed = volatility.filter((v) => used.some((r) => r.riskFactor === v.riskFactor))
  const results = runStressScenarios(models, spanGrid(used, volatilityUsed), offVenue)
  const worst = results.reduce<StressScenarioResult | null>((w, r) => (w === null || r.weightedLossUsd > w.weightedLossUsd ? r : w), null)
  return {
    scanRanges: used,
    volatilityScanRanges: volatilityUsed,
    unscannedFactors: heldVolatileFactors.filter((f) => !used.some((r) => r.riskFactor === f)),
    scenarios: results,
    worst,
    scanningRiskUsd: Math.max(0, worst?.weightedLossUsd ?? 0),
  }
}

/**
 * Replays historical episodes over the wallet: each episode's sourced moves
 * (weight 1), naming the held factors it has no figure for. Option legs keep
 * their implied volatility (the episodes record prices only).
 */
export function replayHistoricalEpisodes(
  models: readonly VenueModel[],
  heldFactors: readonly RiskFactorId[],
  episodes: readonly HistoricalEpisode[],
  offVenue: OffVenueBook | null = null,
): HistoricalScenarioResult[] {
  const results = runStressScenarios(
    models,
    episodes.map((e) => ({ id: e.id, label: `${e.name} (${e.start} – ${e.end})`, moves: e.moves, weight: 1 })),
    offVenue,
  )
  return results.map((r, i) => {
    const episode = episodes[i]!
    return { ...r, episode, unknownFactors: heldFactors.filter((f) => !(f in episode.moves)) }
  })
}

/** Revalues the wallet under each built-in library scenario (libraryScenarios), keeping what each assumes. */
export function runLibraryScenarios(models: readonly VenueModel[], library: readonly LibraryScenario[], offVenue: OffVenueBook | null = null): LibraryScenarioResult[] {
  const results = runStressScenarios(models, library.map((l) => l.scenario), offVenue)
  return results.map((r, i) => {
    const { kind, basis, sourceEpisodes, unknownFactors } = library[i]!
    return { ...r, kind, basis, sourceEpisodes, unknownFactors }
  })
}
