import type { RiskFactorId } from '../../domain/riskFactor.js'
import type { RiskProfile } from '../../domain/riskProfile.js'
import { dot, matVec } from '../../math/linearAlgebra.js'
import { toPriceMoves } from '../shock.js'
import type { VenueModel } from '../venueModel.js'

/**
 * The most likely joint move to a venue's liquidation under a risk profile:
 * relative moves per modelled factor, and their Mahalanobis size in standard
 * deviations over the horizon.
 */
export type SigmaDistance = {
  readonly venueId: string
  /** Mahalanobis norm √(xᵀΣ⁻¹x) of the shock, Σ the horizon covariance. */
  readonly sigmas: number
  /** The first-order estimate B/√(gᵀΣg) before refinement on the exact revaluation. */
  readonly linearSigmas: number
  readonly shock: Readonly<Record<RiskFactorId, number>>
  /** The venue's health factor at the shock (just below 1: the shock is where it crosses). */
  readonly healthFactorAtShock: number
}

export type SigmaDistanceResult = {
  readonly horizonDays: number
  readonly nearest: SigmaDistance | null
  readonly perVenue: readonly SigmaDistance[]
  /** Held factors the profile does not model: held fixed. */
  readonly unmodelledFactors: readonly RiskFactorId[]
}

/** Horizon covariance Σ = D·R·D·(days/365), D the annual vols (365-day years). */
export function horizonCovariance(profile: RiskProfile, horizonDays: number): number[][] {
  const scale = horizonDays / 365
  return profile.correlation.map((row, i) => row.map((rho, j) => rho * profile.annualizedVols[i]! * profile.annualizedVols[j]! * scale))
}

/**
 * For each venue with debt: linearize HF − 1 in the factor moves x (central
 * differences), take the most likely shock to the boundary x* = −f·Σg/(gᵀΣg)
 * (size |f|/√(gᵀΣg) in σ; DOMAIN.md "Liquidation distance"), then refine on
 * the exact revaluation: along the direction Σg, bisect the scale at which the
 * venue's own rule makes it liquidatable, and re-linearize at that point a few
 * times, keeping the smallest. The returned shock makes the venue liquidatable
 * and the same shock scaled by (1 − 1e-7) does not.
 */
export function computeSigmaDistance(
  models: readonly VenueModel[],
  profile: RiskProfile,
  heldFactors: readonly RiskFactorId[],
  horizonDays: number,
): SigmaDistanceResult {
  const idx = profile.factors.map((f, i) => ({ f, i })).filter(({ f }) => heldFactors.includes(f))
  const factors = idx.map(({ f }) => f)
  const sub = {
    factors,
    annualizedVols: idx.map(({ i }) => profile.annualizedVols[i]!),
    correlation: idx.map(({ i }) => idx.map(({ i: j }) => profile.correlation[i]![j]!)),
    sources: profile.sources,
  }
  const cov = horizonCovariance(sub, horizonDays)
  const perVenue: SigmaDistance[] = []
  if (factors.length > 0) {
    for (const m of models) {
      const d = venueSigmaDistance(m, factors, cov)
      if (d) perVenue.push(d)
    }
  }
  perVenue.sort((a, b) => a.sigmas - b.sigmas)
  return {
    horizonDays,
    nearest: perVenue[0] ?? null,
    perVenue,
    unmodelledFactors: heldFactors.filter((f) => !profile.factors.includes(f)),
  }
}

function venueSigmaDistance(m: VenueModel, factors: readonly RiskFactorId[], cov: readonly (readonly number[])[]): SigmaDistance | null {
  const toMoves = (x: readonly number[]) => toPriceMoves(Object.fromEntries(factors.map((f, i) => [f, Math.max(-0.999999, x[i]!)])))
  const hf = (x: readonly number[]) => m.evaluate(toMoves(x)).healthFactor
  const liq = (x: readonly number[]) => m.evaluate(toMoves(x)).liquidatable
  const zero = factors.map(() => 0)
  const f0 = hf(zero)
  if (f0 === null) return null
  if (liq(zero)) return { venueId: m.venue.id, sigmas: 0, linearSigmas: 0, shock: Object.fromEntries(factors.map((f) => [f, 0])), healthFactorAtShock: f0 }
  const mahalanobis = (x: readonly number[]) => {
    // xᵀΣ⁻¹x via solving Σy = x (Σ is small and positive definite)
    const y = solve(cov, x)
    return Math.sqrt(Math.max(0, dot(x, y)))
  }
  const gradient = (x: readonly number[]) =>
    factors.map((_, i) => {
      const h = 1e-4
      const up = x.map((v, j) => (j === i ? v + h : v))
      const dn = x.map((v, j) => (j === i ? v - h : v))
      return ((hf(up) ?? 0) - (hf(dn) ?? 0)) / (2 * h)
    })
  const g0 = gradient(zero)
  const q0 = dot(g0, matVec(cov, g0))
  if (!(q0 > 0)) return null
  const linearSigmas = (f0 - 1) / Math.sqrt(q0)
  let best: { x: number[]; sigmas: number } | null = null
  let g = g0
  let q = q0
  let fAt = f0 - 1
  for (let round = 0; round < 5; round++) {
    // direction of steepest descent of HF in the metric of Σ
    const dir = matVec(cov, g).map((v) => -v / Math.sqrt(q))
    const crossing = bisectAlong(dir, liq, Math.max(1e-6, fAt / Math.sqrt(q)))
    if (!crossing) break
    const s = mahalanobis(crossing)
    if (!best || s < best.sigmas) best = { x: crossing, sigmas: s }
    g = gradient(crossing)
    q = dot(g, matVec(cov, g))
    if (!(q > 0)) break
    fAt = f0 - 1
  }
  if (!best) return null
  return {
    venueId: m.venue.id,
    sigmas: best.sigmas,
    linearSigmas,
    shock: Object.fromEntries(factors.map((f, i) => [f, best!.x[i]!])),
    healthFactorAtShock: hf(best.x) ?? 0,
  }
}

/** Smallest t with liq(t·dir), by doubling from `t0` then bisection to 1e-7 relative; null beyond a −100% move. */
function bisectAlong(dir: readonly number[], liq: (x: readonly number[]) => boolean, t0: number): number[] | null {
  const at = (t: number) => dir.map((d) => d * t)
  const tMax = Math.min(...dir.filter((d) => d < 0).map((d) => 1 / -d), 1e6)
  let hi = Math.min(t0, tMax)
  while (!liq(at(hi))) {
    if (hi >= tMax) return null
    hi = Math.min(hi * 2, tMax)
  }
  let lo = 0
  while ((hi - lo) / hi > 1e-8) {
    const mid = (lo + hi) / 2
    if (liq(at(mid))) hi = mid
    else lo = mid
  }
  return at(hi)
}

/** Solves A·y = x for a small symmetric positive definite A (Gaussian elimination with partial pivoting). */
function solve(a: readonly (readonly number[])[], x: readonly number[]): number[] {
  const n = a.length
  const m = a.map((row, i) => [...row, x[i]!])
  for (let c = 0; c < n; c++) {
    let p = c
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r
    ;[m[c], m[p]] = [m[p]!, m[c]!]
    for (let r = c + 1; r < n; r++) {
      const k = m[r]![c]! / m[c]![c]!
      for (let j = c; j <= n; j++) m[r]![j]! -= k * m[c]![j]!
    }
  }
  const y = new Array<number>(n).fill(0)
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!
    for (let j = r + 1; j < n; j++) s -= m[r]![j]! * y[j]!
    y[r] = s / m[r]![r]!
  }
  return y
}
