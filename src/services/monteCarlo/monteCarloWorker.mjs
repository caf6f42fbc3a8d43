// Entry point of a Monte Carlo worker thread (piscina loads it in each thread).
// The engine is TypeScript: tsx's API loads it whether or not the thread
// inherited tsx's loader from the process that started it.
import { tsImport } from 'tsx/esm/api'

const { runMonteCarloTask } = await tsImport('./monteCarloWorker.ts', import.meta.url)

export default runMonteCarloTask
