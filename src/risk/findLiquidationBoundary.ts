/**
 * Finds where an exact, integer-valued liquidation test first turns true
 * along a one-dimensional price path.
 *
 * The path is an integer parameter t (a feed value, or a multiplier scaled by
 * its denominator) starting at t0 and moving in `direction`. `probe(t)` runs
 * the protocol's exact arithmetic at t and says whether the account is
 * liquidatable there, plus a `piece` key: a discrete quantity that is constant
 * on stretches of the path and monotone along it (Aave's whole-bps average
 * liquidation threshold), within whose stretches the test is monotone. The
 * float `estimate` (the closed-form root of the linear margin buffer) places
 * the search; the answer comes only from `probe`.
 */
export type BoundaryProbe = { readonly liquidatable: boolean; readonly piece: bigint }

export type FindLiquidationBoundaryParameters = {
  readonly t0: bigint
  /** −1: the dangerous move lowers t; +1: raises it. */
  readonly direction: -1 | 1
  /** Inclusive bounds of the search range (e.g. [1, 11·P0] for −100%…+1000%). */
  readonly tMin: bigint
  readonly tMax: bigint
  /** Float estimate of the crossing, or null when the linear model has none in range. */
  readonly estimate: number | null
  /**
   * A point the float model proves healthy, with every point between t0 and
   * it (e.g. the root of the buffer with each weight lowered by the largest
   * rounding the contract applies). The exact walk starts there; t0 without it.
   */
  readonly healthyUntil?: number | null
  readonly probe: (t: bigint) => BoundaryProbe
}

export type LiquidationBoundary =
  | { readonly kind: 'already' }
  | { readonly kind: 'crossing'; readonly t: bigint }
  | { readonly kind: 'none' }

/**
 * Returns the first t (moving from t0 in `direction`) at which `probe` says
 * liquidatable, such that the previous t is not: the feed value at which the
 * contract's own liquidation starts to succeed.
 */
export function findLiquidationBoundary(p: FindLiquidationBoundaryParameters): LiquidationBoundary {
  const { t0, direction: dir, tMin, tMax, probe } = p
  if (probe(t0).liquidatable) return { kind: 'already' }
  const dirN = BigInt(dir)
  const limit = dir < 0 ? tMin : tMax
  const inRange = (t: bigint) => t >= tMin && t <= tMax
  const clamp = (t: bigint) => (t < tMin ? tMin : t > tMax ? tMax : t)
  const beyond = (a: bigint, b: bigint) => (dir < 0 ? a < b : a > b) // a is further along the path than b

  // 1. A liquidatable point: from the estimate, step outward with doubling steps.
  let centre = p.estimate !== null && Number.isFinite(p.estimate) ? clamp(BigInt(Math.round(p.estimate))) : limit
  if (!beyond(centre, t0)) centre = clamp(t0 + dirN)
  const span = (t0 > 0n ? t0 : 1n) / 10_000n + 1n
  let hi: bigint | null = null
  for (let step = 0n, k = 0; k < 200; k++) {
    const t = clamp(centre + dirN * step)
    if (probe(t).liquidatable) {
      hi = t
      break
    }
    if (t === limit) break
    step = step === 0n ? span : step * 2n
  }
  if (hi === null) return { kind: 'none' }

  // 2. The healthy start of the piece walk: the float model's provably safe
  //    point when given (and confirmed healthy), else t0 itself.
  let lo = t0
  if (p.healthyUntil !== undefined && p.healthyUntil !== null && Number.isFinite(p.healthyUntil)) {
    const safe = BigInt(Math.round(p.healthyUntil))
    if (beyond(safe, t0) && beyond(hi, safe) && !probe(safe).liquidatable) lo = safe
  }

  // 3. Walk the pieces between lo and hi in path order; the first piece whose
  //    far end is liquidatable holds the crossing (the test is monotone inside a piece).
  for (let guard = 0; guard < 10_000; guard++) {
    const pieceLo = probe(lo).piece
    const atHi = probe(hi)
    if (atHi.piece === pieceLo) return { kind: 'crossing', t: bisect(lo, hi, probe) }
    // first t after lo whose piece differs from lo's
    let a = lo
    let b = hi
    while ((b - a) * dirN > 1n) {
      const mid = a + (b - a) / 2n
      if (probe(mid).piece === pieceLo) a = mid
      else b = mid
    }
    if (probe(a).liquidatable) return { kind: 'crossing', t: bisect(lo, a, probe) }
    if (probe(b).liquidatable) return { kind: 'crossing', t: b }
    lo = b
  }
  return { kind: 'crossing', t: bisect(lo, hi, probe) }

  function bisect(healthy: bigint, liquidatable: bigint, pr: (t: bigint) => BoundaryProbe): bigint {
    let a = healthy
    let b = liquidatable
    while ((b - a) * dirN > 1n) {
      const mid = a + (b - a) / 2n
      if (pr(mid).liquidatable) b = mid
      else a = mid
    }
    return inRange(b) ? b : clamp(b)
  }
}
