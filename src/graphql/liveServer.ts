import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { getOperationAST, GraphQLError, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql'
import { WebSocketServer, type WebSocket } from 'ws'
import { useServer } from 'graphql-ws/use/ws'
import type { GraphqlContext } from './context.js'
import { formatError, PublicErrorCode } from './errorCodes.js'
import { SubscriptionLimitError } from '../errors/index.js'
import type { RateLimitedError } from './clientBudget.js'

/** Subscriptions one WebSocket connection may hold at once. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 10

export type LiveServerParameters = {
  /** The HTTP server whose `upgrade`s on `path` become GraphQL WebSocket connections. */
  readonly httpServer: Server
  readonly path: string
  readonly schema: GraphQLSchema
  readonly context: GraphqlContext
  /** Validation rules besides graphql-js's own (the query limits; empty to measure without them). */
  readonly rules: readonly ValidationRule[]
  /** Parser token limit per document; null: none. */
  readonly maxTokens: number | null
  /** Refuse introspection (production). */
  readonly introspection: boolean
  /** Largest message, bytes. */
  readonly maxPayloadBytes: number
  /** Subscriptions held at once across connections before `SERVER_BUSY`. */
  readonly maxActive: number
  /** Spends one request of the client's rate-limit budget (the one HTTP requests spend) for a connection or a `subscribe`; the error once it is spent. */
  readonly spendBudget: (request: IncomingMessage) => Promise<RateLimitedError | null>
}

export type LiveServer = {
  /** Subscriptions held now. */
  readonly active: () => number
  /** Closes every connection (subscriptions end) and the WebSocket server. */
  dispose(): Promise<void>
}

/**
 * GraphQL over WebSocket (`graphql-ws`, protocol `graphql-transport-ws`) on
 * the GraphQL path: subscriptions only (a query or mutation is refused with
 * `BAD_REQUEST`: those go over HTTP), validated by the same rules and limits
 * as HTTP requests, with errors in the same public shape (`formatError`).
 * Bounded: each connection and each `subscribe` spends the client's HTTP rate
 * limit budget (a JSON 429 for the connection, `RATE_LIMITED` for the
 * subscribe), at most `maxActive` subscriptions in all and
 * `MAX_SUBSCRIPTIONS_PER_CONNECTION` per connection (`SERVER_BUSY` past either).
 */
export function startLiveServer(params: LiveServerParameters): LiveServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: params.maxPayloadBytes })
  params.httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy())
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== params.path) {
      return refuseUpgrade(socket, 404, { message: `Not found. The GraphQL endpoint is ${params.path}.`, extensions: { code: PublicErrorCode.BAD_REQUEST } })
    }
    params.spendBudget(request).then(
      (refused) => {
        if (refused) return refuseUpgrade(socket, 429, { message: refused.shortMessage, extensions: { code: PublicErrorCode.RATE_LIMITED } }, { 'retry-after': String(refused.retryAfterSeconds) })
        wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
      },
      () => socket.destroy(),
    )
  })
  const rules = [...specifiedRules, ...params.rules, ...(params.introspection ? [] : [NoSchemaIntrospectionCustomRule])]
  const held = new Map<WebSocket, Set<string>>()
  let total = 0
  const release = (socket: WebSocket, id: string) => {
    if (held.get(socket)?.delete(id)) total -= 1
  }
  const publicErrors = (errors: readonly GraphQLError[]) => errors.map((e) => formatError(e.toJSON(), e))

  const cleanup = useServer<Record<string, unknown> | undefined, { socket: WebSocket; request: IncomingMessage }>(
    {
      schema: params.schema,
      onSubscribe: async (ctx, id, payload) => {
        const refused = await params.spendBudget(ctx.extra.request)
        if (refused) return [new GraphQLError(refused.shortMessage, { originalError: refused })]
        const socket = ctx.extra.socket
        const ids = held.get(socket) ?? new Set<string>()
        if (total >= params.maxActive || ids.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
          const limit = total >= params.maxActive ? new SubscriptionLimitError(params.maxActive, 'server') : new SubscriptionLimitError(MAX_SUBSCRIPTIONS_PER_CONNECTION, 'connection')
          return [new GraphQLError(limit.shortMessage, { originalError: limit })]
        }
        let document: DocumentNode
        try {
          document = parse(payload.query, params.maxTokens === null ? {} : { maxTokens: params.maxTokens })
        } catch (error) {
          const message = error instanceof GraphQLError ? error.message : 'The query could not be parsed.'
          return [new GraphQLError(message, { extensions: { code: PublicErrorCode.GRAPHQL_PARSE_FAILED } })]
        }
        const operation = getOperationAST(document, payload.operationName ?? undefined)?.operation
        if (operation !== undefined && operation !== 'subscription') {
          return [new GraphQLError(`WebSocket serves subscriptions only; send a ${operation} as an HTTP POST to ${params.path}.`, { extensions: { code: PublicErrorCode.BAD_REQUEST } })]
        }
        const errors = validate(params.schema, document, rules)
        if (errors.length > 0) {
          return errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { ...e.extensions, code: PublicErrorCode.GRAPHQL_VALIDATION_FAILED } }))
        }
        ids.add(id)
        held.set(socket, ids)
        total += 1
        return {
          schema: params.schema,
          document,
          variableValues: payload.variables ?? null,
          operationName: payload.operationName ?? null,
          contextValue: params.context,
        }
      },
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: publicErrors(result.errors) } : undefined),
      onError: (_ctx, _id, _payload, errors) => publicErrors(errors),
      onComplete: (ctx, id) => release(ctx.extra.socket, id),
      onClose: (ctx) => {
        const ids = held.get(ctx.extra.socket)
        if (ids) total -= ids.size
        held.delete(ctx.extra.socket)
      },
    },
    wss,
  )
  return {
    active: () => total,
    dispose: async () => {
      await cleanup.dispose()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
    },
  }
}

/** Answers an upgrade request with a JSON error in the GraphQL error shape instead of a WebSocket, and closes the socket. */
function refuseUpgrade(socket: Duplex, status: number, error: { message: string; extensions: { code: string } }, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ errors: [error] })
  const head = Object.entries({ 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), connection: 'close', ...headers })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n${body}`)
}
