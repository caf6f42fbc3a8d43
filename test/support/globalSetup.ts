import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { startDevnet, type DevnetHandle } from '../../src/devnet/startDevnet.js'
import { DevnetError } from '../../src/errors/index.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the test devnet's manifest. */
    devnetManifestPath: string
    /** Path of the test devnet's chain list file (CHAINS_FILE). */
    devnetChainsFile: string
  }
}

/** First ports tried for the test devnet: apart from `npm start`'s 8545–8555 so both can run at once. */
export const TEST_DEVNET_BASE_PORT = Number(process.env.TEST_DEVNET_BASE_PORT ?? 28545)

let devnet: DevnetHandle | undefined

/**
 * Starts one devnet for the whole run (deployed once per code version, then
 * reloaded). When another run holds the ports, the next block of ports is
 * tried; each block keeps its own manifest and saved state.
 */
export async function setup(project: TestProject) {
  let lastError: unknown
  for (let attempt = 0; attempt < 8; attempt++) {
    const basePort = TEST_DEVNET_BASE_PORT + attempt * 100
    try {
      devnet = await startDevnet({ basePort, dir: path.resolve('.devnet', `test-${basePort}`), log: (line) => console.log(line) })
      project.provide('devnetManifestPath', devnet.manifestPath)
      project.provide('devnetChainsFile', devnet.chainsFile)
      return
    } catch (error) {
      lastError = error
      if (!(error instanceof DevnetError) || !/in use|EADDRINUSE|did not answer|exited on start/i.test(`${error.shortMessage} ${String(error.cause)}`)) throw error
    }
  }
  throw lastError
}

export async function teardown() {
  await devnet?.stop()
}
