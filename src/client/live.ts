/**
 * Live health over WebSocket (`graphql-ws`, protocol `graphql-transport-ws`):
 * the typed `WatchHealth` subscription. See `Subscription.health` in
 * `schema/subscription.graphql` for when messages are pushed.
 */
import { createClient, type Client } from 'graphql-ws'
import { print } from 'graphql'
import { WatchHealthDocument, type WatchHealthSubscription, type WatchHealthSubscriptionVariables } from './generated/operations.js'
import { XmarginClientError } from './index.js'

/** One message of `WatchHealth`. */
export type HealthUpdateView = WatchHealthSubscription['health']

export type WatchHealthOptions = {
  /**
   * The server's GraphQL URL. `http(s)://…/graphql` is turned into
   * `ws(s)://…/graphql`.
   */
  readonly endpoint: string
  /** A WebSocket implementation; the global one by default (browsers, Node ≥ 22). On Node 20 pass `ws`'s `WebSocket`. */
  readonly webSocketImpl?: unknown
  /** Called for each message. */
  readonly onUpdate: (update: HealthUpdateView) => void
  /** Called once when the subscription fails for good (the server rejected it, or the socket closed and could not reconnect); never for a normal `stop()`. */
  readonly onError?: ((error: XmarginClientError) => void) | undefined
  /** Reconnect attempts after an unexpected close (graphql-ws's exponential back-off). Default 5. */
  readonly retryAttempts?: number | undefined
}

/** A running subscription. */
export type HealthWatch = {
  /** Ends the subscription and closes the socket. */
  stop(): Promise<void>
}

/** `http://h/graphql` → `ws://h/graphql` (already-ws URLs unchanged). */
export function webSocketUrlOf(endpoint: string): string {
  const url = new URL(endpoint)
  if (url.protocol === 'http:') url.protocol = 'ws:'
  else if (url.protocol === 'https:') url.protocol = 'wss:'
  return url.toString()
}

/**
 * Subscribes to `Subscription.health` for one wallet.
 * Errors reach `onError` as `XmarginClientError` with the server's code
 * (e.g. `BAD_USER_INPUT`) or `NETWORK_ERROR`.
 */
export function watchHealth(variables: WatchHealthSubscriptionVariables, options: WatchHealthOptions): HealthWatch {
  let stopped = false
  const client: Client = createClient({
    url: webSocketUrlOf(options.endpoint),
    ...(options.webSocketImpl === undefined ? {} : { webSocketImpl: options.webSocketImpl }),
    retryAttempts: options.retryAttempts ?? 5,
    shouldRetry: () => !stopped,
    lazy: true,
  })
  const fail = (error: XmarginClientError) => {
    if (!stopped) options.onError?.(error)
  }
  const unsubscribe = client.subscribe<WatchHealthSubscription>(
    { query: print(WatchHealthDocument), variables: variables as Record<string, unknown> },
    {
      next: (message) => {
        if (message.errors?.length) {
          const first = message.errors[0]
          const code = first?.extensions?.['code']
          fail(new XmarginClientError(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR', first?.message ?? 'Subscription error'))
          return
        }
        if (message.data) options.onUpdate(message.data.health)
      },
      error: (error: unknown) => fail(subscriptionErrorOf(error)),
      complete: () => undefined,
    },
  )
  return {
    stop: async () => {
      stopped = true
      unsubscribe()
      await client.dispose()
    },
  }
}

/** graphql-ws reports GraphQL errors as an array, socket failures as a CloseEvent or Error. */
function subscriptionErrorOf(error: unknown): XmarginClientError {
  if (Array.isArray(error) && error.length > 0) {
    const first = error[0] as { message?: string; extensions?: Record<string, unknown> }
    const code = first.extensions?.['code']
    return new XmarginClientError(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR', first.message ?? 'Subscription rejected')
  }
  if (error instanceof Error) return new XmarginClientError('NETWORK_ERROR', `Subscription connection failed: ${error.message}`, undefined, { cause: error })
  const close = error as { code?: number; reason?: string }
  return new XmarginClientError('NETWORK_ERROR', `Subscription socket closed${close.code ? ` (${close.code}${close.reason ? ` ${close.reason}` : ''})` : ''}.`)
}
