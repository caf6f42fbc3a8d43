/**
 * Small dense linear algebra for risk profiles (float64): a covariance
 * matrix has one row per modelled risk factor (a handful), so plain arrays
 * suffice.
 */

/** Lower-triangular Cholesky factor L of a symmetric matrix (A = L·Lᵀ), or null when A is not positive definite. */
export function cholesky(a: readonly (readonly number[])[]): number[][] | null {
  const n = a.length
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0))
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i]![j]!
      for (let k = 0; k < j; k++) sum -= l[i]![k]! * l[j]![k]!
      if (i === j) {
        if (!(sum > 0)) return null
        l[i]![i] = Math.sqrt(sum)
      } else {
        l[i]![j] = sum / l[j]![j]!
      }
    }
  }
  return l
}

/** y = A·x. */
export function matVec(a: readonly (readonly number[])[], x: readonly number[]): number[] {
  return a.map((row) => row.reduce((s, v, j) => s + v * x[j]!, 0))
}

/** x·y. */
export function dot(x: readonly number[], y: readonly number[]): number {
  return x.reduce((s, v, i) => s + v * y[i]!, 0)
}
