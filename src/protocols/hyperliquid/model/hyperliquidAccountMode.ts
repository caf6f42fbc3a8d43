/**
 * How a Hyperliquid account keeps its balances (`userAbstraction`):
 * - `STANDARD`: `default` or `disabled`: each perp dex's clearinghouse holds
 *   its own collateral and spot balances do not back perps margin;
 * - `UNIFIED`: `unifiedAccount`: one balance per asset, held in spot and
 *   shared by every dex's cross positions;
 * - `PORTFOLIO_MARGIN`: `portfolioMargin`: unified, and eligible spot (HYPE,
 *   BTC…) may be borrowed against;
 * - `DEX_ABSTRACTION`: the discontinued `dexAbstraction` (USDC shared with
 *   the HIP-3 dexes through the main dex);
 * - `UNKNOWN`: the venue did not answer the request, or answered a value
 *   not documented.
 * Sources: Hyperliquid docs, Info endpoint ("Query a user's abstraction
 * state") and Trading › Account abstraction modes; the df-hyperliquid-core
 * crate's `Abstraction` enum (docs.rs, src/account/settings/mode.rs).
 */
export type HyperliquidAccountMode = 'STANDARD' | 'UNIFIED' | 'PORTFOLIO_MARGIN' | 'DEX_ABSTRACTION' | 'UNKNOWN'

/** The mode of a `userAbstraction` answer (a bare string), UNKNOWN for null (not answered) or an undocumented value. */
export function toHyperliquidAccountMode(abstraction: string | null): HyperliquidAccountMode {
  switch (abstraction) {
    case 'default':
    case 'disabled':
      return 'STANDARD'
    case 'unifiedAccount':
      return 'UNIFIED'
    case 'portfolioMargin':
      return 'PORTFOLIO_MARGIN'
    case 'dexAbstraction':
      return 'DEX_ABSTRACTION'
    default:
      return 'UNKNOWN'
  }
}

/**
 * Whether xmargin reproduces the perp venues' liquidation rule in this mode:
 * only a standard account's (each dex on its own clearinghouse collateral).
 * In unified and portfolio-margin accounts the collateral sits in spot and is
 * shared across dexes (portfolio margin also borrows against spot), a rule no
 * recording in reach lets xmargin check; the discontinued dex abstraction
 * shares USDC across dexes. UNKNOWN is read as standard (responses recorded
 * before the request existed), and says so.
 */
export function reproducesPerpRule(mode: HyperliquidAccountMode): boolean {
  return mode === 'STANDARD' || mode === 'UNKNOWN'
}

/** Whether spot balances back perps margin in this mode (they do not in a standard account). */
export function spotBacksPerpMargin(mode: HyperliquidAccountMode): boolean | null {
  if (mode === 'UNKNOWN') return null
  return mode === 'UNIFIED' || mode === 'PORTFOLIO_MARGIN'
}
