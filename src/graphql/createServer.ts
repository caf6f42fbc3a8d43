import { readdirSync, readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { ApolloServer, type ApolloServerOptions, type ApolloServerPlugin } from '@apollo/server'
import { unwrapResolverError } from '@apollo/server/errors'
import { ApolloArmor } from '@escape.tech/graphql-armor'
import { makeExecutableSchema } from '@graphql-tools/schema'
import type { FastifyBaseLogger } from 'fastify'
import { GraphQLError, type GraphQLSchema, type ValidationRule } from 'graphql'
import { createHeadTicker } from '../services/headTicker.js'
import type { PortfolioService } from '../services/PortfolioService.js'
import type { GraphqlContext } from './context.js'
import type { Metrics } from '../observability/metrics.js'
import { formatError, isUnexpectedError, PublicErrorCode } from './errorCodes.js'
import { resolvers } from './resolvers.js'
import { PROTOCOLS } from '../protocols/registry.js'
import { knownOperationTypesRule } from './knownOperationTypesRule.js'
import { createHttpApp, GRAPHQL_PATH, type WebConfig } from './createHttpApp.js'

export { GRAPHQL_PATH, OPERATIONS_PATHS, WEB_PATHS, type WebConfig } from './createHttpApp.js'

/** A live subscription re-reads its wallet at least every this many head polls, for venues read over an API (no blocks). */
export const LIVE_REFRESH_POLLS = 15

/** The built dashboard and explorer (`npm run build:web`, Vite's `outDir`) at the repo root. */
export const WEB_ROOT = new URL('../../dist/web/', import.meta.url)

/** `schema/` at the repo root (this file is `src/graphql/createServer.ts`). */
export const SCHEMA_DIR = new URL('../../schema/', import.meta.url)

/**
 * Limits on what one request may ask for. A `portfolio` field reads every
 * configured chain, so aliases are what multiply server work; the schema has
 * no recursion, so depth and cost only bound pathological documents.
 */
export const DEFAULT_LIMITS = {
  /** Request body, bytes. Queries for this schema are a few KB. */
  maxBodyBytes: 64 * 1024,
  /** GraphQL tokens per document (graphql-js parser limit; the standard introspection query is ~170, every field of the schema ~300). */
  maxTokens: 2_000,
  /** Aliased fields per document (each aliased `portfolio` is a full read of every chain). */
  maxAliases: 15,
  /** Selection depth, introspection exempt. The deepest field of the schema is at depth 5 (6 through a fragment). */
  maxDepth: 10,
  /** Directives per document. */
  maxDirectives: 20,
  /** graphql-armor cost (objects 2, scalars 1, ×1.5 per level, introspection exempt); every field of the schema once costs ~600. */
  maxCost: 5_000,
} as const

export type GraphqlLimits = { readonly [K in keyof typeof DEFAULT_LIMITS]: number }

/** The public schema as SDL strings: `schema/*.graphql` (sorted by file name), then each protocol's part in registry order. */
export function loadTypeDefs(schemaDir: URL = SCHEMA_DIR): string[] {
  const shared = readdirSync(schemaDir)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => readFileSync(new URL(name, schemaDir), 'utf8'))
  return [...shared, ...PROTOCOLS.map((p) => p.graphql.typeDefs)]
}

export type CreateApolloServerParameters = {
  /** Serve the schema through introspection (`__schema`). Default true. */
  readonly introspection?: boolean | undefined
  /** Overrides of `DEFAULT_LIMITS`. */
  readonly limits?: Partial<GraphqlLimits> | undefined
  /** Where Apollo logs, including the full unexpected errors clients only see as `INTERNAL_SERVER_ERROR` (a pino logger fits). */
  readonly logger?: ApolloServerOptions<GraphqlContext>['logger'] | undefined
  /** Extra Apollo plugins. */
  readonly plugins?: readonly ApolloServerPlugin<GraphqlContext>[] | undefined
  /** Where GraphQL errors are counted by code (Prometheus). */
  readonly metrics?: Metrics | undefined
  /**
   * The query limits (graphql-armor rules and the parser's token limit).
   * Default on; off only to measure what they cost (`npm run bench`).
   */
  readonly queryLimits?: boolean | undefined
}

/**
 * Builds the Apollo server for `schema/*.graphql` and the xmargin resolvers.
 * Error output never depends on `NODE_ENV`: stack traces are off and every
 * error goes through `formatError`. Not started.
 */
