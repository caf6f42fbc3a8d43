import type { PerpVenueDetails } from '../../../domain/venue.js'
import type { HyperliquidAccountMode } from './hyperliquidAccountMode.js'

/** A spot balance the venue lists that xmargin holds no price for: kept, listed, never dropped. Token units. */
export type HyperliquidUnpricedBalance = {
  readonly coin: string
  readonly token: number
  readonly total: number
}

/**
 * What every Hyperliquid venue says of its account: the account's mode
 * (`userAbstraction`), the perp dex (`''` the main dex, else the HIP-3 dex's
 * name; null for spot), the token its figures are in, whether spot balances
 * back perps margin, balances left unpriced, and notes (plain sentences).
 */
export type HyperliquidAccountDetails = {
  readonly accountMode: HyperliquidAccountMode
  readonly dex: string | null
  /** Token the venue reports its figures in: USDC on the main dex and spot, the dex's collateral token on a HIP-3 dex (e.g. USDH on `flx`). */
  readonly collateralToken: string
  /** USD per collateral token the figures were converted at: the token's spot mark in USDC, USDC at 1. */
  readonly collateralPriceUsd: number
  /** False in a standard account (spot is apart from perps margin); true in unified and portfolio margin; null when the mode is unknown. */
  readonly spotBacksPerpMargin: boolean | null
  readonly unpricedBalances: readonly HyperliquidUnpricedBalance[]
  readonly notes: readonly string[]
}

/**
 * What a Hyperliquid venue adds: a perp venue its account figures
 * (xmargin's beside the venue's own), the spot venue none; both the account
 * details.
 */
export type HyperliquidVenueDetails =
  | {
      readonly perp: PerpVenueDetails
      readonly hyperliquid: HyperliquidAccountDetails
    }
  | { readonly hyperliquid: HyperliquidAccountDetails }

declare module '../../../domain/venue.js' {
  interface VenueDetailsByProtocol {
    HYPERLIQUID: HyperliquidVenueDetails
  }
}
