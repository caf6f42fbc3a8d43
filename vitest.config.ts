import { defineConfig } from 'vitest/config'

/**
 * Pure unit tests live beside the code (src/**\/*.test.ts); tests that touch
 * real contracts or the HTTP server live in test/. One devnet (started by the
 * global setup on its own ports) serves every file, so files run in series:
 * snapshots and reverts on a shared node would clobber each other in parallel.
 */
export default defineConfig({
  // graphql ships both CJS (main) and ESM (module) builds: Node loads the CJS
  // one for every dependency (Apollo, graphql-tools, graphql-ws), so tests must
  // too, or a schema built by one realm fails `instanceof` in the other.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/support/summaryReporter.ts'],
  },
})
