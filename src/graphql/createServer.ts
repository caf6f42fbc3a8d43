import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ApolloServer, HeaderMap, type ApolloServerOptions, type ApolloServerPlugin } from '@apollo/server'
import { unwrapResolverError } from '@apollo/server/errors'
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer'
import { ApolloArmor } from '@escape.tech/graphql-armor'
import sirv, { type RequestHandler } from 'sirv'
import { makeExecutableSchema } from '@graphql-tools/schema'
import { GraphQLError, type GraphQLSchema, type ValidationRule } from 'graphql'
import { startLiveServer, type LiveServer } from './liveServer.js'
import { createHeadTicker } from '../services/headTicker.js'

/** A live subscription re-reads its wallet at least every this many head polls, for venues read over an API (no blocks). */
export const LIVE_REFRESH_POLLS = 15
import type { PortfolioService } from '../services/PortfolioService.js'
import type { GraphqlContext } from './context.js'
import type { Metrics } from '../observability/metrics.js'
import { requestContext, requestIdOf } from '../observability/requestContext.js'
import { formatError, INTERNAL_ERROR_MESSAGE, isUnexpectedError, PublicErrorCode } from './errorCodes.js'
import { resolvers } from './resolvers.js'
import { PROTOCOLS } from '../protocols/registry.js'
import { knownOperationTypesRule } from './knownOperationTypesRule.js'
import { clientKeyOf, createClientBudget, type ClientBudget } from './clientBudget.js'

/** The one path the GraphQL endpoint answers on. */
export const GRAPHQL_PATH = '/graphql'

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
  /** Extra Apollo plugins (the HTTP server's drain plugin is added by `startGraphqlServer`). */
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

/** Paths served besides GraphQL. */
export const OPERATIONS_PATHS = { liveness: '/healthz', readiness: '/readyz', metrics: '/metrics' } as const

/** The web pages: the dashboard, the GraphQL explorer, their bundled assets (no CDN: they work offline) and what the pages ask the server. */
export const WEB_PATHS = { dashboard: '/', explorer: '/explorer', assets: '/assets/', config: '/web-config.json' } as const

/** What the pages read at `/web-config.json`. */
export type WebConfig = {
  /** Wallets the dashboard offers to pick (e.g. the devnet's demo wallet). */
  readonly exampleWallets: readonly { readonly label: string; readonly address: string }[]
}

/**
 * Starts the GraphQL endpoint over node:http at `/graphql`, with `/healthz`
 * (liveness: 200 while the process serves), `/readyz` (200 when every chain
 * answers with a fresh head, else 503, with per-chain detail) and `/metrics`
 * (Prometheus text, when `metrics` is given); every other path is a JSON 404.
 * A small handler instead of `startStandaloneServer`: that one serves every
 * path, accepts 50 MB bodies and, unless NODE_ENV is `production`, answers a
 * malformed or oversized body with an HTML page holding a stack trace and
 * server paths. Here every answer is JSON in the GraphQL error shape, whatever
 * NODE_ENV is. Each request gets an id (the caller's `x-request-id` when it is
 * a short token), echoed in `x-request-id` and on every log line written
 * while serving it.
 */
