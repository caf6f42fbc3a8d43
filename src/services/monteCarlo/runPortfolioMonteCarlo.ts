import type { MonteCarloParameters, MonteCarloResult } from '../../domain/monteCarlo.js'
import type { OptionLeg } from '../../domain/options.js'
import type { RiskProfile } from '../../domain/riskProfile.js'
import type { AvailableVenue } from '../../domain/venue.js'
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
import { OPTION_LEG_EVALUATIONS } from '../../risk/monteCarlo/runMonteCarlo.js'
import type { VenueKernel } from '../../risk/kernel/venueKernel.js'
import { createOptionBook } from '../../risk/options/optionBook.js'
import { factorPrices } from '../../risk/portfolio/factorPrices.js'
import type { MonteCarloRunner } from './monteCarloRunner.js'

/**
 * A wallet's answer as Monte Carlo needs it: its venue kernels, the request's
 * profile and horizon, and its option legs valued at `valuationTime` (unix
 * seconds), marked against the prices of `venues` (factorPrices) where a leg
 * gives no forward.
 */
export type MonteCarloInputs = {
  readonly kernels: readonly VenueKernel[]
  readonly profile: RiskProfile
  readonly horizonDays: number
  readonly venues: readonly AvailableVenue[]
  readonly optionLegs: readonly OptionLeg[]
  readonly valuationTime: number
}

/**
 * A request's Monte Carlo settings with the defaults filled in (the values
 * are bounded where they enter, services/inputBounds.ts monteCarloInput).
 * @throws InvalidArgumentError for `degreesOfFreedom` given with the NORMAL distribution.
 */
export function validateMonteCarloParameters(p: MonteCarloParameters, defaultHorizonDays: number): MonteCarloSettings & { degreesOfFreedomSource: string | null; volatilityShock: number | null } {
  const paths = p.paths ?? DEFAULT_PATHS
  const confidence = p.confidence ?? DEFAULT_CONFIDENCE
  const horizonDays = p.horizonDays ?? defaultHorizonDays
  const steps = p.steps ?? Math.min(DEFAULT_MAX_STEPS, Math.max(1, Math.ceil(horizonDays)))
  const seed = p.seed ?? DEFAULT_SEED
  const volatilityShock = p.volatilityShock ?? null
  const distribution = p.distribution ?? 'STUDENT_T'
  if (distribution === 'NORMAL') {
    if (p.degreesOfFreedom !== undefined) throw new InvalidArgumentError('degreesOfFreedom', 'applies to the STUDENT_T distribution only; drop it or choose STUDENT_T.')
    return { paths, confidence, horizonDays, steps, seed, degreesOfFreedom: null, degreesOfFreedomSource: null, volatilityShock }
  }
  const nu = p.degreesOfFreedom ?? DEFAULT_DEGREES_OF_FREEDOM
  return { paths, confidence, horizonDays, steps, seed, degreesOfFreedom: nu, degreesOfFreedomSource: p.degreesOfFreedom === undefined ? DEFAULT_DEGREES_OF_FREEDOM_SOURCE : null, volatilityShock }
}

/**
 * Validates a request, marks its option legs (createOptionBook), checks its
 * cost (paths × (steps × position legs + 32 × option legs), as the engine
 * counts `evaluations`) against `maxEvaluations`, and runs it on `runner`.
 * @throws InvalidArgumentError for a bad argument, or a leg that gives no
 *   forward on a factor no venue prices; CostLimitExceededError past the
 *   limit; ServerBusyError when the runner refuses more work.
 */
export async function runPortfolioMonteCarlo(
  inputs: MonteCarloInputs,
  params: MonteCarloParameters,
  runner: MonteCarloRunner,
  maxEvaluations: number,
): Promise<MonteCarloResult> {
  const settings = validateMonteCarloParameters(params, inputs.horizonDays)
  const compiled = compilePortfolioKernel(inputs.kernels)
  const legs = inputs.optionLegs
  const book = legs.length === 0 ? null : createOptionBook(legs, factorPrices(inputs.venues), inputs.valuationTime)
  // at least one position leg per path and step, so an empty wallet still counts its paths; option legs once per path
  const evaluations = settings.paths * (settings.steps * Math.max(1, compiled.legBase.length) + OPTION_LEG_EVALUATIONS * legs.length)
  if (evaluations > maxEvaluations) throw new CostLimitExceededError(evaluations, maxEvaluations)
  const { degreesOfFreedomSource, volatilityShock, ...run } = settings
  const { task, modelledFactors, unmodelledFactors, unmodelledOptionFactors } = createMonteCarloTask(compiled, inputs.profile, run, book === null ? null : { book, volatilityShock })
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
    optionLegs: legs.length,
    unmodelledOptionFactors,
    volatilityShock,
    optionVolatility: volatilityShock === null ? 'sticky strike' : `sticky strike, shocked at the horizon: σ × (1 ${volatilityShock < 0 ? '−' : '+'} ${Math.abs(volatilityShock)})`,
  }
}
