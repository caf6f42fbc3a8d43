import { createHyperliquidReader } from './read/hyperliquidReader.js'
import type { ApiProtocol } from '../types.js'
import { hyperliquidGraphql } from './graphql.js'
import './model/details.js'

/**
 * Hyperliquid perps, read from its info API for the owner's own address: the
 * cross account is one venue, each isolated position its own.
 */
export const hyperliquid: ApiProtocol = {
  kind: 'api',
  key: 'hyperliquid',
  protocol: 'HYPERLIQUID',
  name: 'Hyperliquid',
  endpoint: {
    defaultUrl: 'https://api.hyperliquid.xyz/info',
    envVar: 'HYPERLIQUID_INFO_URL',
    source: 'Hyperliquid docs, For developers → API → Info endpoint (hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint)',
  },
  createReader: ({ url, sourceLabel }) => createHyperliquidReader({ infoUrl: url, sourceLabel }),
  graphql: hyperliquidGraphql,
}
