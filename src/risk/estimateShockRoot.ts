/**
 * Float model of a margin buffer under a multiplicative shock m applied to
 * some factors: B(m) = Σ_i c_i · m^k_i, with c_i the weighted value of each
 * line at m = 1 (collateral · maintenance weight positive, debt negative) and
 * k_i how many shocked factors the line's price moves with. B < 0 ⇔ liquidatable.
 */
export type BufferTerm = { readonly weightedValue: number; readonly power: number }

export type ShockRootEstimate =
  | { readonly kind: 'notExposed' }
  | { readonly kind: 'root'; readonly direction: -1 | 1; readonly multiplier: number | null }

/**
 * Dangerous direction (sign of −dB/dm at m = 1) and the root of B in
 * [mMin, 1] or [1, mMax] by bisection; `multiplier` null when B keeps its sign
 * over the range. Closed form when every power is 0 or 1:
 * m* = −Σ_{k=0} c / Σ_{k=1} c (DOMAIN.md, single-asset liquidation price).
 */
export function estimateShockRoot(terms: readonly BufferTerm[], mMin: number, mMax: number): ShockRootEstimate {
  const exposed = terms.filter((t) => t.power > 0 && t.weightedValue !== 0)
  if (exposed.length === 0) return { kind: 'notExposed' }
  const slope = exposed.reduce((s, t) => s + t.weightedValue * t.power, 0)
  const direction: -1 | 1 = slope >= 0 ? -1 : 1
  const buffer = (m: number) => terms.reduce((s, t) => s + t.weightedValue * m ** t.power, 0)
  if (terms.every((t) => t.power <= 1)) {
    const fixed = terms.filter((t) => t.power === 0).reduce((s, t) => s + t.weightedValue, 0)
    const linear = terms.filter((t) => t.power === 1).reduce((s, t) => s + t.weightedValue, 0)
    const m = linear === 0 ? NaN : -fixed / linear
    const inRange = direction < 0 ? m >= mMin && m <= 1 : m >= 1 && m <= mMax
    return { kind: 'root', direction, multiplier: Number.isFinite(m) && inRange ? m : null }
  }
  let a = direction < 0 ? mMin : 1
  let b = direction < 0 ? 1 : mMax
  const fa = buffer(a)
  const fb = buffer(b)
  if (Math.sign(fa) === Math.sign(fb)) return { kind: 'root', direction, multiplier: null }
  for (let i = 0; i < 200; i++) {
    const mid = (a + b) / 2
    if (Math.sign(buffer(mid)) === Math.sign(fa)) a = mid
    else b = mid
  }
  return { kind: 'root', direction, multiplier: (a + b) / 2 }
}
