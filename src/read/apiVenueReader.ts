import type { Address } from 'viem'
import type { UnavailableVenue } from '../domain/venue.js'
import type { VenueModel } from '../risk/venueModel.js'

/**
 * An account on a venue that cannot be derived from the EVM owner, given by
 * the caller: the venue's `LinkedVenue` value and its account id there (e.g.
 * a `dydx1…` address).
 */
export type LinkedAccount = { readonly venue: string; readonly id: string }

/** Labels where a venue's numbers come from (live API or a replayed recording). */
export type ApiSourceLabel = (account: string) => { kind: 'API' } | { kind: 'REPLAY'; recording: string; recordedAt: bigint | null }

/**
 * A venue family read over HTTP rather than from a chain (a venue's own
 * API). `read` never throws for a venue's own failure: it answers
 * unavailable venues; `signal` aborts it at the service's deadline.
 */
export type ApiVenueReader = {
  readonly key: string
  read(params: { owner: Address; linked: readonly LinkedAccount[]; signal: AbortSignal }): Promise<{ models: VenueModel[]; unavailable: UnavailableVenue[] }>
  /** The venues standing for a failed read as a whole. */
  fail(params: { owner: Address; linked: readonly LinkedAccount[] }, error: unknown): UnavailableVenue[]
}
