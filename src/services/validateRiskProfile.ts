import type { RiskProfile } from '../domain/riskProfile.js'
import { InvalidArgumentError } from '../errors/index.js'
import { cholesky } from '../math/linearAlgebra.js'
import { checkInput, riskProfileInput } from './inputBounds.js'

/** A risk profile as a caller sends it. */
export type RiskProfileInput = {
  readonly factors: readonly { readonly riskFactor: string; readonly annualizedVol: number }[]
  /** Pairwise correlations; pairs not given are 0. */
  readonly correlations?: readonly { readonly a: string; readonly b: string; readonly rho: number }[] | null
}

/**
 * Turns a caller's profile into a RiskProfile, checking it names each bad
 * entry: the bounds (services/inputBounds.ts riskProfileInput: 1–32 factors,
 * vols positive and finite, correlations in [−1, 1]), pairs of known factors
 * given once, and the matrix positive definite (Cholesky).
 * @throws InvalidArgumentError naming the entry at fault.
 */
export function validateRiskProfile(input: RiskProfileInput): RiskProfile {
  checkInput(riskProfileInput, input, 'riskProfile')
  const factors: string[] = []
  const vols: number[] = []
  for (const f of input.factors) {
    const name = f.riskFactor.slice(0, 32)
    if (factors.includes(f.riskFactor)) throw new InvalidArgumentError(`riskProfile.factors[${name}]`, 'is given twice.')
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
