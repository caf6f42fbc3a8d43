import { ApolloServerErrorCode } from '@apollo/server/errors'
import type { GraphQLFormattedError } from 'graphql'
import { BaseError } from '../errors/index.js'
import { codeOfXmarginError, INTERNAL_FAILURE_MESSAGE, XmarginErrorCode } from '../errors/publicCode.js'
import { InvalidScalarValueError, ScalarSerializationError } from './scalars.js'
import { RateLimitedError } from './clientRateLimit.js'

/**
 * The public error contract: every error a client sees carries one of these in
 * `extensions.code` (and `ReadError.code` in data). Internal error classes stay
 * internal; this file is the one place that maps them.
 */
export const PublicErrorCode = {
  /** The request is well-formed GraphQL but an argument is wrong (bad address, unknown chain id, …). */
  BAD_USER_INPUT: XmarginErrorCode.BAD_USER_INPUT,
  /** A chain's node failed, timed out or answered something unusable. Retry later. */
  CHAIN_UNAVAILABLE: XmarginErrorCode.CHAIN_UNAVAILABLE,
  /** A deployment runs a protocol version this server does not read exactly. */
  UNSUPPORTED_PROTOCOL_VERSION: XmarginErrorCode.UNSUPPORTED_PROTOCOL_VERSION,
  /** A protocol's index of a chain's markets has not caught up: positions in markets not indexed yet are missing (in data, a venue's `error.code`). Retry later. */
  MARKET_INDEX_INCOMPLETE: XmarginErrorCode.MARKET_INDEX_INCOMPLETE,
  /** A request asks for more work than the server allows (Monte Carlo paths × steps × positions). Ask for less. */
  COST_LIMIT_EXCEEDED: XmarginErrorCode.COST_LIMIT_EXCEEDED,
  /** The server's simulation capacity is taken. Retry shortly. */
  SERVER_BUSY: XmarginErrorCode.SERVER_BUSY,
  /** The client sent more requests than its rate limit allows; `Retry-After` says when to retry (HTTP 429). */
  RATE_LIMITED: 'RATE_LIMITED',
  /** Anything unexpected. The message is generic; details are only logged. */
  INTERNAL_SERVER_ERROR: XmarginErrorCode.INTERNAL_SERVER_ERROR,
  /** Apollo's own codes for requests that never reach a resolver, kept as Apollo sends them. */
  GRAPHQL_PARSE_FAILED: ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  GRAPHQL_VALIDATION_FAILED: ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  BAD_REQUEST: ApolloServerErrorCode.BAD_REQUEST,
  PERSISTED_QUERY_NOT_FOUND: ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  PERSISTED_QUERY_NOT_SUPPORTED: ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  OPERATION_RESOLUTION_FAILURE: ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
} as const

export type PublicErrorCode = (typeof PublicErrorCode)[keyof typeof PublicErrorCode]

/** The message every `INTERNAL_SERVER_ERROR` carries, whatever went wrong. */
export const INTERNAL_ERROR_MESSAGE = INTERNAL_FAILURE_MESSAGE

/**
 * Thrown where a value the type system proved impossible turns up anyway (as
 * Apollo Server's `UnreachableCaseError`). `default: throw new UnreachableCaseError(x)`
 * makes a `switch` fail to compile when a case is added to `x`'s union.
 */
export class UnreachableCaseError extends BaseError {
  override name = 'UnreachableCaseError'
  constructor(value: never) {
    super(`Unreachable case: ${String(value)}`)
  }
}

/** Public code of an xmargin error; `INTERNAL_SERVER_ERROR` for anything not mapped. */
export function errorCodeOf(error: BaseError): PublicErrorCode {
  // GraphQL-layer classes first: they are not part of src/errors.
  if (error instanceof InvalidScalarValueError) return PublicErrorCode.BAD_USER_INPUT
  if (error instanceof ScalarSerializationError) return PublicErrorCode.INTERNAL_SERVER_ERROR
  if (error instanceof RateLimitedError) return PublicErrorCode.RATE_LIMITED
  return codeOfXmarginError(error)
}

