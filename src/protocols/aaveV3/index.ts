import { AAVE_V3_DEPLOYMENTS } from './deployments.js'
import { aaveV3Graphql } from './graphql.js'
import { AAVE_V3_FLAVOR } from './model/aaveV3Flavor.js'
import { createAaveV3Plugin } from './createAaveV3Plugin.js'

export { sparkLend } from './spark.js'

/**
 * Aave V3: one venue per Pool and account (all its reserves share one health
 * factor), read at the chain's pinned block and reproduced to the wei
 * (GenericLogic.calculateUserAccountData); releases other than those read
 * exactly answer UNSUPPORTED_PROTOCOL_VERSION.
 */
export const aaveV3 = createAaveV3Plugin({ flavor: AAVE_V3_FLAVOR, publishedDeployments: AAVE_V3_DEPLOYMENTS, graphql: aaveV3Graphql })
