import type { RiskProfile } from '../domain/riskProfile.js'
import { InvalidArgumentError } from '../errors/index.js'
import { cholesky } from '../math/linearAlgebra.js'

/** A risk profile as a caller sends it. */
export type RiskProfileInput = {
  readonly factors: readonly { readonly riskFactor: string; readonly annualizedVol: number }[]
  /** Pairwise correlations; pairs not given are 0. */
  readonly correlations?: readonly { readonly a: string; readonly b: string; readonly rho: number }[] | null
}

/** Factors one profile may hold. */
const MAX_FACTORS = 32

/**
 * Turns a caller's profile into a RiskProfile, checking it names each bad
 * entry: vols must be positive and finite, correlations in [−1, 1], pairs of
 * known factors given once, and the matrix positive definite (Cholesky).
 * @throws InvalidArgumentError naming the entry at fault.
 */
export function validateRiskProfile(input: RiskProfileInput): RiskProfile {
  if (input.factors.length === 0 || input.factors.length > MAX_FACTORS) {
    throw new InvalidArgumentError('riskProfile.factors', `give 1 to ${MAX_FACTORS} factors.`)
  }
  const factors: string[] = []
  const vols: number[] = []
  for (const f of input.factors) {
    const name = f.riskFactor.slice(0, 32)
    if (factors.includes(f.riskFactor)) throw new InvalidArgumentError(`riskProfile.factors[${name}]`, 'is given twice.')
    if (!Number.isFinite(f.annualizedVol) || f.annualizedVol <= 0) {
      throw new InvalidArgumentError(`riskProfile.factors[${name}].annualizedVol`, `must be a positive number, got ${f.annualizedVol}.`)
    }
    factors.push(f.riskFactor)
    vols.push(f.annualizedVol)
  }
  const n = factors.length
  const corr: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)))
  const seen = new Set<string>()
  for (const c of input.correlations ?? []) {
    const label = `riskProfile.correlations[${c.a.slice(0, 32)}, ${c.b.slice(0, 32)}]`
    const i = factors.indexOf(c.a)
    const j = factors.indexOf(c.b)
    if (i < 0 || j < 0) throw new InvalidArgumentError(label, 'names a factor not in riskProfile.factors.')
    if (i === j) throw new InvalidArgumentError(label, 'pairs a factor with itself (its correlation is 1).')
    if (!Number.isFinite(c.rho) || c.rho < -1 || c.rho > 1) throw new InvalidArgumentError(label, `must be in [−1, 1], got ${c.rho}.`)
    const key = [c.a, c.b].sort().join('|')
    if (seen.has(key)) throw new InvalidArgumentError(label, 'is given twice.')
    seen.add(key)
    corr[i]![j] = c.rho
    corr[j]![i] = c.rho
  }
  if (!cholesky(corr)) {
    throw new InvalidArgumentError('riskProfile.correlations', 'the correlation matrix is not positive definite: some correlations contradict each other.')
  }
  return { factors, annualizedVols: vols, correlation: corr, sources: ['request'] }
}
