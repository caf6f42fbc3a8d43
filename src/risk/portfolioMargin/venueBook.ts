import type { RiskFactorId } from '../../domain/riskFactor.js'
import { toPriceMoves } from '../shock.js'
import type { VenueModel } from '../venueModel.js'
import type { Book } from './book.js'

/**
 * A venue as a book: its value under a scenario is its equity (USD) as the
 * venue's own model revalues it (`evaluate(moves).equityUsd`, the protocol's
 * arithmetic) with the scenario's relative price moves (at 1e-9 resolution,
 * toPriceMoves). A ratio factor (WSTETH_ETH) moves the assets priced through
 * it. Lending and perp positions do not depend on implied volatility: the
 * scenario's volatility shifts leave the value unchanged; a venue has no
 * short options.
 */
export function venueBook(model: VenueModel): Book {
  return {
    id: model.venue.id,
    value: (scenario) => {
      const moves: Record<RiskFactorId, number> = Object.fromEntries(scenario.priceMoves)
      return model.evaluate(toPriceMoves(moves)).equityUsd
    },
  }
}
