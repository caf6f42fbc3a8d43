import type { PerpVenueDetails } from '../../../domain/venue.js'

/** What a GMX v2 venue adds: its perp account figures, xmargin's beside the venue's own. */
export type GmxV2VenueDetails = { readonly perp: PerpVenueDetails }

declare module '../../../domain/venue.js' {
  interface VenueDetailsByProtocol {
    GMX_V2: GmxV2VenueDetails
  }
}
