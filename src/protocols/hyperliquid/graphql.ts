import { readFileSync } from 'node:fs'
import type { ProtocolGraphql } from '../types.js'

/** Hyperliquid's part of the schema (schema.graphql beside this file): its `Protocol` value; its account figures are the shared `Venue.perp`. */
export const hyperliquidGraphql: ProtocolGraphql = {
  typeDefs: readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'),
  resolvers: {},
}
