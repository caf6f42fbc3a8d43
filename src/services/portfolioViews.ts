import type { Address } from 'viem'
import type { ChainRead, Portfolio, PortfolioViewRequest, PortfolioViews, ViewResult } from '../domain/portfolio.js'
import { riskFactorOf } from '../domain/riskFactorTable.js'
import type { SimulationInfo } from '../domain/simulation.js'
import type { UnavailableVenue, Venue } from '../domain/venue.js'
import { CostLimitExceededError } from '../errors/index.js'
import { computeExposures, computeTotals } from '../risk/portfolio/computeExposures.js'
import { computeLiquidationDistance } from '../risk/portfolio/computeLiquidationDistance.js'
import { computeOneAccountView, type CollateralFactorTable } from '../risk/portfolio/computeOneAccountView.js'
import { libraryScenarios } from '../risk/stress/libraryScenarios.js'
import { computeStressGrid, replayHistoricalEpisodes, runLibraryScenarios, runStressScenarios } from '../risk/stress/runStressScenarios.js'
import { computeSigmaDistance } from '../risk/stress/sigmaDistance.js'
import type { VenueModel } from '../risk/venueModel.js'
import { createOptionBook, type OptionBook } from '../risk/options/optionBook.js'
import { sizeHedge } from '../risk/options/sizeHedge.js'
import { computeOptionsView } from '../risk/portfolio/computeOptionsView.js'
import { factorPrices } from '../risk/portfolio/factorPrices.js'
import { computePortfolioMarginView } from '../risk/portfolioMargin/computePortfolioMarginView.js'
import { DEFAULT_VOLATILITY_SCAN_RANGE, DEFAULT_VOLATILITY_SCAN_RANGE_SOURCE } from '../risk/portfolioMargin/spanParameters.js'
import type { VolatilityScanRange } from '../risk/stress/spanGrid.js'
import { loadHistoricalEpisodes } from './loadHistoricalEpisodes.js'
import type { MonteCarloRunner } from './monteCarlo/monteCarloRunner.js'
import { runPortfolioMonteCarlo } from './monteCarlo/runPortfolioMonteCarlo.js'
import type { RequestOptions } from './requestOptions.js'

/** What one request's answer is computed from: the reads, the request's options, and the engine's limits. */
export type PortfolioInputs = {
  readonly owner: Address
  readonly chains: readonly ChainRead[]
  readonly models: readonly VenueModel[]
  readonly failed: readonly UnavailableVenue[]
  readonly options: RequestOptions
  readonly simulation: SimulationInfo | null
}

/** The engine's settings the views need. */
export type ViewSettings = {
  readonly collateralFactors: CollateralFactorTable
  /** Most caller-scenario revaluations per request (scenarios × venues). */
  readonly maxScenarioEvaluations: number
  readonly monteCarlo: { readonly runner: MonteCarloRunner; readonly maxEvaluations: number }
}

/**
 * The answer for one wallet: its venues (chain venues by chain id, then API
 * venues, each by id), exposures, totals and one-account lens, and every view
 * the request asked for, computed here and now, each of which may fail on
 * its own (a view's error is that field's, the rest of the answer stands).
 */
export async function assemblePortfolio(inputs: PortfolioInputs, request: PortfolioViewRequest, settings: ViewSettings): Promise<Portfolio> {
  const available = inputs.models.map((m) => m.venue)
  const venues: Venue[] = [...available, ...inputs.failed].sort(
    (a, b) => (a.chainId === null ? 1 : 0) - (b.chainId === null ? 1 : 0) || (a.chainId ?? 0) - (b.chainId ?? 0) || a.id.localeCompare(b.id),
  )
  const exposures = computeExposures(available)
  const totals = computeTotals(available)
  return {
    owner: inputs.owner,
    chains: inputs.chains,
    venues,
    exposures,
    totals,
    oneAccount: computeOneAccountView(exposures, settings.collateralFactors, totals.maintenanceMarginUsd, available.map((v) => computeExposures([v]))),
    simulation: inputs.simulation,
    views: await computeViews(inputs, exposures, request, settings),
  }
}

