import type { PerpLiquidationRule } from '../kernel/venueKernel.js'
import { perpEquity, perpMaintenance, positionMaintenance, type PerpAccount, type PerpAccountPosition } from './perpAccount.js'

export type { PerpLiquidationRule } from '../kernel/venueKernel.js'


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
    case 'feeOnNotional': {
      const fee = Math.max(0, Math.min(equity, rule.maxFeeRate * total))
      return closeAll(fee, Math.max(0, equity - fee), false)
    }
    case 'marketClose': {
      if (equity < rule.backstopRatio * maintenance) return closeAll(Math.max(0, equity), 0, true)
      // market orders at the mark: large positions by the partial share first
      const shares = account.positions.map((p) => (notional(p) > rule.partialThresholdUsd ? rule.partialShare : 1))
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
