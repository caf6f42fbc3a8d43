import { readFileSync } from 'node:fs'
import { detailsOf } from '../../graphql/venueDetails.js'
import type { ProtocolGraphql } from '../types.js'

/** Aave V3's fields on `Venue` (schema.graphql beside this file). */
export const aaveV3Graphql: ProtocolGraphql = {
  typeDefs: readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'),
  resolvers: {
    Venue: {
      eModeCategory: (venue) => detailsOf(venue, 'AAVE_V3')?.eModeCategory ?? null,
      aaveV3: (venue) => detailsOf(venue, 'AAVE_V3'),
      liquidationGate: (venue) => detailsOf(venue, 'AAVE_V3')?.liquidationGate ?? null,
    },
  },
}
