import type { PerpVenueDetails } from '../../../domain/venue.js'

/** What a Hyperliquid venue adds: its perp account figures, xmargin's beside the venue's own. */
export type HyperliquidVenueDetails = { readonly perp: PerpVenueDetails }

declare module '../../../domain/venue.js' {
  interface VenueDetailsByProtocol {
    HYPERLIQUID: HyperliquidVenueDetails
  }
}
