/**
 * Root of every error xmargin throws on purpose (shape after viem's BaseError).
 * `shortMessage` is safe to show a user: it never holds an RPC URL, a stack or
 * a server path. `details` may hold internals and is only logged.
 */
export type BaseErrorParameters = {
  cause?: unknown
  details?: string
  metaMessages?: readonly string[]
}

export class BaseError extends Error {
  override name = 'XmarginError'
  readonly shortMessage: string
  readonly details: string | undefined
  readonly metaMessages: readonly string[]

  constructor(shortMessage: string, args: BaseErrorParameters = {}) {
    const metaMessages = args.metaMessages ?? []
    super([shortMessage, ...metaMessages].join('\n'), args.cause === undefined ? undefined : { cause: args.cause })
    this.shortMessage = shortMessage
    this.details = args.details
    this.metaMessages = metaMessages
  }
}
