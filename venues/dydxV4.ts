import type { ApiVenueConfig } from './types.js'

/**
 * dYdX v4's indexer REST API on mainnet (`dydx-mainnet-1`): subaccounts and
 * perpetual markets. The docs configure the indexer host
 * `https://indexer.dydx.trade` and serve the REST API under `/v4`.
 */
export const dydxV4: ApiVenueConfig = {
  key: 'dydx-v4',
  endpoint: 'https://indexer.dydx.trade/v4',
  envVar: 'DYDX_INDEXER_URL',
  source:
    'dYdX docs, Indexer client (docs.dydx.exchange/developers/clients/indexer_client: mainnet IndexerConfig https://indexer.dydx.trade) and Indexer API (docs.dydx.exchange/api_integration-indexer/indexer_api: GET /v4/addresses/{address}/subaccountNumber/{n}, GET /v4/perpetualMarkets)',
}
