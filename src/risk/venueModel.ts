import type { RiskFactorId } from '../domain/riskFactor.js'
import type { AvailableVenue } from '../domain/venue.js'
import type { PriceMoves } from './shock.js'
import type { VenueLiquidation } from '../domain/stress.js'
import type { VenueAction } from '../domain/simulation.js'
import type { VenueKernel } from './kernel/venueKernel.js'

/** Result of an exact search for the first liquidating uniform move. `changePct` = 100·(m − 1). */
export type UniformMoveLiquidation =
  | { readonly kind: 'already' }
  | { readonly kind: 'move'; readonly changePct: number }
  | { readonly kind: 'none' }

/**
 * A venue with its exact protocol model attached, so portfolio-level views
 * (market-wide move, stress) ask each protocol's own arithmetic.
 */
export type VenueModel = {
  readonly venue: AvailableVenue
  /**
   * The first move (every factor in `factors` multiplied by the same m) in
   * `direction` that makes the venue liquidatable by its contract's rule.
   */
  liquidationUnderUniformMove(factors: ReadonlySet<RiskFactorId>, direction: -1 | 1): UniformMoveLiquidation
  /**
   * Full revaluation under per-factor price moves, by the protocol's own rule
   * (exact integer arithmetic where the protocol has it).
   */
  evaluate(moves: PriceMoves): VenueEvaluation
  /** The liquidation calls the protocol would run under these moves (empty when healthy). */
  liquidate(moves: PriceMoves): VenueLiquidation
  /**
   * The same venue rebuilt from its state with prices moved and hypothetical
   * actions applied (what-if); warnings name actions the protocol would refuse.
   * @throws InvalidArgumentError for an action the venue cannot take.
   */
  simulate(moves: PriceMoves, actions: readonly VenueAction[]): { model: VenueModel; warnings: string[] }
  /**
   * The venue's health and liquidation rule as plain float data, for the
   * scenario loop and Monte Carlo (see VenueKernel; checked against
   * `evaluate` and `liquidate` in tests).
   */
  readonly kernel: VenueKernel
}

/** A venue revalued under a scenario. USD; health factor null without debt (or positions). */
export type VenueEvaluation = {
  readonly healthFactor: number | null
  readonly liquidatable: boolean
  readonly equityUsd: number
}

/** Denominator of uniform-move multipliers: changes are resolved to 1e-9 (1e-7 percent). */
export const UNIFORM_MOVE_SCALE = 1_000_000_000n