/**
 * Codes Apollo assigns before any resolver runs (parse, validation, variable
 * coercion, HTTP-level problems). Their messages describe the request only and
 * are passed on, sanitized.
 */
const APOLLO_PASS_THROUGH_CODES: ReadonlySet<string> = new Set<PublicErrorCode>([
  PublicErrorCode.GRAPHQL_PARSE_FAILED,
  PublicErrorCode.GRAPHQL_VALIDATION_FAILED,
  PublicErrorCode.BAD_USER_INPUT,
  PublicErrorCode.BAD_REQUEST,
  PublicErrorCode.PERSISTED_QUERY_NOT_FOUND,
  PublicErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  PublicErrorCode.OPERATION_RESOLUTION_FAILURE,
])

/**
 * Apollo `formatError`: turns any error into the public contract
 * `{ message, locations?, path?, extensions: { code } }`. Never returns a stack,
 * an RPC URL, a server path or more than 64 characters of echoed input, whatever
 * `NODE_ENV` is: xmargin errors keep their `shortMessage` (safe by contract),
 * Apollo's request errors keep their message, anything else becomes
 * `INTERNAL_SERVER_ERROR` with a generic message.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const { code, xmarginError } = classify(error, formatted.extensions?.['code'])
  const message =
    xmarginError !== undefined
      ? publicMessageOf(code, xmarginError.shortMessage, formatted.message)
      : code === PublicErrorCode.INTERNAL_SERVER_ERROR
        ? INTERNAL_ERROR_MESSAGE
        : sanitizeMessage(formatted.message)
  return {
    message,
    ...(formatted.locations === undefined ? {} : { locations: formatted.locations }),
    ...(formatted.path === undefined ? {} : { path: formatted.path }),
    extensions: { code },
  }
}

/** True for errors `formatError` turns into `INTERNAL_SERVER_ERROR`: the ones worth logging in full. */
export function isUnexpectedError(error: unknown): boolean {
  return classify(error, asGraphQLError(error)?.extensions?.['code']).code === PublicErrorCode.INTERNAL_SERVER_ERROR
}

/**
 * The public code of an error: an xmargin error anywhere in the chain decides;
 * else Apollo's code when it is a request error with nothing foreign under it;
 * else `INTERNAL_SERVER_ERROR`.
 */
function classify(error: unknown, apolloCode: unknown): { code: PublicErrorCode; xmarginError?: BaseError } {
  const xmarginError = findXmarginError(error)
  if (xmarginError !== undefined) return { code: errorCodeOf(xmarginError), xmarginError }
  if (typeof apolloCode === 'string' && APOLLO_PASS_THROUGH_CODES.has(apolloCode) && !hasForeignCause(error)) {
    return { code: apolloCode as PublicErrorCode }
  }
  // Apollo refuses a few malformed requests with a 4xx and no code (a persisted-query hash that does not match its query, an unsupported persisted-query version): the client's mistake, not a failure
  if (isUncodedClientError(error) && !hasForeignCause(error)) return { code: PublicErrorCode.BAD_REQUEST }
  return { code: PublicErrorCode.INTERNAL_SERVER_ERROR }
}

/**
 * The message a client sees for an xmargin error. For a bad variable, graphql-js
 * prefixes the whole invalid value (unbounded); keep only the variable's name.
 */
