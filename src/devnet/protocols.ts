import { aaveV3Devnet, sparkLendDevnet } from '../protocols/aaveV3/devnet.js'
import { hyperliquidDevnet } from '../protocols/hyperliquid/devnet.js'
import { lighterDevnet } from '../protocols/lighter/devnet.js'
import { morphoBlueDevnet } from '../protocols/morphoBlue/devnet.js'

/**
 * The devnet's own list of protocols, in deployment order (a step may use
 * what the steps before it listed: Morpho Blue prices against the tokens and
 * feeds Aave's step lists). Each entry is the protocol's `devnet.ts`; the
 * production server never imports this list.
 */
export const DEVNET_PROTOCOLS = [aaveV3Devnet, sparkLendDevnet, morphoBlueDevnet] as const

/** The venues read over an API that the devnet serves from recordings. */
export const DEVNET_API_VENUES = [hyperliquidDevnet, lighterDevnet] as const
