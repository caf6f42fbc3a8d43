import { runMonteCarlo, type MonteCarloStatistics, type MonteCarloTask } from '../../risk/monteCarlo/runMonteCarlo.js'

/** What a Monte Carlo worker thread runs for one task: the pure engine, off the event loop. */
export function runMonteCarloTask(task: MonteCarloTask): MonteCarloStatistics {
  return runMonteCarlo(task)
}