export async function startGraphqlServer(params: StartGraphqlServerParameters): Promise<GraphqlServer> {
  const { service, port = 4000, host = '127.0.0.1', webRoot = WEB_ROOT, webConfig = { exampleWallets: [] }, subscriptions = { pollMs: 1_000, maxActive: 500 }, ...serverParams } = params
  const web = createWebHandler(webRoot)
  const maxBodyBytes = params.limits?.maxBodyBytes ?? DEFAULT_LIMITS.maxBodyBytes
  const metrics = params.metrics
  const httpServer = createServer()
  // node answers malformed requests (oversized URL or headers, bad framing) itself, as plain text: answer JSON instead
  httpServer.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy()
    const [status, reason] = error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large'] : [400, 'Bad Request']
    const body = JSON.stringify({ errors: [{ message: status === 431 ? 'The request line or headers are too large; send the query in a POST body.' : 'Malformed HTTP request.', extensions: { code: PublicErrorCode.BAD_REQUEST } }] })
    socket.end(`HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`)
  })
  const budget = params.rateLimit && params.rateLimit.requestsPerMinute > 0 ? createClientBudget(params.rateLimit.requestsPerMinute) : null
  const trustForwardedFor = params.rateLimit?.trustForwardedFor ?? false
  const schema = createSchema()
  const limits = { ...DEFAULT_LIMITS, ...params.limits }
  const queryLimits = params.queryLimits !== false
  // one head poll for every live subscription, running only while one is open
  const ticker = createHeadTicker(async () => (await service.readiness()).chains.map((c) => `${c.chainId}:${c.blockNumber ?? '-'}`).join(','), subscriptions.pollMs)
  const contextValue: GraphqlContext = { portfolio: service, live: { ticker, refreshMs: subscriptions.pollMs * LIVE_REFRESH_POLLS } }
  // subscriptions: graphql-ws on the same path, same schema, rules and error shape
  const live: LiveServer = startLiveServer({
    httpServer,
    path: GRAPHQL_PATH,
    schema,
    context: contextValue,
    rules: queryLimits ? queryLimitRules(limits) : [],
    maxTokens: queryLimits ? limits.maxTokens : null,
    introspection: params.introspection ?? true,
    maxPayloadBytes: maxBodyBytes,
    maxActive: subscriptions.maxActive,
    spendBudget: async (request) => (budget === null ? null : budget.spend(clientKeyOf(request.headers, request.socket.remoteAddress, trustForwardedFor))),
  })
  const closeLive: ApolloServerPlugin<GraphqlContext> = {
    async serverWillStart() {
      return { drainServer: () => live.dispose() }
    },
  }
  const apollo = createApolloServer({
    ...serverParams,
    schema,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), closeLive, ...(serverParams.plugins ?? [])],
  })
  await apollo.start()
  const context = async (): Promise<GraphqlContext> => contextValue
  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const reqId = requestIdOf(req.headers['x-request-id'])
    res.setHeader('x-request-id', reqId)
    const route = routeOf(req.url)
    const endTimer = metrics?.httpDuration.startTimer({ route })
    res.on('finish', () => {
      endTimer?.()
      metrics?.httpRequests.inc({ route, status: String(res.statusCode) })
    })
    requestContext.run({ reqId }, () => {
      const clientKey = clientKeyOf(req.headers, req.socket.remoteAddress, trustForwardedFor)
      serve(apollo, context, service, metrics, budget, web, webConfig, clientKey, maxBodyBytes, req, res).catch((error: unknown) => {
        apollo.logger.error(`GraphQL HTTP handler failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
        if (!res.headersSent) sendError(res, 500, PublicErrorCode.INTERNAL_SERVER_ERROR, INTERNAL_ERROR_MESSAGE)
        else res.destroy()
      })
    })
  })
  try {
    await listen(httpServer, port, host)
  } catch (error) {
    await apollo.stop()
    throw error
  }
  const address = httpServer.address() as AddressInfo
  return {
    url: `http://${urlHost(address)}:${address.port}${GRAPHQL_PATH}`,
    stop: async () => {
      await apollo.stop()
      await service.close()
    },
  }
}

/** The metrics label of a request path: one of the served routes, or `other` (never the raw path: unbounded labels). */
function routeOf(url: string | undefined): string {
  const path = new URL(url ?? '/', 'http://localhost').pathname.replace(/\/$/, '') || '/'
  if (path === GRAPHQL_PATH || Object.values(OPERATIONS_PATHS).includes(path as never)) return path
  if (path === WEB_PATHS.dashboard || path === WEB_PATHS.explorer || path === WEB_PATHS.config) return path
  return path.startsWith(WEB_PATHS.assets) ? WEB_PATHS.assets : 'other'
}

/**
 * Serves the built pages (sirv: ETags, immutable caching of Vite's hashed
 * assets). sirv lists the folder once, when it is created: it is created at
 * the first page request that finds the build, so a server started before
 * `npm run build:web` answers a JSON 404 that says so, then the pages once
 * they are built (a rebuild while serving needs a restart, as its asset names
 * change).
 */
function createWebHandler(webRoot: URL): RequestHandler {
  let files: RequestHandler | null = null
  return (req, res) => {
    if (files === null) {
      if (!existsSync(new URL('index.html', webRoot))) {
        return sendError(res, 404, PublicErrorCode.BAD_REQUEST, 'The dashboard is not built on this server (run `npm run build:web`); GraphQL is at /graphql.')
      }
      files = sirv(fileURLToPath(webRoot), {
        dev: false,
        etag: true,
        setHeaders: (r, pathname) => r.setHeader('cache-control', pathname.startsWith(WEB_PATHS.assets) ? 'public, max-age=31536000, immutable' : 'no-cache'),
      })
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/$/, '')
    // the pages by their route; assets by their path
    if (path === WEB_PATHS.explorer) req.url = '/explorer.html'
    else if (path === '') req.url = '/index.html'
    files(req, res, () => sendError(res, 404, PublicErrorCode.BAD_REQUEST, `Not found. The GraphQL endpoint is ${GRAPHQL_PATH}.`))
  }
}

/** Routes a request: the operations endpoints, or GraphQL. */
async function serve(
  apollo: ApolloServer<GraphqlContext>,
  context: () => Promise<GraphqlContext>,
  service: PortfolioService,
  metrics: Metrics | undefined,
  budget: ClientBudget | null,
  web: RequestHandler,
  webConfig: WebConfig,
  clientKey: string,
  maxBodyBytes: number,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  switch (routeOf(req.url)) {
    case OPERATIONS_PATHS.liveness:
      return sendJson(res, 200, { status: 'ok' })
    case OPERATIONS_PATHS.readiness: {
      const r = await service.readiness()
      return sendJson(res, r.ready ? 200 : 503, {
        status: r.ready ? 'ready' : 'not ready',
        chains: r.chains.map((c) => ({ ...c, blockNumber: c.blockNumber === null ? null : String(c.blockNumber) })),
      })
    }
    case OPERATIONS_PATHS.metrics: {
      if (!metrics) return sendError(res, 404, PublicErrorCode.BAD_REQUEST, 'Metrics are not enabled on this server.')
      res.statusCode = 200
      res.setHeader('content-type', metrics.registry.contentType)
      res.end(await metrics.registry.metrics())
      return
    }
    case WEB_PATHS.config:
      return sendJson(res, 200, webConfig)
    case WEB_PATHS.dashboard:
    case WEB_PATHS.explorer:
    case WEB_PATHS.assets:
      if ((req.method ?? 'GET').toUpperCase() !== 'GET' && req.method?.toUpperCase() !== 'HEAD') {
        return sendError(res, 405, PublicErrorCode.BAD_REQUEST, 'The web pages answer GET only.')
      }
      return web(req, res)
    default: {
      const refused = budget === null ? null : await budget.spend(clientKey)
      if (refused) {
        res.setHeader('retry-after', String(refused.retryAfterSeconds))
        req.resume()
        return sendError(res, 429, PublicErrorCode.RATE_LIMITED, refused.shortMessage)
      }
      return handleRequest(apollo, context, maxBodyBytes, req, res)
    }
  }
}

async function handleRequest(
  apollo: ApolloServer<GraphqlContext>,
  context: () => Promise<GraphqlContext>,
  maxBodyBytes: number,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  // Read-only public data, no cookies: any origin may query it.
  res.setHeader('access-control-allow-origin', '*')
  const url = new URL(req.url ?? '/', 'http://localhost')
  const method = (req.method ?? 'GET').toUpperCase()
  if (url.pathname !== GRAPHQL_PATH && url.pathname !== `${GRAPHQL_PATH}/`) {
    return sendError(res, 404, PublicErrorCode.BAD_REQUEST, `Not found. The GraphQL endpoint is ${GRAPHQL_PATH}.`)
  }
  if (method === 'OPTIONS') {
    res.writeHead(204, {
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': req.headers['access-control-request-headers'] ?? 'content-type',
      'access-control-max-age': '86400',
    })
    res.end()
    return
  }

  let body: unknown
  if (method === 'POST') {
    const read = await readBody(req, maxBodyBytes)
    if (read.kind === 'tooLarge') {
      res.setHeader('connection', 'close')
      return sendError(res, 413, PublicErrorCode.BAD_REQUEST, `Request body is larger than ${maxBodyBytes} bytes.`)
    }
    if (isJsonContentType(req.headers['content-type'])) {
      try {
        body = JSON.parse(read.text)
      } catch {
        return sendError(res, 400, PublicErrorCode.BAD_REQUEST, 'Request body is not valid JSON.')
      }
    }
    // Any other content type: Apollo answers 400 itself (and its CSRF check looks at the header).
  }

  const headers = new HeaderMap()
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value)
  }
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method, headers, search: url.search, body },
    context,
  })
  for (const [key, value] of response.headers) res.setHeader(key, value)
  res.statusCode = response.status ?? 200
  if (response.body.kind === 'complete') {
    res.end(response.body.string)
    return
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk)
  res.end()
}

