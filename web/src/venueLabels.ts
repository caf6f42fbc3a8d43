import type { ChainView, VenueView } from '../../src/client/index.js'
import { shortenHex } from './format.js'

/** How the page names chains and venues. */
export type Labels = {
  /** A chain's name (`xmargin devnet L2 (Arbitrum-like)`), or `chain <id>` when the server did not name it. */
  chainName(chainId: number): string
  /** A venue's short name for legends and axes (`Aave V3 · devnet-arb`), unique within the page. */
  venue(venueId: string): string
}

/**
 * Names for the venues of one answer. A venue's short name is its protocol
 * and chain key; venues that would share one (two Morpho markets on one
 * chain) get `#2`, `#3`… in the order listed.
 */
export function labelsOf(venues: readonly Pick<VenueView, 'id' | 'protocolName' | 'chainId'>[], chains: readonly ChainView[], chainNames: ReadonlyMap<number, string>): Labels {
  const byId = new Map(chains.map((c) => [c.chainId, c]))
  const chainName = (chainId: number) => chainNames.get(chainId) ?? byId.get(chainId)?.name ?? `chain ${chainId}`
  const names = new Map<string, string>()
  const seen = new Map<string, number>()
  for (const v of venues) {
    const protocol = v.protocolName
    // a venue read over an API has no chain: its account kind (`cross`, a market) says where it is
    const place = v.chainId === null ? (v.id.split(':')[1] ?? protocol) : (byId.get(v.chainId)?.key ?? String(v.chainId))
    const base = `${protocol} · ${place}`
    const n = (seen.get(base) ?? 0) + 1
    seen.set(base, n)
    names.set(v.id, n === 1 ? base : `${base} #${n}`)
  }
  return { chainName, venue: (venueId) => names.get(venueId) ?? shortenHex(venueId) }
}
