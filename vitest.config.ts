import { defineConfig } from 'vitest/config'

/**
 * Pure unit tests live beside the code (src/**\/*.test.ts); tests that touch
 * real contracts or the HTTP server live in test/. One devnet (started by the
 * global setup on its own ports) serves every file, so files run in series:
 * snapshots and reverts on a shared node would clobber each other in parallel.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/support/summaryReporter.ts'],
  },
})
