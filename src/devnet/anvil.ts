import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { DevnetError } from '../errors/index.js'

/** One running anvil node. */
export type AnvilNode = {
  readonly chainId: number
  readonly port: number
  readonly rpcUrl: string
  readonly process: ChildProcess
  /** Stops the node and resolves once its process has exited. */
  stop(): Promise<void>
}

export type StartAnvilParameters = {
  chainId: number
  port: number
  /** Path of an `anvil_dumpState` file to start from. */
  loadStatePath?: string
  /** Block gas limit; the default leaves room for Aave's initReserves batches. */
  gasLimit?: bigint
  /**
   * Where anvil keeps the historical states it moves out of memory
   * (`--cache-path`); emptied at start. Default: anvil's own temp directory,
   * which a killed node leaves behind.
   */
  cacheDir?: string
}

/**
 * Historical states anvil keeps on disk beyond those in memory: enough for
 * reads pinned at recent blocks, bounded so long runs (benchmarks, soaks) do
 * not fill the disk (unbounded, one soak left over 1 GB per node).
 */
export const ANVIL_MAX_PERSISTED_STATES = 64

/**
 * Path of the anvil binary: the one the npm package
 * `@foundry-rs/anvil-<platform>-<arch>` ships at `bin/anvil` (an optional
 * dependency, installed where the registry has a build for this platform),
 * else `anvil` on PATH (e.g. from foundryup). Spawning the binary itself, not
 * a Node launcher, makes the child's pid anvil's own.
 */
export function anvilBinaryPath(): string {
  const require = createRequire(import.meta.url)
  const arch = process.arch === 'x64' ? 'amd64' : process.arch
  const platformPackage = `@foundry-rs/anvil-${process.platform}-${arch}`
  try {
    return path.join(path.dirname(require.resolve(`${platformPackage}/package.json`)), 'bin', 'anvil')
  } catch {
    return 'anvil'
  }
}

/**
 * Starts anvil on 127.0.0.1 and resolves once it answers JSON-RPC.
 * @throws DevnetError when the port is taken or anvil exits early.
 */
export async function startAnvil(params: StartAnvilParameters): Promise<AnvilNode> {
  const args = [
    '--host',
    '127.0.0.1',
    '--port',
    String(params.port),
    '--chain-id',
    String(params.chainId),
    '--gas-limit',
    String(params.gasLimit ?? 100_000_000n),
    '--code-size-limit',
    '49152',
    '--silent',
    '--max-persisted-states',
    String(ANVIL_MAX_PERSISTED_STATES),
  ]
  if (params.loadStatePath) args.push('--load-state', params.loadStatePath)
  if (params.cacheDir) {
    rmSync(params.cacheDir, { recursive: true, force: true })
    mkdirSync(params.cacheDir, { recursive: true })
    args.push('--cache-path', params.cacheDir)
  }
  const binary = anvilBinaryPath()
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] })
  const spawnFailed = new Promise<Error>((resolve) => child.once('error', resolve))
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const rpcUrl = `http://127.0.0.1:${params.port}`
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const node: AnvilNode = {
    chainId: params.chainId,
    port: params.port,
    rpcUrl,
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 2_000)
      await exited
      clearTimeout(timer)
    },
  }
  const notFound = await Promise.race([spawnFailed, new Promise<null>((r) => setTimeout(() => r(null), 20))])
  if (notFound) {
    throw new DevnetError(
      `anvil could not be started (${binary}): install @foundry-rs/anvil-${process.platform}-* from npm or put anvil on PATH.`,
      { cause: notFound },
    )
  }
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new DevnetError(`anvil for chain ${params.chainId} exited on start (port ${params.port} in use?).`, {
        details: stderr,
      })
    }
    if (await answersChainId(rpcUrl, params.chainId)) return node
    await new Promise((r) => setTimeout(r, 50))
  }
  await node.stop()
  throw new DevnetError(`anvil for chain ${params.chainId} did not answer on port ${params.port} within 15 s.`, {
    details: stderr,
  })
}

async function answersChainId(rpcUrl: string, chainId: number): Promise<boolean> {
  try {
    const res = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
    })
    const body = (await res.json()) as { result?: string }
    return body.result !== undefined && Number(body.result) === chainId
  } catch {
    return false
  }
}
