import type { Address } from 'viem'
import type { Portfolio } from '../domain/portfolio.js'

export type GetPortfolioParameters = {
  readonly owner: Address
  /** Chains to read; all configured chains when omitted. */
  readonly chainIds?: readonly number[] | undefined
}

/** A chain the server is configured to read. */
export type ConfiguredChain = { readonly chainId: number; readonly name: string; readonly key: string }

/**
 * What the GraphQL layer needs from the engine. Implementations do the I/O;
 * resolvers only map arguments and shape output.
 */
export interface PortfolioService {
  /**
   * Reads every venue of `owner` on the requested chains and computes the
   * margin views.
   * @throws UnknownChainError when a chain id is not configured.
   */
  get(params: GetPortfolioParameters): Promise<Portfolio>
  /** The chains this server reads. */
  chains(): readonly ConfiguredChain[]
}
