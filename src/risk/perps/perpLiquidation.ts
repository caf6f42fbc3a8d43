import { perpEquity, perpMaintenance, positionMaintenance, type PerpAccount, type PerpAccountPosition } from './perpAccount.js'

/**
 * How a perp venue liquidates an account whose equity is below its
 * maintenance margin, at the prices of a scenario:
 * - `hyperliquid` (Hyperliquid docs, Trading › Liquidations): positions are
 *   closed by market orders at the mark, the trader keeps what is left; a
 *   position over HYPERLIQUID_PARTIAL_THRESHOLD_USD of notional is first closed
 *   by HYPERLIQUID_PARTIAL_SHARE only, the rest once the cooldown has passed if
 *   the account is still below maintenance. Below HYPERLIQUID_BACKSTOP_RATIO of
 *   the maintenance margin the liquidator vault takes every position and all
 *   the margin (backstop): the trader loses the equity. xmargin assumes a
 *   scenario that lands below 2/3 could not be closed on the book in time, and
 *   takes the backstop: the dearer outcome.
 * - `dydxV4`: every position is closed at the oracle price and up to
 *   `maxLiquidationFeeRate` of the notional closed goes to the insurance fund,
 *   never more than the account's value (dYdX v4 LiquidationsConfig
 *   max_liquidation_fee_ppm; 15000 ppm on dydx-mainnet-1's genesis). The
 *   fillable-price spread and per-block limits are not modelled.
 * - `closeCost`: the whole position is closed and a fixed close cost,
 *   already deducted from equity, is lost (GMX v2).
 */
export type PerpLiquidationRule =
  | { readonly kind: 'hyperliquid' }
  | { readonly kind: 'dydxV4'; readonly maxLiquidationFeeRate: number }
  | { readonly kind: 'closeCost'; readonly closeCostUsd: number }

/** Hyperliquid: equity below this share of maintenance is a backstop liquidation. */
export const HYPERLIQUID_BACKSTOP_RATIO = 2 / 3
/** Hyperliquid: positions above this notional (USDC) are liquidated partially first. */
export const HYPERLIQUID_PARTIAL_THRESHOLD_USD = 100_000
/** Hyperliquid: the share of such a position the first liquidation closes. */
export const HYPERLIQUID_PARTIAL_SHARE = 0.2
/** dYdX v4 mainnet max_liquidation_fee_ppm = 15000 (dydx-mainnet-1 genesis, as the dYdX docs' Trading Core page lists it). */
export const DYDX_V4_MAX_LIQUIDATION_FEE_RATE = 0.015

/** One position closed by a liquidation: the share of it, its notional closed (USD) and what the trader lost on it (USD). */
export type PerpLiquidationFill = { readonly market: string; readonly share: number; readonly notionalUsd: number; readonly costUsd: number }

/**
 * The liquidation `rule` runs on `account` with each mark multiplied by
 * `move(position)`. Returns the fills (empty when the account is not
 * liquidatable), the total cost to the trader (USD) and the equity left.
 */
export function liquidatePerpAccount(
  account: PerpAccount,
  move: (p: PerpAccountPosition) => number,
  rule: PerpLiquidationRule,
): { fills: PerpLiquidationFill[]; costUsd: number; equityAfterUsd: number; backstop: boolean } {
  const equity = perpEquity(account, move)
  const maintenance = perpMaintenance(account, move)
  const none = { fills: [], costUsd: 0, equityAfterUsd: equity, backstop: false }
  if (account.positions.length === 0 || !(equity < maintenance)) return none
  const notional = (p: PerpAccountPosition) => Math.abs(p.sizeSigned) * p.markPrice * move(p)
  const total = account.positions.reduce((s, p) => s + notional(p), 0)
  // each position's share of a cost spread over notional
  const closeAll = (costUsd: number, equityAfterUsd: number, backstop: boolean) => ({
    fills: account.positions.map((p) => ({ market: p.market, share: 1, notionalUsd: notional(p), costUsd: total > 0 ? (costUsd * notional(p)) / total : 0 })),
    costUsd,
    equityAfterUsd,
    backstop,
  })
  switch (rule.kind) {
    case 'closeCost':
      return closeAll(Math.max(0, Math.min(equity + rule.closeCostUsd, rule.closeCostUsd)), Math.max(0, equity), false)
    case 'dydxV4': {
      const fee = Math.max(0, Math.min(equity, rule.maxLiquidationFeeRate * total))
      return closeAll(fee, Math.max(0, equity - fee), false)
    }
    case 'hyperliquid': {
      if (equity < HYPERLIQUID_BACKSTOP_RATIO * maintenance) return closeAll(Math.max(0, equity), 0, true)
      // market orders at the mark: large positions by 20% first
      const shares = account.positions.map((p) => (notional(p) > HYPERLIQUID_PARTIAL_THRESHOLD_USD ? HYPERLIQUID_PARTIAL_SHARE : 1))
      // closing at the mark leaves equity unchanged and lowers the requirement
      const remaining = account.positions.reduce((s, p, i) => s + positionMaintenance(p, notional(p) * (1 - shares[i]!)), 0)
      const requirement = account.maintenanceFixedUsd ?? remaining
      const final = shares.some((s) => s < 1) && equity < requirement ? shares.map(() => 1) : shares
      return {
        fills: account.positions.map((p, i) => ({ market: p.market, share: final[i]!, notionalUsd: notional(p) * final[i]!, costUsd: 0 })),
        costUsd: 0,
        equityAfterUsd: equity,
        backstop: false,
      }
    }
  }
}
