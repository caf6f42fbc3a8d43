import { exposureOfSymbol, riskFactorOf } from '../domain/riskFactorTable.js'

/**
 * Heartbeat of a devnet feed, seconds, after Chainlink's published USD feeds
 * (data.chain.link, "heartbeat" of each feed): volatile assets 1 h on Ethereum
 * and 24 h on the L2s (which update on a 0.05% deviation instead), stablecoins
 * and LST exchange rates 24 h everywhere.
 */
export function feedHeartbeatSeconds(symbol: string, l2: boolean): number {
  const exposure = exposureOfSymbol(symbol)
  if (exposure.ratio !== undefined || riskFactorOf(exposure.base).kind === 'stable') return 86_400
  return l2 ? 86_400 : 3_600
}
