import type { PortfolioService } from '../services/PortfolioService.js'

/** What every resolver receives as its context: the engine and the live-subscription settings. */
export type GraphqlContext = {
  readonly portfolio: PortfolioService
  /** How often a `health` subscription polls for a new head, ms. */
  readonly healthPollMs: number
}
