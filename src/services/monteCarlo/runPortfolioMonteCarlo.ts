import type { MonteCarloParameters, MonteCarloResult } from '../../domain/monteCarlo.js'
import type { RiskProfile } from '../../domain/riskProfile.js'
import { CostLimitExceededError, InvalidArgumentError } from '../../errors/index.js'
import { compilePortfolioKernel } from '../../risk/kernel/compilePortfolioKernel.js'
import { createMonteCarloTask, type MonteCarloSettings } from '../../risk/monteCarlo/createMonteCarloTask.js'
import {
  DEFAULT_CONFIDENCE,
  DEFAULT_DEGREES_OF_FREEDOM,
  DEFAULT_DEGREES_OF_FREEDOM_SOURCE,
  DEFAULT_MAX_STEPS,
  DEFAULT_PATHS,
  DEFAULT_SEED,
} from '../../risk/monteCarlo/monteCarloDefaults.js'
import type { VenueKernel } from '../../risk/kernel/venueKernel.js'
import type { MonteCarloRunner } from './monteCarloRunner.js'

/** A wallet's answer as Monte Carlo needs it: its venue kernels and the request's profile and horizon. */
export type MonteCarloInputs = {
  readonly kernels: readonly VenueKernel[]
  readonly profile: RiskProfile
  readonly horizonDays: number
}

/**
 * A request's Monte Carlo settings with the defaults filled in (the values
 * are bounded where they enter, services/inputBounds.ts monteCarloInput).
 * @throws InvalidArgumentError for `degreesOfFreedom` given with the NORMAL distribution.
 */
export function validateMonteCarloParameters(p: MonteCarloParameters, defaultHorizonDays: number): MonteCarloSettings & { degreesOfFreedomSource: string | null } {
  const paths = p.paths ?? DEFAULT_PATHS
  const confidence = p.confidence ?? DEFAULT_CONFIDENCE
  const horizonDays = p.horizonDays ?? defaultHorizonDays
  const steps = p.steps ?? Math.min(DEFAULT_MAX_STEPS, Math.max(1, Math.ceil(horizonDays)))
  const seed = p.seed ?? DEFAULT_SEED
  const distribution = p.distribution ?? 'STUDENT_T'
  if (distribution === 'NORMAL') {
    if (p.degreesOfFreedom !== undefined) throw new InvalidArgumentError('degreesOfFreedom', 'applies to the STUDENT_T distribution only; drop it or choose STUDENT_T.')
    return { paths, confidence, horizonDays, steps, seed, degreesOfFreedom: null, degreesOfFreedomSource: null }
  }
  const nu = p.degreesOfFreedom ?? DEFAULT_DEGREES_OF_FREEDOM
  return { paths, confidence, horizonDays, steps, seed, degreesOfFreedom: nu, degreesOfFreedomSource: p.degreesOfFreedom === undefined ? DEFAULT_DEGREES_OF_FREEDOM_SOURCE : null }
}

/**
 * Validates a request, checks its cost (paths × steps × position legs)
 * against `maxEvaluations`, and runs it on `runner`.
 * @throws InvalidArgumentError for a bad argument; CostLimitExceededError past
 *   the limit; ServerBusyError when the runner refuses more work.
 */
export async function runPortfolioMonteCarlo(
  inputs: MonteCarloInputs,
  params: MonteCarloParameters,
  runner: MonteCarloRunner,
  maxEvaluations: number,
): Promise<MonteCarloResult> {
  const settings = validateMonteCarloParameters(params, inputs.horizonDays)
  const compiled = compilePortfolioKernel(inputs.kernels)
  // at least one leg per path and step, so an empty wallet still counts its paths
  const evaluations = settings.paths * settings.steps * Math.max(1, compiled.legBase.length)
  if (evaluations > maxEvaluations) throw new CostLimitExceededError(evaluations, maxEvaluations)
  const { degreesOfFreedomSource, ...run } = settings
  const { task, modelledFactors, unmodelledFactors } = createMonteCarloTask(compiled, inputs.profile, run)
  const statistics = await runner.run(task)
  return {
    ...statistics,
    horizonDays: settings.horizonDays,
    confidence: settings.confidence,
    seed: settings.seed,
    distribution: settings.degreesOfFreedom === null ? 'NORMAL' : 'STUDENT_T',
    degreesOfFreedom: settings.degreesOfFreedom,
    degreesOfFreedomSource,
    modelledFactors,
    unmodelledFactors,
    profileSources: inputs.profile.sources,
    approximatedVenueIds: inputs.kernels.filter((k) => !k.exactHealth).map((k) => k.venueId),
  }
}
