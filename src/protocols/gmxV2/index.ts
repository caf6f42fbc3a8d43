import { exposureOfSymbol } from '../../domain/riskFactorTable.js'
import { GmxV2MetadataCache } from './read/gmxV2Metadata.js'
import { venueReaderOf } from '../../read/venueReader.js'
import { createGmxV2StateReader } from './read/gmxV2Reader.js'
import { toGmxV2VenueModel } from './model/toGmxV2VenueModel.js'
import { defineChainProtocol } from '../types.js'
import { GMX_V2_DEPLOYMENTS, gmxV2DeploymentSchema, type GmxV2Deployment } from './deployments.js'
import { gmxV2Graphql } from './graphql.js'
import './model/details.js'

/**
 * GMX v2: one isolated venue per position, read through GMX's Reader at the
 * prices of the Chainlink feeds GMX configures, liquidation as
 * PositionUtils.isPositionLiquidatable.
 */
export const gmxV2 = defineChainProtocol<GmxV2Deployment>({
  kind: 'chain',
  key: 'gmx-v2',
  protocol: 'GMX_V2',
  name: 'GMX v2',
  deploymentSchema: gmxV2DeploymentSchema,
  publishedDeployments: (chainId) => GMX_V2_DEPLOYMENTS[chainId] ?? [],
  createReaders() {
    const cache = new GmxV2MetadataCache()
    return ({ chain, deployment, owner }) =>
      venueReaderOf(createGmxV2StateReader({ chainId: chain.chainId, deployment, account: owner, cache, exposureOf: (symbol) => exposureOfSymbol(symbol) }), toGmxV2VenueModel)
  },
  graphql: gmxV2Graphql,
})
