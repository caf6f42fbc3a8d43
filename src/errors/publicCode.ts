import { BaseError } from './BaseError.js'
import * as errors from './index.js'

/**
 * Public codes of xmargin's own errors: what a client sees in
 * `extensions.code`, and in data where a venue or chain answers an error.
 * This is the one table from error classes to codes (the GraphQL layer adds
 * only the codes of its own request-level errors).
 */
export const XmarginErrorCode = {
  /** An argument is wrong (bad address, unknown chain id, out-of-range value). */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** A chain's node failed, timed out or answered something unusable. Retry later. */
  CHAIN_UNAVAILABLE: 'CHAIN_UNAVAILABLE',
  /** A deployment runs a protocol version this server does not read exactly. */
  UNSUPPORTED_PROTOCOL_VERSION: 'UNSUPPORTED_PROTOCOL_VERSION',
  /** A protocol's index of a chain's markets has not caught up: positions in markets not indexed yet are missing from the answer. Retry later. */
  MARKET_INDEX_INCOMPLETE: 'MARKET_INDEX_INCOMPLETE',
  /** A request asks for more work than the server allows (Monte Carlo paths × steps × positions). Ask for less. */
  COST_LIMIT_EXCEEDED: 'COST_LIMIT_EXCEEDED',
  /** The server's simulation capacity is taken. Retry shortly. */
  SERVER_BUSY: 'SERVER_BUSY',
  /** Anything unexpected. The message is generic; details are only logged. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const

export type XmarginErrorCode = (typeof XmarginErrorCode)[keyof typeof XmarginErrorCode]

/** Message of every internal failure shown to a user. */
export const INTERNAL_FAILURE_MESSAGE = 'Internal server error. The failure was logged; retry later or report it.'

type ErrorExports = typeof errors
/** The name of every error class `src/errors/index.ts` exports, BaseError aside. */
type XmarginErrorClassName = {
  [K in keyof ErrorExports]: ErrorExports[K] extends abstract new (...args: never[]) => BaseError
    ? K extends 'BaseError'
      ? never
      : K
    : never
}[keyof ErrorExports]

/**
 * Public code of each error class. Typed over every class `index.ts`
 * exports, so adding an error class fails to compile until it is mapped here.
 */
const CODE_BY_ERROR_CLASS: { readonly [K in XmarginErrorClassName]: XmarginErrorCode } = {
  InvalidAddressError: XmarginErrorCode.BAD_USER_INPUT,
  UnknownChainError: XmarginErrorCode.BAD_USER_INPUT,
  InvalidArgumentError: XmarginErrorCode.BAD_USER_INPUT,
  ChainUnavailableError: XmarginErrorCode.CHAIN_UNAVAILABLE,
  BlockUnavailableError: XmarginErrorCode.CHAIN_UNAVAILABLE,
  UnsupportedProtocolVersionError: XmarginErrorCode.UNSUPPORTED_PROTOCOL_VERSION,
  // Boot-time and devnet failures: never the user's fault, never public.
  VenueApiUnavailableError: XmarginErrorCode.CHAIN_UNAVAILABLE,
  LinkedAccountNotFoundError: XmarginErrorCode.BAD_USER_INPUT,
  // a venue's price source or values are unusable for now (protocols subclass it)
  VenueDataUnavailableError: XmarginErrorCode.CHAIN_UNAVAILABLE,
  // values read together that do not fit together: internal (protocols subclass it)
  InconsistentReadError: XmarginErrorCode.INTERNAL_SERVER_ERROR,
  MarketIndexIncompleteError: XmarginErrorCode.MARKET_INDEX_INCOMPLETE,
  // a misconfigured endpoint: that chain's data is unavailable
  WrongChainIdError: XmarginErrorCode.CHAIN_UNAVAILABLE,
  CostLimitExceededError: XmarginErrorCode.COST_LIMIT_EXCEEDED,
  ServerBusyError: XmarginErrorCode.SERVER_BUSY,
  SubscriptionLimitError: XmarginErrorCode.SERVER_BUSY,
  ConfigError: XmarginErrorCode.INTERNAL_SERVER_ERROR,
  InternalInvariantError: XmarginErrorCode.INTERNAL_SERVER_ERROR,
  DevnetError: XmarginErrorCode.INTERNAL_SERVER_ERROR,
}

const ERROR_CLASS_NAMES = Object.keys(CODE_BY_ERROR_CLASS) as XmarginErrorClassName[]

/** Public code of an xmargin error; INTERNAL_SERVER_ERROR for anything unmapped. */
export function codeOfXmarginError(error: BaseError): XmarginErrorCode {
  for (const name of ERROR_CLASS_NAMES) {
    if (error instanceof errors[name]) return CODE_BY_ERROR_CLASS[name]
  }
  return XmarginErrorCode.INTERNAL_SERVER_ERROR
}

/**
 * What a venue or chain shows instead of data: a public code and a message
 * safe to return (an xmargin error's shortMessage; never a stack, RPC URL or
 * path; a generic message for anything internal).
 */
export function toVenueError(error: unknown): { code: XmarginErrorCode; message: string } {
  if (!(error instanceof BaseError)) return { code: XmarginErrorCode.INTERNAL_SERVER_ERROR, message: INTERNAL_FAILURE_MESSAGE }
  const code = codeOfXmarginError(error)
  return { code, message: code === XmarginErrorCode.INTERNAL_SERVER_ERROR ? INTERNAL_FAILURE_MESSAGE : error.shortMessage }
}
