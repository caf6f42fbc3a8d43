import type { RiskProfile } from '../domain/riskProfile.js'
import type { ScanRange, StressScenario } from '../domain/stress.js'
import { InvalidArgumentError } from '../errors/index.js'
import { scenarioId } from '../risk/stress/scenarioId.js'
import type { GetPortfolioParameters } from './PortfolioService.js'
import { validateRiskProfile } from './validateRiskProfile.js'

/** What a request's options resolve to: its risk profile, horizon (days), scan ranges and scenarios. */
export type RequestOptions = {
  readonly profile: RiskProfile
  readonly horizon: number
  readonly ranges: readonly ScanRange[]
  readonly custom: readonly StressScenario[]
}

/**
 * A request's options with the server's defaults filled in. Values are
 * bounded where they enter (services/inputBounds.ts); this checks what needs
 * the whole request.
 * @throws InvalidArgumentError for a factor given twice, or a risk profile the engine refuses (validateRiskProfile).
 */
export function resolveRequestOptions(p: GetPortfolioParameters, defaults: { readonly profile: RiskProfile; readonly scanRanges: readonly ScanRange[] }): RequestOptions {
  return {
    profile: p.riskProfile ? validateRiskProfile(p.riskProfile) : defaults.profile,
    horizon: p.horizonDays ?? 1,
    ranges: mergeScanRanges(p.scanRanges, defaults.scanRanges),
    custom: (p.scenarios ?? []).map((s, i) => {
      const moves = toMoves(`scenarios[${i}].moves`, s.moves)
      return { id: scenarioId(`custom:${i}`, moves, 1), label: s.name, moves, weight: 1 }
    }),
  }
}

/**
 * Request scan ranges first, then the server's.
 * @throws InvalidArgumentError for a factor given twice.
 */
function mergeScanRanges(requested: GetPortfolioParameters['scanRanges'], defaults: readonly ScanRange[]): ScanRange[] {
  const out: ScanRange[] = []
  for (const r of requested ?? []) {
    if (out.some((x) => x.riskFactor === r.riskFactor)) throw new InvalidArgumentError('scanRanges', `${r.riskFactor.slice(0, 32)} is given twice.`)
    out.push({ riskFactor: r.riskFactor, scanRange: r.scanRange, source: 'request' })
  }
  return [...out, ...defaults.filter((d) => !out.some((x) => x.riskFactor === d.riskFactor))]
}

/**
 * Relative moves per factor from a request (−0.3 = −30%).
 * @throws InvalidArgumentError naming `argument` for a factor given twice.
 */
export function toMoves(argument: string, moves: readonly { readonly riskFactor: string; readonly move: number }[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const m of moves) {
    if (m.riskFactor in out) throw new InvalidArgumentError(argument, `${m.riskFactor.slice(0, 32)} is given twice.`)
    out[m.riskFactor] = m.move
  }
  return out
}
