import type { PortfolioService } from '../services/PortfolioService.js'

/** What every resolver receives as its context: the engine, nothing else. */
export type GraphqlContext = {
  readonly portfolio: PortfolioService
}
