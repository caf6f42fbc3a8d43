import { exposureOfSymbol } from '../../domain/riskFactorTable.js'
import { venueReaderOf } from '../../read/venueReader.js'
import { AaveV3MetadataCache, createAaveV3StateReader } from './read/aaveV3Reader.js'
import { toAaveV3VenueModel } from './model/toAaveV3VenueModel.js'
import { defineChainProtocol, type ChainProtocol, type ProtocolGraphql } from '../types.js'
import { aaveV3DeploymentSchema, type AaveV3Deployment } from './deployment.js'
import { AAVE_V3_RELEASES } from './read/aaveV3Releases.js'
import type { AaveV3Flavor } from './model/aaveV3Flavor.js'
import './model/details.js'

export type CreateAaveV3PluginParameters = {
  readonly flavor: AaveV3Flavor
  /** The deployments published for a chain id (empty where none). */
  readonly publishedDeployments: Readonly<Record<number, readonly AaveV3Deployment[]>>
  readonly graphql: ProtocolGraphql
}

/**
 * A chain plugin over Aave V3's reader and model for one flavor (Aave's own
 * markets, or SparkLend's): same code, its own `Protocol` value, venue id
 * prefix, chain list key and published deployments. A venue's
 * `protocolVersion` is its deployment's release label (read/aaveV3Releases.ts).
 */
export function createAaveV3Plugin({ flavor, publishedDeployments, graphql }: CreateAaveV3PluginParameters): ChainProtocol<unknown> {
  return defineChainProtocol<AaveV3Deployment>({
    kind: 'chain',
    key: flavor.key,
    protocol: flavor.protocol,
    name: flavor.name,
    deploymentSchema: aaveV3DeploymentSchema,
    publishedDeployments: (chainId) => publishedDeployments[chainId] ?? [],
    createReaders() {
      const cache = new AaveV3MetadataCache()
      return ({ chain, deployment, owner }) => {
        const release = AAVE_V3_RELEASES[deployment.release]
        return venueReaderOf(
          createAaveV3StateReader({
            market: {
              chainId: chain.chainId,
              // the reader identifies the logic from the chain against the release table (UNSUPPORTED_PROTOCOL_VERSION when it disagrees)
              deployment,
              protocolVersion: release.label,
              flavor,
              pool: deployment.pool,
              oracle: deployment.oracle,
              multicall3: chain.multicall3,
            },
            account: owner,
            cache,
            exposureOf: (symbol) => exposureOfSymbol(symbol),
            heartbeatOf: chain.heartbeatOf,
          }),
          (state) => toAaveV3VenueModel(state, release.label, flavor),
        )
      }
    },
    graphql,
  })
}
