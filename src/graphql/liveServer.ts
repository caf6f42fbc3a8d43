import type { Server } from 'node:http'
import { GraphQLError, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql'
import { WebSocketServer, type WebSocket } from 'ws'
import { useServer } from 'graphql-ws/use/ws'
import type { GraphqlContext } from './context.js'
import { formatError, PublicErrorCode } from './errorCodes.js'
import { SubscriptionLimitError } from '../errors/index.js'

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
}

export type LiveServer = {
  /** Subscriptions held now. */
  readonly active: () => number
  /** Closes every connection (subscriptions end) and the WebSocket server. */
  dispose(): Promise<void>
}

/**
 * GraphQL over WebSocket (`graphql-ws`, protocol `graphql-transport-ws`) on
 * the GraphQL path: subscriptions, validated by the same rules and limits as
 * HTTP requests, with errors in the same public shape (`formatError`).
 * Bounded: at most `maxActive` subscriptions in all and
 * `MAX_SUBSCRIPTIONS_PER_CONNECTION` per connection (`SERVER_BUSY` past either).
 */
export function startLiveServer(params: LiveServerParameters): LiveServer {
  const wss = new WebSocketServer({ server: params.httpServer, path: params.path, maxPayload: params.maxPayloadBytes })
  const rules = [...specifiedRules, ...params.rules, ...(params.introspection ? [] : [NoSchemaIntrospectionCustomRule])]
  const held = new Map<WebSocket, Set<string>>()
  let total = 0
  const release = (socket: WebSocket, id: string) => {
    if (held.get(socket)?.delete(id)) total -= 1
  }
  const publicErrors = (errors: readonly GraphQLError[]) => errors.map((e) => formatError(e.toJSON(), e))

  const cleanup = useServer<Record<string, unknown> | undefined, { socket: WebSocket }>(
    {
      schema: params.schema,
      onSubscribe: (ctx, id, payload) => {
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