type ReadBodyResult = { readonly kind: 'ok'; readonly text: string } | { readonly kind: 'tooLarge' }

/** Reads the request body as UTF-8, stopping at `maxBytes`. */
function readBody(req: IncomingMessage, maxBytes: number): Promise<ReadBodyResult> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume()
    return Promise.resolve({ kind: 'tooLarge' })
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size > maxBytes) {
        req.off('data', onData)
        req.off('end', onEnd)
        req.resume()
        resolve({ kind: 'tooLarge' })
        return
      }
      chunks.push(chunk)
    }
    const onEnd = (): void => resolve({ kind: 'ok', text: Buffer.concat(chunks).toString('utf8') })
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', reject)
  })
}

function isJsonContentType(header: string | undefined): boolean {
  const essence = header?.split(';')[0]?.trim().toLowerCase()
  return essence === 'application/json' || essence === 'application/graphql-response+json'
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status
  res.setHeader('content-type', 'application/json; charset=utf-8')
  res.end(JSON.stringify(body))
}

/** An HTTP-level failure in the GraphQL error shape, so clients parse one format. */
function sendError(res: ServerResponse, status: number, code: PublicErrorCode, message: string): void {
  res.statusCode = status
  res.setHeader('content-type', 'application/json; charset=utf-8')
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }))
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error)
    server.once('error', onError)
    server.listen({ port, host }, () => {
      server.off('error', onError)
      resolve()
    })
  })
}

function urlHost({ address, family }: AddressInfo): string {
  if (address === '' || address === '0.0.0.0' || address === '::') return 'localhost'
  return family === 'IPv6' ? `[${address}]` : address
}
