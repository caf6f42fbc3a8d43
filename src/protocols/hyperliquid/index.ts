import { createHyperliquidReader } from './read/hyperliquidReader.js'
import type { ApiProtocol } from '../types.js'
import { hyperliquidGraphql } from './graphql.js'
import './model/details.js'

/**
 * Hyperliquid, read from its info API for the owner's own address: per perp
 * dex (the main one and each HIP-3 dex) the cross account is one venue and
 * each isolated position its own; spot balances are one more venue; the
 * account's mode (standard, unified, portfolio margin) is read and stated.
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