export function createApolloServer(params: CreateApolloServerParameters & { readonly schema?: GraphQLSchema | undefined } = {}): ApolloServer<GraphqlContext> {
  const introspection = params.introspection ?? true
  const limits = { ...DEFAULT_LIMITS, ...params.limits }
  // graphql-js 16 finds a missing root type only when it executes, as an error that reads as a server failure
  const validationRules = [knownOperationTypesRule, ...(params.queryLimits === false ? [] : queryLimitRules(limits))]
  return new ApolloServer<GraphqlContext>({
    schema: params.schema ?? createSchema(),
    introspection,
    // "Did you mean …" would leak field names when introspection is off.
    hideSchemaDetailsFromClientErrors: !introspection,
    includeStacktraceInErrorResponses: false,
    formatError,
    validationRules,
    ...(params.queryLimits === false ? {} : { parseOptions: { maxTokens: limits.maxTokens } }),
    maxRecursiveSelections: true,
    allowBatchedHttpRequests: false,
    // The process owner (the CLI) handles signals and calls `stop()`.
    stopOnTerminationSignals: false,
    ...(params.logger === undefined ? {} : { logger: params.logger }),
    plugins: [logUnexpectedErrors, subscriptionsOverWebSocketOnly, ...(params.metrics ? [countErrors(params.metrics)] : []), ...(params.plugins ?? [])],
  })
}

/** The executable schema: `schema/*.graphql` and every protocol's part, with their resolvers (shared by HTTP and WebSocket). */
export function createSchema(): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    resolvers: [resolvers, ...PROTOCOLS.map((p) => p.graphql.resolvers)],
  })
}

/**
 * graphql-armor's validation rules for the limits (depth, aliases,
 * directives, cost). Only armor's validation rules: its two plugin-based
 * protections are replaced by Apollo's own options (parseOptions.maxTokens
 * answers 400, armor's token plugin 500).
 */
function queryLimitRules(limits: GraphqlLimits): ValidationRule[] {
  const { validationRules } = new ApolloArmor({
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
    maxAliases: { n: limits.maxAliases },
    maxDepth: { n: limits.maxDepth },
    maxDirectives: { n: limits.maxDirectives },
    costLimit: { maxCost: limits.maxCost },
  }).protect()
  return validationRules as ValidationRule[]
}

/** Counts the errors each response carries, by their public code. */
function countErrors(metrics: Metrics): ApolloServerPlugin<GraphqlContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return
          for (const e of response.body.singleResult.errors ?? []) metrics.graphqlErrors.inc({ code: String(e.extensions?.['code'] ?? PublicErrorCode.INTERNAL_SERVER_ERROR) })
        },
      }
    },
  }
}

/** A subscription sent over HTTP: a 400 that says where subscriptions are served, not an execution. */
const subscriptionsOverWebSocketOnly: ApolloServerPlugin<GraphqlContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation !== 'subscription') return
        throw new GraphQLError(`Subscriptions are served over WebSocket (graphql-ws, protocol graphql-transport-ws) on ${GRAPHQL_PATH}, e.g. ws://<host>${GRAPHQL_PATH}; HTTP answers queries only.`, {
          extensions: { code: PublicErrorCode.BAD_REQUEST, http: { status: 400 } },
        })
      },
    }
  },
}

/** Logs, in full, the errors clients only see as `INTERNAL_SERVER_ERROR`. */
const logUnexpectedErrors: ApolloServerPlugin<GraphqlContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, logger }) {
        for (const error of errors) {
          if (!isUnexpectedError(error)) continue
          const original = unwrapResolverError(error)
          const path = error.path === undefined ? '' : ` at ${error.path.join('.')}`
          logger.error(`Unexpected GraphQL error${path}: ${original instanceof Error ? (original.stack ?? original.message) : String(original)}`)
        }
      },
    }
  },
}

export type StartGraphqlServerParameters = CreateApolloServerParameters & {
  /** The engine the resolvers call. */
  readonly service: PortfolioService
  /**
   * Per-client rate limit on `/graphql`: at most `requestsPerMinute` requests
   * per client address, then 429 with `Retry-After`; WebSocket connections
   * and each `subscribe` sent over them spend the same budget. `trustForwardedFor`
   * takes the client address from the first `X-Forwarded-For` entry (only
   * behind a proxy that sets it). Unset or 0: no limit.
   */
  readonly rateLimit?: { readonly requestsPerMinute: number; readonly trustForwardedFor: boolean } | undefined
  /** TCP port; 0 picks a free one (read it from `url`). Default 4000. */
  readonly port?: number | undefined
  /** Interface to listen on. Default `127.0.0.1` (local only). */
  readonly host?: string | undefined
  /** The built web pages (dashboard at `/`, explorer at `/explorer`); default `WEB_ROOT`. */
  readonly webRoot?: URL | undefined
  /** Served at `/web-config.json`; default no example wallets. */
  readonly webConfig?: WebConfig | undefined
  /** Live `health` subscriptions over WebSocket: head polling interval (ms, default 1000) and how many the server holds at once (default 500). */
  readonly subscriptions?: { readonly pollMs: number; readonly maxActive: number } | undefined
}

