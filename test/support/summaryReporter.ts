import type { Reporter, TestModule } from 'vitest/node'

/**
 * Prints one closing line, `tests: N passed, N failed, N skipped`, so any
 * harness that reads plain summaries (CI) can count without knowing vitest.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0
    let failed = 0
    let skipped = 0
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const state = t.result().state
        if (state === 'passed') passed += 1
        else if (state === 'failed') failed += 1
        else skipped += 1
      }
      if (m.state() === 'failed' && [...m.children.allTests()].length === 0) failed += 1
    }
    console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
  }
}
