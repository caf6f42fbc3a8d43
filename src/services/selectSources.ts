import type { ReadableChain } from '../config/resolveChains.js'
import { InvalidArgumentError, UnknownChainError } from '../errors/index.js'
import type { LinkedAccount } from '../read/apiVenueReader.js'
import type { ApiVenueSource } from './apiReads.js'
import type { GetPortfolioParameters } from './PortfolioService.js'

/** What one request reads: chains, and API venues with the linked accounts each is read for. */
export type SelectedSources = {
  readonly chains: readonly ReadableChain[]
  readonly apiVenues: readonly ApiVenueSource[]
  readonly linked: readonly LinkedAccount[]
}

/**
 * The chains and API venues a request reads. A request that names
 * `chainIds` or `apiVenues` reads only what it names; with neither, every
 * chain and every API venue read for the owner's own address. A venue whose
 * accounts are linked (not the owner's address) is read when, and only when,
 * the request links accounts on it.
 * @throws UnknownChainError for a chain id not configured; InvalidArgumentError
 *   for an empty list, an API venue not read here, a linked venue not enabled
 *   or a linked id the venue refuses.
 */
export function selectSources(p: GetPortfolioParameters, chains: readonly ReadableChain[], apiVenues: readonly ApiVenueSource[]): SelectedSources {
  const linked = p.accounts ?? []
  for (const a of linked) {
    const venue = apiVenues.find((v) => v.protocol.linkedAccounts?.venue === a.venue)
    if (!venue) throw new InvalidArgumentError('accounts', `${a.venue.slice(0, 32)} is not enabled on this server.`)
    // a malformed id is the caller's error, not a venue's: reject the request
    venue.protocol.linkedAccounts!.validate(a.id)
  }
  const own = apiVenues.filter((v) => !v.protocol.linkedAccounts)
  const byLink = apiVenues.filter((v) => v.protocol.linkedAccounts && linked.some((a) => a.venue === v.protocol.linkedAccounts!.venue))
  if (p.chainIds === undefined && p.apiVenues === undefined) return { chains, apiVenues: [...own, ...byLink], linked }
  if (p.chainIds?.length === 0) throw new InvalidArgumentError('chainIds', 'the list is empty; omit it to read every configured chain.')
  if (p.apiVenues?.length === 0) throw new InvalidArgumentError('apiVenues', 'the list is empty; omit it to read every configured venue.')
  const known = chains.map((c) => c.chainId)
  for (const id of p.chainIds ?? []) if (!known.includes(id)) throw new UnknownChainError(id, known)
  for (const name of p.apiVenues ?? []) {
    if (!own.some((v) => v.protocol.protocol === name)) {
      throw new InvalidArgumentError('apiVenues', `${name.slice(0, 32)} is not read here over an API (this server reads: ${own.map((v) => v.protocol.protocol).join(', ') || 'none'}).`)
    }
  }
  return {
    chains: chains.filter((c) => p.chainIds?.includes(c.chainId) ?? false),
    apiVenues: [...own.filter((v) => p.apiVenues?.includes(v.protocol.protocol) ?? false), ...byLink],
    linked,
  }
}
