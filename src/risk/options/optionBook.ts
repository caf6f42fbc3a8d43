import type { OptionLeg } from '../../domain/options.js'
import type { RiskFactorId } from '../../domain/riskFactor.js'
import type { OffVenueBook } from '../../domain/stress.js'
import { InvalidArgumentError } from '../../errors/index.js'
import { legValueUsd, priceLeg, type LegValuation, type PriceLegParameters } from './priceLeg.js'

/** A leg with the underlying price it is marked against. */
export type MarkedOptionLeg = {
  readonly leg: OptionLeg
  /** The underlying's current USD price per unit, or null when the leg gives its own forward and no venue prices the factor. */
  readonly spotUsd: number | null
  /** Where `spotUsd` was read (a venue id), or `forward` when the leg's own forward is used. */
  readonly priceSource: string
}

/**
 * A wallet's option legs, marked at `valuationTime` (unix seconds): an
 * off-venue book every scenario set revalues in full by Black-76 (priceLeg),
 * sticky strike unless a scenario shifts volatility.
 */
export type OptionBook = OffVenueBook & {
  readonly legs: readonly MarkedOptionLeg[]
  readonly valuationTime: number
  /** Value and Greeks of every leg now, in `legs` order. */
  readonly valuations: readonly LegValuation[]
  /** The factors the legs are written on, sorted. */
  readonly factors: readonly RiskFactorId[]
  /**
   * Value of the legs, USD, after relative price moves and relative
   * volatility shifts per factor, with `horizonSeconds` passed (default 0).
   */
  valueAt(moves: Readonly<Record<RiskFactorId, number>>, volatilityShifts: Readonly<Record<RiskFactorId, number>>, horizonSeconds?: number): number
}

/**
 * The option book of a request's legs. A leg's forward is its own
 * `forwardUsd` when given, else the factor's price from `spots` grown at the
 * leg's rate.
 * @param spots current USD price per base factor (factorPrices).
 * @throws InvalidArgumentError `optionLegs[<id>].riskFactor` when a leg gives
 *   no forward and no venue of the wallet prices its factor.
 */
export function createOptionBook(legs: readonly OptionLeg[], spots: ReadonlyMap<RiskFactorId, { readonly priceUsd: number; readonly venueId: string }>, valuationTime: number): OptionBook {
  const marked: MarkedOptionLeg[] = legs.map((leg) => {
    const spot = spots.get(leg.riskFactor)
    if (spot === undefined && leg.forwardUsd === undefined) {
      throw new InvalidArgumentError(`optionLegs[${leg.id}].riskFactor`, `no venue of this wallet prices ${leg.riskFactor.slice(0, 32)}: give the leg's forward.`)
    }
    return { leg, spotUsd: spot?.priceUsd ?? null, priceSource: leg.forwardUsd !== undefined ? 'forward' : spot!.venueId }
  })
  const parameters = (m: MarkedOptionLeg, move: number, shift: number | undefined, horizonSeconds: number): PriceLegParameters => ({
    ...(m.leg.forwardUsd !== undefined ? {} : { spotUsd: m.spotUsd! }),
    ...(m.leg.forwardUsd !== undefined ? { forwardUsd: m.leg.forwardUsd } : {}),
    now: valuationTime,
    priceMove: move,
    ...(shift !== undefined && shift !== 0 ? { volShift: { kind: 'relative' as const, value: shift } } : {}),
    horizonSeconds,
  }) as PriceLegParameters
  const valueAt = (moves: Readonly<Record<RiskFactorId, number>>, shifts: Readonly<Record<RiskFactorId, number>>, horizonSeconds = 0) =>
    marked.reduce((s, m) => s + legValueUsd(m.leg, parameters(m, moves[m.leg.riskFactor] ?? 0, shifts[m.leg.riskFactor], horizonSeconds)), 0)
  const valuations = marked.map((m) => priceLeg(m.leg, parameters(m, 0, undefined, 0)))
  return {
    legs: marked,
    valuationTime,
    valuations,
    factors: [...new Set(legs.map((l) => l.riskFactor))].sort(),
    size: legs.length,
    valueUsd: valuations.reduce((s, v) => s + v.valueUsd, 0),
    valueUnder: (moves, shifts) => valueAt(moves, shifts),
    valueAt,
  }
}
