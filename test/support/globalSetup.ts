import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { startDevnet, type DevnetHandle } from '../../src/devnet/startDevnet.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the test devnet's manifest. */
    devnetManifestPath: string
  }
}

/** Ports of the test devnet: apart from `npm start`'s 8545–8547 so both can run at once. */
export const TEST_DEVNET_BASE_PORT = 28545

let devnet: DevnetHandle | undefined

/** Starts one devnet for the whole run (deployed once per code version, then reloaded). */
export async function setup(project: TestProject) {
  devnet = await startDevnet({
    basePort: TEST_DEVNET_BASE_PORT,
    dir: path.resolve('.devnet', 'test'),
    log: (line) => console.log(line),
  })
  project.provide('devnetManifestPath', devnet.manifestPath)
}

export async function teardown() {
  await devnet?.stop()
}
