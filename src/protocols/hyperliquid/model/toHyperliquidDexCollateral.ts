import type { HyperliquidMeta, SpotMetaAndAssetCtxs } from '../read/hyperliquidSchemas.js'
import type { HyperliquidSpotPrices } from './toHyperliquidSpotVenueModel.js'

/**
 * Each HIP-3 dex's collateral token where its `meta` is not at hand: USDC for
 * the main dex, `xyz` and `abcd`, USDH for `flx`, USDE for `hyna`, USDT0 for
 * `cash`. Source: mainnet `allPerpMetas` `collateralToken` as the
 * df-hyperliquid-core crate's documentation lists them (docs.rs,
 * src/account/tests/usable.rs); ccxt's Hyperliquid options (USDH for flx).
 */
const KNOWN_DEX_COLLATERAL: Readonly<Record<string, string>> = { '': 'USDC', xyz: 'USDC', abcd: 'USDC', flx: 'USDH', hyna: 'USDE', cash: 'USDT0' }

/** USDC's spot token index: the spot quote, taken at 1 USD. */
const USDC_TOKEN = 0

/**
 * A perp dex's collateral: the token its clearinghouse figures are in, and
 * its price in USD (USDC per token at the venue's spot mark, USDC itself at
 * 1), or null when xmargin holds no price for it.
 */
export type HyperliquidDexCollateral = { readonly token: string; readonly priceUsd: number | null }

/**
 * The collateral of dex `dex` (pure): the token the dex's `meta` names (its
 * spot token index) or, without one, the token known for that dex; priced
 * by the spot prices by token index (`toHyperliquidSpotPrices`), the token
 * found by its index or, from the known list, by its name in `spotMeta`.
 * USDC is 1 whatever the prices say.
 */
export function toHyperliquidDexCollateral(dex: string, dexMeta: HyperliquidMeta | null, spotMeta: SpotMetaAndAssetCtxs | null, prices: HyperliquidSpotPrices): HyperliquidDexCollateral {
  const tokens = spotMeta?.[0].tokens ?? []
  const index = dexMeta?.collateralToken ?? tokens.find((t) => t.name === KNOWN_DEX_COLLATERAL[dex])?.index
  const token = (index !== undefined ? tokens.find((t) => t.index === index)?.name : undefined) ?? KNOWN_DEX_COLLATERAL[dex] ?? (index === USDC_TOKEN ? 'USDC' : `collateral of ${dex}`)
  if (index === USDC_TOKEN || token === 'USDC') return { token: 'USDC', priceUsd: 1 }
  return { token, priceUsd: index !== undefined ? (prices.get(index) ?? null) : null }
}
