import { z } from 'zod'
import { InvalidArgumentError } from '../errors/index.js'

/**
 * Bounds of the numbers a caller may send the engine (a request's arguments,
 * RISK_PROFILE_FILE), as zod schemas checked where the input enters, so
 * nothing out of range reaches the engine: no move or volatility so large
 * that a price overflows to Infinity or a statistic to NaN. What needs the
 * engine's state (an unknown chain id or venue, a factor given twice, a
 * correlation matrix that is not positive definite) is checked by the engine.
 */

/** Largest relative price move accepted: +10,000% (a factor's price × 101); the liquidation searches span −100% … +1,000%. */
export const MAX_MOVE = 100
/** Largest annualized volatility accepted: 2,000% a year (the most volatile listed tokens run a few hundred percent). */
export const MAX_ANNUALIZED_VOL = 20
/** Longest horizon of the statistical views, days. */
export const MAX_HORIZON_DAYS = 365
/** Risk factor names are short symbols (`ETH`, `WSTETH_ETH`). */
export const MAX_FACTOR_NAME = 32
/** Moves one scenario (or one what-if) may name, and scan ranges one request may set. */
export const MAX_MOVES = 50
/** Factors one risk profile may hold. */
export const MAX_PROFILE_FACTORS = 32

/** A finite number in [min, max] (or (min, max] with `open.min`), with a message that says the range and what was sent. */
export function bounded(min: number, max: number, range: string, open: { readonly min?: boolean } = {}) {
  return z.number().refine((x) => Number.isFinite(x) && (open.min ? x > min : x >= min) && x <= max, {
    error: (issue) => `must be ${range}, got ${String(issue.input)}.`,
  })
}

/** An integer in [min, max]. */
export function integer(min: number, max: number) {
  return z.number().refine((x) => Number.isInteger(x) && x >= min && x <= max, {
    error: (issue) => `must be an integer from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}, got ${String(issue.input)}.`,
  })
}

/** A list of at most `max` entries. */
export function list<T extends z.ZodType>(item: T, max: number, unit = '') {
  return z.array(item).max(max, { error: `at most ${max.toLocaleString('en-US')}${unit}.` })
}

/** A risk factor name. */
export const factorName = z.string().max(MAX_FACTOR_NAME, { error: `risk factor names are at most ${MAX_FACTOR_NAME} characters.` })

/** A relative price move of one factor: −1 (−100%) … MAX_MOVE. */
export const factorMoveInput = z.object({
  riskFactor: factorName,
  move: bounded(-1, MAX_MOVE, `a number from −1 (−100%) to ${MAX_MOVE} (+${(MAX_MOVE * 100).toLocaleString('en-US')}%)`),
})

/** A relative shift of one factor's implied volatility: above −1 (vol × 0 would not price), at most MAX_MOVE. */
export const volatilityShiftInput = z.object({
  riskFactor: factorName,
  move: bounded(-1, MAX_MOVE, `a number above −1 (−100%) up to ${MAX_MOVE}`, { min: true }),
})

/** A SPAN scan range of one factor, a fraction in (0, 1]. */
export const scanRangeInput = z.object({ riskFactor: factorName, scanRange: bounded(0, 1, 'in (0, 1] (0.1 = ±10%)', { min: true }) })

/** A horizon in days, (0, MAX_HORIZON_DAYS]. */
export const horizonDaysInput = bounded(0, MAX_HORIZON_DAYS, `in (0, ${MAX_HORIZON_DAYS}] days`, { min: true })

/** A risk profile as a caller sends it: 1–32 factors with annualized vols in (0, MAX_ANNUALIZED_VOL], correlations in [−1, 1]. */
export const riskProfileInput = z.object({
  factors: z
    .array(
      z.object({
        riskFactor: factorName,
        annualizedVol: bounded(0, MAX_ANNUALIZED_VOL, `a positive number up to ${MAX_ANNUALIZED_VOL} (${(MAX_ANNUALIZED_VOL * 100).toLocaleString('en-US')}% a year)`, { min: true }),
      }),
    )
    .min(1, { error: `give 1 to ${MAX_PROFILE_FACTORS} factors.` })
    .max(MAX_PROFILE_FACTORS, { error: `give 1 to ${MAX_PROFILE_FACTORS} factors.` }),
  correlations: list(z.object({ a: factorName, b: factorName, rho: bounded(-1, 1, 'in [−1, 1]') }), (MAX_PROFILE_FACTORS * (MAX_PROFILE_FACTORS - 1)) / 2).nullish(),
})

/** Option legs one request may send. */
export const MAX_OPTION_LEGS = 20
/** Largest strike, forward or spot accepted for an option leg, USD per unit. */
export const MAX_OPTION_PRICE = 1e12
/** Largest |size| of an option leg, units of the underlying. */
export const MAX_OPTION_SIZE = 1e9

const optionPrice = bounded(0, MAX_OPTION_PRICE, `a positive USD price up to ${MAX_OPTION_PRICE.toExponential(0)}`, { min: true })
const impliedVolatility = bounded(0, MAX_ANNUALIZED_VOL, `a positive annualized fraction up to ${MAX_ANNUALIZED_VOL} (0.6 = 60%)`, { min: true })

/**
 * An option leg as a caller sends it (services/options/resolveOptionLegs.ts
 * checks what needs the clock and the wallet: the expiry against the
 * valuation time, a price for the underlying). Strike and forward in USD per
 * unit, size in signed units, volatilities annualized fractions.
 */
