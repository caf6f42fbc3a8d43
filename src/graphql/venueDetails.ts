import type { Protocol, Venue, VenueDetails } from '../domain/venue.js'

/**
 * The details of `venue` when it is available and of `protocol`, else null:
 * what a protocol's resolvers read their fields from.
 */
export function detailsOf<P extends Protocol>(venue: Venue, protocol: P): Extract<VenueDetails, { readonly protocol: P }> | null {
  if (venue.status !== 'available' || venue.details.protocol !== protocol) return null
  return venue.details as Extract<VenueDetails, { readonly protocol: P }>
}
