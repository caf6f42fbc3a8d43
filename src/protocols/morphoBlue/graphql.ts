import { readFileSync } from 'node:fs'
import { detailsOf } from '../../graphql/venueDetails.js'
import type { ProtocolGraphql } from '../types.js'

/** Morpho Blue's field on `Venue` (schema.graphql beside this file). */
export const morphoBlueGraphql: ProtocolGraphql = {
  typeDefs: readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'),
  resolvers: {
    Venue: {
      morphoBlue: (venue) => detailsOf(venue, 'MORPHO_BLUE'),
    },
  },
}
