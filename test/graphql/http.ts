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
