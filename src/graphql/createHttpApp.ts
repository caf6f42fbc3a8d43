import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Socket } from 'node:net'
import { STATUS_CODES } from 'node:http'
import { fastify, LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest, type onRequestAsyncHookHandler } from 'fastify'
import { fastifyStatic } from '@fastify/static'
import { fastifyWebsocket, type WebsocketHandler } from '@fastify/websocket'
import { fastifyApolloHandler } from '@as-integrations/fastify'
import type { ApolloServer } from '@apollo/server'
import { handleProtocols } from 'graphql-ws'
import type { GraphqlContext } from './context.js'
import type { PortfolioService } from '../services/PortfolioService.js'
import type { Metrics } from '../observability/metrics.js'
import { requestContext, requestIdOf } from '../observability/requestContext.js'
import { INTERNAL_ERROR_MESSAGE, PublicErrorCode, sanitizeMessage } from './errorCodes.js'
import { RateLimitedError, registerClientRateLimit } from './clientRateLimit.js'
import { createLiveServer, type LiveServerParameters } from './liveServer.js'

/** The one path the GraphQL endpoint answers on. */
export const GRAPHQL_PATH = '/graphql'

/** How long in-flight requests may take to finish once the server is stopping, ms (as Apollo's drain plugin). */
export const SHUTDOWN_GRACE_MS = 10_000

/** Paths served besides GraphQL. */
export const OPERATIONS_PATHS = { liveness: '/healthz', readiness: '/readyz', metrics: '/metrics' } as const

/** The web pages: the dashboard, the GraphQL explorer, their bundled assets (no CDN: they work offline) and what the pages ask the server. */
export const WEB_PATHS = { dashboard: '/', explorer: '/explorer', assets: '/assets/', config: '/web-config.json' } as const

/** What the pages read at `/web-config.json`. */
export type WebConfig = {
  /** Wallets the dashboard offers to pick (e.g. the devnet's demo wallet). */
  readonly exampleWallets: readonly { readonly label: string; readonly address: string }[]
}

export type CreateHttpAppParameters = {
  readonly apollo: ApolloServer<GraphqlContext>
  readonly context: GraphqlContext
  /** The WebSocket side (graphql-ws) but for the rate limit, which is the one HTTP requests spend. */
  readonly live: Omit<LiveServerParameters, 'spendBudget'>
  readonly service: PortfolioService
  readonly metrics: Metrics | undefined
  /** Where Fastify logs (a pino logger, or any logger with Apollo's four methods). */
  readonly logger: FastifyBaseLogger | undefined
  /** Request bodies and WebSocket messages, bytes. */
  readonly maxBodyBytes: number
  /** Per-client budget of `/graphql` requests; null: none. */
  readonly rateLimit: { readonly requestsPerMinute: number; readonly trustForwardedFor: boolean } | null
  readonly webRoot: URL
  readonly webConfig: WebConfig
}

/**
 * The HTTP server (Fastify, not listening yet): GraphQL at `/graphql` (Apollo
 * over HTTP, graphql-ws over WebSocket), the operations endpoints and the web
 * pages; every other path is a JSON 404. Every answer, errors included, is
 * JSON in the GraphQL error shape whatever NODE_ENV is, and carries
 * `x-request-id` (the caller's when it is a short token), which every log line
 * written while serving it carries as `reqId`.
 */
