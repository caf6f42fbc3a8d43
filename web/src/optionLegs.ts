/**
 * Option legs and the put to size, as the dashboard keeps them: in its state
 * and in the page URL (`?leg=ETH,PUT,3000,2027-01-01T08:00:00Z,15,0.6` once
 * per leg, `?hedge=ETH,3000,2027-01-01T08:00:00Z,0.6,12000`). Pure, with no
 * browser import: the explorer's examples and the browser tests use it too.
 */
import type { HedgeInput, OptionLegInput, OptionRight } from '../../src/client/index.js'

/** A flat-volatility leg: `size` in units of the underlying (+ long, − short), `impliedVolatility` annualized (0.6 = 60%). */
export type DashboardLeg = {
  readonly riskFactor: string
  readonly right: OptionRight
  /** USD per unit of the underlying. */
  readonly strike: number
  /** ISO-8601 UTC, e.g. `2027-01-01T08:00:00Z`. */
  readonly expiry: string
  readonly size: number
  readonly impliedVolatility: number
}

/** A put to size against the wallet's worst stress loss (`Portfolio.hedge`). */
export type DashboardHedge = {
  readonly riskFactor: string
  /** USD per unit. */
  readonly strike: number
  /** ISO-8601 UTC. */
  readonly expiry: string
  /** Annualized fraction. */
  readonly impliedVolatility: number
  /** The bound on the worst weighted stress loss, USD. */
  readonly maxLossUsd: number
}

/** Most legs the dashboard sends (the server takes at most 20). */
export const MAX_DASHBOARD_LEGS = 20

const DAY_MS = 86_400_000

/** Deribit's expiry time of day: 08:00 UTC. */
const EXPIRY_HOUR_UTC = 8

/** `2027-01-01` (a date input's value) or a full ISO date-time → ISO-8601 UTC at second precision; null when it is not a date. */
export function toExpiry(text: string): string | null {
  const value = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T${String(EXPIRY_HOUR_UTC).padStart(2, '0')}:00:00Z` : text
  const ms = Date.parse(value)
  return Number.isFinite(ms) ? new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') : null
}

/**
 * The first Friday 08:00 UTC at least `minDays` after `nowMs` (Deribit lists
 * Friday expiries at 08:00 UTC), as ISO-8601: a date that is always ahead,
 * however long after it is computed.
 */
export function fridayExpiryAfter(nowMs: number, minDays: number): string {
  const earliest = nowMs + minDays * DAY_MS
  const day = new Date(earliest)
  day.setUTCHours(EXPIRY_HOUR_UTC, 0, 0, 0)
  if (day.getTime() < earliest) day.setUTCDate(day.getUTCDate() + 1)
  // Friday is day 5
  day.setUTCDate(day.getUTCDate() + ((5 - day.getUTCDay() + 7) % 7))
  return day.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** A strike near `spotUsd` on a round grid of two significant digits (3,013.8 → 3,000; 91,250 → 91,000; 137.96 → 140). */
export function roundStrike(spotUsd: number): number {
  if (!(spotUsd > 0)) return 1
  const step = 10 ** (Math.floor(Math.log10(spotUsd)) - 1)
  return Math.round(spotUsd / step) * step
}

const finite = (text: string | undefined): number | null => {
  if (text === undefined || text.trim() === '') return null
  const n = Number(text)
  return Number.isFinite(n) ? n : null
}

/** One leg as a URL parameter value: `factor,right,strike,expiry,size,iv`. */
export function formatLegParam(leg: DashboardLeg): string {
  return [leg.riskFactor, leg.right, leg.strike, leg.expiry, leg.size, leg.impliedVolatility].join(',')
}

/** Reads `formatLegParam`'s text (the expiry may be a bare date: 08:00 UTC); null when a part is missing or not a number. */
export function parseLegParam(text: string): DashboardLeg | null {
  const [riskFactor, right, strike, expiry, size, iv] = text.split(',').map((p) => p.trim())
  const numbers = [finite(strike), finite(size), finite(iv)]
  const at = toExpiry(expiry ?? '')
  if (!riskFactor || (right !== 'PUT' && right !== 'CALL') || at === null || numbers.some((n) => n === null)) return null
  const [k, n, v] = numbers as [number, number, number]
  return { riskFactor: riskFactor.toUpperCase(), right, strike: k, expiry: at, size: n, impliedVolatility: v }
}

/** The put to size as a URL parameter value: `factor,strike,expiry,iv,maxLossUsd`. */
export function formatHedgeParam(hedge: DashboardHedge): string {
  return [hedge.riskFactor, hedge.strike, hedge.expiry, hedge.impliedVolatility, hedge.maxLossUsd].join(',')
}

/** Reads `formatHedgeParam`'s text; null when a part is missing or not a number. */
export function parseHedgeParam(text: string): DashboardHedge | null {
  const [riskFactor, strike, expiry, iv, bound] = text.split(',').map((p) => p.trim())
  const numbers = [finite(strike), finite(iv), finite(bound)]
  const at = toExpiry(expiry ?? '')
  if (!riskFactor || at === null || numbers.some((n) => n === null)) return null
  const [k, v, b] = numbers as [number, number, number]
  return { riskFactor: riskFactor.toUpperCase(), strike: k, expiry: at, impliedVolatility: v, maxLossUsd: b }
}

/** The legs and the put to size a page URL carries (`leg` repeated, `hedge` once); unreadable values are dropped. */
export function optionStateOf(search: URLSearchParams): { readonly legs: DashboardLeg[]; readonly hedge: DashboardHedge | null } {
  const legs = search
    .getAll('leg')
    .map(parseLegParam)
    .filter((l): l is DashboardLeg => l !== null)
    .slice(0, MAX_DASHBOARD_LEGS)
  const hedgeText = search.get('hedge')
  return { legs, hedge: hedgeText === null ? null : parseHedgeParam(hedgeText) }
}

/** Writes the legs and the put to size into `search` (replacing what it had). */
export function writeOptionState(search: URLSearchParams, legs: readonly DashboardLeg[], hedge: DashboardHedge | null): void {
  search.delete('leg')
  for (const leg of legs) search.append('leg', formatLegParam(leg))
  if (hedge === null) search.delete('hedge')
  else search.set('hedge', formatHedgeParam(hedge))
}

/** The label a leg is sent and shown with: its place in the list (`leg 1`). */
export function legId(index: number): string {
  return `leg ${index + 1}`
}

/** The legs as `Portfolio(optionLegs:)` takes them, labelled `leg 1`, `leg 2`… (the server's errors name a leg by it). */
export function toOptionLegInputs(legs: readonly DashboardLeg[]): OptionLegInput[] {
  return legs.map((leg, i) => ({ id: legId(i), riskFactor: leg.riskFactor, right: leg.right, strike: leg.strike, expiry: leg.expiry, size: leg.size, impliedVolatility: leg.impliedVolatility }))
}

/** The put to size as `Portfolio(hedge:)` takes it. */
export function toHedgeInput(hedge: DashboardHedge): HedgeInput {
  return { riskFactor: hedge.riskFactor, strike: hedge.strike, expiry: hedge.expiry, impliedVolatility: hedge.impliedVolatility, maxLossUsd: hedge.maxLossUsd }
}
