import { exposureOfSymbol } from '../../domain/riskFactorTable.js'
import { venueReaderOf } from '../../read/venueReader.js'
import { createMorphoBlueStateReader, MorphoBlueMetadataCache } from './read/morphoBlueReader.js'
import { toMorphoBlueVenueModel } from './model/toMorphoBlueVenueModel.js'
import { defineChainProtocol } from '../types.js'
import { morphoBlueDeploymentSchema, type MorphoBlueDeployment } from './deployment.js'
import { MORPHO_BLUE_DEPLOYMENTS } from './deployments.js'
import { morphoBlueGraphql } from './graphql.js'
import './model/details.js'

/**
 * Morpho Blue: one isolated venue per market position of the listed markets,
 * health as Morpho._isHealthy with interest accrued to the block.
 */
export const morphoBlue = defineChainProtocol<MorphoBlueDeployment>({
  kind: 'chain',
  key: 'morpho-blue',
  protocol: 'MORPHO_BLUE',
  name: 'Morpho Blue',
  deploymentSchema: morphoBlueDeploymentSchema,
  publishedDeployments: (chainId) => {
    const d = MORPHO_BLUE_DEPLOYMENTS[chainId]
    return d && d.markets.length > 0 ? [d] : []
  },
  createReaders() {
    const cache = new MorphoBlueMetadataCache()
    return ({ chain, deployment, owner }) =>
      venueReaderOf(
        createMorphoBlueStateReader({
          deployment: { chainId: chain.chainId, morpho: deployment.morpho, marketIds: deployment.markets.map((m) => m.id), multicall3: chain.multicall3, usdOracle: deployment.usdOracle },
          account: owner,
          cache,
          exposureOf: (symbol) => exposureOfSymbol(symbol),
          heartbeatOf: chain.heartbeatOf,
        }),
        toMorphoBlueVenueModel,
      )
  },
  graphql: morphoBlueGraphql,
})
