import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../../src/app/runServer.js'
import { loadConfig } from '../../src/config/loadConfig.js'
import { requestContext } from '../../src/observability/requestContext.js'

/** A stream that keeps what is written and says whether it is a terminal. */
function output(isTTY: boolean): Writable & { isTTY: boolean; text: () => string } {
  const chunks: string[] = []
  return Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString())
        done()
      },
    }),
    { isTTY, text: () => chunks.join('') },
  )
}

describe('the process logger', () => {
  const config = loadConfig({ HYPERLIQUID_INFO_URL: 'off', LOG_LEVEL: 'info' })

  it('writes JSON lines when its output is not a terminal (CI, pipes, files)', () => {
    const out = output(false)
    requestContext.run({ reqId: 'trace-1' }, () => createLogger(config, out).info({ chainId: 1 }, 'chain read'))
    expect(JSON.parse(out.text())).toMatchObject({ level: 30, service: 'xmargin', reqId: 'trace-1', chainId: 1, msg: 'chain read' })
  })

  it('writes readable lines in a terminal, the request id kept', () => {
    const out = output(true)
    requestContext.run({ reqId: 'trace-2' }, () => createLogger(config, out).info({ chainId: 1 }, 'chain read'))
    const text = out.text()
    expect(() => JSON.parse(text)).toThrow()
    expect(text).toMatch(/INFO.*chain read/)
    expect(text).toContain('reqId: "trace-2"')
    expect(text).not.toContain('"level"')
  })
})
