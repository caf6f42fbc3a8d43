/**
 * Half a unit of the last digit a number was printed with: `"0.0084"` →
 * 0.00005, `"12.1"` → 0.05, `"-5.65962"` → 0.000005, `"1e-5"` → 0.5e-5.
 * A value rounded for print is within this of the exact one.
 */
export function halfUnitOfLastDigit(printed: string): number {
  const match = /^[-+]?(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(printed.trim())
  if (!match) throw new TypeError(`not a printed number: ${printed}`)
  const decimals = (match[2] ?? '').length - Number(match[3] ?? 0)
  return 0.5 * 10 ** -decimals
}

/** |actual − printed| within half a unit of the printed value's last digit. */
export function matchesPrinted(actual: number, printed: string): boolean {
  return Math.abs(actual - Number(printed)) <= halfUnitOfLastDigit(printed) * (1 + 1e-9)
}