export const optionLegInput = z
  .object({
    id: z.string().min(1, { error: 'must be 1 to 40 characters.' }).max(40, { error: 'must be 1 to 40 characters.' }).nullish(),
    riskFactor: factorName,
    strike: optionPrice,
    expiry: z.string().max(40, { error: 'must be an ISO-8601 date-time, e.g. 2027-03-26T08:00:00Z.' }),
    size: bounded(-MAX_OPTION_SIZE, MAX_OPTION_SIZE, `a nonzero number of units from −${MAX_OPTION_SIZE.toExponential(0)} to ${MAX_OPTION_SIZE.toExponential(0)}`).refine((x) => x !== 0, { error: 'must be nonzero (+ long, − short).' }),
    impliedVolatility: impliedVolatility.nullish(),
    smile: z
      .array(z.object({ strike: optionPrice, impliedVolatility }))
      .min(2, { error: 'give 2 to 20 points.' })
      .max(20, { error: 'give 2 to 20 points.' })
      .refine((points) => points.every((p, i) => i === 0 || p.strike > points[i - 1]!.strike), { error: 'strikes must be strictly ascending.' })
      .nullish(),
    forward: optionPrice.nullish(),
    rate: bounded(-1, 1, 'in [−1, 1] (a continuously compounded rate per year)').nullish(),
  })
  .refine((leg) => (leg.impliedVolatility == null) !== (leg.smile == null), { error: 'give impliedVolatility or smile (one of them).', path: ['impliedVolatility'] })

/** A protective put to size: strike USD, expiry ISO-8601, volatility an annualized fraction, the loss bound USD. */
export const hedgeInput = z.object({
  riskFactor: factorName,
  strike: optionPrice,
  expiry: z.string().max(40, { error: 'must be an ISO-8601 date-time, e.g. 2027-03-26T08:00:00Z.' }),
  impliedVolatility,
  maxLossUsd: bounded(0, 1e15, 'a USD amount from 0 to 1e15'),
  rate: bounded(-1, 1, 'in [−1, 1] (a continuously compounded rate per year)').nullish(),
})

/** SPAN parameter overrides: volatility scan ranges (relative shifts), short option minimum rates, the extreme-move pair. */
export const portfolioMarginInput = z.object({
  volatilityScanRanges: list(z.object({ riskFactor: factorName, up: bounded(0, 10, 'a fraction in [0, 10]'), down: bounded(0, 0.99, 'a fraction in [0, 0.99]') }), MAX_MOVES).nullish(),
  shortOptionMinimumRates: list(z.object({ riskFactor: factorName, rate: bounded(0, 1, 'a fraction in [0, 1]') }), MAX_MOVES).nullish(),
  extremeMove: z.object({ multiple: bounded(0, 10, 'in (0, 10]', { min: true }), coverFraction: bounded(0, 1, 'a fraction in [0, 1]') }).nullish(),
})

/** Monte Carlo settings as a caller sends them (each optional: the defaults fill in). */
export const monteCarloInput = z.object({
  paths: integer(100, 1_000_000).nullish(),
  confidence: bounded(0.5, 0.9999, 'in [0.5, 0.9999]').nullish(),
  horizonDays: horizonDaysInput.nullish(),
  steps: integer(1, 1_000).nullish(),
  seed: integer(0, 2 ** 31 - 1).nullish(),
  degreesOfFreedom: bounded(2, 1_000, 'in (2, 1000] (the variance is infinite for ν ≤ 2)', { min: true }).nullish(),
  // relative, σ·(1 + shock): positive above −1, at most σ × 11
  volatilityShock: bounded(-1, 10, 'a relative shock above −1 (−100%) and at most 10 (+1,000%)', { min: true }).nullish(),
})

/**
 * Checks `input` against `schema` and returns it unchanged (the schemas only
 * bound values, they do not transform them).
 * @throws InvalidArgumentError naming the first value out of bounds by its
 *   path from `root`: list entries by their `riskFactor` where they have one
 *   (`scenarios[0].moves[ETH].move`), option legs by their `id`
 *   (`optionLegs[my-put].strike`), else by index.
 */
export function checkInput<T>(schema: z.ZodType, input: T, root = ''): T {
  const parsed = schema.safeParse(input)
  if (parsed.success) return input
  const issue = parsed.error.issues[0]!
  throw new InvalidArgumentError(inputPath(input, issue.path, root) || 'input', issue.message)
}

/** `root.a.b[0].c`, with a list entry named by its `riskFactor` when it has one. */
function inputPath(input: unknown, path: readonly PropertyKey[], root: string): string {
  let out = root
  let node: unknown = input
  for (const key of path) {
    const next = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined
    if (typeof key === 'number') {
      const entry = next !== null && typeof next === 'object' ? (next as { riskFactor?: unknown; id?: unknown; right?: unknown }) : undefined
      // an option leg is named by its label, or its index: several legs may share a risk factor
      const name = entry !== undefined && 'right' in entry ? entry.id : entry?.riskFactor
      out += typeof name === 'string' && name.length > 0 ? `[${name.slice(0, MAX_FACTOR_NAME)}]` : `[${key}]`
    } else {
      out += out === '' ? String(key) : `.${String(key)}`
    }
    node = next
  }
  return out
}