function publicMessageOf(code: PublicErrorCode, shortMessage: string, graphqlMessage: string): string {
  switch (code) {
    case PublicErrorCode.INTERNAL_SERVER_ERROR:
      return INTERNAL_ERROR_MESSAGE
    case PublicErrorCode.BAD_USER_INPUT: {
      const variable = VARIABLE_PREFIX.exec(graphqlMessage)?.[1]
      return sanitizeMessage(variable === undefined ? shortMessage : `Variable "$${variable}": ${shortMessage}`)
    }
    case PublicErrorCode.CHAIN_UNAVAILABLE:
    case PublicErrorCode.UNSUPPORTED_PROTOCOL_VERSION:
    case PublicErrorCode.MARKET_INDEX_INCOMPLETE:
    case PublicErrorCode.COST_LIMIT_EXCEEDED:
    case PublicErrorCode.SERVER_BUSY:
    case PublicErrorCode.RATE_LIMITED:
    case PublicErrorCode.GRAPHQL_PARSE_FAILED:
    case PublicErrorCode.GRAPHQL_VALIDATION_FAILED:
    case PublicErrorCode.BAD_REQUEST:
    case PublicErrorCode.PERSISTED_QUERY_NOT_FOUND:
    case PublicErrorCode.PERSISTED_QUERY_NOT_SUPPORTED:
    case PublicErrorCode.OPERATION_RESOLUTION_FAILURE:
      return sanitizeMessage(shortMessage)
    default:
      throw new UnreachableCaseError(code)
  }
}

const VARIABLE_PREFIX = /^Variable "\$([_A-Za-z][_0-9A-Za-z]{0,63})"/

/** The first xmargin error in the chain of wrapped errors (GraphQL `originalError`, then `cause`). */
function findXmarginError(error: unknown): BaseError | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 8 && current !== undefined && current !== null; depth++) {
    if (current instanceof BaseError) return current
    current = asGraphQLError(current)?.originalError ?? (current instanceof Error ? current.cause : undefined)
  }
  return undefined
}

/** True when a non-GraphQL error (a bug, a library failure) sits under the GraphQL error. */
function hasForeignCause(error: unknown): boolean {
  let current: unknown = error
  for (let depth = 0; depth < 8; depth++) {
    const graphqlError = asGraphQLError(current)
    if (graphqlError === undefined) return current !== undefined && current !== null
    current = graphqlError.originalError
  }
  return true
}

/** True for a GraphQL error without a code on which Apollo set a 4xx HTTP status (`extensions.http.status`). */
function isUncodedClientError(error: unknown): boolean {
  const extensions = asGraphQLError(error)?.extensions
  const http = extensions?.['http'] as { readonly status?: unknown } | undefined
  return extensions?.['code'] === undefined && typeof http?.status === 'number' && http.status >= 400 && http.status < 500
}

type GraphQLErrorLike = { readonly originalError?: unknown; readonly extensions?: Readonly<Record<string, unknown>> }

/**
 * A GraphQLError, recognised by shape: `instanceof` is unreliable because
 * `graphql` can load twice (its CommonJS build for Apollo, its ESM build for
 * code bundled by Vite/vitest), each with its own GraphQLError class.
 */
function asGraphQLError(value: unknown): GraphQLErrorLike | undefined {
  if (!(value instanceof Error) || !('extensions' in value) || !('originalError' in value)) return undefined
  return value as GraphQLErrorLike
}

/** Longest message a client is sent. */
const MAX_MESSAGE_CHARS = 600
/** Longest quoted value kept inside a message (echoed user input). */
const MAX_QUOTED_CHARS = 64

/**
 * Defense in depth for messages that reach clients: cuts echoed values to 64
 * characters and removes anything that looks like a URL (RPC endpoints carry
 * API keys) or an absolute file path.
 */
export function sanitizeMessage(message: string): string {
  const cut = message
    .replace(/"((?:[^"\\]|\\.)*)"/g, (whole, inner: string) =>
      inner.length > MAX_QUOTED_CHARS ? `"${inner.slice(0, MAX_QUOTED_CHARS - 3)}..."` : whole,
    )
    .replace(/\b[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s"'<>]*/g, '<url>')
    .replace(/(^|[\s("'=:])(?:[A-Za-z]:)?(?:[/\\][\w.@+-]+){2,}[/\\]?/g, '$1<path>')
  return cut.length > MAX_MESSAGE_CHARS ? `${cut.slice(0, MAX_MESSAGE_CHARS - 3)}...` : cut
}
