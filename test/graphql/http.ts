import { request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { expect } from 'vitest'

export type HttpAnswer = {
  readonly status: number
  readonly contentType: string | null
  readonly text: string
  /** The parsed body; throws in the test if it is not JSON. */
  readonly json: {
    data?: Record<string, unknown> | null
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[]
  }
}

/** POSTs a GraphQL request (or a raw body) the way a client does. */
export async function postGraphql(
  url: string,
  request: { query: string; variables?: Record<string, unknown> } | { raw: string; contentType?: string },
  signal?: AbortSignal,
): Promise<HttpAnswer> {
  const isRaw = 'raw' in request
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': isRaw ? (request.contentType ?? 'application/json') : 'application/json' },
    body: isRaw ? request.raw : JSON.stringify(request),
    ...(signal ? { signal } : {}),
  })
  return toAnswer(response)
}

/** A GraphQL POST held open by the client: the server has the request, but not yet its body. */
export type HeldGraphqlRequest = {
  /** Settles when the server answers `100 Continue`: it has parsed the request and is handling it. */
  readonly received: Promise<void>
  /** Sends the body; resolves with the answer and its `connection` header. */
  send(): Promise<{ answer: HttpAnswer; connection: string | undefined }>
}

/**
 * POSTs a GraphQL request in two steps, so a test knows it is in flight without
 * timing it: the headers go out with `Expect: 100-continue` and the body only on
 * `send()`. Until then the server holds the request and cannot answer it.
 */
export function postGraphqlHeld(url: string, request: { query: string; variables?: Record<string, unknown> }): HeldGraphqlRequest {
  const body = JSON.stringify(request)
  const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue' } })
  const received = new Promise<void>((resolve, reject) => {
    req.once('continue', () => resolve())
    req.once('error', reject)
  })
  const answered = new Promise<{ answer: HttpAnswer; connection: string | undefined }>((resolve, reject) => {
    req.once('error', reject)
    req.once('response', (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.once('error', reject)
      res.once('end', () => {
        const headers: Record<string, string> = res.headers['content-type'] === undefined ? {} : { 'content-type': res.headers['content-type'] }
        toAnswer(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0, headers })).then((answer) => resolve({ answer, connection: res.headers.connection }), reject)
      })
    })
  })
  // a failure surfaces where the test awaits, not as an unhandled rejection before it does
  received.catch(() => undefined)
  answered.catch(() => undefined)
  req.flushHeaders()
  return {
    received,
    send: () => {
      req.end(body)
      return answered
    },
  }
}

/** Whether a new TCP connection to the server of `url` is refused (ECONNREFUSED: nothing listens on its port); any other outcome is false. */
export function refusesConnections(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) })
    socket.once('connect', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'))
  })
}

export async function toAnswer(response: Response): Promise<HttpAnswer> {
  const text = await response.text()
  let parsed: HttpAnswer['json'] | undefined
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    text,
    get json() {
      parsed ??= JSON.parse(text) as HttpAnswer['json']
      return parsed
    },
  }
}

/** Nothing internal in a response body: no stack, no URL, no server path. */
export function expectNoInternals(text: string): void {
  expect(text).not.toMatch(/stacktrace/i)
  expect(text).not.toMatch(/\bat .+:\d+:\d+/) // a stack frame
  expect(text).not.toContain('http://')
  expect(text).not.toContain('https://')
  expect(text).not.toContain('/work/')
  expect(text).not.toContain('node_modules')
  expect(text).not.toMatch(/<html/i)
}
