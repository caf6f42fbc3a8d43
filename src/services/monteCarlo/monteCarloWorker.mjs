// Entry point of a Monte Carlo worker thread (piscina loads it in each thread).
import { readlinkSync } from 'node:fs'
import { constants, setPriority } from 'node:os'
import { tsImport } from 'tsx/esm/api'

// Simulations are batch work: on Linux, where a thread has its own id, lower
// this thread's priority so the event loop answering light queries (and the
// nodes it reads) come first. Elsewhere, or when refused, it runs as is.
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop())
  if (Number.isInteger(tid) && tid > 0) setPriority(tid, constants.priority.PRIORITY_BELOW_NORMAL)
} catch {
  // not Linux, or not allowed: normal priority
}

// The engine is TypeScript: tsx's API loads it whether or not the thread
// inherited tsx's loader from the process that started it.
const { runMonteCarloTask } = await tsImport('./monteCarloWorker.ts', import.meta.url)

export default runMonteCarloTask
