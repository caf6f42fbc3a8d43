/**
 * Seconds from `t0` until `liquidatableAt` first turns true, if nothing else
 * changes (prices fixed, no interaction), searched up to `horizonSeconds`:
 * doubling, then bisection on whole seconds. Exact when the test is the
 * protocol's own arithmetic at a future timestamp (Aave: indexes accrue at
 * the stored rates until the next interaction; Morpho: one accrual at the
 * current rate). Null when it never turns true within the horizon.
 */
export function secondsToLiquidation(liquidatableAt: (dtSeconds: bigint) => boolean, horizonSeconds: bigint): bigint | null {
  if (liquidatableAt(0n)) return 0n
  if (!liquidatableAt(horizonSeconds)) return null
  let hi = 1n
  while (!liquidatableAt(hi)) hi *= 2n
  if (hi > horizonSeconds) hi = horizonSeconds
  let lo = hi / 2n
  while (hi - lo > 1n) {
    const mid = (lo + hi) / 2n
    if (liquidatableAt(mid)) hi = mid
    else lo = mid
  }
  return hi
}

/** Search horizon: 100 years of 365 days. */
export const TIME_TO_LIQUIDATION_HORIZON_SECONDS = 100n * 365n * 24n * 3600n