export async function createHttpApp(params: CreateHttpAppParameters): Promise<FastifyInstance> {
  const { metrics, maxBodyBytes } = params
  const assetsDir = fileURLToPath(new URL(`.${WEB_PATHS.assets}`, params.webRoot))
  const app = fastify({
    ...(params.logger === undefined ? {} : { loggerInstance: params.logger }),
    // the id is on every line through the logger's mixin (requestContext), so request.log is the logger itself
    childLoggerFactory: (logger) => logger,
    // no line per request (the metrics count them); errors are logged by the error handler
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: (req) => requestIdOf(req.headers['x-request-id']),
    bodyLimit: maxBodyBytes,
    routerOptions: { ignoreTrailingSlash: true },
    // a request on a kept-alive connection while stopping is served (and its connection closed), not refused
    return503OnClosing: false,
    // node answers malformed requests (oversized URL or headers, bad framing) itself, as plain text: answer JSON instead
    clientErrorHandler: answerClientError,
  })

  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id)
    requestContext.run({ reqId: request.id }, done)
  })
  // a body arrives on the socket's own async context: enter the request's again once it is read
  app.addHook('preValidation', (request, _reply, done) => requestContext.run({ reqId: request.id }, done))
  // graceful shutdown: in-flight requests finish (answered `connection: close`), then their connections close; past the grace period every connection is closed
  let closing = false
  let grace: NodeJS.Timeout | undefined
  app.addHook('onResponse', (request, reply, done) => {
    if (metrics) {
      const route = routeLabelOf(request.routeOptions.url)
      metrics.httpDuration.observe({ route }, reply.elapsedTime / 1000)
      metrics.httpRequests.inc({ route, status: String(reply.statusCode) })
    }
    // closing: a connection whose last request just finished is idle now, and node closes idle ones only when asked
    if (closing) setImmediate(() => app.server.closeIdleConnections())
    done()
  })
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close')
    done(null, payload)
  })
  app.addHook('preClose', (done) => {
    closing = true
    grace = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref()
    done()
  })
  app.addHook('onClose', (_instance, done) => {
    clearTimeout(grace)
    done()
  })
  app.setErrorHandler((error: FastifyError, request, reply) => requestContext.run({ reqId: request.id }, () => answerError(error, request, reply, maxBodyBytes)))
  app.setNotFoundHandler((_request, reply) => sendError(reply, 404, PublicErrorCode.BAD_REQUEST, `Not found. The GraphQL endpoint is ${GRAPHQL_PATH}.`))

  // JSON bodies as Apollo reads them; any other type is read (within the limit) and left to Apollo, which answers 400
  app.removeAllContentTypeParsers()
  const json = app.getDefaultJsonParser('error', 'error')
  app.addContentTypeParser(['application/json', 'application/graphql-response+json'], { parseAs: 'string' }, json)
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, _body, done) => done(null, undefined))

  await app.register(fastifyWebsocket, { options: { maxPayload: maxBodyBytes, handleProtocols } })
  const limit = params.rateLimit && params.rateLimit.requestsPerMinute > 0 ? await registerClientRateLimit(app, params.rateLimit) : null
  await app.register(fastifyStatic, {
    serve: false,
    etag: true,
    cacheControl: false,
    // Vite's assets are named by their hash: cached for good; the pages name the current ones: revalidated
    setHeaders: (reply, path) => reply.header('cache-control', path.startsWith(assetsDir) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  })

  registerOperations(app, params)
  registerPages(app, params.webRoot)
  const live = createLiveServer({ ...params.live, spendBudget: async (request) => (limit === null ? null : limit.spend(request)) })
  registerGraphql(app, params, live.handler, limit?.onRequest ?? null)
  return app
}

/** `/graphql`: Apollo for GET (and WebSocket upgrades: graphql-ws) and POST, a CORS preflight for OPTIONS; rate limited per client when `rateLimit` is set. */
function registerGraphql(app: FastifyInstance, params: CreateHttpAppParameters, wsHandler: WebsocketHandler, rateLimit: onRequestAsyncHookHandler | null): void {
  const graphql = fastifyApolloHandler(params.apollo, { context: async () => params.context })
  const onRequest = rateLimit === null ? [allowAnyOrigin, refuseMalformedHost] : [allowAnyOrigin, refuseMalformedHost, rateLimit]
  app.route({ method: 'GET', url: GRAPHQL_PATH, onRequest, handler: graphql, wsHandler })
  // Apollo answers the other methods itself (405 with Allow)
  app.route({ method: ['POST', 'PUT', 'PATCH', 'DELETE'], url: GRAPHQL_PATH, onRequest, handler: graphql })
  app.route({
    method: 'OPTIONS',
    url: GRAPHQL_PATH,
    onRequest: allowAnyOrigin,
    handler: async (request, reply) =>
      reply
        .code(204)
        .headers({ 'access-control-allow-methods': 'GET, POST, OPTIONS', 'access-control-allow-headers': request.headers['access-control-request-headers'] ?? 'content-type', 'access-control-max-age': '86400' })
        .send(),
  })
}

/** A `Host` that is no URL host (`exa mple`) is the client's mistake: a 400 here, not a failure where the Apollo integration builds the request's URL from it. */
async function refuseMalformedHost(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (URL.canParse(`${request.protocol}://${request.hostname}/`)) return undefined
  return sendError(reply, 400, PublicErrorCode.BAD_REQUEST, 'Malformed HTTP request: the Host header is not a host name.')
}

/** Read-only public data, no cookies: any origin may query it. */
async function allowAnyOrigin(_request: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.header('access-control-allow-origin', '*')
}

