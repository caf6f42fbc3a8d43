import type { RiskFactorId } from '../../domain/riskFactor.js'
import type { RiskProfile } from '../../domain/riskProfile.js'
import { cholesky } from '../../math/linearAlgebra.js'
import type { CompiledPortfolio } from '../kernel/compilePortfolioKernel.js'
import type { MonteCarloTask } from './runMonteCarlo.js'

/** What a caller chooses about a run (validated by the service). */
export type MonteCarloSettings = {
  readonly paths: number
  readonly steps: number
  readonly horizonDays: number
  readonly confidence: number
  readonly seed: number
  readonly degreesOfFreedom: number | null
}

/**
 * A Monte Carlo task over a compiled wallet: the factors its legs move with
 * that the profile models are simulated (vols and the Cholesky factor of
 * their correlation sub-matrix); the others are held at their current price
 * and named in `unmodelledFactors`.
 * @throws TypeError when the profile's correlation sub-matrix is not
 *   positive definite (profiles are validated before they get here).
 */
export function createMonteCarloTask(
  compiled: CompiledPortfolio,
  profile: RiskProfile,
  settings: MonteCarloSettings,
): { task: MonteCarloTask; modelledFactors: RiskFactorId[]; unmodelledFactors: RiskFactorId[] } {
  const modelled = compiled.factors.map((f, i) => ({ f, i, p: profile.factors.indexOf(f) })).filter((x) => x.p >= 0)
  const correlation = modelled.map((a) => modelled.map((b) => profile.correlation[a.p]![b.p]!))
  const lower = modelled.length === 0 ? [] : cholesky(correlation)
  if (lower === null) throw new TypeError('the risk profile correlation matrix is not positive definite')
  return {
    task: {
      compiled,
      factorIndexes: modelled.map((x) => x.i),
      annualizedVols: modelled.map((x) => profile.annualizedVols[x.p]!),
      correlationCholesky: lower,
      ...settings,
    },
    modelledFactors: modelled.map((x) => x.f),
    unmodelledFactors: compiled.factors.filter((f) => !profile.factors.includes(f)),
  }
}
