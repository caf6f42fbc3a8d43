import { aaveV3, sparkLend } from './aaveV3/index.js'
import { dydxV4 } from './dydxV4/index.js'
import { gmxV2 } from './gmxV2/index.js'
import { hyperliquid } from './hyperliquid/index.js'
import { lighter } from './lighter/index.js'
import { morphoBlue } from './morphoBlue/index.js'
import type { Protocol } from './types.js'

/**
 * Every protocol xmargin reads: the one registration site. A protocol is a
 * folder under src/protocols with an `index.ts` exporting its plugin object
 * (see types.ts), listed here once; the server, the chain list, the GraphQL
 * schema and the dashboard take everything else from it.
 */
export const PROTOCOLS: readonly Protocol[] = [aaveV3, sparkLend, morphoBlue, gmxV2, hyperliquid, dydxV4, lighter]