/** `/healthz` (200 while the process serves), `/readyz` (200 when every chain answers with a fresh head, else 503, with per-chain detail), `/metrics` (Prometheus text, when metrics are on) and `/web-config.json`. */
function registerOperations(app: FastifyInstance, { service, metrics, webConfig }: CreateHttpAppParameters): void {
  app.get(OPERATIONS_PATHS.liveness, async () => ({ status: 'ok' }))
  app.get(OPERATIONS_PATHS.readiness, async (_request, reply) => {
    const r = await service.readiness()
    return reply.code(r.ready ? 200 : 503).send({
      status: r.ready ? 'ready' : 'not ready',
      chains: r.chains.map((c) => ({ ...c, blockNumber: c.blockNumber === null ? null : String(c.blockNumber) })),
    })
  })
  app.get(OPERATIONS_PATHS.metrics, async (_request, reply) => {
    if (!metrics) return sendError(reply, 404, PublicErrorCode.BAD_REQUEST, 'Metrics are not enabled on this server.')
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics())
  })
  app.get(WEB_PATHS.config, async () => webConfig)
}

/** Every method, so that anything but GET and HEAD on a page is a JSON 405 rather than a 404. */
const ALL_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

/**
 * The built pages (@fastify/static: ETags; Vite's hashed assets cached as
 * immutable, the pages revalidated). The build is looked for at each page
 * request until it is found, so a server started before `npm run build:web`
 * answers a JSON 404 that says so, then the pages once they are built.
 */
function registerPages(app: FastifyInstance, webRoot: URL): void {
  const root = fileURLToPath(webRoot)
  let built = false
  const page = (file: (request: FastifyRequest) => string) => async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendError(reply, 405, PublicErrorCode.BAD_REQUEST, 'The web pages answer GET only.')
    built ||= existsSync(new URL('index.html', webRoot))
    if (!built) return sendError(reply, 404, PublicErrorCode.BAD_REQUEST, `The dashboard is not built on this server (run \`npm run build:web\`); GraphQL is at ${GRAPHQL_PATH}.`)
    return reply.sendFile(file(request), root)
  }
  app.route({ method: ALL_METHODS, url: WEB_PATHS.dashboard, handler: page(() => 'index.html') })
  app.route({ method: ALL_METHODS, url: WEB_PATHS.explorer, handler: page(() => 'explorer.html') })
  app.route({ method: ALL_METHODS, url: `${WEB_PATHS.assets}*`, handler: page((request) => `assets/${(request.params as { '*': string })['*']}`) })
}

/** The answer to an error a handler, a hook or a body parser raised: the client's mistakes as 4xx (not logged), anything else a logged 500. */
function answerError(error: FastifyError, request: FastifyRequest, reply: FastifyReply, maxBodyBytes: number): FastifyReply {
  if (error instanceof RateLimitedError) return sendError(reply, 429, PublicErrorCode.RATE_LIMITED, error.shortMessage)
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    // the client may still be sending it
    reply.header('connection', 'close')
    return sendError(reply, 413, PublicErrorCode.BAD_REQUEST, `Request body is larger than ${maxBodyBytes} bytes.`)
  }
  const status = error.statusCode ?? 500
  if (status >= 400 && status < 500) {
    const badJson = error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
    return sendError(reply, status, PublicErrorCode.BAD_REQUEST, badJson ? 'Request body is not valid JSON.' : sanitizeMessage(error.message))
  }
  request.log.error({ err: error }, 'GraphQL HTTP handler failed')
  return sendError(reply, 500, PublicErrorCode.INTERNAL_SERVER_ERROR, INTERNAL_ERROR_MESSAGE)
}

/** An HTTP-level failure in the GraphQL error shape, so clients parse one format. */
function sendError(reply: FastifyReply, status: number, code: PublicErrorCode, message: string): FastifyReply {
  return reply.code(status).send({ errors: [{ message, extensions: { code } }] })
}

/** A request node could not parse (no route, no request id yet): a JSON 431 for an oversized request line or headers, else a JSON 400, and the connection closed. */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable) return void socket.destroy()
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400
  const message = status === 431 ? 'The request line or headers are too large; send the query in a POST body.' : 'Malformed HTTP request.'
  const body = JSON.stringify({ errors: [{ message, extensions: { code: PublicErrorCode.BAD_REQUEST } }] })
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`)
}

/** The metrics label of a request: its route (`/assets/` for every asset), or `other` when none matched (never the raw path: unbounded labels). */
function routeLabelOf(routeUrl: string | undefined): string {
  if (routeUrl === undefined) return 'other'
  return routeUrl.endsWith('*') ? routeUrl.slice(0, -1) : routeUrl
}
