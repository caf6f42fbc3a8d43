import { BaseError } from './BaseError.js'
import {
  ChainUnavailableError,
  InvalidAddressError,
  InvalidArgumentError,
  UnknownChainError,
  UnsupportedProtocolVersionError,
} from './index.js'

/** Public error codes a venue or chain can carry in data (a subset of the GraphQL `extensions.code` contract). */
export type VenueErrorCode = 'CHAIN_UNAVAILABLE' | 'UNSUPPORTED_PROTOCOL_VERSION' | 'BAD_USER_INPUT' | 'INTERNAL_SERVER_ERROR'

/** Message of every internal failure shown to a user. */
export const INTERNAL_FAILURE_MESSAGE = 'Internal server error. The failure was logged; retry later or report it.'

/**
 * Maps an error caught while reading a venue to what the answer shows: a
 * public code and a message safe to return (no stack, RPC URL or path).
 */
export function toVenueError(error: unknown): { code: VenueErrorCode; message: string } {
  if (error instanceof ChainUnavailableError) return { code: 'CHAIN_UNAVAILABLE', message: error.shortMessage }
  if (error instanceof UnsupportedProtocolVersionError) return { code: 'UNSUPPORTED_PROTOCOL_VERSION', message: error.shortMessage }
  if (error instanceof InvalidAddressError || error instanceof UnknownChainError || error instanceof InvalidArgumentError) {
    return { code: 'BAD_USER_INPUT', message: error.shortMessage }
  }
  if (error instanceof BaseError) return { code: 'INTERNAL_SERVER_ERROR', message: INTERNAL_FAILURE_MESSAGE }
  return { code: 'INTERNAL_SERVER_ERROR', message: INTERNAL_FAILURE_MESSAGE }
}
