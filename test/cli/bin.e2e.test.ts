import { execFile } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import pino from 'pino'
import { runServer } from '../../src/app/runServer.js'
import { loadConfig } from '../../src/config/loadConfig.js'
import type { DevnetManifest } from '../../src/devnet/manifest.js'
import type { GraphqlServer } from '../../src/graphql/createServer.js'
import type { PortfolioView } from '../../src/client/index.js'
import { testManifest } from '../support/devnet.js'

const run = promisify(execFile)
const ROOT = new URL('../../', import.meta.url)
const BIN = fileURLToPath(new URL('bin/xmargin.js', ROOT))
const RECORD_MODULES = fileURLToPath(new URL('./support/recordModules.mjs', import.meta.url))

/** `node [nodeArgs] <bin> args`; never throws: the exit code and both streams. */
async function node(nodeArgs: string[], bin: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  // NODE_OPTIONS emptied: what is loaded is what the bin itself asks for
  const options = { env: { ...process.env, NO_COLOR: '1', NODE_OPTIONS: '', ...env }, timeout: 60_000 }
  try {
    const { stdout, stderr } = await run(process.execPath, [...nodeArgs, bin, ...args], options)
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string }
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }
  }
}

/** Runs the bin with every module it loads recorded (test/cli/support/recordModules.mjs); the URLs, in load order. */
async function loadedBy(args: string[]): Promise<{ code: number; stdout: string; stderr: string; modules: string[] }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'xmargin-bin-'))
  try {
    const log = path.join(dir, 'modules.log')
    const r = await node(['--import', RECORD_MODULES], BIN, args, { XMARGIN_TEST_MODULE_LOG: log })
    const modules = (await readFile(log, 'utf8')).split('\n').filter((line) => line.length > 0)
    return { ...r, modules }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** A module that means TypeScript was compiled at run time: tsx itself, or any TypeScript file. */
function isTypeScriptAtRunTime(url: string): boolean {
  return url.includes('/node_modules/tsx/') || /\.[cm]?tsx?$/.test(new URL(url).pathname)
}

describe('bin/xmargin.js runs the compiled CLI', () => {
  let manifest: DevnetManifest
  let server: GraphqlServer

  beforeAll(async () => {
    manifest = await testManifest()
    server = await runServer(
      loadConfig({ CHAINS_FILE: inject('devnetChainsFile'), PORT: '0', HYPERLIQUID_INFO_URL: 'off', LIGHTER_API_URL: 'off', RATE_LIMIT_PER_MINUTE: '0' }),
      pino({ level: 'silent' }),
    )
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('answers portfolio --endpoint from dist/ alone: no tsx, no TypeScript, no source file', async () => {
    const r = await loadedBy(['portfolio', manifest.accounts.demo, '--json', '--endpoint', server.url])
    expect(r.code, r.stderr).toBe(0)
    expect((JSON.parse(r.stdout) as PortfolioView).owner).toBe(manifest.accounts.demo)
    const ours = r.modules.filter((url) => url.startsWith('file:') && !url.includes('/node_modules/'))
    expect(ours).toContain(new URL('dist/cli/main.js', ROOT).href)
    expect(ours).toContain(new URL('dist/client/index.js', ROOT).href)
    expect(ours.filter((url) => url.includes('/src/'))).toEqual([])
    expect(r.modules.filter(isTypeScriptAtRunTime)).toEqual([])
  })

  it('answers --help the same way', async () => {
    const r = await loadedBy(['--help'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('Usage: xmargin')
    expect(r.modules.filter(isTypeScriptAtRunTime)).toEqual([])
  })

  it('without dist/, says to run npm install instead of a stack trace', async () => {
    // a checkout with the bin but nothing built: the bin finds dist/ next to itself
    const dir = await mkdtemp(path.join(tmpdir(), 'xmargin-unbuilt-'))
    try {
      await mkdir(path.join(dir, 'bin'))
      await copyFile(BIN, path.join(dir, 'bin/xmargin.js'))
      const r = await node([], path.join(dir, 'bin/xmargin.js'), ['portfolio', manifest.accounts.demo, '--endpoint', server.url])
      expect(r.code).toBe(1)
      expect(r.stdout).toBe('')
      expect(r.stderr).toContain('the CLI is not built')
      expect(r.stderr).toContain('npm install')
      expect(r.stderr).not.toMatch(/^\s+at /m)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
