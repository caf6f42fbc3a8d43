import { readFileSync } from 'node:fs'
import type { Venue } from '../../domain/venue.js'
import { detailsOf } from '../../graphql/venueDetails.js'
import type { ProtocolGraphql } from '../types.js'

/** The Aave V3 details of a venue of Aave's own markets or of SparkLend (which runs Aave's Pool), else null. */
const aaveV3DetailsOf = (venue: Venue) => detailsOf(venue, 'AAVE_V3') ?? detailsOf(venue, 'SPARK')

/** Aave V3's fields on `Venue` (schema.graphql beside this file), filled for Aave and SparkLend venues. */
export const aaveV3Graphql: ProtocolGraphql = {
  typeDefs: readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'),
  resolvers: {
    Venue: {
      eModeCategory: (venue) => aaveV3DetailsOf(venue)?.eModeCategory ?? null,
      aaveV3: (venue) => aaveV3DetailsOf(venue),
      liquidationGate: (venue) => aaveV3DetailsOf(venue)?.liquidationGate ?? null,
    },
  },
}
