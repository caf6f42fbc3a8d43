import { readFileSync } from 'node:fs'
import type { Venue } from '../../domain/venue.js'
import { detailsOf } from '../../graphql/venueDetails.js'
import type { ProtocolGraphql } from '../types.js'
import type { HyperliquidAccountDetails } from './model/details.js'

/** The Hyperliquid account details of a venue, else null. */
const hyperliquidDetailsOf = (venue: Venue): HyperliquidAccountDetails | null => detailsOf(venue, 'HYPERLIQUID')?.hyperliquid ?? null

/** Hyperliquid's part of the schema (schema.graphql beside this file): its `Protocol` value and `Venue.hyperliquid`; its perp figures are the shared `Venue.perp`. */
export const hyperliquidGraphql: ProtocolGraphql = {
  typeDefs: readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'),
  resolvers: {
    Venue: {
      hyperliquid: (venue) => hyperliquidDetailsOf(venue),
    },
  },
}
