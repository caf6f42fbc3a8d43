import { createLighterReader } from './read/lighterReader.js'
import type { ApiProtocol } from '../types.js'
import { lighterGraphql } from './graphql.js'
import './model/details.js'

/**
 * Lighter perps, read from its REST API for the owner's own address (the
 * accounts' L1 address): every account's cross margin is one venue, each
 * isolated position its own.
 */
export const lighter: ApiProtocol = {
  kind: 'api',
  key: 'lighter',
  protocol: 'LIGHTER',
  name: 'Lighter',
  endpoint: {
    defaultUrl: 'https://mainnet.zklighter.elliot.ai',
    envVar: 'LIGHTER_API_URL',
    source:
      'Lighter API docs (apidocs.lighter.xyz: mainnet https://mainnet.zklighter.elliot.ai; GET /api/v1/account?by=l1_address&value=, GET /api/v1/orderBookDetails)',
  },
  createReader: ({ url, sourceLabel, timeoutMs }) => createLighterReader({ baseUrl: url, sourceLabel, timeoutMs }),
  graphql: lighterGraphql,
}
