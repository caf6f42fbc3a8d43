import type { RiskFactorId } from './riskFactor.js'
import type { StressScenarioResult } from './stress.js'

/** A historical episode with sourced per-factor moves (data/historical-scenarios.json). Dates ISO (UTC). */
export type HistoricalEpisode = {
  readonly id: string
  readonly name: string
  readonly start: string
  readonly end: string
  /** Relative moves per xmargin risk factor (−0.43 = −43%). */
  readonly moves: Readonly<Record<RiskFactorId, number>>
  readonly notes: string
  /** Source ids of data/SOURCES.md. */
  readonly sources: readonly string[]
}

/**
 * A replayed episode over the wallet. `unknownFactors`: factors the wallet
 * holds for which the episode has no sourced move; they are held unchanged and
 * named here, since a missing figure is not evidence of no move.
 */
export type HistoricalScenarioResult = StressScenarioResult & {
  readonly episode: HistoricalEpisode
  readonly unknownFactors: readonly RiskFactorId[]
}
