import type { ApiVenueConfig } from './types.js'

/** Hyperliquid's info endpoint (perps account state and metadata). */
export const hyperliquid: ApiVenueConfig = {
  key: 'hyperliquid',
  endpoint: 'https://api.hyperliquid.xyz/info',
  envVar: 'HYPERLIQUID_INFO_URL',
  source: 'Hyperliquid docs, For developers → API → Info endpoint (hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint)',
}
