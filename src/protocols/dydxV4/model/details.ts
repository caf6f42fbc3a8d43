import type { PerpVenueDetails } from '../../../domain/venue.js'

/** What a dYdX v4 venue adds: its perp account figures, xmargin's beside the venue's own. */
export type DydxV4VenueDetails = { readonly perp: PerpVenueDetails }

declare module '../../../domain/venue.js' {
  interface VenueDetailsByProtocol {
    DYDX_V4: DydxV4VenueDetails
  }
}
