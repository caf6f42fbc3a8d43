import { exposureOfSymbol } from '../../domain/riskFactorTable.js'
import { venueReaderOf } from '../../read/venueReader.js'
import { AaveV3MetadataCache, createAaveV3StateReader } from './read/aaveV3Reader.js'
import { toAaveV3VenueModel } from './model/toAaveV3VenueModel.js'
import { defineChainProtocol } from '../types.js'
import { aaveV3DeploymentSchema, type AaveV3Deployment } from './deployment.js'
import { AAVE_V3_DEPLOYMENTS } from './deployments.js'
import { AAVE_V3_RELEASES } from './read/aaveV3Releases.js'
import { aaveV3Graphql } from './graphql.js'
import './model/details.js'

/**
 * Aave V3: one venue per Pool and account (all its reserves share one health
 * factor), read at the chain's pinned block and reproduced to the wei
 * (GenericLogic.calculateUserAccountData); releases other than those read
 * exactly answer UNSUPPORTED_PROTOCOL_VERSION.
 */
export const aaveV3 = defineChainProtocol<AaveV3Deployment>({
  kind: 'chain',
  key: 'aave-v3',
  protocol: 'AAVE_V3',
  name: 'Aave V3',
  deploymentSchema: aaveV3DeploymentSchema,
  publishedDeployments: (chainId) => AAVE_V3_DEPLOYMENTS[chainId] ?? [],
  createReaders() {
    const cache = new AaveV3MetadataCache()
    return ({ chain, deployment, owner }) => {
      const release = AAVE_V3_RELEASES[deployment.release]
      return venueReaderOf(
        createAaveV3StateReader({
          // a release xmargin does not reproduce keeps its id here, which the reader refuses (UNSUPPORTED_PROTOCOL_VERSION)
          market: { chainId: chain.chainId, version: release.logic ?? release.id, pool: deployment.pool, oracle: deployment.oracle, multicall3: chain.multicall3 },
          account: owner,
          cache,
          exposureOf: (symbol) => exposureOfSymbol(symbol),
          heartbeatOf: chain.heartbeatOf,
        }),
        (state) => toAaveV3VenueModel(state, release.label),
      )
    }
  },
  graphql: aaveV3Graphql,
})
