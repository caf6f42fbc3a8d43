import { assertDydxV4Address, createDydxV4Reader } from './read/dydxV4Reader.js'
import type { ApiProtocol } from '../types.js'
import { dydxV4Graphql } from './graphql.js'
import './model/details.js'

/**
 * dYdX v4 perps, read from its indexer for the `dydx1…` accounts a caller
 * links to the owner (subaccount 0, the cross-margin account).
 */
export const dydxV4: ApiProtocol = {
  kind: 'api',
  key: 'dydx-v4',
  protocol: 'DYDX_V4',
  name: 'dYdX v4',
  endpoint: {
    defaultUrl: 'https://indexer.dydx.trade/v4',
    envVar: 'DYDX_INDEXER_URL',
    source:
      'dYdX docs, Indexer client (docs.dydx.exchange/developers/clients/indexer_client: mainnet IndexerConfig https://indexer.dydx.trade) and Indexer API (docs.dydx.exchange/api_integration-indexer/indexer_api: GET /v4/addresses/{address}/subaccountNumber/{n}, GET /v4/perpetualMarkets)',
  },
  linkedAccounts: { venue: 'DYDX_V4', validate: assertDydxV4Address },
  createReader: ({ url, sourceLabel, timeoutMs }) => createDydxV4Reader({ indexerUrl: url, sourceLabel, timeoutMs }),
  graphql: dydxV4Graphql,
}
