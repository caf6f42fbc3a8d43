import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'

/** What every log line written while serving one request carries. */
export type RequestContext = { readonly reqId: string }

/** The request being served, across awaits (node:async_hooks). */
export const requestContext = new AsyncLocalStorage<RequestContext>()

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/

/** The caller's `x-request-id` when it is a short token, else a fresh UUID: never an arbitrary string in the logs. */
export function requestIdOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header
  return value !== undefined && CLIENT_REQUEST_ID.test(value) ? value : randomUUID()
}

/** Pino `mixin`: the current request's id on every line logged while serving it. */
export function requestLogFields(): Partial<RequestContext> {
  return requestContext.getStore() ?? {}
}
