import type { HeadTicker } from '../services/headTicker.js'
import type { PortfolioService } from '../services/PortfolioService.js'

/** What every resolver receives as its context: the engine and what live subscriptions share. */
export type GraphqlContext = {
  readonly portfolio: PortfolioService
  /** Live subscriptions: the server's one head poll, and the longest wait between reads without a new block (ms). */
  readonly live: { readonly ticker: HeadTicker; readonly refreshMs: number }
}
