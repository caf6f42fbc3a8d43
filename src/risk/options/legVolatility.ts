import type { ImpliedVolatility } from '../../domain/options.js'
import { InvalidArgumentError } from '../../errors/index.js'
import { checkNonNegative } from './black76.js'

/**
 * The implied volatility (annualized fraction, 0.6 = 60%) a leg struck at
 * `strikeUsd` (USD per unit) is priced at: the flat volatility, or on a
 * smile the linear interpolation in strike between the two points around
 * the strike, flat beyond the lowest and highest strikes. Points may come in
 * any order; nothing is allocated.
 *
 * `argument` names the input in errors (e.g. `legs[put-1].impliedVolatility`).
 *
 * @throws {InvalidArgumentError} when the smile is empty or gives a strike
 * twice, or a volatility or strike is negative, NaN or infinite.
 */
export function legVolatility(impliedVolatility: ImpliedVolatility, strikeUsd: number, argument = 'impliedVolatility'): number {
  checkNonNegative(strikeUsd, 'strikeUsd')
  if (impliedVolatility.kind === 'flat') {
    checkNonNegative(impliedVolatility.volatility, `${argument}.volatility`)
    return impliedVolatility.volatility
  }
  const points = impliedVolatility.points
  if (points.length === 0) throw new InvalidArgumentError(`${argument}.points`, 'a smile needs at least one point.')
  // the nearest point at or below the strike, and at or above it
  let below = -1
  let above = -1
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!
    checkNonNegative(p.strike, `${argument}.points[${i}].strike`)
    checkNonNegative(p.volatility, `${argument}.points[${i}].volatility`)
    for (let j = 0; j < i; j++) {
      if (points[j]!.strike === p.strike) throw new InvalidArgumentError(`${argument}.points[${i}].strike`, `strike ${p.strike} is given twice.`)
    }
    if (p.strike <= strikeUsd && (below < 0 || p.strike > points[below]!.strike)) below = i
    if (p.strike >= strikeUsd && (above < 0 || p.strike < points[above]!.strike)) above = i
  }
  // beyond the ends: flat at the end point
  if (below < 0) return points[above]!.volatility
  if (above < 0 || above === below) return points[below]!.volatility
  const lo = points[below]!
  const hi = points[above]!
  return lo.volatility + ((hi.volatility - lo.volatility) * (strikeUsd - lo.strike)) / (hi.strike - lo.strike)
}
