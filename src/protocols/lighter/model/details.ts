import type { PerpVenueDetails } from '../../../domain/venue.js'

/** What a Lighter venue adds: its perp account figures, xmargin's beside the venue's own. */
export type LighterVenueDetails = { readonly perp: PerpVenueDetails }

declare module '../../../domain/venue.js' {
  interface VenueDetailsByProtocol {
    LIGHTER: LighterVenueDetails
  }
}
