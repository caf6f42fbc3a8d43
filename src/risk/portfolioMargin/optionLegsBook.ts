import type { SpanParameters } from '../../domain/portfolioMargin.js'
import type { RiskFactorId } from '../../domain/riskFactor.js'
import type { OptionBook } from '../options/optionBook.js'
import type { Book, ShortOptionNotional } from './book.js'

/**
 * The request's option legs as one book: its value under a scenario is the
 * legs' value revalued in full by Black-76 (OptionBook.valueUnder) at the
 * scenario's price moves, with each factor's volatility moved by the
 * scenario's multiple of that factor's volatility scan range (relative:
 * +1 → σ·(1 + up), −1 → σ·(1 − down); VolatilityScanRange). Factors with no
 * scan parameters keep their legs' volatility. Short option notional per
 * factor = Σ over short legs |size| × the underlying's price (the leg's
 * forward when no venue prices it), calls and puts apart, for SPAN's short
 * option minimum.
 */
export function optionLegsBook(book: OptionBook, parameters: SpanParameters): Book {
  const ranges = new Map(parameters.factors.map((f) => [f.riskFactor, f.volatilityScanRange]))
  const shortOptions = new Map<RiskFactorId, ShortOptionNotional>()
  for (const m of book.legs) {
    if (m.leg.size >= 0) continue
    const priceUsd = m.spotUsd ?? m.leg.forwardUsd!
    const notional = -m.leg.size * priceUsd
    const prior = shortOptions.get(m.leg.riskFactor) ?? { callsUsd: 0, putsUsd: 0 }
    shortOptions.set(m.leg.riskFactor, m.leg.right === 'CALL' ? { ...prior, callsUsd: prior.callsUsd + notional } : { ...prior, putsUsd: prior.putsUsd + notional })
  }
  return {
    id: 'optionLegs',
    value: (scenario) => {
      const shifts: Record<RiskFactorId, number> = {}
      for (const [factor, multiple] of scenario.volShifts) {
        const range = ranges.get(factor)
        if (range === undefined || multiple === 0) continue
        shifts[factor] = multiple > 0 ? multiple * range.up : multiple * range.down
      }
      return book.valueUnder(Object.fromEntries(scenario.priceMoves), shifts)
    },
    ...(shortOptions.size > 0 ? { shortOptions } : {}),
  }
}