export type GraphqlServer = {
  /** The endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  readonly url: string
  /** Stops accepting requests, lets in-flight ones finish, closes the port and the service's worker threads. */
  stop(): Promise<void>
}

/**
 * Starts the HTTP server (Fastify, see `createHttpApp`): GraphQL at `/graphql`
 * over HTTP (Apollo) and WebSocket (graphql-ws subscriptions), `/healthz`,
 * `/readyz`, `/metrics` and the web pages. A framework with a JSON error
 * handler instead of `startStandaloneServer`: that one serves every path,
 * accepts 50 MB bodies and, unless NODE_ENV is `production`, answers a
 * malformed or oversized body with an HTML page holding a stack trace and
 * server paths.
 * @throws Error (node's `EADDRINUSE`, …) when the port cannot be listened on.
 */
export async function startGraphqlServer(params: StartGraphqlServerParameters): Promise<GraphqlServer> {
  const { service, port = 4000, host = '127.0.0.1', webRoot = WEB_ROOT, webConfig = { exampleWallets: [] }, subscriptions = { pollMs: 1_000, maxActive: 500 }, rateLimit, ...serverParams } = params
  const limits = { ...DEFAULT_LIMITS, ...params.limits }
  const queryLimits = params.queryLimits !== false
  const schema = createSchema()
  // one head poll for every live subscription, running only while one is open
  const ticker = createHeadTicker(async () => (await service.readiness()).chains.map((c) => `${c.chainId}:${c.blockNumber ?? '-'}`).join(','), subscriptions.pollMs)
  const context: GraphqlContext = { portfolio: service, live: { ticker, refreshMs: subscriptions.pollMs * LIVE_REFRESH_POLLS } }
  const apollo = createApolloServer({ ...serverParams, schema })
  await apollo.start()
  const app = await createHttpApp({
    apollo,
    context,
    service,
    metrics: params.metrics,
    logger: params.logger === undefined ? undefined : fastifyLoggerOf(params.logger),
    maxBodyBytes: limits.maxBodyBytes,
    rateLimit: rateLimit ?? null,
    webRoot,
    webConfig,
    // subscriptions: same path, same schema, rules and error shape
    live: {
      path: GRAPHQL_PATH,
      schema,
      context,
      rules: queryLimits ? queryLimitRules(limits) : [],
      maxTokens: queryLimits ? limits.maxTokens : null,
      introspection: params.introspection ?? true,
      maxActive: subscriptions.maxActive,
    },
  })
  // closing the port first lets in-flight requests finish (and closes WebSocket connections) before Apollo stops
  const stop = async () => {
    await app.close()
    await apollo.stop()
  }
  try {
    await app.listen({ port, host })
  } catch (error) {
    await stop()
    throw error
  }
  const address = app.server.address() as AddressInfo
  return {
    url: `http://${urlHost(address)}:${address.port}${GRAPHQL_PATH}`,
    stop: async () => {
      await stop()
      await service.close()
    },
  }
}

/** Fastify logs through the process's pino logger; a logger with only Apollo's four methods (tests) gets the rest made of them. */
function fastifyLoggerOf(logger: NonNullable<CreateApolloServerParameters['logger']>): FastifyBaseLogger {
  if ('child' in logger && typeof logger.child === 'function' && 'level' in logger) return logger as unknown as FastifyBaseLogger
  const adapted: FastifyBaseLogger = {
    level: 'info',
    fatal: (...args: unknown[]) => logger.error(...args),
    error: (...args: unknown[]) => logger.error(...args),
    warn: (...args: unknown[]) => logger.warn(...args),
    info: (...args: unknown[]) => logger.info(...args),
    debug: (...args: unknown[]) => logger.debug(...args),
    trace: (...args: unknown[]) => logger.debug(...args),
    silent: () => undefined,
    child: () => adapted,
  }
  return adapted
}

function urlHost({ address, family }: AddressInfo): string {
  if (address === '' || address === '0.0.0.0' || address === '::') return 'localhost'
  return family === 'IPv6' ? `[${address}]` : address
}
