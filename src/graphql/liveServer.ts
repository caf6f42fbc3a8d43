import type { FastifyRequest } from 'fastify'
import type { WebSocket } from 'ws'
import { getOperationAST, GraphQLError, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql'
import { makeHandler } from 'graphql-ws/use/@fastify/websocket'
import type { WebsocketHandler } from '@fastify/websocket'
import type { GraphqlContext } from './context.js'
import { formatError, PublicErrorCode } from './errorCodes.js'
import { SubscriptionLimitError } from '../errors/index.js'
import type { RateLimitedError } from './clientRateLimit.js'

/** Subscriptions one WebSocket connection may hold at once. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 10

export type LiveServerParameters = {
  /** The GraphQL path (named in the error that sends queries to HTTP). */
  readonly path: string
  readonly schema: GraphQLSchema
  readonly context: GraphqlContext
  /** Validation rules besides graphql-js's own (the query limits; empty to measure without them). */
  readonly rules: readonly ValidationRule[]
  /** Parser token limit per document; null: none. */
  readonly maxTokens: number | null
  /** Refuse introspection (production). */
  readonly introspection: boolean
  /** Subscriptions held at once across connections before `SERVER_BUSY`. */
  readonly maxActive: number
  /** Spends one request of the client's rate-limit budget (the one HTTP requests spend) for a `subscribe`; the error once it is spent. */
  readonly spendBudget: (request: FastifyRequest) => Promise<RateLimitedError | null>
}

export type LiveServer = {
  /** Subscriptions held now. */
  readonly active: () => number
  /** The `wsHandler` of the GraphQL route (@fastify/websocket): its upgrades become graphql-ws connections. */
  readonly handler: WebsocketHandler
}

/**
 * GraphQL over WebSocket (`graphql-ws`, protocol `graphql-transport-ws`) on
 * the GraphQL route: subscriptions only (a query or mutation is refused with
 * `BAD_REQUEST`: those go over HTTP), validated by the same rules and limits
 * as HTTP requests, with errors in the same public shape (`formatError`).
 * Bounded: each `subscribe` spends the client's HTTP rate-limit budget
 * (`RATE_LIMITED` once spent; the upgrade itself is an HTTP request of the
 * route, limited like one), at most `maxActive` subscriptions in all and
 * `MAX_SUBSCRIPTIONS_PER_CONNECTION` per connection (`SERVER_BUSY` past either).
 */
export function createLiveServer(params: LiveServerParameters): LiveServer {
  const rules = [...specifiedRules, ...params.rules, ...(params.introspection ? [] : [NoSchemaIntrospectionCustomRule])]
  const held = new Map<WebSocket, Set<string>>()
  let total = 0
  const release = (socket: WebSocket, id: string) => {
    if (held.get(socket)?.delete(id)) total -= 1
  }
  const publicErrors = (errors: readonly GraphQLError[]) => errors.map((e) => formatError(e.toJSON(), e))

  const handler = makeHandler<Record<string, unknown> | undefined>({
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
  })
  return { active: () => total, handler }
}
