/**
 * Number and label formatting for the dashboard. Pure functions with no
 * browser import, so the browser tests can format an API value the way the
 * page does and compare.
 */

const usd0 = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 })
const usd2 = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 })
const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })

/** A typographic minus for negative values (a hyphen reads as a dash in tables). */
const MINUS = '\u2212'

/** USD with thousands separators: whole dollars from $1,000, cents below (`$12,345`, `$98.76`, `−$1,204`). */
export function formatUsd(usd: number): string {
  const abs = Math.abs(usd)
  const text = abs >= 1_000 ? usd0.format(abs) : usd2.format(abs)
  return usd < 0 && text !== usd2.format(0) ? `${MINUS}${text}` : text
}

/** A price in USD: cents for prices under $10,000 (`$1,176.44`), whole dollars above. */
export function formatPriceUsd(usd: number): string {
  return Math.abs(usd) >= 10_000 ? usd0.format(usd) : usd2.format(usd)
}

/**
 * A health factor as the page shows it: 4 decimals below 10 (`1.3888`),
 * 2 from 10 (`296.39`), `∞` when the venue has no debt (`null`).
 */
export function formatHealthFactor(healthFactor: number | null): string {
  if (healthFactor === null) return '∞'
  if (!Number.isFinite(healthFactor)) return '∞'
  return healthFactor >= 10 ? healthFactor.toFixed(2) : healthFactor.toFixed(4)
}

/** A plain ratio (margin ratio) to 2 decimals, `—` when there is none. */
export function formatRatio(ratio: number | null): string {
  return ratio === null ? '—' : ratio.toFixed(2)
}

/** A percent move, signed (`−35.25%`, `+4.40%`); the input is already in percent. */
export function formatChangePct(pct: number, digits = 2): string {
  const text = `${Math.abs(pct).toFixed(digits)}%`
  if (Number(Math.abs(pct).toFixed(digits)) === 0) return text
  return pct < 0 ? `${MINUS}${text}` : `+${text}`
}

/** A distance in standard deviations to one decimal (`13.8σ`). */
export function formatSigmas(sigmas: number): string {
  return `${sigmas.toFixed(1)}σ`
}

/** A relative move (−0.3) as a signed percent (`−30%`). */
export function formatMove(move: number, digits = 1): string {
  return formatChangePct(move * 100, digits)
}

/** A signed quantity: grouped from 1,000 (`12,345`), 2 decimals from 1 (`55.32`), 4 significant digits below (`−0.4212`). */
export function formatQuantity(quantity: number): string {
  const abs = Math.abs(quantity)
  const text = abs >= 1_000 ? grouped.format(abs) : abs >= 1 ? abs.toFixed(2) : abs === 0 ? '0' : abs.toPrecision(4)
  return `${quantity < 0 && text !== '0' ? MINUS : ''}${text}`
}

/** A signed quantity of a risk factor's units (`55.32 ETH`, `−0.4212 SOL`). */
export function formatUnits(units: number, riskFactor: string): string {
  return `${formatQuantity(units)} ${riskFactor}`
}

/** A price scan range (0.066) as `±6.6%`. */
export function formatScanRange(fraction: number): string {
  return `±${Number((fraction * 100).toFixed(2))}%`
}

/** A fraction as a percent, unsigned (`0.6` → `60%`, `0.355` → `35.5%`). */
export function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(2))}%`
}

/** The day of an ISO-8601 expiry (`2027-01-01T08:00:00Z` → `2027-01-01`). */
export function formatExpiryDay(expiry: string): string {
  return expiry.slice(0, 10)
}

/** A block number with separators (`18,345,112`). */
export function formatBlockNumber(blockNumber: string): string {
  return grouped.format(BigInt(blockNumber))
}

/** An age in seconds, short (`4 s`, `3 min`, `2 h 5 min`, `12 d`); negative ages (clock skew) read as `0 s`. */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds))
  if (s < 60) return `${s} s`
  if (s < 3_600) return `${Math.floor(s / 60)} min`
  if (s < 86_400) {
    const m = Math.floor((s % 3_600) / 60)
    return `${Math.floor(s / 3_600)} h${m ? ` ${m} min` : ''}`
  }
  return `${Math.floor(s / 86_400)} d`
}

/** Shortens the long hex parts of an id or address (`aave-v3:1:0x8787…A4E2`). */
export function shortenHex(text: string): string {
  return text.replace(/0x[0-9a-fA-F]{12,}/g, (hex) => `${hex.slice(0, 6)}…${hex.slice(-4)}`)
}

/** A stress scenario's label, shortened for an axis (`BTC +2.2%`, `All factors −1× scan range`). */
export function shortScenarioLabel(label: string): string {
  return label
    .replace(/^All scanned factors/, 'All factors')
    .replace(/ together$/, '')
    .replace(/\s*\([^)]*scan range\)$/, '')
}