/** The requested views of a wallet (null where not requested). */
async function computeViews(inputs: PortfolioInputs, exposures: ReturnType<typeof computeExposures>, request: PortfolioViewRequest, settings: ViewSettings): Promise<PortfolioViews> {
  const { models, options } = inputs
  const volatile = new Set(exposures.filter((e) => riskFactorOf(e.riskFactor).kind === 'volatile').map((e) => e.riskFactor))
  const heldExposures = exposures.filter((e) => e.longUsd !== 0 || e.shortUsd !== 0)
  const held = heldExposures.map((e) => e.riskFactor).sort()
  const when = <T>(asked: boolean | undefined, compute: () => T): ViewResult<T> | null => (asked ? attempt(compute) : null)
  const monteCarlo = await Promise.all(
    (request.monteCarlo ?? []).map(async ({ parameters, invalid }) => ({
      parameters,
      result:
        invalid !== undefined
          ? failed(invalid)
          : await attemptAsync(() => runPortfolioMonteCarlo({ kernels: models.map((m) => m.kernel), profile: options.profile, horizonDays: options.horizon, venues: models.map((m) => m.venue), optionLegs: options.optionLegs, valuationTime: options.valuationTime }, parameters, settings.monteCarlo.runner, settings.monteCarlo.maxEvaluations)),
    })),
  )
  // the option legs, marked once: a leg that cannot be marked fails the views that use the legs, not the answer
  const spots = factorPrices(models.map((m) => m.venue))
  const marked = options.optionLegs.length > 0 ? attempt(() => createOptionBook(options.optionLegs, spots, options.valuationTime)) : null
  const book = (): OptionBook | null => {
    if (marked === null) return null
    if (!marked.ok) throw marked.error
    return marked.value
  }
  // SPAN's volatility axis on the factors legs are written on (and the hedge's)
  const volatility = (factors: readonly string[]): VolatilityScanRange[] =>
    factors.map((riskFactor) => {
      const requested = options.spanOverrides.volatilityScanRange?.[riskFactor]
      return { riskFactor, ...(requested ?? DEFAULT_VOLATILITY_SCAN_RANGE), source: requested ? 'request' : DEFAULT_VOLATILITY_SCAN_RANGE_SOURCE }
    })
  const scanned = (b: OptionBook | null) => [...new Set([...volatile, ...(b?.factors ?? [])])].sort()
  return {
    liquidationDistance: when(request.liquidationDistance, () => computeLiquidationDistance(models, volatile, { profile: options.profile, horizonDays: options.horizon })),
    stressGrid: when(request.stressGrid, () => {
      const b = book()
      return computeStressGrid(models, scanned(b), options.ranges, b, volatility(b?.factors ?? []))
    }),
    historicalScenarios: when(request.historicalScenarios, () => replayHistoricalEpisodes(models, held, loadHistoricalEpisodes(), book())),
    customScenarios: when(request.customScenarios, () => {
      // each scenario revalues every venue by its exact rule and every leg in full: bounded per request, like a point budget
      const evaluations = options.custom.length * (models.length + options.optionLegs.length)
      if (evaluations > settings.maxScenarioEvaluations) {
        throw new CostLimitExceededError(evaluations, settings.maxScenarioEvaluations, 'These scenarios need', 'scenarios × (venues + option legs)', 'Send fewer scenarios or legs, or read fewer chains.')
      }
      return runStressScenarios(models, options.custom, book())
    }),
    libraryScenarios: when(request.libraryScenarios, () => runLibraryScenarios(models, libraryScenarios(heldExposures.map((e) => ({ riskFactor: e.riskFactor, kind: e.kind })), loadHistoricalEpisodes()), book())),
    options: when(request.options, () => {
      const b = book()
      return b === null ? null : computeOptionsView(b, exposures, spots)
    }),
    portfolioMargin: when(request.portfolioMargin, () => {
      const b = book()
      // SPAN values every book under 16 scenarios per factor and 16 together
      const evaluations = 16 * (options.ranges.length + 1) * (models.length + (b === null ? 0 : 1))
      if (evaluations > settings.maxScenarioEvaluations) {
        throw new CostLimitExceededError(evaluations, settings.maxScenarioEvaluations, 'This portfolio-margin scan needs', 'scenarios × (venues + option book)', 'Send fewer scan ranges, or read fewer chains.')
      }
      return computePortfolioMarginView(models, exposures, settings.collateralFactors, options.ranges, options.spanOverrides, b)
    }),
    hedge: when(request.hedge, () => {
      if (options.hedge === null) return null
      const b = book()
      return sizeHedge(models, b, options.hedge.put, options.hedge.maxLossUsd, scanned(b), options.ranges, volatility([...new Set([...(b?.factors ?? []), options.hedge.put.riskFactor])]), spots, options.valuationTime)
    }),
    sigmaDistance: when(request.sigmaDistance, () => ({ ...computeSigmaDistance(models, options.profile, held, options.horizon), profileSources: options.profile.sources })),
    monteCarlo,
  }
}

function attempt<T>(compute: () => T): ViewResult<T> {
  try {
    return { ok: true, value: compute() }
  } catch (error) {
    return failed(error)
  }
}

async function attemptAsync<T>(compute: () => Promise<T>): Promise<ViewResult<T>> {
  try {
    return { ok: true, value: await compute() }
  } catch (error) {
    return failed(error)
  }
}

function failed(error: unknown): { readonly ok: false; readonly error: unknown } {
  return { ok: false, error }
}
