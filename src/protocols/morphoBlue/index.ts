import { exposureOfSymbol } from '../../domain/riskFactorTable.js'
import { venueReaderOf } from '../../read/venueReader.js'
import { createMorphoBlueStateReader, MorphoBlueMetadataCache } from './read/morphoBlueReader.js'
import { marketIndexFile, MorphoBlueMarketIndex } from './read/marketIndex.js'
import { toMorphoBlueVenueModel } from './model/toMorphoBlueVenueModel.js'
import { defineChainProtocol, type ChainContext, type ReaderFactory } from '../types.js'
import { morphoBlueDeploymentSchema, type MorphoBlueDeployment } from './deployment.js'
import { MORPHO_BLUE_DEPLOYMENTS } from './deployments.js'
import { morphoBlueGraphql } from './graphql.js'
import './model/details.js'

/**
 * Morpho Blue: one isolated venue per market position, health as
 * Morpho._isHealthy with interest accrued to the block. Where the deployment
 * names its deployment block, every market of the chain is indexed from its
 * CreateMarket logs (a background job per chain) and the owner's position
 * in each is found; the listed markets are read in any case.
 */
export const morphoBlue = defineChainProtocol<MorphoBlueDeployment>({
  kind: 'chain',
  key: 'morpho-blue',
  protocol: 'MORPHO_BLUE',
  name: 'Morpho Blue',
  deploymentSchema: morphoBlueDeploymentSchema,
  publishedDeployments: (chainId) => {
    const d = MORPHO_BLUE_DEPLOYMENTS[chainId]
    return d && (d.markets.length > 0 || d.deploymentBlock !== undefined) ? [d] : []
  },
  createReaders(env) {
    const cache = new MorphoBlueMetadataCache()
    // one market index per chain and Morpho, shared by every owner's reads
    const indexes = new Map<string, MorphoBlueMarketIndex>()
    const indexKey = (chainId: number, d: MorphoBlueDeployment) => `${chainId}:${d.morpho.toLowerCase()}`
    const factory = ({ chain, deployment, owner }: Parameters<ReaderFactory<MorphoBlueDeployment>>[0]) =>
      venueReaderOf(
        createMorphoBlueStateReader({
          deployment: {
            chainId: chain.chainId,
            morpho: deployment.morpho,
            marketIds: deployment.markets.map((m) => m.id),
            index: indexes.get(indexKey(chain.chainId, deployment)) ?? null,
            multicall3: chain.multicall3,
            usdOracle: deployment.usdOracle,
          },
          account: owner,
          cache,
          exposureOf: (symbol) => exposureOfSymbol(symbol),
          heartbeatOf: chain.heartbeatOf,
        }),
        toMorphoBlueVenueModel,
      )
    return Object.assign(factory, {
      start({ chain, deployment }: { chain: ChainContext; deployment: MorphoBlueDeployment }) {
        if (!env || deployment.deploymentBlock === undefined) return null
        const k = indexKey(chain.chainId, deployment)
        let index = indexes.get(k)
        if (!index) {
          index = new MorphoBlueMarketIndex({
            chainId: chain.chainId,
            morpho: deployment.morpho,
            deploymentBlock: BigInt(deployment.deploymentBlock),
            logs: env.logs(chain.chainId),
            file: env.dataDir ? marketIndexFile(env.dataDir, chain.chainId, deployment.morpho) : null,
            logger: env.logger,
          })
          indexes.set(k, index)
          index.start()
        }
        return index
      },
    })
  },
  graphql: morphoBlueGraphql,
})
