import { SPARKLEND_FLAVOR } from './model/aaveV3Flavor.js'
import { createAaveV3Plugin } from './createAaveV3Plugin.js'
import { SPARKLEND_DEPLOYMENTS } from './sparkDeployments.js'

/**
 * SparkLend: Spark's fork of Aave v3.0.2 (SparkLend V1.0.0), read by Aave
 * V3's reader and model with the v3.0 logic, as its own protocol (`SPARK`,
 * venue ids `sparklend:…`, chain list key `sparklend`). Its GraphQL part
 * (the `SPARK` enum value, the `aaveV3` details its venues fill) lives in
 * the Aave plugin's schema.graphql, so its own adds nothing.
 */
export const sparkLend = createAaveV3Plugin({
  flavor: SPARKLEND_FLAVOR,
  publishedDeployments: SPARKLEND_DEPLOYMENTS,
  graphql: { typeDefs: '', resolvers: {} },
})
