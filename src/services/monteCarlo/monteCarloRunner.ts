import { Piscina } from 'piscina'
import { ServerBusyError } from '../../errors/index.js'
import { compilePortfolioKernel } from '../../risk/kernel/compilePortfolioKernel.js'
import type { MonteCarloStatistics, MonteCarloTask } from '../../risk/monteCarlo/runMonteCarlo.js'

/** Where Monte Carlo tasks run. */
export interface MonteCarloRunner {
  /**
   * Runs one task; the statistics are those of `runMonteCarlo(task)`.
   * @throws ServerBusyError when every worker is busy and the queue is full.
   */
  run(task: MonteCarloTask): Promise<MonteCarloStatistics>
  /** Starts the workers ahead of the first task (optional; a first task starts them anyway). */
  warmUp(): Promise<void>
  /** Stops the workers; tasks already running finish first. */
  close(): Promise<void>
}

export type CreateWorkerMonteCarloRunnerParameters = {
  /** Worker threads (≥ 1). */
  readonly threads: number
  /** Tasks that may wait for a worker; one more is refused with ServerBusyError. */
  readonly maxQueue: number
}

/**
 * Runs tasks on a piscina pool of worker threads, so a large simulation never
 * blocks the event loop that answers other queries. The pool starts on first
 * use (or `warmUp`) and keeps its threads until `close`.
 */
export function createWorkerMonteCarloRunner(params: CreateWorkerMonteCarloRunnerParameters): MonteCarloRunner {
  let pool: Piscina<MonteCarloTask, MonteCarloStatistics> | null = null
  const poolOf = () =>
    (pool ??= new Piscina({
      filename: new URL('./monteCarloWorker.mjs', import.meta.url).href,
      minThreads: params.threads,
      maxThreads: params.threads,
      maxQueue: params.maxQueue,
      // threads live as long as the server
      idleTimeout: Number.POSITIVE_INFINITY,
    }))
  return {
    async run(task) {
      const p = poolOf()
      if (p.queueSize >= params.maxQueue) throw new ServerBusyError(p.queueSize)
      try {
        return await p.run(task)
      } catch (error) {
        if (error instanceof Error && error.message === 'Task queue is at limit') throw new ServerBusyError(p.queueSize)
        throw error
      }
    },
    async warmUp() {
      const p = poolOf()
      // a tiny task loads the engine (tsx compiles it once per thread)
      await Promise.all(Array.from({ length: p.threads.length || params.threads }, () => p.run(WARM_UP_TASK)))
    },
    async close() {
      if (pool) await pool.destroy()
      pool = null
    },
  }
}

/** A one-path run over an empty wallet. */
const WARM_UP_TASK: MonteCarloTask = {
  compiled: compilePortfolioKernel([]),
  factors: [],
  factorIndexes: [],
  annualizedVols: [],
  correlationCholesky: [],
  horizonDays: 1,
  steps: 1,
  paths: 1,
  confidence: 0.99,
  seed: 1,
  degreesOfFreedom: null,
  optionLegs: [],
}
