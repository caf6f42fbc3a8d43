import type { RiskFactorId } from '../../domain/riskFactor.js'

/**
 * One risk scenario as a book sees it.
 * - `priceMoves`: relative price moves per risk factor (−0.05 = −5%); a
 *   factor not in the map is unchanged.
 * - `volShifts`: implied-volatility moves per risk factor in multiples of
 *   its volatility scan range (+1 up the range, −1 down, 0 or absent
 *   unchanged); turn one into a volatility with `shiftVolatility`.
 */
export type ScanScenario = {
  readonly priceMoves: ReadonlyMap<RiskFactorId, number>
  readonly volShifts: ReadonlyMap<RiskFactorId, number>
}

/**
 * Short option notional on one risk factor, USD (units of the underlying ×
 * its USD price), each ≥ 0: the short calls and the short puts, counted
 * apart because SPAN's short option minimum charges the greater of the two.
 */
export type ShortOptionNotional = { readonly callsUsd: number; readonly putsUsd: number }

/**
 * Anything whose value can be computed under a scenario: a venue (lending
 * or perps, marked to market: its equity), an option book, a hedge.
 * - `value(scenario)`: USD; with nothing moved, the book's current value.
 *   Must be a pure function of the scenario (the engine calls it once per
 *   scenario and factor).
 * - `shortOptions`: short option notional per risk factor, for the short
 *   option minimum; absent for a book without options.
 */
export type Book = {
  readonly id: string
  value(scenario: ScanScenario): number
  readonly shortOptions?: ReadonlyMap<RiskFactorId, ShortOptionNotional>
}

/** The scenario with nothing moved: a book's value under it is its current value (equity). */
export const UNCHANGED_SCENARIO: ScanScenario = { priceMoves: new Map(), volShifts: new Map() }
